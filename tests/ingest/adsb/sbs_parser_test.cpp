#include "ingest/adsb/sbs_parser.hpp"

#include <gtest/gtest.h>

namespace dewline::ingest::adsb {
namespace {

// Lines as dump1090-mutability writes them (its SBS output for the Beast sample).
constexpr std::string_view kPosition =
    "MSG,3,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,,38000,,,43.64421,"
    "1.23152,,,,,,0";
constexpr std::string_view kVelocity =
    "MSG,4,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,,,395,355,,,-64,,,,,0";
constexpr std::string_view kIdent =
    "MSG,1,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,TRA89M  ,,,,,,,,,,,0";
constexpr std::string_view kSquawk =
    "MSG,6,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,,,,,,,,5516,0,0,0,";

SbsRecord parse_ok(std::string_view line) {
  SbsRecord r;
  const auto k = parse_sbs_line(line, r);
  EXPECT_TRUE(k.has_value()) << line << ": " << (k ? "" : k.error().reason);
  EXPECT_EQ(k.value_or(SbsLineKind::Skipped), SbsLineKind::Message);
  return r;
}

AdsbErrorCode parse_bad(std::string_view line) {
  SbsRecord r;
  const auto k = parse_sbs_line(line, r);
  EXPECT_FALSE(k.has_value()) << line;
  return k ? AdsbErrorCode::Garbage : k.error().code;
}

TEST(SbsParser, AirbornePosition) {
  const SbsRecord r = parse_ok(kPosition);
  EXPECT_EQ(r.transmission_type, 3);
  EXPECT_EQ(r.icao, 0x48520Au);
  EXPECT_EQ(*r.altitude_ft, 38000);
  EXPECT_FALSE(r.altitude_gnss);
  EXPECT_DOUBLE_EQ(*r.lat_deg, 43.64421);
  EXPECT_DOUBLE_EQ(*r.lon_deg, 1.23152);
  EXPECT_FALSE(*r.on_ground);
  EXPECT_FALSE(r.ground_speed_kt.has_value());
  // 2026-11-25 19:28:13.162 UTC
  EXPECT_EQ(r.generated_time->ns, 1795634893162000000);
}

TEST(SbsParser, VelocityIdentityAndSquawk) {
  const SbsRecord v = parse_ok(kVelocity);
  EXPECT_DOUBLE_EQ(*v.ground_speed_kt, 395.0);
  EXPECT_DOUBLE_EQ(*v.track_deg, 355.0);
  EXPECT_EQ(*v.vertical_rate_fpm, -64);
  const SbsRecord i = parse_ok(kIdent);
  EXPECT_EQ(i.callsign.view(), "TRA89M");
  const SbsRecord s = parse_ok(kSquawk);
  EXPECT_EQ(*s.squawk, 05516);
  EXPECT_FALSE(*s.alert);
  EXPECT_FALSE(*s.emergency);
  EXPECT_FALSE(*s.spi);
  EXPECT_FALSE(s.on_ground.has_value());
}

TEST(SbsParser, GnssSuffixAndFlagsAndNonIcao) {
  const SbsRecord r = parse_ok(
      "MSG,3,1,1,~ABCDEF,1,2024/01/02,03:04:05.5,2024/01/02,03:04:05.5,,1250H,,,-33.5,151.25,"
      "512H,7700,-1,-1,0,-1");
  EXPECT_TRUE(r.non_icao);
  EXPECT_EQ(r.icao, 0xABCDEFu);
  EXPECT_TRUE(r.altitude_gnss);
  EXPECT_EQ(*r.altitude_ft, 1250);
  EXPECT_TRUE(r.vertical_rate_gnss);
  EXPECT_EQ(*r.squawk, 07700);
  EXPECT_TRUE(*r.alert);
  EXPECT_TRUE(*r.emergency);
  EXPECT_TRUE(*r.on_ground);
  EXPECT_EQ(r.generated_time->ns % 1'000'000'000, 500'000'000);
}

TEST(SbsParser, OtherLineKindsAndBlankLinesAreSkipped) {
  SbsRecord r;
  EXPECT_EQ(*parse_sbs_line("", r), SbsLineKind::Skipped);
  EXPECT_EQ(*parse_sbs_line("\r", r), SbsLineKind::Skipped);
  EXPECT_EQ(*parse_sbs_line("STA,,5,179,400AE7,10103,2008/11/28,14:58:51.153,,,RM", r),
            SbsLineKind::Skipped);
  EXPECT_EQ(*parse_sbs_line("AIR,,333,1,4CA2D6,1,2008/11/28,14:58:51.153,,", r),
            SbsLineKind::Skipped);
}

TEST(SbsParser, MalformedLinesAreRejectedWithAReason) {
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A"), AdsbErrorCode::BadFieldCount);
  EXPECT_EQ(parse_bad("HELLO,3"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,9,1,1,48520A,1,,,,,,,,,,,,,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520G,1,,,,,,,,,,,,,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520,1,,,,,,,,,,,,,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,6,1,1,48520A,1,,,,,,,,,,,,5518,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A,1,,,,,,,,,95.0,1.0,,,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A,1,,,,,,,,,45.0,,,,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A,1,,,,,,abc,,,,,,,,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A,1,,,,,,,,,,,,,2,,,"), AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A,1,2026/13/25,19:28:13.162,,,,,,,,,,,,,,"),
            AdsbErrorCode::BadField);
  EXPECT_EQ(parse_bad("MSG,3,1,1,48520A,1,2026/11/25,25:28:13,,,,,,,,,,,,,,"),
            AdsbErrorCode::BadField);
}

TEST(SbsParser, TimeParsing) {
  EXPECT_EQ(parse_sbs_time("1970/01/01", "00:00:00")->ns, 0);
  EXPECT_EQ(parse_sbs_time("2000/03/01", "00:00:01.25")->ns, 951868801250000000);
  EXPECT_FALSE(parse_sbs_time("2000-03-01", "00:00:01").has_value());
  EXPECT_FALSE(parse_sbs_time("2000/03/01", "00:00").has_value());
  EXPECT_FALSE(parse_sbs_time("2000/03/01", "00:00:01.").has_value());
  // Years that would overflow int64 nanoseconds (found by adsb_sbs_fuzz) are refused.
  EXPECT_FALSE(parse_sbs_time("0019/02/27", "11:06:50").has_value());
  EXPECT_FALSE(parse_sbs_time("9999/12/31", "23:59:59").has_value());
}

}  // namespace
}  // namespace dewline::ingest::adsb
