#include "track/imm.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "track/tracker_config.hpp"

namespace dewline::track {
namespace {

MeasurementModel position_at(const Vec3& p, double sigma) {
  Detection d;
  PositionMeasurement m;
  m.position_m = p;
  m.covariance_m2 = Mat3::Identity() * sigma * sigma;
  d.measurement = m;
  return make_measurement_model(d);
}

// A target flying a 6 deg/s turn at 20 m/s, measured every second.
Vec3 turning_truth(double t) {
  const double w = 6.0 * 3.141592653589793 / 180.0;
  const double r = 20.0 / w;
  return Vec3{r * std::sin(w * t), r * (1.0 - std::cos(w * t)), 100.0};
}

TEST(Imm, ModelProbabilitiesFollowTheManoeuvre) {
  Imm imm(TrackerConfig::defaults().imm);
  Gaussian g;
  g.x.setZero();
  g.x(2) = 100;
  g.x(3) = 20;
  g.P = StateCov::Identity() * 10.0;
  g.P(6, 6) = 0.01;
  ImmState s = imm.init(g);
  double err_sum = 0.0;
  for (int k = 1; k <= 40; ++k) {
    imm.predict(s, 1.0);
    imm.update(s, position_at(turning_truth(k), 3.0), UpdateMethod::Ekf);
    if (k > 20) {
      err_sum += (s.combined().x.head<3>() - turning_truth(k)).norm();
    }
  }
  // The quiet CV model must have lost to the turning / manoeuvre models.
  EXPECT_LT(s.mu[0], 0.5);
  EXPECT_LT(err_sum / 20.0, 6.0);
  double sum = 0.0;
  for (std::size_t j = 0; j < s.count; ++j) {
    sum += s.mu[j];
  }
  EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(Imm, QuietTargetStaysInTheQuietModel) {
  Imm imm(TrackerConfig::defaults().imm);
  Gaussian g;
  g.x.setZero();
  g.x(3) = 15;
  g.P = StateCov::Identity() * 10.0;
  ImmState s = imm.init(g);
  for (int k = 1; k <= 40; ++k) {
    imm.predict(s, 1.0);
    imm.update(s, position_at(Vec3{15.0 * k, 0, 0}, 3.0), UpdateMethod::Ekf);
  }
  EXPECT_GT(s.mu[0], 0.6);
}

TEST(Imm, CombinedIsTheMixtureMoments) {
  ImmState s;
  s.count = 2;
  s.model[0].x.setZero();
  s.model[1].x.setZero();
  s.model[1].x(0) = 10;
  s.model[0].P = StateCov::Identity();
  s.model[1].P = StateCov::Identity();
  s.mu = {0.5, 0.5, 0.0};
  const Gaussian c = s.combined();
  EXPECT_DOUBLE_EQ(c.x(0), 5.0);
  EXPECT_DOUBLE_EQ(c.P(0, 0), 1.0 + 25.0);
}

}  // namespace
}  // namespace dewline::track
