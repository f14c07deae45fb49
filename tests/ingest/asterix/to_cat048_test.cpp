// Detection -> CAT048 report (the simulator's direction) and back through the encoder, the
// decoder and to_detection: the same range, azimuth (site axes), time and identity, to the LSBs.
#include <gtest/gtest.h>

#include <cmath>

#include "core/angles.hpp"
#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/encoder.hpp"
#include "ingest/asterix/to_cat048.hpp"
#include "ingest/asterix/to_detection.hpp"
#include "tests/ingest/asterix/test_records.hpp"

namespace dewline::ingest::asterix {
namespace {

TEST(Cat048FromDetection, RoundTripsThroughEncoderDecoderAndToDetection) {
  const EnuFrame site(Geodetic{45.0, 16.0, 100.0});
  const Geodetic radar{45.3, 16.9, 400.0};  // ~80 km from the origin: axes differ
  AsterixRadarConfig cfg;
  cfg.name = "r";
  cfg.id = SensorId{3};
  cfg.sac = 25;
  cfg.sic = 40;
  cfg.position = radar;
  cfg.elevation_from_flight_level = false;
  Cat048ToDetection conv(site, {cfg});
  const Time t0{1462406400LL * 1'000'000'000LL + 3600'123'456'789LL};
  for (int i = 0; i < 36; ++i) {
    Detection d;
    d.time = t0 + Duration::from_ms(i * 100);
    d.sensor = SensorId{3};
    PolarMeasurement m;
    m.range_m = 1000.0 + 5000.0 * i;
    m.azimuth_rad = wrap_pi(0.1 + i * (2.0 * kPi / 36.0));
    d.measurement = m;
    d.identity.mode3a = 04321;
    d.identity.icao24 = 0xABC123;
    d.identity.callsign = "ezy15nl";
    d.sensor_object_id = 5000 + i;
    auto rec = cat048_from_detection(d, site, radar, {{25, 40}, 5, 350.0});
    ASSERT_TRUE(rec.has_value()) << rec.error();
    std::vector<std::byte> bytes = {std::byte{48}, std::byte{0}, std::byte{0}};
    ASSERT_TRUE(encode_cat048(*rec, bytes).has_value());
    bytes[2] = static_cast<std::byte>(bytes.size());
    AsterixDecoder dec;
    test::CollectSink sink;
    dec.decode(bytes, sink);
    ASSERT_EQ(sink.records.size(), 1U);
    auto back = conv.convert(sink.records[0].r048, d.time);
    ASSERT_TRUE(back.has_value()) << back.error();
    const auto& p = std::get<PolarMeasurement>(back->measurement);
    EXPECT_NEAR(p.range_m, m.range_m, 1852.0 / 512.0 + 1e-9);
    EXPECT_NEAR(wrap_pi(p.azimuth_rad - m.azimuth_rad), 0.0, 360.0 / 65536.0 * kDegToRad);
    EXPECT_LE(std::abs((back->time - d.time).ns), 1'000'000'000LL / 256 + 1);
    EXPECT_EQ(back->identity.mode3a, 04321);
    EXPECT_EQ(back->identity.icao24, 0xABC123U);
    EXPECT_EQ(back->identity.callsign, "EZY15NL");
    EXPECT_EQ(back->sensor_object_id, static_cast<std::uint64_t>((5000 + i) % 4096));
    EXPECT_EQ(sink.records[0].r048.i090->fl, 350.0);
  }
}

TEST(Cat048FromDetection, RefusesWhatCat048CannotCarry) {
  const EnuFrame site(Geodetic{45.0, 16.0, 100.0});
  Detection d;
  d.measurement = PositionMeasurement{};
  EXPECT_EQ(cat048_from_detection(d, site, site.origin(), {}).error(), "not_polar");
  PolarMeasurement m;
  m.range_m = 256.0 * 1852.0;
  d.measurement = m;
  EXPECT_EQ(cat048_from_detection(d, site, site.origin(), {}).error(), "range_beyond_256_nm");
  m.range_m = 1000.0;
  d.measurement = m;
  d.identity.callsign = "AB-12";
  EXPECT_EQ(cat048_from_detection(d, site, site.origin(), {}).error(), "bad_callsign");
}

TEST(Cat048FromDetection, LastInstantOfTheDayStaysOnTheDay) {
  const EnuFrame site(Geodetic{45.0, 16.0, 100.0});
  Detection d;
  d.time = Time{86400LL * 1'000'000'000LL - 1'000'000LL};  // 23:59:59.999
  PolarMeasurement m;
  m.range_m = 1000.0;
  d.measurement = m;
  auto r = cat048_from_detection(d, site, site.origin(), {});
  ASSERT_TRUE(r.has_value());
  std::vector<std::byte> out;
  EXPECT_TRUE(encode_cat048(*r, out).has_value());
  EXPECT_EQ(*r->i140, 86400.0 - 1.0 / 128.0);
}

}  // namespace
}  // namespace dewline::ingest::asterix
