#include "ingest/adsb/mode_s_decoder.hpp"

#include <gtest/gtest.h>

#include "ingest/adsb/crc.hpp"
#include "tests/ingest/adsb/test_hex.hpp"

namespace dewline::ingest::adsb {
namespace {

using test::bytes_of;

ModeSMessage decode_ok(std::string_view hex, ModeSDecodeOptions opt = {}) {
  ModeSMessage m;
  const auto b = bytes_of(hex);
  const auto r = decode_mode_s(std::span<const std::uint8_t>(b), m, opt);
  EXPECT_TRUE(r.has_value()) << hex << ": " << (r ? "" : r.error().reason);
  return m;
}

AdsbErrorCode decode_error(std::string_view hex, ModeSDecodeOptions opt = {}) {
  ModeSMessage m;
  const auto b = bytes_of(hex);
  const auto r = decode_mode_s(std::span<const std::uint8_t>(b), m, opt);
  EXPECT_FALSE(r.has_value()) << hex;
  return r ? AdsbErrorCode::Garbage : r.error().code;
}

// Worked examples of "The 1090 MHz Riddle" (J. Sun).
TEST(ModeSDecoder, IdentificationGivesCallsignAndCategory) {
  const ModeSMessage m = decode_ok("8D4840D6202CC371C32CE0576098");
  EXPECT_EQ(m.df, 17);
  EXPECT_EQ(m.icao, 0x4840D6u);
  EXPECT_EQ(m.icao_source, IcaoSource::AddressAnnounced);
  EXPECT_TRUE(m.parity_checked);
  EXPECT_EQ(*m.ca, 5);
  EXPECT_EQ(*m.typecode, 4);
  const auto* id = m.es_as<EsIdentification>();
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->callsign.view(), "KLM1023");
  EXPECT_TRUE(id->callsign.valid);
  EXPECT_EQ(id->category, 0);
}

TEST(ModeSDecoder, GroundSpeedVelocity) {
  const ModeSMessage m = decode_ok("8D485020994409940838175B284F");
  const auto* v = m.es_as<EsVelocity>();
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subtype, 1);
  EXPECT_NEAR(*v->ground_speed_kt, 159.20, 0.01);
  EXPECT_NEAR(*v->track_deg, 182.88, 0.01);
  EXPECT_EQ(*v->vertical_rate_fpm, -832);
  EXPECT_EQ(*v->v_east_kt, -8);
  EXPECT_EQ(*v->v_north_kt, -159);
  EXPECT_FALSE(v->airspeed_kt.has_value());
}

TEST(ModeSDecoder, AirspeedVelocity) {
  const ModeSMessage m = decode_ok("8DA05F219B06B6AF189400CBC33F");
  const auto* v = m.es_as<EsVelocity>();
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subtype, 3);
  EXPECT_NEAR(*v->heading_deg, 243.98, 0.01);
  EXPECT_EQ(*v->airspeed_kt, 375);
  EXPECT_EQ(v->airspeed_type, AirspeedType::True);
  EXPECT_EQ(*v->vertical_rate_fpm, -2304);
  EXPECT_FALSE(v->ground_speed_kt.has_value());
  EXPECT_FALSE(v->v_east_kt.has_value());
}

TEST(ModeSDecoder, AirbornePositionCarriesCprAndAltitude) {
  const ModeSMessage m = decode_ok("8D40621D58C382D690C8AC2863A7");
  const auto* p = m.es_as<EsPosition>();
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->surface);
  EXPECT_FALSE(p->cpr.odd);
  EXPECT_EQ(m.altitude->feet, 38000);
  EXPECT_EQ(m.altitude_source, AltitudeSource::Baro);
}

TEST(ModeSDecoder, SurfacePositionCarriesMovementAndTrack) {
  const ModeSMessage m = decode_ok("8C4841753A9A153237AEF0F275BE");
  EXPECT_EQ(*m.typecode, 7);
  const auto* p = m.es_as<EsPosition>();
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->surface);
  EXPECT_EQ(p->movement, 41);
  EXPECT_NEAR(*p->ground_speed_kt, 17.5, 1e-9);  // code 41: 17 .. 18 kt, the midpoint
  EXPECT_NEAR(*p->ground_track_deg, 92.8125, 1e-9);
}

TEST(ModeSDecoder, SurveillanceRepliesUseAddressParity) {
  const ModeSMessage alt = decode_ok("20000CA8F70AA7");  // DF4
  EXPECT_EQ(alt.df, 4);
  EXPECT_EQ(alt.icao, 0x3981E4u);
  EXPECT_EQ(alt.icao_source, IcaoSource::AddressParity);
  EXPECT_FALSE(alt.parity_checked);
  EXPECT_EQ(alt.altitude->feet, 25000);
  EXPECT_EQ(*alt.fs, 0);
  const ModeSMessage id = decode_ok("2800080069952A");  // DF5
  EXPECT_EQ(*id.squawk, 01000);
  EXPECT_FALSE(id.altitude.has_value());
  const ModeSMessage acas = decode_ok("02E18CA8F1D2ED");  // DF0
  EXPECT_EQ(*acas.vs, 0);
  EXPECT_EQ(*acas.cc, 1);
  EXPECT_EQ(*acas.sl, 7);
  EXPECT_EQ(*acas.ri, 3);
  EXPECT_EQ(acas.altitude->feet, 25000);
}

TEST(ModeSDecoder, AllCallKeepsTheInterrogatorCode) {
  const ModeSMessage m = decode_ok("5D3981E46DC8EB");
  EXPECT_EQ(m.df, 11);
  EXPECT_EQ(m.icao, 0x3981E4u);
  EXPECT_EQ(*m.ii, 11);
  EXPECT_EQ(*m.ca, 5);
  EXPECT_TRUE(m.parity_checked);
  // A flipped address bit breaks the parity beyond the II code.
  EXPECT_EQ(decode_error("5D3981E56DC8EB"), AdsbErrorCode::BadCrc);
}

TEST(ModeSDecoder, CommBIdentificationIsInferredOnlyFromBds20) {
  const ModeSMessage m = decode_ok("A0000CA82050A536C830A07AC1B3");  // DF20, BDS 2,0
  ASSERT_TRUE(m.comm_b_callsign.has_value());
  EXPECT_EQ(m.comm_b_callsign->view(), "TJT62CB");
  EXPECT_EQ(m.altitude->feet, 25000);
  const ModeSMessage bds40 = decode_ok("A0001838CA380030A80000D1F024");  // BDS 4,0
  EXPECT_FALSE(bds40.comm_b_callsign.has_value());
}

TEST(ModeSDecoder, RejectsWrongLengthsAndUnassignedFormats) {
  EXPECT_EQ(decode_error("8D4840D6202CC3"), AdsbErrorCode::BadLength);  // DF17 in 56 bits
  EXPECT_EQ(decode_error("20000CA8F70AA720000CA8F70AA7"), AdsbErrorCode::BadLength);
  EXPECT_EQ(decode_error("0800000000000000"), AdsbErrorCode::BadLength);  // 8 bytes
  EXPECT_EQ(decode_error("08000CA8F70AA7"), AdsbErrorCode::UnknownDf);    // DF1
  EXPECT_EQ(decode_error("B8000CA8F70AA7B8000CA8F70AA7"), AdsbErrorCode::UnknownDf);  // DF23
  EXPECT_EQ(decode_error("00000000000000"), AdsbErrorCode::AllZeros);
}

TEST(ModeSDecoder, BadParityIsRejectedUnlessOneBitRepairIsAsked) {
  // KLM1023 with bit 60 flipped.
  auto b = bytes_of("8D4840D6202CC371C32CE0576098");
  b[7] ^= 0x08;
  std::string hex = test::hex_of(
      [&] {
        MessageBytes m{};
        std::copy(b.begin(), b.end(), m.begin());
        return m;
      }(),
      14);
  EXPECT_EQ(decode_error(hex), AdsbErrorCode::BadCrc);
  const ModeSMessage fixed = decode_ok(hex, ModeSDecodeOptions{.fix_single_bit = true});
  ASSERT_TRUE(fixed.corrected_bit.has_value());
  EXPECT_EQ(*fixed.corrected_bit, 60u);
  EXPECT_EQ(fixed.es_as<EsIdentification>()->callsign.view(), "KLM1023");
  // Two flipped bits stay rejected.
  b[8] ^= 0x01;
  MessageBytes two{};
  std::copy(b.begin(), b.end(), two.begin());
  EXPECT_EQ(decode_error(test::hex_of(two, 14), ModeSDecodeOptions{.fix_single_bit = true}),
            AdsbErrorCode::BadCrc);
}

TEST(ModeSDecoder, Df18WithNonIcaoAddressDecodesItsPayload) {
  MessageBytes m{};
  const auto b = bytes_of("8D4840D6202CC371C32CE0576098");
  std::copy(b.begin(), b.end(), m.begin());
  set_bits(m, 1, 5, 18);
  set_bits(m, 6, 8, 1);  // CF = 1: ADS-B, address not an ICAO address
  set_mode_s_parity(m, 14);
  const ModeSMessage d = decode_ok(test::hex_of(m, 14));
  EXPECT_EQ(d.df, 18);
  EXPECT_EQ(*d.cf, 1);
  EXPECT_EQ(d.es_as<EsIdentification>()->callsign.view(), "KLM1023");
  set_bits(m, 6, 8, 2);  // CF = 2: fine TIS-B, not decoded
  set_mode_s_parity(m, 14);
  const ModeSMessage t = decode_ok(test::hex_of(m, 14));
  EXPECT_FALSE(t.typecode.has_value());
}

TEST(ModeSDecoder, CallsignWithInvalidCharactersIsMarked) {
  MessageBytes m{};
  const auto b = bytes_of("8D4840D6202CC371C32CE0576098");
  std::copy(b.begin(), b.end(), m.begin());
  set_me_bits(m, 9, 14, 0);  // code 0 is not a character
  set_mode_s_parity(m, 14);
  const ModeSMessage d = decode_ok(test::hex_of(m, 14));
  const auto* id = d.es_as<EsIdentification>();
  EXPECT_FALSE(id->callsign.valid);
  EXPECT_EQ(id->callsign.view(), "#LM1023");
}

}  // namespace
}  // namespace dewline::ingest::adsb
