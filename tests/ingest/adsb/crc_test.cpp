#include "ingest/adsb/crc.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace dewline::ingest::adsb {
namespace {

MessageBytes from_hex(std::string_view hex) {
  MessageBytes m{};
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    m[i / 2] = static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return m;
}

TEST(ModeSCrc, GoodExtendedSquitterHasZeroSyndrome) {
  // DF17 from the pyModeS sample (line 1) and from "The 1090 MHz Riddle".
  EXPECT_EQ(mode_s_syndrome(from_hex("8D406B909945DE10000405999BE4"), 14), 0u);
  EXPECT_EQ(mode_s_syndrome(from_hex("8D4840D6202CC371C32CE0576098"), 14), 0u);
}

TEST(ModeSCrc, AddressParitySyndromeIsTheAddress) {
  // DF4 and DF20 of the Beast sample: the reference gives crc_remainder 0x3981E4 / 0x48520A.
  EXPECT_EQ(mode_s_syndrome(from_hex("20000CA8F70AA7"), 7), 0x3981E4u);
  EXPECT_EQ(mode_s_syndrome(from_hex("A0001838CA380030A80000D1F024"), 14), 0x48520Au);
}

TEST(ModeSCrc, AllCallSyndromeIsTheInterrogatorCode) {
  EXPECT_EQ(mode_s_syndrome(from_hex("5D3981E46DC8EB"), 7), 11u);  // II = 11
  EXPECT_EQ(mode_s_syndrome(from_hex("5D3981E46DC8E0"), 7), 0u);
}

TEST(ModeSCrc, SetParityMakesAGoodMessage) {
  MessageBytes m = from_hex("8D406B909945DE10000405000000");
  set_mode_s_parity(m, 14);
  EXPECT_EQ(m[11], 0x99);
  EXPECT_EQ(m[12], 0x9B);
  EXPECT_EQ(m[13], 0xE4);
  MessageBytes s = from_hex("5D3981E46DC800");
  set_mode_s_parity(s, 7);
  EXPECT_EQ(mode_s_syndrome(s, 7), 0u);
}

TEST(ModeSCrc, EverySingleBitErrorIsLocated) {
  const MessageBytes good = from_hex("8D406B9058B975870B738754F480");
  for (unsigned bit = 0; bit < 112; ++bit) {
    MessageBytes bad = good;
    bad[bit / 8] = static_cast<std::uint8_t>(bad[bit / 8] ^ (0x80u >> (bit % 8)));
    const auto found = single_bit_error(mode_s_syndrome(bad, 14), 14);
    ASSERT_TRUE(found.has_value()) << bit;
    EXPECT_EQ(*found, bit);
  }
  const MessageBytes short_good = from_hex("5D3981E46DC8E0");
  for (unsigned bit = 0; bit < 56; ++bit) {
    MessageBytes bad = short_good;
    bad[bit / 8] = static_cast<std::uint8_t>(bad[bit / 8] ^ (0x80u >> (bit % 8)));
    EXPECT_EQ(single_bit_error(mode_s_syndrome(bad, 7), 7), bit);
  }
}

TEST(ModeSCrc, TwoBitErrorsAreNotTakenForOne) {
  MessageBytes bad = from_hex("8D406B9058B975870B738754F480");
  bad[5] ^= 0x11;  // two bits in one byte
  EXPECT_FALSE(single_bit_error(mode_s_syndrome(bad, 14), 14).has_value());
  EXPECT_FALSE(single_bit_error(0, 14).has_value());
}

}  // namespace
}  // namespace dewline::ingest::adsb
