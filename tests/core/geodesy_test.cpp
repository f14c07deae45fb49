#include "core/geodesy.hpp"

#include <gtest/gtest.h>

#include "core/angles.hpp"

namespace dewline {
namespace {

TEST(Geodesy, RoundTripsThroughEnu) {
  const EnuFrame site(Geodetic{47.3769, 8.5417, 408.0});
  const Geodetic g{47.40, 8.60, 1200.0};
  const Vec3 enu = site.to_enu(g);
  const Geodetic back = site.to_geodetic(enu);
  EXPECT_NEAR(back.lat_deg, g.lat_deg, 1e-10);
  EXPECT_NEAR(back.lon_deg, g.lon_deg, 1e-10);
  EXPECT_NEAR(back.alt_m, g.alt_m, 1e-6);
}

TEST(Geodesy, EnuAxesPointEastNorthUp) {
  const EnuFrame site(Geodetic{0.0, 0.0, 0.0});
  // 0.01 degree of longitude at the equator is about 1113.2 m east.
  const Vec3 e = site.to_enu(Geodetic{0.0, 0.01, 0.0});
  EXPECT_NEAR(e.x(), 1113.19, 0.01);
  EXPECT_NEAR(e.y(), 0.0, 1e-6);
  const Vec3 n = site.to_enu(Geodetic{0.01, 0.0, 0.0});
  EXPECT_GT(n.y(), 1100.0);
  EXPECT_NEAR(n.x(), 0.0, 1e-6);
  const Vec3 u = site.to_enu(Geodetic{0.0, 0.0, 100.0});
  EXPECT_NEAR(u.z(), 100.0, 1e-6);
}

TEST(Geodesy, EcefOfKnownPoint) {
  // WGS84 equator / prime meridian: x = semi-major axis.
  const Vec3 p = geodetic_to_ecef(Geodetic{0.0, 0.0, 0.0});
  EXPECT_NEAR(p.x(), 6378137.0, 1e-6);
  const Geodetic g = ecef_to_geodetic(p);
  EXPECT_NEAR(g.lat_deg, 0.0, 1e-12);
}

TEST(Geodesy, RotationFromLocalIsSmallNearOrigin) {
  const EnuFrame site(Geodetic{51.0, 0.0, 0.0});
  // 60 km east the local north turns by about sin(lat) * dlon = 0.66 degree.
  const Geodetic far{51.0, 0.857, 0.0};
  const Vec3 north_there = site.rotate_from_local(far, Vec3{0, 1, 0});
  const double angle_deg = std::atan2(-north_there.x(), north_there.y()) * kRadToDeg;
  EXPECT_NEAR(std::abs(angle_deg), 0.857 * std::sin(51.0 * kDegToRad), 0.01);
}

TEST(Angles, CompassAndAzimuthConvert) {
  EXPECT_NEAR(compass_deg_to_azimuth(0.0), kPi / 2, 1e-12);   // north
  EXPECT_NEAR(compass_deg_to_azimuth(90.0), 0.0, 1e-12);      // east
  EXPECT_NEAR(azimuth_to_compass_deg(kPi), 270.0, 1e-9);      // west
  const Vec3 d = polar_to_enu(100.0, 0.3, 0.1);
  const Polar p = enu_to_polar(d);
  EXPECT_NEAR(p.range_m, 100.0, 1e-9);
  EXPECT_NEAR(p.azimuth_rad, 0.3, 1e-12);
  EXPECT_NEAR(p.elevation_rad, 0.1, 1e-12);
  EXPECT_NEAR(wrap_pi(3 * kPi), -kPi, 1e-12);
}

}  // namespace
}  // namespace dewline
