// The starting track's speed-class mixture (track/init_mixture.hpp): how far apart its classes
// are, which decides when the IMM takes over.
#include "track/init_mixture.hpp"

#include <gtest/gtest.h>

#include "track/tracker_config.hpp"

namespace dewline::track {
namespace {

InitMixture two_classes(const Vec3& v0, const Vec3& v1, double sigma_mps) {
  InitMixture m;
  m.count = 2;
  m.w = {0.5, 0.5};
  m.refresh_log_weights();
  for (std::size_t c = 0; c < 2; ++c) {
    m.comp[c].P = StateCov::Identity() * sigma_mps * sigma_mps;
  }
  m.comp[0].x.segment<3>(3) = v0;
  m.comp[1].x.segment<3>(3) = v1;
  return m;
}

TEST(InitMixture, VelocitySpreadRatioIsTheCovarianceInflationOfMomentMatching) {
  // Means 2 m/s apart in x, 1 m/s variance per axis: between = 0.5 * 1 + 0.5 * 1 = 1 (m/s)^2,
  // within = 3 (m/s)^2.
  const InitMixture m = two_classes(Vec3{10, 0, 0}, Vec3{12, 0, 0}, 1.0);
  EXPECT_NEAR(m.velocity_spread_ratio(), 1.0 / 3.0, 1e-12);
  const Gaussian g = m.combined();
  const double inflation = g.P.block<3, 3>(3, 3).trace() / 3.0 - 1.0;
  EXPECT_NEAR(inflation, m.velocity_spread_ratio(), 1e-12);
}

TEST(InitMixture, ClassesThatAgreeHaveNoSpreadAndOneClassHasNone) {
  EXPECT_NEAR(two_classes(Vec3{5, 5, 0}, Vec3{5, 5, 0}, 3.0).velocity_spread_ratio(), 0.0, 1e-15);
  const InitMixture fresh = make_init_mixture(Vec3{100, 200, 50}, Mat3::Identity() * 25.0,
                                              TrackerConfig::defaults().velocity_prior);
  // A new track's classes share a zero mean: they differ in spread, not in velocity, and a single
  // plot never collapses anything (the check runs on updates only).
  EXPECT_NEAR(fresh.velocity_spread_ratio(), 0.0, 1e-15);
  InitMixture one = fresh;
  one.count = 1;
  EXPECT_EQ(one.velocity_spread_ratio(), 0.0);
}

}  // namespace
}  // namespace dewline::track
