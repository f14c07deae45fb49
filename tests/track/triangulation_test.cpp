#include "track/triangulation.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include "core/angles.hpp"

namespace dewline::track {
namespace {

Detection bearing_to(const Vec3& sensor, const Vec3& target, double sigma, bool elevation) {
  Detection d;
  d.sensor_position_m = sensor;
  const Polar p = enu_to_polar(target - sensor);
  BearingMeasurement b;
  b.azimuth_rad = p.azimuth_rad;
  b.sigma_azimuth_rad = sigma;
  if (elevation) {
    b.elevation_rad = p.elevation_rad;
    b.sigma_elevation_rad = sigma;
  }
  d.measurement = b;
  return d;
}

TEST(Triangulation, TwoBearingsFixTheTarget) {
  const Vec3 target{800, 1200, 150};
  const Detection a = bearing_to(Vec3{0, 0, 10}, target, 0.01, true);
  const Detection b = bearing_to(Vec3{1500, 0, 10}, target, 0.01, true);
  auto fix = triangulate(a, b, TriangulationParams{});
  ASSERT_TRUE(fix.has_value());
  EXPECT_LT((fix->position - target).norm(), 1e-6);
  // The covariance reflects range times angular noise: metres, not millimetres.
  EXPECT_GT(fix->covariance(0, 0) + fix->covariance(1, 1), 10.0);
  EXPECT_LT(fix->covariance(0, 0) + fix->covariance(1, 1), 1e4);
}

TEST(Triangulation, WithoutElevationUsesTheHeightPrior) {
  const Vec3 target{800, 1200, 150};
  TriangulationParams p;
  p.height_prior_m = 90;
  auto fix = triangulate(bearing_to(Vec3{0, 0, 10}, target, 0.01, false),
                         bearing_to(Vec3{1500, 0, 10}, target, 0.01, false), p);
  ASSERT_TRUE(fix.has_value());
  EXPECT_NEAR(fix->position.z(), 100.0, 1e-9);
  EXPECT_NEAR(fix->position.head<2>().x(), 800.0, 1e-6);
}

TEST(Triangulation, RefusesBadGeometry) {
  const Vec3 target{5000, 10, 100};
  // Nearly parallel lines of sight.
  EXPECT_FALSE(triangulate(bearing_to(Vec3{0, 0, 0}, target, 0.01, false),
                           bearing_to(Vec3{0, 20, 0}, target, 0.01, false), TriangulationParams{})
                   .has_value());
  // Lines that cross behind one sensor.
  Detection a = bearing_to(Vec3{0, 0, 0}, Vec3{1000, 1000, 0}, 0.01, false);
  Detection b = bearing_to(Vec3{2000, 0, 0}, Vec3{3000, -1000, 0}, 0.01, false);
  EXPECT_FALSE(triangulate(a, b, TriangulationParams{}).has_value());
  // Beyond a sensor's range.
  TriangulationParams p;
  p.max_range_a_m = 500;
  EXPECT_FALSE(triangulate(bearing_to(Vec3{0, 0, 0}, Vec3{800, 1200, 0}, 0.01, false),
                           bearing_to(Vec3{1500, 0, 0}, Vec3{800, 1200, 0}, 0.01, false), p)
                   .has_value());
}

// Two drones seen by two sensors make four crossings; a third sensor's bearing passes through
// the real ones only.
TEST(Triangulation, AThirdBearingFitsTheRealCrossingAndNotTheGhost) {
  const Vec3 s1{0, 0, 10};
  const Vec3 s2{1500, 0, 10};
  const Vec3 s3{750, -1200, 10};
  const Vec3 d1{400, 1000, 100};
  const Vec3 d2{1200, 1400, 100};
  const double sigma = 0.01;
  const auto real = triangulate(bearing_to(s1, d1, sigma, false), bearing_to(s2, d1, sigma, false),
                                TriangulationParams{});
  const auto ghost = triangulate(bearing_to(s1, d1, sigma, false), bearing_to(s2, d2, sigma, false),
                                 TriangulationParams{});
  ASSERT_TRUE(real && ghost);
  const auto through_real = bearing_fit(*real, bearing_to(s3, d1, sigma, false), 0.0);
  ASSERT_TRUE(through_real);
  EXPECT_EQ(through_real->dim, 1);
  EXPECT_LT(through_real->chi2, 1e-6);
  // The third sensor's bearings of both drones miss the ghost by many sigma.
  for (const Vec3& d : {d1, d2}) {
    const auto at_ghost = bearing_fit(*ghost, bearing_to(s3, d, sigma, false), 0.0);
    ASSERT_TRUE(at_ghost);
    EXPECT_GT(at_ghost->chi2, 50.0);
  }
  // With elevation the residual has two dimensions; motion between the bearings' times widens
  // the test.
  const auto off = bearing_to(s3, d1 + Vec3{60, 0, 0}, sigma, true);
  const auto tight = bearing_fit(*real, off, 0.0);
  const auto moving = bearing_fit(*real, off, 40.0 * 40.0);
  ASSERT_TRUE(tight && moving);
  EXPECT_EQ(tight->dim, 2);
  EXPECT_LT(moving->chi2, tight->chi2);
  // No bearing: no fit.
  Detection plot;
  plot.measurement = PositionMeasurement{};
  EXPECT_FALSE(bearing_fit(*real, plot, 0.0));
}

TEST(Triangulation, AThirdBearingRefinesTheFix) {
  const Vec3 target{800, 1200, 150};
  const Vec3 s3{750, -1200, 10};
  // The pair's bearings (direction finders, 0.6 degree) are a little off; the third sensor's (a
  // camera, 0.1 degree) is exact.
  auto fix = triangulate(bearing_to(Vec3{0, 0, 10}, target + Vec3{25, 0, 0}, 0.01, true),
                         bearing_to(Vec3{1500, 0, 10}, target + Vec3{25, 0, 0}, 0.01, true),
                         TriangulationParams{});
  ASSERT_TRUE(fix);
  const double before = (fix->position - target).head<2>().norm();
  const double trace = fix->covariance.trace();
  refine_fix(*fix, bearing_to(s3, target, 0.002, true), 0.0);
  EXPECT_LT((fix->position - target).head<2>().norm(), 0.5 * before);
  EXPECT_LT(fix->covariance.trace(), trace);
  EXPECT_GT(fix->covariance.determinant(), 0.0);
}

}  // namespace
}  // namespace dewline::track
