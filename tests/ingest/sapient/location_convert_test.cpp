// Tests of SAPIENT location conversions against GeographicLib and known points: lat/lng in
// degrees and radians, UTM with zone letters, geoid heights, errors in coordinate units, and
// range/bearing in every unit and datum.
#include <gtest/gtest.h>

#include <GeographicLib/UTMUPS.hpp>

#include "core/angles.hpp"
#include "ingest/sapient/location_convert.hpp"

namespace dewline::ingest::sapient {
namespace {

const Geodetic kSite{51.17, -1.82, 100.0};

sapient_pb::Location lat_lng(double lat, double lon, double alt) {
  sapient_pb::Location l;
  l.set_x(lon);
  l.set_y(lat);
  l.set_z(alt);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  return l;
}

TEST(UtmZone, ReadsHemisphereAndBandLetters) {
  EXPECT_EQ(parse_utm_zone("30U", true)->zone, 30);
  EXPECT_TRUE(parse_utm_zone("30U", true)->north);
  EXPECT_TRUE(parse_utm_zone("30N", false)->north);
  EXPECT_FALSE(parse_utm_zone("33H", true)->north);  // band H: 32-24 S
  EXPECT_TRUE(parse_utm_zone("31S", true)->north);   // band S at a northern site
  EXPECT_FALSE(parse_utm_zone("31S", false)->north);  // southern hemisphere at a southern site
  EXPECT_FALSE(parse_utm_zone("18 south", true)->north);
  EXPECT_FALSE(parse_utm_zone("61N", true).has_value());
  EXPECT_FALSE(parse_utm_zone("30I", true).has_value());
  EXPECT_FALSE(parse_utm_zone("N30", true).has_value());
}

TEST(LocationConvert, LatLngDegreesLandsWhereTheSiteFrameSays) {
  const EnuFrame site(kSite);
  const auto r = convert_location(lat_lng(51.18, -1.81, 250.0), site, {}, std::nullopt, 0.0);
  ASSERT_TRUE(r.has_value()) << r.error();
  const Vec3 want = site.to_enu(Geodetic{51.18, -1.81, 250.0});
  EXPECT_NEAR((r->enu_m - want).norm(), 0.0, 1e-6);
  // About 1.11 km north and 0.70 km east of the site.
  EXPECT_NEAR(r->enu_m.y(), 1112.0, 5.0);
  EXPECT_NEAR(r->enu_m.x(), 699.0, 5.0);
}

TEST(LocationConvert, LatLngRadiansEqualsDegrees) {
  const EnuFrame site(kSite);
  auto rad = lat_lng(51.18 * kDegToRad, -1.81 * kDegToRad, 250.0);
  rad.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_RAD_M);
  const auto a = convert_location(rad, site, {}, std::nullopt, 0.0);
  const auto b = convert_location(lat_lng(51.18, -1.81, 250.0), site, {}, std::nullopt, 0.0);
  ASSERT_TRUE(a && b);
  EXPECT_NEAR((a->enu_m - b->enu_m).norm(), 0.0, 1e-6);
}

TEST(LocationConvert, ErrorsInDegreesBecomeMetres) {
  const EnuFrame site(kSite);
  auto l = lat_lng(51.17, -1.82, 100.0);
  l.set_y_error(1.0 / 3600.0);  // one arc-second of latitude: ~30.9 m
  l.set_x_error(1.0 / 3600.0);  // one arc-second of longitude at 51.17 N: ~19.4 m
  l.set_z_error(4.0);
  const auto r = convert_location(l, site, {}, std::nullopt, 0.0);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(std::sqrt(r->covariance_m2(1, 1)), 30.9, 0.2);
  EXPECT_NEAR(std::sqrt(r->covariance_m2(0, 0)), 19.4, 0.2);
  EXPECT_NEAR(std::sqrt(r->covariance_m2(2, 2)), 4.0, 1e-9);
}

TEST(LocationConvert, GeoidHeightsAddTheUndulation) {
  const EnuFrame site(kSite);
  auto l = lat_lng(51.17, -1.82, 100.0);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_G);
  ConversionSettings s;
  s.geoid_undulation_m = 47.5;
  const auto r = convert_location(l, site, s, std::nullopt, 0.0);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->geodetic.alt_m, 147.5, 1e-9);
  EXPECT_NEAR(r->enu_m.z(), 47.5, 1e-3);
}

TEST(LocationConvert, UtmAtTheCentralMeridianOnTheEquator) {
  // Known point: zone 31 N, easting 500 000 m, northing 0 m is 0 N, 3 E.
  const EnuFrame site(Geodetic{0.0, 3.0, 0.0});
  sapient_pb::Location l;
  l.set_x(500000.0);
  l.set_y(0.0);
  l.set_z(0.0);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_UTM_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  l.set_utm_zone("31N");
  const auto r = convert_location(l, site, {}, std::nullopt, 0.0);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_NEAR(r->geodetic.lat_deg, 0.0, 1e-9);
  EXPECT_NEAR(r->geodetic.lon_deg, 3.0, 1e-9);
}

TEST(LocationConvert, UtmMatchesGeographicLibAndRotatesGridErrors) {
  const EnuFrame site(kSite);
  const Geodetic p{51.19, -1.75, 150.0};
  int zone = 0;
  bool north = true;
  double x = 0.0;
  double y = 0.0;
  double gamma = 0.0;
  double k = 0.0;
  GeographicLib::UTMUPS::Forward(p.lat_deg, p.lon_deg, zone, north, x, y, gamma, k);
  ASSERT_EQ(zone, 30);
  sapient_pb::Location l;
  l.set_x(x);
  l.set_y(y);
  l.set_z(p.alt_m);
  l.set_x_error(30.0);
  l.set_y_error(1.0);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_UTM_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  l.set_utm_zone("30U");
  const auto r = convert_location(l, site, {}, std::nullopt, 0.0);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_NEAR((r->enu_m - site.to_enu(p)).norm(), 0.0, 1e-3);
  // Grid east is rotated from true east by the convergence (about 0.98 degrees here): the
  // covariance gains an east-north term, and its east variance stays ~ (30 / k)^2.
  EXPECT_NEAR(std::sqrt(r->covariance_m2(0, 0)), 30.0 / k, 0.05);
  EXPECT_GT(std::abs(r->covariance_m2(0, 1)), 5.0);
  // Without utm_zone the fallback zone is used.
  l.clear_utm_zone();
  const auto r2 = convert_location(l, site, {}, UtmZone{30, true}, 0.0);
  ASSERT_TRUE(r2.has_value());
  EXPECT_NEAR((r2->enu_m - r->enu_m).norm(), 0.0, 1e-9);
  EXPECT_FALSE(convert_location(l, site, {}, std::nullopt, 0.0).has_value());
}

TEST(LocationConvert, RejectsPositionsFarFromTheSite) {
  const EnuFrame site(kSite);
  // The standard's sample messages put latitude/longitude values into a UTM location: an
  // easting of 51 m and a northing of -1.8 m, thousands of km from any site in zone 30U.
  sapient_pb::Location l;
  l.set_x(51.1739726374);
  l.set_y(-1.82237671048);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_UTM_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  l.set_utm_zone("30U");
  const auto r = convert_location(l, site, {}, std::nullopt, 0.0);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().find("km from the site"), std::string::npos) << r.error();
  l.set_x(-5.0);
  EXPECT_NE(convert_location(l, site, {}, std::nullopt, 0.0).error().find("out of range"),
            std::string::npos);
}

TEST(LocationConvert, MissingAltitudeUsesTheFallbackWithALargeSigma) {
  const EnuFrame site(kSite);
  auto l = lat_lng(51.17, -1.82, 0.0);
  l.clear_z();
  ConversionSettings s;
  s.missing_altitude_sigma_m = 250.0;
  const auto r = convert_location(l, site, s, std::nullopt, 180.0);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->has_altitude);
  EXPECT_NEAR(r->geodetic.alt_m, 180.0, 1e-9);
  EXPECT_NEAR(std::sqrt(r->covariance_m2(2, 2)), 250.0, 1e-6);
}

sapient_pb::RangeBearing rb(double az, std::optional<double> el, std::optional<double> range,
                            sapient_pb::RangeBearingCoordinateSystem cs,
                            sapient_pb::RangeBearingDatum datum) {
  sapient_pb::RangeBearing r;
  r.set_azimuth(az);
  if (el) {
    r.set_elevation(*el);
  }
  if (range) {
    r.set_range(*range);
  }
  r.set_coordinate_system(cs);
  r.set_datum(datum);
  return r;
}

TEST(RangeBearingConvert, CompassBearingsBecomeAzimuthFromEast) {
  const EnuFrame site(kSite);
  SensorPose pose;
  pose.geodetic = kSite;
  const auto m = convert_range_bearing(
      rb(90.0, 10.0, 2000.0, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M,
         sapient_pb::RANGE_BEARING_DATUM_TRUE),
      pose, site, {});
  ASSERT_TRUE(m.has_value()) << m.error();
  const auto& p = std::get<PolarMeasurement>(*m);
  EXPECT_NEAR(p.azimuth_rad, 0.0, 1e-9);  // due East
  EXPECT_NEAR(*p.elevation_rad, 10.0 * kDegToRad, 1e-9);
  EXPECT_NEAR(p.range_m, 2000.0, 1e-9);

  const auto north = convert_range_bearing(
      rb(0.0, std::nullopt, std::nullopt, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_KM,
         sapient_pb::RANGE_BEARING_DATUM_TRUE),
      pose, site, {});
  ASSERT_TRUE(north.has_value());
  const auto& b = std::get<BearingMeasurement>(*north);
  EXPECT_NEAR(b.azimuth_rad, kPi / 2.0, 1e-9);  // due North
  EXPECT_FALSE(b.elevation_rad.has_value());
}

TEST(RangeBearingConvert, KilometresAndRadians) {
  const EnuFrame site(kSite);
  SensorPose pose;
  pose.geodetic = kSite;
  auto r = rb(kPi, 0.1, 1.5, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_KM,
              sapient_pb::RANGE_BEARING_DATUM_TRUE);
  r.set_range_error(0.01);
  r.set_azimuth_error(0.002);
  const auto m = convert_range_bearing(r, pose, site, {});
  ASSERT_TRUE(m.has_value());
  const auto& p = std::get<PolarMeasurement>(*m);
  EXPECT_NEAR(p.range_m, 1500.0, 1e-9);
  EXPECT_NEAR(p.sigma_range_m, 10.0, 1e-9);
  EXPECT_NEAR(p.sigma_azimuth_rad, 0.002, 1e-12);
  EXPECT_NEAR(p.azimuth_rad, -kPi / 2.0, 1e-9);  // due South
  EXPECT_NEAR(*p.elevation_rad, 0.1, 1e-9);
}

TEST(RangeBearingConvert, MagneticGridAndPlatformNorths) {
  const EnuFrame site(kSite);
  SensorPose pose;
  pose.geodetic = kSite;
  const auto mag = rb(80.0, std::nullopt, 100.0, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M,
                      sapient_pb::RANGE_BEARING_DATUM_MAGNETIC);
  EXPECT_FALSE(convert_range_bearing(mag, pose, site, {}).has_value());  // declination unknown
  pose.magnetic_declination_deg = 10.0;
  auto m = convert_range_bearing(mag, pose, site, {});
  ASSERT_TRUE(m.has_value());
  EXPECT_NEAR(std::get<PolarMeasurement>(*m).azimuth_rad, 0.0, 1e-9);

  // Grid north at the site is the meridian convergence (GeographicLib) east of true north.
  int zone = 0;
  bool north = true;
  double x = 0.0;
  double y = 0.0;
  double gamma = 0.0;
  double k = 0.0;
  GeographicLib::UTMUPS::Forward(kSite.lat_deg, kSite.lon_deg, zone, north, x, y, gamma, k);
  EXPECT_NEAR(grid_convergence_deg(kSite), gamma, 1e-12);
  m = convert_range_bearing(rb(90.0 - gamma, std::nullopt, 100.0,
                               sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M,
                               sapient_pb::RANGE_BEARING_DATUM_GRID),
                            pose, site, {});
  ASSERT_TRUE(m.has_value());
  EXPECT_NEAR(std::get<PolarMeasurement>(*m).azimuth_rad, 0.0, 1e-9);

  const auto plat = rb(45.0, std::nullopt, 100.0, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M,
                       sapient_pb::RANGE_BEARING_DATUM_PLATFORM);
  EXPECT_FALSE(convert_range_bearing(plat, pose, site, {}).has_value());
  pose.platform_heading_deg = 45.0;
  m = convert_range_bearing(plat, pose, site, {});
  ASSERT_TRUE(m.has_value());
  EXPECT_NEAR(std::get<PolarMeasurement>(*m).azimuth_rad, 0.0, 1e-9);
}

TEST(RangeBearingConvert, RotatesASensorsNorthIntoTheSiteAxes) {
  // A sensor 40 km east of the site: its true north differs from the site's by the change in
  // longitude times sin(latitude), about 0.45 degrees.
  const EnuFrame site(kSite);
  SensorPose pose;
  pose.geodetic = Geodetic{51.17, -1.82 + 40.0 / 69.8, 100.0};
  pose.enu_m = site.to_enu(pose.geodetic);
  const auto m = convert_range_bearing(
      rb(0.0, std::nullopt, 1000.0, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M,
         sapient_pb::RANGE_BEARING_DATUM_TRUE),
      pose, site, {});
  ASSERT_TRUE(m.has_value());
  const double dlon = 40.0 / 69.8 * kDegToRad;
  EXPECT_NEAR(std::get<PolarMeasurement>(*m).azimuth_rad,
              kPi / 2.0 + dlon * std::sin(kSite.lat_deg * kDegToRad), 2e-4);
}

TEST(RangeBearingConvert, NeedsAnAzimuth) {
  const EnuFrame site(kSite);
  SensorPose pose;
  pose.geodetic = kSite;
  auto r = rb(0.0, std::nullopt, 100.0, sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M,
              sapient_pb::RANGE_BEARING_DATUM_TRUE);
  r.clear_azimuth();
  const auto m = convert_range_bearing(r, pose, site, {});
  ASSERT_FALSE(m.has_value());
  EXPECT_NE(m.error().find("azimuth"), std::string::npos);
}

}  // namespace
}  // namespace dewline::ingest::sapient
