#include "track/kalman.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include <Eigen/LU>

#include "core/angles.hpp"

namespace dewline::track {
namespace {

TEST(Kalman, PositionUpdateIsTheLinearKalmanFilter) {
  Detection d;
  PositionMeasurement p;
  p.position_m = Vec3{10, 0, 0};
  p.covariance_m2 = Mat3::Identity() * 4.0;
  d.measurement = p;
  const MeasurementModel m = make_measurement_model(d);
  Gaussian g;
  g.x.setZero();
  g.P = StateCov::Identity() * 4.0;
  const Innovation in = innovate(m, g, UpdateMethod::Ekf);
  ASSERT_TRUE(in.valid);
  apply(in, g);
  // Equal prior and measurement variance: the estimate halves the way, variance halves.
  EXPECT_NEAR(g.x(0), 5.0, 1e-12);
  EXPECT_NEAR(g.P(0, 0), 2.0, 1e-12);
  EXPECT_NEAR(g.P(3, 3), 4.0, 1e-12);  // velocity untouched (no correlation)
  EXPECT_NEAR(in.mahalanobis2, 100.0 / 8.0, 1e-12);
}

TEST(Kalman, GateScoreAgreesWithInnovate) {
  Detection d;
  d.sensor_position_m = Vec3::Zero();
  PolarMeasurement p;
  p.range_m = 2000;
  p.azimuth_rad = 0.3;
  p.elevation_rad = 0.05;
  p.sigma_range_m = 5;
  p.sigma_azimuth_rad = 0.005;
  p.sigma_elevation_rad = 0.005;
  d.measurement = p;
  const MeasurementModel m = make_measurement_model(d);
  Gaussian g;
  g.x.setZero();
  g.x.head<3>() = polar_to_enu(1990, 0.31, 0.052);
  g.P = StateCov::Identity() * 100.0;
  const Innovation in = innovate(m, g, UpdateMethod::Ekf);
  const GateScore gs = gate_score(m, g);
  ASSERT_TRUE(in.valid && gs.valid);
  EXPECT_NEAR(gs.mahalanobis2, in.mahalanobis2, 1e-9);
  EXPECT_NEAR(gs.log_likelihood, in.log_likelihood, 1e-9);
}

// A covariance with every state correlated, so that a product that skipped a non-zero block would
// show.
StateCov correlated_covariance(double scale) {
  StateCov A;
  for (int r = 0; r < kStateDim; ++r) {
    for (int c = 0; c < kStateDim; ++c) {
      A(r, c) = 0.1 * static_cast<double>((r * 7 + c * 3) % 5) - 0.2;
    }
  }
  return scale * (A * A.transpose() + StateCov::Identity());
}

MeasurementModel radar_plot(std::optional<double> range_rate) {
  Detection d;
  d.sensor_position_m = Vec3{100, -50, 5};
  PolarMeasurement p;
  p.range_m = 2500;
  p.azimuth_rad = 2.9;
  p.elevation_rad = 0.04;
  p.range_rate_mps = range_rate;
  p.sigma_range_m = 5;
  p.sigma_azimuth_rad = 0.004;
  p.sigma_elevation_rad = 0.006;
  p.sigma_range_rate_mps = 0.5;
  d.measurement = p;
  return make_measurement_model(d);
}

TEST(Kalman, GateScoreAgreesWithInnovateWithAndWithoutRangeRate) {
  for (const std::optional<double> rr : {std::optional<double>{}, std::optional<double>{-4.0}}) {
    const MeasurementModel m = radar_plot(rr);
    Gaussian g;
    g.x << 100 + 2500 * std::cos(2.9) - 20, -50 + 2500 * std::sin(2.9) + 15, 105, 3, -2, 0.5, 0.01;
    g.P = correlated_covariance(30.0);
    const Innovation in = innovate(m, g, UpdateMethod::Ekf);
    const GateScore gs = gate_score(m, g);
    ASSERT_TRUE(in.valid && gs.valid);
    EXPECT_NEAR(gs.mahalanobis2, in.mahalanobis2, 1e-9 * in.mahalanobis2);
    EXPECT_NEAR(gs.log_likelihood, in.log_likelihood, 1e-9);
    // The innovation covariance in full: H P H' + R.
    const MeasJac H = m.jacobian(g.x);
    const MeasCov S = H * g.P * H.transpose() + m.R;
    EXPECT_LT((in.S - S).norm(), 1e-9 * S.norm());
  }
}

TEST(Kalman, UpdateIsTheStandardFormOnCorrelatedStates) {
  for (const std::optional<double> rr : {std::optional<double>{}, std::optional<double>{6.0}}) {
    const MeasurementModel m = radar_plot(rr);
    Gaussian g;
    g.x << 100 + 2500 * std::cos(2.9) + 30, -50 + 2500 * std::sin(2.9), 110, -5, 1, 0, 0.0;
    g.P = correlated_covariance(50.0);
    const Innovation in = innovate(m, g, UpdateMethod::Ekf);
    ASSERT_TRUE(in.valid);
    const MeasJac H = m.jacobian(g.x);
    const MeasCov S = H * g.P * H.transpose() + m.R;
    const CrossCov K = g.P * H.transpose() * S.inverse();
    const StateVec x = g.x + K * in.nu;
    const StateCov P = g.P - K * S * K.transpose();
    apply(in, g);
    EXPECT_LT((g.x - x).norm(), 1e-9 * x.norm());
    EXPECT_LT((g.P - P).norm(), 1e-9 * P.norm());
  }
}

TEST(Kalman, GateScoresOfSeveralGaussiansAreEachGaussiansScore) {
  const MeasurementModel m = radar_plot(std::nullopt);
  // A starting track's speed classes: one mean, three covariances; then another mean, and the
  // first mean again (not next to its equals).
  std::vector<Gaussian> g(5);
  for (std::size_t c = 0; c < g.size(); ++c) {
    g[c].x << 100 + 2500 * std::cos(2.9) - 40, -50 + 2500 * std::sin(2.9) + 10, 100, 0, 0, 0, 0;
    g[c].P = correlated_covariance(10.0 * static_cast<double>(c + 1));
  }
  g[3].x(0) += 25.0;
  std::vector<GateScore> out(g.size());
  gate_scores(m, g, out);
  for (std::size_t c = 0; c < g.size(); ++c) {
    const GateScore one = gate_score(m, g[c]);
    ASSERT_TRUE(out[c].valid);
    EXPECT_DOUBLE_EQ(out[c].mahalanobis2, one.mahalanobis2) << c;
    EXPECT_DOUBLE_EQ(out[c].log_likelihood, one.log_likelihood) << c;
  }
  EXPECT_NE(out[0].mahalanobis2, out[1].mahalanobis2);  // the covariances matter
}

TEST(Kalman, GateScoreBeyondTheGateHasADistanceButNoLikelihood) {
  const MeasurementModel m = radar_plot(std::nullopt);
  Gaussian g;
  g.x << 100 + 2500 * std::cos(2.9) - 200, -50 + 2500 * std::sin(2.9), 100, 0, 0, 0, 0;
  g.P = StateCov::Identity() * 25.0;
  const GateScore open = gate_score(m, g);
  const GateScore gated = gate_score(m, g, 16.0);
  ASSERT_GT(open.mahalanobis2, 16.0);
  EXPECT_TRUE(gated.valid);
  EXPECT_EQ(gated.mahalanobis2, open.mahalanobis2);
  EXPECT_EQ(gated.log_likelihood, -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isfinite(open.log_likelihood));
}

TEST(Kalman, UkfAndEkfAgreeWhenNearlyLinear) {
  Detection d;
  PolarMeasurement p;
  p.range_m = 3000;
  p.azimuth_rad = -1.0;
  p.elevation_rad = 0.1;
  p.sigma_range_m = 5;
  p.sigma_azimuth_rad = 0.003;
  p.sigma_elevation_rad = 0.003;
  d.measurement = p;
  const MeasurementModel m = make_measurement_model(d);
  Gaussian a;
  a.x.setZero();
  a.x.head<3>() = polar_to_enu(3005, -1.002, 0.1);
  a.P = StateCov::Identity() * 25.0;
  Gaussian b = a;
  apply(innovate(m, a, UpdateMethod::Ekf), a);
  apply(innovate(m, b, UpdateMethod::Ukf), b);
  EXPECT_LT((a.x - b.x).norm(), 0.05);
  EXPECT_LT((a.P - b.P).norm(), 0.05);
}

TEST(Kalman, NonPositiveInnovationCovarianceIsInvalid) {
  Detection d;
  PositionMeasurement p;
  p.covariance_m2 = Mat3::Zero();
  d.measurement = p;
  const MeasurementModel m = make_measurement_model(d);
  Gaussian g;
  g.P = StateCov::Zero();
  EXPECT_FALSE(innovate(m, g, UpdateMethod::Ekf).valid);
  EXPECT_FALSE(gate_score(m, g).valid);
}

}  // namespace
}  // namespace dewline::track
