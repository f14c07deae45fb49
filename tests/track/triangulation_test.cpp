#include "track/triangulation.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dewline::track
