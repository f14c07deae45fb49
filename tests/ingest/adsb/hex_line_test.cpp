#include "ingest/adsb/hex_line.hpp"

#include <gtest/gtest.h>

namespace dewline::ingest::adsb {
namespace {

TEST(HexLine, AcceptsBareAvrAndTimestampedForms) {
  HexLine h;
  ASSERT_EQ(*parse_hex_line("8D406B909945DE10000405999BE4", 2, h), HexLineKind::Message);
  EXPECT_EQ(h.length, 14);
  EXPECT_EQ(h.bytes[0], 0x8D);
  EXPECT_EQ(h.bytes[13], 0xE4);
  EXPECT_FALSE(h.time.has_value());
  ASSERT_EQ(*parse_hex_line("  *5d3981e46dc8eb;\r", 2, h), HexLineKind::Message);
  EXPECT_EQ(h.length, 7);
  EXPECT_EQ(h.bytes[6], 0xEB);
  ASSERT_EQ(*parse_hex_line("@0000015A6D2E5D3981E46DC8EB;", 2, h), HexLineKind::Message);
  EXPECT_EQ(*h.timestamp_12mhz, 0x15A6D2Eu);
  EXPECT_EQ(h.length, 7);
}

TEST(HexLine, ReadsThePymodesCsv) {
  HexLine h;
  ASSERT_EQ(*parse_hex_line("1457996400,\"8D406B909945DE10000405999BE4\",\"406B90\",19", 5, h),
            HexLineKind::Message);
  EXPECT_EQ(h.time->ns, 1457996400'000000000);
  EXPECT_EQ(h.bytes[1], 0x40);
  EXPECT_EQ(*parse_hex_line("timestamp,msg,icao,tc", 1, h), HexLineKind::Skipped);
  const auto late_header = parse_hex_line("timestamp,msg,icao,tc", 7, h);
  ASSERT_FALSE(late_header.has_value());
  EXPECT_EQ(late_header.error().code, AdsbErrorCode::BadField);
}

TEST(HexLine, SkipsBlankAndCommentLines) {
  HexLine h;
  EXPECT_EQ(*parse_hex_line("", 1, h), HexLineKind::Skipped);
  EXPECT_EQ(*parse_hex_line("   ", 1, h), HexLineKind::Skipped);
  EXPECT_EQ(*parse_hex_line("# recorded 2016", 1, h), HexLineKind::Skipped);
}

TEST(HexLine, RejectsBadDigitsAndLengths) {
  HexLine h;
  for (std::string_view bad : {"8D406B909945DE10000405999BE", "8D406B909945DE10000405999BE4FF",
                               "8D406B909945DE1000040599XBE4", "*8D406B909945DE10000405999BE4",
                               "@00015A6D2E5D3981E46DC8EB;", "@0000015A6D2X5D3981E46DC8EB;",
                               "*;", "0A0B"}) {
    const auto r = parse_hex_line(bad, 3, h);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, AdsbErrorCode::BadHex) << bad;
  }
}

}  // namespace
}  // namespace dewline::ingest::adsb
