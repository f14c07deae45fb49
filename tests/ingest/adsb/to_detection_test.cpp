#include "ingest/adsb/to_detection.hpp"

#include <gtest/gtest.h>

#include "core/angles.hpp"
#include "ingest/adsb/aircraft_table.hpp"
#include "ingest/adsb/crc.hpp"
#include "ingest/adsb/encoder.hpp"
#include "ingest/adsb/mode_s_decoder.hpp"

namespace dewline::ingest::adsb {
namespace {

constexpr std::uint32_t kIcao = 0x4CA123;

ModeSMessage decoded(const MessageBytes& b) {
  ModeSMessage m;
  EXPECT_TRUE(decode_mode_s(std::span<const std::uint8_t>(b.data(), 14), m).has_value());
  return m;
}

MessageBytes op_status(std::uint32_t icao, std::uint8_t nac_p) {
  MessageBytes m{};
  set_bits(m, 1, 5, 17);
  set_bits(m, 6, 8, 5);
  set_bits(m, 9, 32, icao);
  set_me_bits(m, 1, 5, 31);
  set_me_bits(m, 41, 43, 2);  // version 2
  set_me_bits(m, 45, 48, nac_p);
  set_mode_s_parity(m, 14);
  return m;
}

struct Fixture {
  AircraftTable table;
  AircraftReport report;
  // Feeds a velocity, then an even/odd position pair at lat/lon; the report is the odd one's.
  void fly(double lat, double lon, double alt_ft, std::optional<double> gmb_ft = {}) {
    table.update(decoded(encode_airborne_velocity({.icao = kIcao, .v_east_kt = 300,
                                                   .v_north_kt = 400, .vertical_rate_fpm = -1024,
                                                   .geo_minus_baro_ft = gmb_ft, .nac_v = 2})),
                 Time::from_seconds(9.0), 200, report);
    table.update(decoded(encode_airborne_position(
                     {.icao = kIcao, .lat_deg = lat, .lon_deg = lon, .altitude_ft = alt_ft},
                     false)),
                 Time::from_seconds(9.5), 200, report);
    table.update(decoded(encode_airborne_position(
                     {.icao = kIcao, .lat_deg = lat, .lon_deg = lon, .altitude_ft = alt_ft},
                     true)),
                 Time::from_seconds(10.0), 200, report);
  }
};

TEST(AdsbToDetection, PositionInTheSiteFrameWithBaroApproximation) {
  const EnuFrame site(Geodetic{47.0, 8.0, 400.0});
  Fixture f;
  f.fly(47.05, 8.02, 5000.0);
  ASSERT_TRUE(f.report.new_position);
  const auto d = to_detection(f.report, site, AdsbDetectionConfig{.sensor = SensorId{7}});
  ASSERT_TRUE(d.has_value());
  const auto& pm = std::get<PositionMeasurement>(d->measurement);
  const Vec3 expected = site.to_enu(Geodetic{f.report.aircraft.position->lat_deg,
                                             f.report.aircraft.position->lon_deg, 5000 * 0.3048});
  EXPECT_NEAR((pm.position_m - expected).norm(), 0.0, 1e-6);
  EXPECT_GT(pm.position_m.y(), 5000.0);  // 0.05 deg north = 5.6 km
  // No NACp: horizontal sigma from NIC 8 (TC 11, Rc 185.2 m); vertical: the baro default.
  const double sh = 185.2 / kSigmaPer95Radius;
  EXPECT_NEAR(pm.covariance_m2.trace(), 2 * sh * sh + 100.0 * 100.0, 1.0);
  EXPECT_EQ(d->time, Time::from_seconds(10.0));
  EXPECT_EQ(d->sensor, SensorId{7});
  EXPECT_EQ(*d->identity.icao24, kIcao);
  EXPECT_EQ(*d->sensor_object_id, kIcao);
  EXPECT_NEAR(*d->snr_db, 20.0 * std::log10(200.0 / 255.0), 1e-9);
}

TEST(AdsbToDetection, VelocityFromTheVelocityMessage) {
  const EnuFrame site(Geodetic{47.0, 8.0, 400.0});
  Fixture f;
  f.fly(47.0, 8.0, 5000.0);
  const auto d = to_detection(f.report, site, AdsbDetectionConfig{});
  ASSERT_TRUE(d.has_value());
  const auto& pm = std::get<PositionMeasurement>(d->measurement);
  ASSERT_TRUE(pm.velocity_mps.has_value());
  EXPECT_NEAR(pm.velocity_mps->x(), 300 * kKnotsToMps, 0.05);  // at the origin the axes agree
  EXPECT_NEAR(pm.velocity_mps->y(), 400 * kKnotsToMps, 0.05);
  EXPECT_NEAR(pm.velocity_mps->z(), -1024 * kFpmToMps, 1e-3);
  // NACv 2: 3 m/s 95 % horizontal bound.
  EXPECT_NEAR(pm.velocity_covariance_m2ps2(0, 0), std::pow(3.0 / kSigmaPer95Radius, 2), 1e-3);
  // Too old a velocity is left out.
  AircraftReport late = f.report;
  late.time = Time::from_seconds(20.0);
  const auto d2 = to_detection(late, site, AdsbDetectionConfig{});
  EXPECT_FALSE(std::get<PositionMeasurement>(d2->measurement).velocity_mps.has_value());
}

TEST(AdsbToDetection, GeoMinusBaroGivesGeometricHeightAndNacpTheSigma) {
  const EnuFrame site(Geodetic{47.0, 8.0, 400.0});
  Fixture f;
  f.table.update(decoded(op_status(kIcao, 9)), Time::from_seconds(1.0), std::nullopt, f.report);
  f.fly(47.0, 8.0, 5000.0, 250.0);
  const auto h = estimate_height(f.report, AdsbDetectionConfig{});
  ASSERT_TRUE(h.has_value());
  EXPECT_TRUE(h->geometric);
  EXPECT_NEAR(h->height_m, (5000 + 250) * 0.3048, 1e-9);
  EXPECT_DOUBLE_EQ(h->sigma_m, 15.0);
  EXPECT_NEAR(horizontal_sigma_m(f.report.aircraft, AdsbDetectionConfig{}),
              30.0 / kSigmaPer95Radius, 1e-12);
  const auto d = to_detection(f.report, site, AdsbDetectionConfig{});
  const auto& pm = std::get<PositionMeasurement>(d->measurement);
  EXPECT_NEAR(pm.position_m.z(), (5250 * 0.3048) - 400.0, 1.0);  // above the site at the origin
  const double sh = 30.0 / kSigmaPer95Radius;
  EXPECT_NEAR(pm.covariance_m2(0, 0), sh * sh, 1e-6);
  EXPECT_NEAR(pm.covariance_m2(2, 2), 15.0 * 15.0, 1e-6);
}

TEST(AdsbToDetection, IdentityCarriesCallsignAndSquawk) {
  const EnuFrame site(Geodetic{47.0, 8.0, 400.0});
  Fixture f;
  f.table.update(decoded(encode_identification(kIcao, "SWR123")), Time::from_seconds(1.0),
                 std::nullopt, f.report);
  f.fly(47.0, 8.0, 5000.0);
  const auto d = to_detection(f.report, site, AdsbDetectionConfig{});
  EXPECT_EQ(d->identity.callsign, "SWR123");
  EXPECT_FALSE(d->identity.mode3a.has_value());
}

TEST(AdsbToDetection, NoPositionNoDetection) {
  const EnuFrame site;
  AircraftReport r;
  r.aircraft.altitude_baro_ft = 1000;
  EXPECT_FALSE(to_detection(r, site, AdsbDetectionConfig{}).has_value());
  r.new_position = true;  // flagged but no position: still nothing
  EXPECT_FALSE(to_detection(r, site, AdsbDetectionConfig{}).has_value());
  r.aircraft.position = LatLon{1.0, 1.0};
  r.aircraft.altitude_baro_ft.reset();  // no altitude at all
  EXPECT_FALSE(to_detection(r, site, AdsbDetectionConfig{}).has_value());
}

TEST(AdsbToDetection, AccuracyTables) {
  EXPECT_EQ(*nic_of(9, false, false), 11);
  EXPECT_EQ(*nic_of(11, true, true), 9);
  EXPECT_EQ(*nic_of(11, false, true), 8);
  EXPECT_FALSE(nic_of(18, false, false).has_value());
  EXPECT_DOUBLE_EQ(*nic_containment_m(8), 185.2);
  EXPECT_DOUBLE_EQ(*nac_p_epu_m(9), 30.0);
  EXPECT_FALSE(nac_p_epu_m(0).has_value());
  EXPECT_DOUBLE_EQ(*nac_v_bound_mps(1), 10.0);
}

}  // namespace
}  // namespace dewline::ingest::adsb
