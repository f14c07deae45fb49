// Tests of `dewline decode --format sapient-json` and `--format sapient` (the stable interface of
// issue 4): exit 0 and the message as JSON for a valid message; exit 1 and exactly one line
// "invalid: <field path>: <reason>" for an invalid one; one line per message or bad frame for a
// binary stream.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::sapient {
namespace {

struct CliRun {
  int status = -1;
  std::string out;
};

CliRun run(const std::string& args) {
  const std::string cmd = test::dewline_binary().string() + " " + args + " 2>/dev/null";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    return r;
  }
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), p) != nullptr) {
    r.out += buf.data();
  }
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

TEST(DecodeSapientCli, ValidMessagesPrintAsJson) {
  const auto f = test::real_data("sapient/valid/DetectionReport.ThreeClassProbabilities.FullMessage.json");
  const CliRun r = run("decode --format sapient-json " + f.string());
  EXPECT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["nodeId"], "a8654cdf-4328-47de-81fa-c495589e30c8");
  EXPECT_EQ(j["detectionReport"]["classification"].size(), 3U);
}

TEST(DecodeSapientCli, InvalidMessagesPrintOneLineNamingTheField) {
  for (const char* name : {"0108.DetectionReport.ObjectId.Missing.json",
                           "0028.Registration.IcdVersion.Wrong.json",
                           "0001.Timestamp.Error.json"}) {
    const CliRun r = run("decode --format sapient-json " +
                      test::real_data(std::string("sapient/invalid/") + name).string());
    EXPECT_EQ(r.status, 1) << name;
    ASSERT_FALSE(r.out.empty());
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;  // exactly one line
    EXPECT_EQ(r.out.rfind("invalid: ", 0), 0U) << r.out;
  }
  EXPECT_EQ(run("decode --format sapient-json " +
                test::real_data("sapient/invalid/0108.DetectionReport.ObjectId.Missing.json").string())
                .out,
            "invalid: detection_report.object_id: missing (mandatory)\n");
}

TEST(DecodeSapientCli, BinaryStreamGivesOneLinePerMessageOrBadFrame) {
  SensorInfo s;
  s.id = SensorId{2};
  SapientEncoder enc(s, EnuFrame(Geodetic{51.0, -1.0, 0.0}));
  std::vector<std::byte> data;
  encode_frame(enc.registration(Time::from_seconds(1.7e9)), data);
  const std::size_t bad_at = data.size();
  for (int i = 0; i < 9; ++i) {
    data.push_back(std::byte{0xEE});
  }
  encode_frame(enc.status_report(Time::from_seconds(1.7e9)), data);
  const auto dir = test::scratch_dir("decode_sapient_cli");
  const auto file = dir / "stream.bin";
  {
    std::ofstream o(file, std::ios::binary);
    o.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  }
  const CliRun r = run("decode --format sapient --json " + file.string());
  EXPECT_EQ(r.status, 1);  // a bad stretch was reported
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  for (std::size_t nl = r.out.find('\n'); nl != std::string::npos; nl = r.out.find('\n', start)) {
    lines.push_back(nlohmann::json::parse(r.out.substr(start, nl - start)));
    start = nl + 1;
  }
  ASSERT_EQ(lines.size(), 3U) << r.out;
  EXPECT_TRUE(lines[0].contains("registration"));
  EXPECT_EQ(lines[1]["offset"], bad_at);
  EXPECT_TRUE(lines[1]["error"].get<std::string>().rfind("oversize: ", 0) == 0 ||
              lines[1]["error"].get<std::string>().rfind("truncated: ", 0) == 0 ||
              lines[1]["error"].get<std::string>().rfind("malformed: ", 0) == 0)
      << lines[1];
  EXPECT_TRUE(lines[2].contains("statusReport"));
}

}  // namespace
}  // namespace dewline::ingest::sapient
