#include "ingest/adsb/altitude.hpp"

#include <gtest/gtest.h>

#include <set>

namespace dewline::ingest::adsb {
namespace {

// Test-only Gillham encoder written from the definition (Annex 10 Vol IV 3.1.1.7.12.2.3): the
// altitude in 100 ft units above -1200 ft splits into 500 ft steps (Gray code over D2 D4 A1 A2
// A4 B1 B2 B4) and a 100 ft digit 1..5 (C1 C2 C4 as 001 011 010 110 100), reflected in odd
// 500 ft steps.
std::uint16_t gillham_encode(int altitude_ft) {
  const int n = (altitude_ft + 1200) / 100;  // 0 = -1200 ft
  const unsigned n500 = static_cast<unsigned>(n / 5);
  unsigned n100 = static_cast<unsigned>(n % 5) + 1;
  if ((n500 & 1u) != 0) {
    n100 = 6 - n100;
  }
  static constexpr unsigned kC[6] = {0, 0b001, 0b011, 0b010, 0b110, 0b100};  // C1 C2 C4
  const unsigned c_bits = kC[n100];
  const unsigned g = n500 ^ (n500 >> 1);  // 8 bits: D2 D4 A1 A2 A4 B1 B2 B4
  auto bit = [](unsigned v, unsigned i) { return (v >> i) & 1u; };
  const unsigned d = bit(g, 6) << 2 | bit(g, 7) << 1;            // D4 D2 (D1 = 0)
  const unsigned a = bit(g, 3) << 2 | bit(g, 4) << 1 | bit(g, 5);  // A4 A2 A1
  const unsigned b = bit(g, 0) << 2 | bit(g, 1) << 1 | bit(g, 2);  // B4 B2 B1
  const unsigned c = bit(c_bits, 0) << 2 | bit(c_bits, 1) << 1 | bit(c_bits, 2);  // C4 C2 C1
  return static_cast<std::uint16_t>(a << 9 | b << 6 | c << 3 | d);
}

TEST(Altitude, Id13DecodesToOctalDigits) {
  // DF5 "2800080069952A" of the Beast sample: ID field bits 20-32 = 0x0800 (A1) -> squawk 1000.
  EXPECT_EQ(decode_id13(0x0800), 01000);
  for (unsigned s = 0; s < 4096; ++s) {
    EXPECT_EQ(decode_id13(encode_id13(static_cast<std::uint16_t>(s))), s);
  }
  char buf[5];
  squawk_to_chars(07700, buf);
  EXPECT_STREQ(buf, "7700");
}

TEST(Altitude, Ac13DecodesBothCodings) {
  // DF4 "20000CA8F70AA7" of the Beast sample: AC = 0x0CA8, Q = 0, a Gillham code the reference
  // decodes to 25000 ft.
  const auto a = decode_ac13(0x0CA8);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->feet, 25000);
  EXPECT_FALSE(a->q_bit);
  // DF20 "A0001838...": AC = 0x1838, Q = 1: N = 1560 -> 38000 ft.
  const auto q = decode_ac13(0x1838);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->feet, 38000);
  EXPECT_TRUE(q->q_bit);
  EXPECT_FALSE(decode_ac13(0).has_value());       // no altitude
  EXPECT_FALSE(decode_ac13(0x0040).has_value());  // M = 1: metric, not decoded
}

TEST(Altitude, Ac12RoundTripsEvery25Feet) {
  for (int ft = -1000; ft <= 50175; ft += 25) {
    const auto a = decode_ac12(encode_ac12(ft));
    ASSERT_TRUE(a.has_value()) << ft;
    EXPECT_EQ(a->feet, ft);
    EXPECT_TRUE(a->q_bit);
  }
  EXPECT_EQ(decode_ac12(encode_ac12(38012.0))->feet, 38000);  // rounds to the nearest step
}

TEST(Altitude, GillhamDecodesEvery100Feet) {
  std::set<std::uint16_t> codes;
  for (int ft = -1200; ft <= 126700; ft += 100) {
    const std::uint16_t code = gillham_encode(ft);
    EXPECT_TRUE(codes.insert(code).second) << "duplicate code at " << ft;
    const auto got = gillham_altitude_ft(code);
    ASSERT_TRUE(got.has_value()) << ft;
    EXPECT_EQ(*got, ft);
    // The same code inside an AC13 field (Q = 0) and an AC12 field.
    const std::uint32_t id13 = encode_id13(code);
    EXPECT_EQ(decode_ac13(id13)->feet, ft);
    EXPECT_FALSE(decode_ac13(id13)->q_bit);
    const std::uint32_t ac12 = ((id13 & 0x1F80u) >> 1) | (id13 & 0x3Fu);
    EXPECT_EQ(decode_ac12(ac12)->feet, ft);
  }
  // Fixed points: -1200 ft is C4 alone (code 0040), -1000 ft is C2 alone (0020).
  EXPECT_EQ(gillham_altitude_ft(00040), -1200);
  EXPECT_EQ(gillham_altitude_ft(00020), -1000);
}

TEST(Altitude, IllegalGillhamCodesAreRejected) {
  EXPECT_FALSE(gillham_altitude_ft(00000).has_value());  // C all zero
  EXPECT_FALSE(gillham_altitude_ft(00041).has_value());  // D1 set
  EXPECT_FALSE(gillham_altitude_ft(00070).has_value());  // C1 C2 C4 = 111: not a 100 ft digit
  EXPECT_FALSE(gillham_altitude_ft(00050).has_value());  // C1 C4 = 101: illegal
}

}  // namespace
}  // namespace dewline::ingest::adsb
