#include "ingest/adsb/message_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

namespace dewline::ingest::adsb {
namespace {

using nlohmann::json;

json to_json(const DecodedMessage& m) {
  std::string s;
  append_message_json(m, s);
  return json::parse(s);
}

TEST(AdsbMessageJson, PositionMessageHasTheStableKeys) {
  AdsbDecoder dec;
  DecodedMessage msg;
  AdsbError e;
  ASSERT_EQ(dec.decode_hex_line("1,8D40621D58C382D690C8AC2863A7", 2, msg, e),
            AdsbDecoder::Status::Message);
  ASSERT_EQ(dec.decode_hex_line("2,8D40621D58C386435CC412692AD6", 3, msg, e),
            AdsbDecoder::Status::Message);
  const json j = to_json(msg);
  EXPECT_EQ(j["line"], 3);
  EXPECT_EQ(j["df"], 17);
  EXPECT_EQ(j["icao"], "40621d");
  EXPECT_TRUE(std::regex_match(j["icao"].get<std::string>(), std::regex("[0-9a-f]{6}")));
  EXPECT_EQ(j["tc"], 11);
  EXPECT_EQ(j["alt_ft"], 38000);
  EXPECT_NEAR(j["lat"].get<double>(), 52.26578, 1e-5);
  EXPECT_TRUE(j.contains("lon"));
  EXPECT_EQ(j["cpr_method"], "global");
  EXPECT_EQ(j["cpr_format"], 1);
  EXPECT_DOUBLE_EQ(j["time_s"].get<double>(), 2.0);
  EXPECT_EQ(j["hex"], "8d40621d58c386435cc412692ad6");
}

TEST(AdsbMessageJson, VelocityTruncatesGroundSpeedLikeTheReferences) {
  AdsbDecoder dec;
  DecodedMessage msg;
  AdsbError e;
  ASSERT_EQ(dec.decode_hex_line("8D485020994409940838175B284F", 1, msg, e),
            AdsbDecoder::Status::Message);
  const json j = to_json(msg);
  EXPECT_EQ(j["gs_kt"], 159);
  EXPECT_NEAR(j["gs_exact_kt"].get<double>(), 159.2, 0.01);
  EXPECT_NEAR(j["track_deg"].get<double>(), 182.88, 0.01);
  EXPECT_EQ(j["vrate_fpm"], -832);
  EXPECT_EQ(j["tc"], 19);
  EXPECT_FALSE(j.contains("lat"));
  std::string text;
  append_message_text(msg, text);
  EXPECT_NE(text.find("gs 159 kt"), std::string::npos) << text;
}

TEST(AdsbMessageJson, SbsRecordsMapTheirTypeToADf) {
  AdsbDecoder dec;
  DecodedMessage msg;
  AdsbError e;
  ASSERT_EQ(dec.decode_sbs_line("MSG,1,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,"
                                "19:28:13.162,TRA89M  ,,,,,,,,,,,0",
                                1, msg, e),
            AdsbDecoder::Status::Message);
  json j = to_json(msg);
  EXPECT_EQ(j["df"], 17);
  EXPECT_EQ(j["sbs_type"], 1);
  EXPECT_EQ(j["icao"], "48520a");
  EXPECT_EQ(j["callsign"], "TRA89M");
  ASSERT_EQ(dec.decode_sbs_line("MSG,6,1,1,48520A,1,,,,,,,,,,,,5516,0,0,0,", 2, msg, e),
            AdsbDecoder::Status::Message);
  j = to_json(msg);
  EXPECT_EQ(j["df"], 5);
  EXPECT_EQ(j["squawk"], "5516");
  EXPECT_EQ(sbs_type_df(7), 0);
  EXPECT_EQ(sbs_type_df(8), 11);
  EXPECT_EQ(sbs_type_df(5), 4);
}

}  // namespace
}  // namespace dewline::ingest::adsb
