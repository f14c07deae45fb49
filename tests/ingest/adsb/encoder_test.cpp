#include "ingest/adsb/encoder.hpp"

#include <gtest/gtest.h>

#include <random>

#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/crc.hpp"

namespace dewline::ingest::adsb {
namespace {

ModeSMessage decoded(const MessageBytes& b) {
  ModeSMessage m;
  const auto r = decode_mode_s(std::span<const std::uint8_t>(b.data(), 14), m);
  EXPECT_TRUE(r.has_value());
  return m;
}

TEST(AdsbEncoder, IdentificationRoundTrips) {
  const MessageBytes b = encode_identification(0x48520A, "TRA89M", 4, 3);
  EXPECT_EQ(mode_s_syndrome(b, 14), 0u);
  const ModeSMessage m = decoded(b);
  EXPECT_EQ(m.icao, 0x48520Au);
  EXPECT_EQ(*m.ca, kCaAirborne);
  EXPECT_EQ(*m.typecode, 4);
  EXPECT_EQ(m.es_as<EsIdentification>()->callsign.view(), "TRA89M");
  EXPECT_EQ(m.es_as<EsIdentification>()->category, 3);
  // The real DF17 of the Beast sample's frame 80 has exactly these fields.
  const char* real = "8D48520A23512078E4D820574B39";
  char hex[29];
  for (int i = 0; i < 14; ++i) {
    std::snprintf(hex + 2 * i, 3, "%02X", b[static_cast<std::size_t>(i)]);
  }
  EXPECT_STREQ(hex, real);
  // Lower case and characters outside the set.
  EXPECT_EQ(decoded(encode_identification(1, "ab-1")).es_as<EsIdentification>()->callsign.view(),
            "AB 1");
}

TEST(AdsbEncoder, PositionsRoundTripThroughTheDecoderAndCpr) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> lat_d(-80.0, 80.0), lon_d(-180.0, 180.0),
      alt_d(-1000.0, 50000.0);
  for (int i = 0; i < 500; ++i) {
    const AirbornePositionInput in{.icao = 0xABC000u + static_cast<std::uint32_t>(i),
                                   .lat_deg = lat_d(rng), .lon_deg = lon_d(rng),
                                   .altitude_ft = alt_d(rng), .typecode = 12};
    const ModeSMessage even = decoded(encode_airborne_position(in, false));
    const ModeSMessage odd = decoded(encode_airborne_position(in, true));
    EXPECT_EQ(*even.typecode, 12);
    EXPECT_NEAR(even.altitude->feet, in.altitude_ft, 12.5);
    const auto p = cpr_decode_airborne_global(even.es_as<EsPosition>()->cpr,
                                              odd.es_as<EsPosition>()->cpr, true);
    ASSERT_TRUE(p.has_value());
    EXPECT_NEAR(p->lat_deg, in.lat_deg, 5e-5);
    EXPECT_NEAR(std::remainder(p->lon_deg - in.lon_deg, 360.0), 0.0, 3e-4);
  }
}

TEST(AdsbEncoder, VelocityRoundTrips) {
  const ModeSMessage m = decoded(encode_airborne_velocity(
      {.icao = 7, .v_east_kt = -43, .v_north_kt = 393, .vertical_rate_fpm = -64,
       .vertical_rate_baro = true, .geo_minus_baro_ft = 250, .nac_v = 1}));
  const auto* v = m.es_as<EsVelocity>();
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subtype, 1);
  EXPECT_EQ(*v->v_east_kt, -43);
  EXPECT_EQ(*v->v_north_kt, 393);
  EXPECT_NEAR(*v->track_deg, 353.75583461029197, 1e-9);  // as the sample's TRA89M
  EXPECT_EQ(*v->vertical_rate_fpm, -64);
  EXPECT_EQ(v->vertical_rate_source, VerticalRateSource::Baro);
  EXPECT_EQ(*v->geo_minus_baro_ft, 250);
  EXPECT_EQ(v->nac_v, 1);
  const ModeSMessage fast =
      decoded(encode_airborne_velocity({.icao = 7, .v_east_kt = 1500, .v_north_kt = -8}));
  const auto* f = fast.es_as<EsVelocity>();
  EXPECT_EQ(f->subtype, 2);
  EXPECT_EQ(*f->v_east_kt, 1500);
  EXPECT_EQ(*f->v_north_kt, -8);
  EXPECT_FALSE(f->vertical_rate_fpm.has_value());
}

TEST(AdsbEncoder, BeastStreamOfEncodedMessagesDecodes) {
  std::vector<std::byte> stream;
  const std::uint32_t icao = 0x1A1A1A;  // forces escapes inside the payload
  const AirbornePositionInput in{.icao = icao, .lat_deg = 43.6, .lon_deg = 1.23,
                                 .altitude_ft = 38000};
  const MessageBytes msgs[] = {encode_identification(icao, "ESC1A"),
                               encode_airborne_position(in, false),
                               encode_airborne_position(in, true),
                               encode_airborne_velocity({.icao = icao, .v_east_kt = 10})};
  std::uint64_t ts = 12'000'000;
  for (const auto& m : msgs) {
    append_beast_frame(stream, BeastFrameType::ModeSLong, ts, 0x1a,
                       std::as_bytes(std::span<const std::uint8_t>(m.data(), 14)));
    ts += 6'000'000;  // 0.5 s
  }
  AdsbDecoder dec;
  dec.push_beast(stream);
  dec.finish_beast();
  DecodedMessage msg;
  AdsbError err;
  int n = 0;
  bool positioned = false;
  while (dec.next_beast(msg, err) == AdsbDecoder::Status::Message) {
    ++n;
    EXPECT_EQ(msg.mode_s.icao, icao);
    EXPECT_EQ(*msg.signal, 0x1a);
    if (msg.report.new_position) {
      positioned = true;
      EXPECT_NEAR(msg.report.aircraft.position->lat_deg, 43.6, 5e-5);
      EXPECT_NEAR(msg.time.seconds(), 2.0, 1e-9);
    }
  }
  EXPECT_EQ(n, 4);
  EXPECT_TRUE(positioned);
  EXPECT_EQ(dec.stats().rejected, 0u);
}

}  // namespace
}  // namespace dewline::ingest::adsb
