// `dewline decode --format asterix`: the stable interface of issue 4, run as a process. JSON
// lines with cat/sac/sic/time_of_day_s and the CAT048/CAT034 keys, values equal to the reference
// decode; bad records as {"error", "offset"} with exit code 1 while good records still print;
// text mode; raw block files; a live udp:// feed on loopback.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "ingest/asterix/encoder.hpp"
#include "ingest/net/socket_io.hpp"
#include "tests/ingest/asterix/test_pcap.hpp"
#include "tests/ingest/asterix/test_records.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::asterix {
namespace {

struct CliRun {
  int exit_code = -1;
  std::vector<std::string> lines;
};

CliRun run(const std::string& args, const std::filesystem::path& out) {
  EXPECT_TRUE(std::filesystem::exists(test::dewline_binary()))
      << test::dewline_binary() << " is not built (cmake --build ... --target dewline)";
  const std::string cmd = "'" + test::dewline_binary().string() + "' decode " + args + " > '" +
                          out.string() + "' 2> '" + out.string() + ".err'";
  const int rc = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  std::ifstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    r.lines.push_back(line);
  }
  return r;
}

TEST(DecodeAsterixCli, JsonLinesCarryTheStableKeysWithTheReferenceValues) {
  const auto dir = test::scratch_dir("asterix_cli_json");
  const CliRun r =
      run("--format asterix '" + test::real_data("asterix/cat_034_048.pcap").string() + "' --json",
          dir / "out.jsonl");
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.lines.size(), 162U);
  std::map<std::tuple<int, int, int>, nlohmann::json> ref;
  std::ifstream in(test::real_data("asterix/expected/cat_034_048.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    const auto key =
        std::make_tuple(j["frame"].get<int>(), j["block"].get<int>(), j["record"].get<int>());
    ref[key] = std::move(j);
  }
  const std::regex octal4("^[0-7]{4}$");
  const std::regex hex6("^[0-9a-f]{6}$");
  for (const auto& l : r.lines) {
    const auto j = nlohmann::json::parse(l);
    ASSERT_FALSE(j.contains("error")) << l;
    for (const char* k : {"cat", "sac", "sic", "time_of_day_s", "offset", "frame"}) {
      ASSERT_TRUE(j.contains(k)) << k << " missing: " << l;
    }
    const auto& e = ref.at(
        std::make_tuple(j["frame"].get<int>(), j["block"].get<int>(), j["record"].get<int>()));
    EXPECT_EQ(j["cat"], e["category"]);
    EXPECT_EQ(j["sac"], e["sac"]);
    EXPECT_EQ(j["sic"], e["sic"]);
    EXPECT_EQ(j["time_of_day_s"].get<double>(), e["time_of_day_s"].get<double>());
    auto same = [&](const char* mine, const char* theirs) {
      ASSERT_EQ(j.contains(mine), e.contains(theirs)) << mine << ": " << l;
      if (j.contains(mine) && j[mine].is_number()) {
        EXPECT_NEAR(j[mine].get<double>(), e[theirs].get<double>(), 1e-9) << mine;
      } else if (j.contains(mine)) {
        EXPECT_EQ(j[mine], e[theirs]) << mine;
      }
    };
    if (j["cat"] == 48) {
      same("rho_nm", "rho_nm");
      same("theta_deg", "theta_deg");
      same("mode3a", "mode3a");
      same("track_number", "track_number");
      same("callsign", "aircraft_id");
      ASSERT_EQ(j.contains("flight_level"), e.contains("flight_level"));
      if (j.contains("flight_level")) {
        EXPECT_EQ(j["flight_level"].get<double>(), e["flight_level"].get<double>());
      }
      if (j.contains("mode3a")) {
        EXPECT_TRUE(std::regex_match(j["mode3a"].get<std::string>(), octal4));
      }
      ASSERT_EQ(j.contains("address"), e.contains("aircraft_address"));
      if (j.contains("address")) {
        const std::string a = j["address"].get<std::string>();
        EXPECT_TRUE(std::regex_match(a, hex6)) << a;
        std::string upper = a;
        for (char& ch : upper) {
          ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
        EXPECT_EQ(upper, e["aircraft_address"].get<std::string>());
      }
    } else {
      same("message_type", "message_type");
      same("sector_deg", "sector_number_deg");
    }
  }
}

TEST(DecodeAsterixCli, BadRecordsAreReportedWithOffsetAndExitOneWhileGoodOnesPrint) {
  const auto dir = test::scratch_dir("asterix_cli_bad");
  const test::Bytes good = test::block(48, {test::plot(1, 10.0, 100, 100)});
  test::Bytes truncated = test::block(48, {test::plot(1, 10.0, 100, 100)});
  truncated[2] = static_cast<std::byte>(std::to_integer<int>(truncated[2]) - 2);  // LEN - 2
  test::PcapWriter w(dir / "bad.pcap");
  w.add(test::cat({good, test::b({0xDE, 0xAD, 0xBE, 0xEF}), good}), 1462433756U);
  w.add(truncated, 1462433757U);
  w.add(test::b({62, 0, 6, 0x80, 1, 2}), 1462433758U);  // CAT062
  w.add(good, 1462433759U);
  w.close();
  const CliRun r =
      run("--format asterix '" + (dir / "bad.pcap").string() + "' --json", dir / "out.jsonl");
  EXPECT_EQ(r.exit_code, 1);
  int records = 0;
  std::vector<nlohmann::json> errors;
  for (const auto& l : r.lines) {
    const auto j = nlohmann::json::parse(l);
    if (j.contains("error")) {
      ASSERT_TRUE(j.contains("offset")) << l;
      errors.push_back(j);
    } else {
      ++records;
    }
  }
  EXPECT_EQ(records, 3);
  ASSERT_EQ(errors.size(), 4U);
  EXPECT_EQ(errors[0]["frame"], 1);
  EXPECT_EQ(errors[0]["offset"], good.size());
  EXPECT_EQ(errors[1]["frame"], 2);
  EXPECT_NE(errors[1]["error"].get<std::string>().find("truncated"), std::string::npos);
  EXPECT_EQ(errors[2]["frame"], 2);  // the 2 bytes LEN left out
  EXPECT_EQ(errors[3]["frame"], 3);
  EXPECT_NE(errors[3]["error"].get<std::string>().find("CAT062"), std::string::npos);
}

TEST(DecodeAsterixCli, TextModePrintsOneLinePerRecord) {
  const auto dir = test::scratch_dir("asterix_cli_text");
  const CliRun r =
      run("--format asterix '" + test::real_data("asterix/cat_034_048.pcap").string() + "'",
          dir / "out.txt");
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.lines.size(), 162U);
  EXPECT_EQ(r.lines[0],
            "frame 1 +3 CAT048 25/201 07:35:54.602 rho 197.684 NM theta 340.137 deg A1000 FL330 "
            "3c660c DLH65A track 3563");
  EXPECT_NE(r.lines[3].find("CAT034 25/13 07:35:55.953 sector_crossing sector 135 deg"),
            std::string::npos)
      << r.lines[3];
}

TEST(DecodeAsterixCli, RawBlockFileOffsetsAreFileOffsets) {
  const auto dir = test::scratch_dir("asterix_cli_raw");
  const CliRun r =
      run("--format asterix '" + test::real_data("asterix/cat048.raw").string() + "' --json",
          dir / "out.jsonl");
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.lines.size(), 1U);
  const auto j = nlohmann::json::parse(r.lines[0]);
  EXPECT_EQ(j["offset"], 3);
  EXPECT_FALSE(j.contains("frame"));
  EXPECT_EQ(j["callsign"], "DLH65A");
  EXPECT_EQ(j["address"], "3c660c");
}

TEST(DecodeAsterixCli, UnknownCategoryCaptureExitsOneWithoutCrashing) {
  const auto dir = test::scratch_dir("asterix_cli_062");
  const CliRun r = run(
      "--format asterix '" + test::real_data("asterix/cat062_tracks.pcap").string() + "' --json",
      dir / "out.jsonl");
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_FALSE(r.lines.empty());
  for (const auto& l : r.lines) {
    const auto j = nlohmann::json::parse(l);
    ASSERT_TRUE(j.contains("error"));
    EXPECT_NE(j["error"].get<std::string>().find("unknown_category"), std::string::npos);
  }
}

TEST(DecodeAsterixCli, LiveUdpFeedOnLoopback) {
  // A free port: bind port 0, note it, release it for the decoder.
  std::uint16_t port = 0;
  {
    auto probe = UdpReceiver::open(Endpoint{Endpoint::Scheme::Udp, "127.0.0.1", 0});
    ASSERT_TRUE(probe.has_value());
    port = probe->local_port();
  }
  const auto dir = test::scratch_dir("asterix_cli_udp");
  DatagramBuilder b(300);
  for (int i = 0; i < 10; ++i) {
    Cat048Record rec;
    rec.i010 = DataSourceIdentifier{25, 3};
    rec.i140 = 100.0 + i;
    rec.i040 = MeasuredPolarPosition{5.0, 10.0 * i};
    ASSERT_TRUE(b.add(rec).has_value());
  }
  const auto datagrams = b.finish();
  CliRun r;
  std::thread decoder([&] {
    r = run("--format asterix udp://127.0.0.1:" + std::to_string(port) +
                " --json --max-records 10 --timeout 10",
            dir / "out.jsonl");
  });
  auto tx = UdpSender::open(Endpoint{Endpoint::Scheme::Udp, "127.0.0.1", port});
  ASSERT_TRUE(tx.has_value());
  // Resend until the decoder has its 10 records (it may not be listening yet), at most ~8 s.
  for (int i = 0; i < 80; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::ifstream probe(dir / "out.jsonl");
    std::string content((std::istreambuf_iterator<char>(probe)), std::istreambuf_iterator<char>());
    if (std::count(content.begin(), content.end(), '\n') >= 10) {
      break;
    }
    for (const auto& d : datagrams) {
      (void)tx->send(d);
    }
  }
  decoder.join();
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.lines.size(), 10U);
  for (const auto& l : r.lines) {
    const auto j = nlohmann::json::parse(l);
    EXPECT_EQ(j["cat"], 48);
    EXPECT_EQ(j["sic"], 3);
    EXPECT_EQ(j["rho_nm"], 5.0);
  }
}

}  // namespace
}  // namespace dewline::ingest::asterix
