#include "track/kalman.hpp"

#include <gtest/gtest.h>

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
