#include "ingest/adsb/aircraft_table.hpp"

#include <gtest/gtest.h>

#include "ingest/adsb/crc.hpp"
#include "ingest/adsb/encoder.hpp"
#include "ingest/adsb/mode_s_decoder.hpp"
#include "ingest/adsb/sbs_parser.hpp"

namespace dewline::ingest::adsb {
namespace {

constexpr std::uint32_t kIcao = 0x3C6586;

ModeSMessage decoded(const MessageBytes& b, std::size_t len = 14) {
  ModeSMessage m;
  EXPECT_TRUE(decode_mode_s(std::span<const std::uint8_t>(b.data(), len), m).has_value());
  return m;
}

ModeSMessage position(double lat, double lon, bool odd, std::uint32_t icao = kIcao) {
  return decoded(encode_airborne_position(
      {.icao = icao, .lat_deg = lat, .lon_deg = lon, .altitude_ft = 3000}, odd));
}

// A DF4 surveillance reply from `icao` (AP = parity XOR address).
ModeSMessage df4(std::uint32_t icao, std::uint32_t ac13) {
  MessageBytes m{};
  set_bits(m, 1, 5, 4);
  set_bits(m, 20, 32, ac13);
  const std::uint32_t ap = mode_s_parity(m, 4) ^ icao;
  m[4] = static_cast<std::uint8_t>(ap >> 16);
  m[5] = static_cast<std::uint8_t>(ap >> 8);
  m[6] = static_cast<std::uint8_t>(ap);
  return decoded(m, 7);
}

Time at(double s) { return Time::from_seconds(s); }

TEST(AircraftTable, EvenOddPairWithinTenSecondsDecodesGlobally) {
  AircraftTable t;
  AircraftReport r;
  t.update(position(48.1, 11.5, false), at(100.0), std::nullopt, r);
  EXPECT_FALSE(r.new_position);
  EXPECT_TRUE(r.icao_verified);
  EXPECT_EQ(*r.aircraft.altitude_baro_ft, 3000);
  t.update(position(48.1001, 11.5002, true), at(109.5), std::nullopt, r);
  ASSERT_TRUE(r.new_position);
  EXPECT_EQ(r.aircraft.position_method, CprMethod::Global);
  EXPECT_NEAR(r.aircraft.position->lat_deg, 48.1001, 1e-4);
  EXPECT_NEAR(r.aircraft.position->lon_deg, 11.5002, 1e-4);
  EXPECT_EQ(t.stats().cpr_global, 1u);
}

TEST(AircraftTable, PairTooFarApartInTimeNeedsAReference) {
  AircraftTable t;
  AircraftReport r;
  t.update(position(48.1, 11.5, false), at(100.0), std::nullopt, r);
  t.update(position(48.1, 11.5, true), at(110.5), std::nullopt, r);
  EXPECT_FALSE(r.new_position);
  EXPECT_EQ(t.stats().cpr_no_reference, 2u);
  // With a receiver within 180 NM the same frame decodes locally.
  AircraftTable with_rx({.receiver = LatLon{48.35, 11.78}});
  with_rx.update(position(48.1, 11.5, true), at(110.5), std::nullopt, r);
  ASSERT_TRUE(r.new_position);
  EXPECT_EQ(r.aircraft.position_method, CprMethod::LocalReceiver);
  EXPECT_NEAR(r.aircraft.position->lat_deg, 48.1, 1e-4);
}

TEST(AircraftTable, LaterFramesDecodeRelativeToTheAircraft) {
  AircraftTable t;
  AircraftReport r;
  t.update(position(48.1, 11.5, false), at(100.0), std::nullopt, r);
  t.update(position(48.1, 11.5, true), at(101.0), std::nullopt, r);
  ASSERT_TRUE(r.new_position);
  // 30 s later, one even frame alone (its odd partner is 29 s old): local to the last fix.
  t.update(position(48.15, 11.55, false), at(130.0), std::nullopt, r);
  ASSERT_TRUE(r.new_position);
  EXPECT_EQ(r.aircraft.position_method, CprMethod::LocalAircraft);
  EXPECT_NEAR(r.aircraft.position->lat_deg, 48.15, 1e-4);
  EXPECT_NEAR(r.aircraft.position->lon_deg, 11.55, 1e-4);
  // After local_reference_max_age (60 s) without a fix there is no reference any more.
  t.update(position(48.2, 11.6, true), at(200.0), std::nullopt, r);
  EXPECT_FALSE(r.new_position);
}

TEST(AircraftTable, ReceiverRangeLimitRejectsFarPositions) {
  AircraftTable t({.receiver = LatLon{0.0, 0.0}, .max_range_nm = 100.0});
  AircraftReport r;
  // The first frame decodes locally to a (wrong) spot within 180 NM of the receiver but
  // beyond 100 NM; the pair then decodes globally to Munich, 2900 NM away. Both are refused.
  t.update(position(48.1, 11.5, false), at(0.0), std::nullopt, r);
  EXPECT_FALSE(r.new_position);
  t.update(position(48.1, 11.5, true), at(1.0), std::nullopt, r);
  EXPECT_FALSE(r.new_position);
  EXPECT_EQ(t.stats().cpr_out_of_range, 2u);
  EXPECT_EQ(t.stats().cpr_global, 0u);
}

TEST(AircraftTable, AddressParityRepliesAreVerifiedByAnEarlierAllCallOrSquitter) {
  AircraftTable t;
  AircraftReport r;
  const std::uint32_t ac13_25000 = 0x0CA8;
  t.update(df4(kIcao, ac13_25000), at(10.0), std::nullopt, r);
  EXPECT_FALSE(r.icao_verified);
  EXPECT_FALSE(r.tracked);
  EXPECT_EQ(t.size(), 0u);  // unverified replies never create an entry
  EXPECT_EQ(*r.aircraft.altitude_baro_ft, 25000);  // still reported
  t.update(decoded(encode_identification(kIcao, "TEST1")), at(11.0), std::nullopt, r);
  t.update(df4(kIcao, ac13_25000), at(12.0), 77, r);
  EXPECT_TRUE(r.icao_verified);
  EXPECT_TRUE(r.tracked);
  EXPECT_EQ(r.aircraft.callsign.view(), "TEST1");
  EXPECT_EQ(*r.aircraft.altitude_baro_ft, 25000);
  EXPECT_EQ(*r.aircraft.signal, 77);
  // 61 s after the last verifying message the address is no longer trusted.
  t.update(df4(kIcao, ac13_25000), at(72.5), std::nullopt, r);
  EXPECT_FALSE(r.icao_verified);
  EXPECT_EQ(t.stats().unverified_ap, 2u);
}

TEST(AircraftTable, VelocityAndAccuracyAreKept) {
  AircraftTable t;
  AircraftReport r;
  t.update(decoded(encode_airborne_velocity({.icao = kIcao, .v_east_kt = 100, .v_north_kt = -50,
                                             .vertical_rate_fpm = 640,
                                             .geo_minus_baro_ft = -125, .nac_v = 2})),
           at(5.0), std::nullopt, r);
  const AircraftState& a = r.aircraft;
  EXPECT_EQ(*a.v_east_kt, 100.0);
  EXPECT_EQ(*a.v_north_kt, -50.0);
  EXPECT_EQ(*a.vertical_rate_fpm, 640);
  EXPECT_EQ(a.vertical_rate_source, VerticalRateSource::Baro);
  EXPECT_EQ(*a.geo_minus_baro_ft, -125);
  EXPECT_EQ(*a.nac_v, 2);
  EXPECT_EQ(*a.velocity_time, at(5.0));
}

TEST(AircraftTable, SbsRecordsUpdateTheSameState) {
  AircraftTable t;
  AircraftReport r;
  SbsRecord s;
  ASSERT_TRUE(parse_sbs_line("MSG,3,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,"
                             "19:28:13.162,,38000,,,43.64421,1.23152,,,,,,0",
                             s)
                  .has_value());
  t.update(s, *s.generated_time, r);
  ASSERT_TRUE(r.new_position);
  EXPECT_EQ(r.aircraft.position_method, CprMethod::Reported);
  EXPECT_EQ(*r.aircraft.altitude_baro_ft, 38000);
  ASSERT_TRUE(parse_sbs_line("MSG,4,1,1,48520A,1,2026/11/25,19:28:14.000,,,,,395,90,,,-64,,,,,0",
                             s)
                  .has_value());
  t.update(s, *s.generated_time, r);
  EXPECT_FALSE(r.new_position);
  EXPECT_NEAR(*r.aircraft.v_east_kt, 395.0, 1e-9);
  EXPECT_NEAR(*r.aircraft.v_north_kt, 0.0, 1e-9);
  EXPECT_EQ(t.size(), 1u);
}

TEST(AircraftTable, StaleEntriesExpireAndTheTableIsBounded) {
  AircraftTable t({.max_aircraft = 3});
  AircraftReport r;
  for (std::uint32_t i = 0; i < 5; ++i) {
    t.update(decoded(encode_identification(0x100000 + i, "A")), at(i), std::nullopt, r);
  }
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.find(0x100000), nullptr);  // the two stalest went first
  EXPECT_EQ(t.find(0x100001), nullptr);
  EXPECT_NE(t.find(0x100004), nullptr);
  EXPECT_EQ(t.stats().evicted, 2u);
  t.expire(at(302.5));  // timeout 300 s: entries last seen before 2.5 s go
  EXPECT_EQ(t.size(), 2u);
  // Entries stay sorted by address.
  EXPECT_LT(t.all()[0].icao, t.all()[1].icao);
}

}  // namespace
}  // namespace dewline::ingest::adsb
