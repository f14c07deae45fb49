// `dewline decode --format remoteid FILE --json`, the stable interface of issue 5, run as a
// process on every real capture and compared line by line with the reference decode.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <sys/wait.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/test_paths.hpp"

namespace dewline {
namespace {

using Json = nlohmann::json;

struct CliRun {
  int exit_code = -1;
  std::vector<std::string> lines;
};

CliRun run(const std::string& args) {
  CliRun r;
  const std::string cmd = test::dewline_binary().string() + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    return r;
  }
  std::string cur;
  std::array<char, 8192> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) {
    cur += buf.data();
    if (!cur.empty() && cur.back() == '\n') {
      cur.pop_back();
      r.lines.push_back(cur);
      cur.clear();
    }
  }
  const int st = pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::vector<Json> expected(const std::string& name) {
  std::ifstream in(test::real_data("remoteid/expected/" + name + ".jsonl"));
  std::vector<Json> v;
  std::string line;
  while (std::getline(in, line)) {
    v.push_back(Json::parse(line));
  }
  return v;
}

// Our key -> the reference's key, per message type (the stable interface's fields).
const std::map<std::string, std::vector<std::pair<std::string, std::string>>> kFields = {
    {"location",
     {{"lat", "lat_deg"},
      {"lon", "lon_deg"},
      {"alt_geo_m", "geodetic_alt_m"},
      {"alt_baro_m", "pressure_alt_m"},
      {"height_m", "height_m"},
      {"speed_h_mps", "speed_mps"},
      {"speed_v_mps", "vspeed_mps"},
      {"direction_deg", "direction_deg"}}},
    {"basic_id", {{"id_type", "id_type"}, {"ua_type", "ua_type"}, {"uas_id", "uas_id"}}},
    {"system", {{"operator_lat", "operator_lat_deg"}, {"operator_lon", "operator_lon_deg"}}},
    {"operator_id", {{"operator_id", "operator_id"}}},
    {"self_id", {{"description", "description"}}},
};

void check(const std::string& name, const std::string& ext, int want_exit) {
  const auto path = test::real_data("remoteid/" + name + ext);
  const CliRun r = run("decode --format remoteid '" + path.string() + "' --json");
  EXPECT_EQ(r.exit_code, want_exit) << name;
  std::map<std::pair<std::uint64_t, int>, Json> got;
  std::set<std::uint64_t> error_frames;
  for (const std::string& line : r.lines) {
    const Json j = Json::parse(line);
    if (j.contains("error")) {
      ASSERT_TRUE(j.contains("frame") && j.contains("reason")) << line;
      error_frames.insert(j["frame"].get<std::uint64_t>());
      continue;
    }
    for (const char* k : {"frame", "transport", "type"}) {
      ASSERT_TRUE(j.contains(k)) << line;
    }
    got[{j["frame"].get<std::uint64_t>(), j["pack_index"].get<int>()}] = j;
  }
  std::size_t good = 0;
  std::set<std::uint64_t> bad_crc_frames;
  for (const Json& w : expected(name)) {
    const auto frame = w["frame"].get<std::uint64_t>();
    const int idx = w["pack_index"].get<int>();
    if (w.contains("crc_ok") && !w["crc_ok"].get<bool>()) {
      bad_crc_frames.insert(frame);
      EXPECT_EQ(got.count({frame, idx}), 0U) << name << " bad-CRC frame " << frame << " printed";
      continue;
    }
    ++good;
    const std::string where = name + " frame " + std::to_string(frame) + "/" + std::to_string(idx);
    auto it = got.find({frame, idx});
    ASSERT_NE(it, got.end()) << where << " missing";
    const Json& g = it->second;
    EXPECT_EQ(g["transport"], w["transport"]) << where;
    EXPECT_EQ(g["type"], w["msg_type"]) << where;
    for (const auto& [ours, theirs] : kFields.at(w["msg_type"].get<std::string>())) {
      ASSERT_TRUE(g.contains(ours)) << where << " lacks " << ours;
      if (w[theirs].is_null()) {
        EXPECT_TRUE(g[ours].is_null()) << where << " " << ours << " = " << g[ours];
      } else if (w[theirs].is_string()) {
        EXPECT_EQ(g[ours], w[theirs]) << where << " " << ours;
      } else {
        ASSERT_TRUE(g[ours].is_number()) << where << " " << ours << " = " << g[ours];
        EXPECT_NEAR(g[ours].get<double>(), w[theirs].get<double>(), 1e-9) << where << " " << ours;
      }
    }
  }
  EXPECT_EQ(got.size(), good) << name;
  for (std::uint64_t f : bad_crc_frames) {
    EXPECT_EQ(error_frames.count(f), 1U) << name << " frame " << f << " has no error line";
  }
  if (want_exit == 0) {
    EXPECT_TRUE(error_frames.empty()) << name;
  }
}

TEST(DecodeRemoteIdCli, WifiBeaconSampleMatchesReference) { check("odid_wifi_bcn_sample", ".pcap", 0); }
TEST(DecodeRemoteIdCli, WifiNanSampleMatchesReference) { check("odid_wifi_nan_sample", ".pcap", 0); }
TEST(DecodeRemoteIdCli, ParrotCaptureMatchesReference) {
  check("parrot_anafi4_real", ".pcapng", 0);
}
// Frames with a bad BLE CRC are malformed: one error line each, exit status 1.
TEST(DecodeRemoteIdCli, Bt5SampleMatchesReferenceAndReportsBadCrcFrames) {
  check("odid_bt5_lr_sample", ".pcapng", 1);
}

TEST(DecodeRemoteIdCli, TextModePrintsOneLinePerMessage) {
  const auto path = test::real_data("remoteid/odid_wifi_bcn_sample.pcap");
  const CliRun r = run("decode --format remoteid '" + path.string() + "'");
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.lines.size(), 105U);
  EXPECT_EQ(r.lines[1].rfind("frame 1 wifi-beacon 84:cc:a8:60:43:24 location lat=45.5457468", 0),
            0U)
      << r.lines[1];
}

TEST(DecodeRemoteIdCli, UnreadableInputExitsOne) {
  const CliRun r = run("decode --format remoteid /nonexistent/capture.pcap --json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.lines.empty());
}

}  // namespace
}  // namespace dewline
