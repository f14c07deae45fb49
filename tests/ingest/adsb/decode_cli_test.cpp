// `dewline decode` for ADS-B inputs, run on the built binary: the stable interface of issue 5
// (one JSON object per message with df, icao and the decoded fields; one line per bad record
// with its offset or line and reason on stderr; exit code 1 when any record was bad).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/net/socket_io.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::adsb {
namespace {

using nlohmann::json;

struct CliRun {
  int exit_code = -1;
  std::vector<std::string> out;
  std::string err;
};

CliRun dewline(const std::string& args, const std::string& scratch_name) {
  const auto dir = test::scratch_dir(scratch_name);
  const auto err_path = dir / "stderr.txt";
  const std::string cmd = test::dewline_binary().string() + " decode " + args + " 2>" +
                          err_path.string();
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    return r;
  }
  char buf[8192];
  std::string all;
  while (std::fgets(buf, sizeof buf, p) != nullptr) {
    all += buf;
  }
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream in(all);
  std::string line;
  while (std::getline(in, line)) {
    r.out.push_back(line);
  }
  std::ifstream e(err_path);
  r.err.assign(std::istreambuf_iterator<char>(e), std::istreambuf_iterator<char>());
  return r;
}

std::vector<json> parse_all(const CliRun& r) {
  std::vector<json> v;
  for (const auto& l : r.out) {
    v.push_back(json::parse(l));
  }
  return v;
}

void expect_stable_keys(const json& j) {
  ASSERT_TRUE(j.contains("df")) << j.dump();
  ASSERT_TRUE(j["df"].is_number_integer());
  ASSERT_TRUE(j.contains("icao"));
  EXPECT_TRUE(std::regex_match(j["icao"].get<std::string>(), std::regex("[0-9a-f]{6}")));
  for (const char* k : {"lat", "lon", "track_deg"}) {
    if (j.contains(k)) {
      EXPECT_TRUE(j[k].is_number()) << k;
    }
  }
  for (const char* k : {"tc", "alt_ft", "gs_kt", "vrate_fpm"}) {
    if (j.contains(k)) {
      EXPECT_TRUE(j[k].is_number_integer()) << k << " " << j.dump();
    }
  }
  if (j.contains("callsign")) {
    EXPECT_TRUE(j["callsign"].is_string());
  }
}

TEST(DecodeAdsbCli, BeastSampleAsJson) {
  const CliRun r = dewline("--format beast " + test::real_data("adsb/sample_dump1090_beast.bin").string() +
                            " --json",
                        "adsb_cli_beast");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto msgs = parse_all(r);
  ASSERT_EQ(msgs.size(), 239u);
  int positions = 0, callsigns = 0, df17 = 0;
  for (const auto& j : msgs) {
    expect_stable_keys(j);
    positions += j.contains("lat") ? 1 : 0;
    callsigns += j.contains("callsign") ? 1 : 0;
    df17 += j["df"] == 17 ? 1 : 0;
  }
  EXPECT_EQ(positions, 3);
  EXPECT_EQ(callsigns, 2);
  EXPECT_EQ(df17, 23);
  const json& f61 = msgs[60];
  EXPECT_EQ(f61["frame"], 61);
  EXPECT_EQ(f61["icao"], "48520a");
  EXPECT_EQ(f61["tc"], 11);
  EXPECT_EQ(f61["alt_ft"], 38000);
  EXPECT_NEAR(f61["lat"].get<double>(), 43.64421262579449, 1e-9);
  EXPECT_NEAR(f61["lon"].get<double>(), 1.2315150669642856, 1e-9);
  const json& f16 = msgs[15];
  EXPECT_EQ(f16["gs_kt"], 395);
  EXPECT_NEAR(f16["track_deg"].get<double>(), 353.75583461029197, 1e-9);
  EXPECT_EQ(f16["vrate_fpm"], 0);
  EXPECT_NE(r.err.find("239 messages, 0 rejected"), std::string::npos) << r.err;
}

TEST(DecodeAdsbCli, PymodesCsvAsModesHex) {
  const CliRun r = dewline("--format modes-hex " +
                            test::real_data("adsb/pymodes_sample_data_adsb.csv").string() + " --json",
                        "adsb_cli_hex");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto msgs = parse_all(r);
  ASSERT_EQ(msgs.size(), 2000u);
  int global = 0;
  for (const auto& j : msgs) {
    expect_stable_keys(j);
    EXPECT_EQ(j["icao"], "406b90");
    global += j.value("cpr_method", "") == "global" ? 1 : 0;
  }
  EXPECT_EQ(global, 927);
  EXPECT_EQ(msgs[1]["tc"], 11);
  EXPECT_EQ(msgs[0]["gs_kt"], 493);
}

TEST(DecodeAdsbCli, SbsFileAndTextMode) {
  const auto dir = test::scratch_dir("adsb_cli_sbs_in");
  const auto path = dir / "feed.sbs";
  std::ofstream(path) << "MSG,1,1,1,4840D6,1,2024/01/02,03:04:05.123,2024/01/02,03:04:05.123,"
                         "KLM1023 ,,,,,,,,,,,0\r\n"
                         "MSG,3,1,1,40621D,1,2024/01/02,03:04:07.000,2024/01/02,03:04:07.000,,"
                         "38000,,,52.25720,3.91937,,,0,0,0,0\r\n"
                         "\r\n"
                         "MSG,6,1,1,40621D,1,2024/01/02,03:04:10.000,,,,,,,,,,7700,0,-1,0,\r\n";
  const CliRun j = dewline("--format sbs " + path.string() + " --json", "adsb_cli_sbs");
  EXPECT_EQ(j.exit_code, 0) << j.err;
  const auto msgs = parse_all(j);
  ASSERT_EQ(msgs.size(), 3u);
  for (const auto& m : msgs) {
    expect_stable_keys(m);
  }
  EXPECT_EQ(msgs[0]["callsign"], "KLM1023");
  EXPECT_EQ(msgs[0]["df"], 17);
  EXPECT_DOUBLE_EQ(msgs[1]["lat"].get<double>(), 52.2572);
  EXPECT_EQ(msgs[1]["alt_ft"], 38000);
  EXPECT_EQ(msgs[2]["df"], 5);
  EXPECT_EQ(msgs[2]["squawk"], "7700");
  const CliRun t = dewline("--format sbs " + path.string(), "adsb_cli_sbs_text");
  EXPECT_EQ(t.exit_code, 0);
  ASSERT_EQ(t.out.size(), 3u);
  EXPECT_NE(t.out[0].find("KLM1023"), std::string::npos) << t.out[0];
  EXPECT_NE(t.out[1].find("52.25720"), std::string::npos) << t.out[1];
}

TEST(DecodeAdsbCli, BadFramesAreReportedWithOffsetAndGoodOnesStillDecoded) {
  std::ifstream in(test::real_data("adsb/sample_dump1090_beast.bin"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Garbage at the start, an unknown frame type after frame 2 (offset 33), a cut frame at the end.
  bytes.insert(33, std::string("\x1a\x39\x01\x02", 4));
  bytes.insert(0, "JUNK");
  bytes += std::string("\x1a\x33\x00\x00", 4);
  const auto dir = test::scratch_dir("adsb_cli_bad_in");
  const auto path = dir / "damaged.bin";
  std::ofstream(path, std::ios::binary) << bytes;
  const CliRun r = dewline("--format beast " + path.string() + " --json", "adsb_cli_bad");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(parse_all(r).size(), 239u);
  EXPECT_NE(r.err.find("offset 0: garbage"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("offset 37: bad_frame_type"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated_frame"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 rejected"), std::string::npos) << r.err;
  // Text input: the line number.
  const auto hex = dir / "bad.hex";
  std::ofstream(hex) << "8D4840D6202CC371C32CE0576098\nnot hex\n8D4840D6202CC371C32CE0576099\n";
  const CliRun h = dewline("--format modes-hex " + hex.string() + " --json", "adsb_cli_badhex");
  EXPECT_EQ(h.exit_code, 1);
  EXPECT_EQ(h.out.size(), 1u);
  EXPECT_NE(h.err.find("line 2: bad_hex"), std::string::npos) << h.err;
  EXPECT_NE(h.err.find("line 3: bad_crc"), std::string::npos) << h.err;
}

TEST(DecodeAdsbCli, BeastOverTcp) {
  std::ifstream in(test::real_data("adsb/sample_dump1090_beast.bin"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto listener = TcpListener::open(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", 0});
  ASSERT_TRUE(listener.has_value());
  std::thread server([&] {
    if (auto conn = listener->accept(Duration::from_ms(10000))) {
      (void)conn->write_all(std::as_bytes(std::span(bytes.data(), bytes.size())));
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      conn->close();
    }
  });
  const CliRun r = dewline("--format beast tcp://127.0.0.1:" + std::to_string(listener->local_port()) +
                            " --json --max-records 239 --timeout 5",
                        "adsb_cli_tcp");
  server.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto msgs = parse_all(r);
  ASSERT_EQ(msgs.size(), 239u);
  EXPECT_EQ(msgs[60]["icao"], "48520a");
  EXPECT_TRUE(msgs[60].contains("lat"));
}

}  // namespace
}  // namespace dewline::ingest::adsb
