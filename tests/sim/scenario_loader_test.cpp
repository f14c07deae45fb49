// Bad scenario files: every error names the file, the line and the key, and `dewline sim` exits
// non-zero. One test per class of error.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "sim/sim_command.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

using test::header;

const char* kGood = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 10]
[[target]]
kind = "quadcopter"
start_m = [500, 0, 50]
)";

std::vector<ConfigError> errors_of(const std::string& text) {
  auto sc = parse_scenario(text, "bad.toml", dewline::test::source_dir());
  EXPECT_FALSE(sc.has_value());
  return sc ? std::vector<ConfigError>{} : sc.error();
}

// The run through `dewline sim`'s code path: exit code and stderr text.
std::pair<int, std::string> run_command(const std::string& text) {
  const auto dir = dewline::test::scratch_dir("sim_bad_scenario");
  const auto path = dir / "bad.toml";
  std::ofstream(path) << text;
  std::FILE* err = std::tmpfile();
  SimCommandOptions o;
  o.scenario = path;
  o.out_dir = dir / "out";
  const int rc = run_sim_command(o, err);
  std::rewind(err);
  std::string msg;
  char buf[512];
  while (std::fgets(buf, sizeof buf, err) != nullptr) {
    msg += buf;
  }
  std::fclose(err);
  return {rc, msg};
}

TEST(ScenarioLoader, AcceptsAGoodScenario) {
  auto sc = parse_scenario(header(10.0) + kGood, "good.toml", dewline::test::source_dir());
  ASSERT_TRUE(sc.has_value());
  EXPECT_EQ(sc->sensors.size(), 1U);
  EXPECT_EQ(sc->targets.size(), 1U);
  EXPECT_EQ(sc->duration.ns, 10'000'000'000);
}

TEST(ScenarioLoader, UnknownKeyNamesFileLineAndKey) {
  // Line 16 of the text below is the misspelt key.
  const std::string text = header(10.0) + kGood + "sigma_rang_m = 3\n";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].file, "bad.toml");
  EXPECT_EQ(errors[0].line, 16U);
  EXPECT_EQ(errors[0].key, "target[0].sigma_rang_m");
  EXPECT_EQ(errors[0].reason, "unknown key");
  EXPECT_EQ(errors[0].message(), "bad.toml:16:1: target[0].sigma_rang_m: unknown key");
}

TEST(ScenarioLoader, KeyOfAnotherSensorTypeIsUnknown) {
  const auto errors = errors_of(header(10.0) + R"(
[[sensor]]
type = "acoustic"
position_m = [0, 0, 2]
clutter_per_scan = 3
)");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].key, "sensor[0].clutter_per_scan");
  EXPECT_EQ(errors[0].line, 13U);
}

TEST(ScenarioLoader, WrongTypeNamesFileLineAndKey) {
  const auto errors = errors_of(header(10.0) + R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 10]
scan_period_s = "fast"
)");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 13U);
  EXPECT_EQ(errors[0].key, "sensor[0].scan_period_s");
  EXPECT_NE(errors[0].reason.find("wrong type"), std::string::npos) << errors[0].reason;
}

TEST(ScenarioLoader, OutOfRangeValueNamesFileLineAndKey) {
  const auto errors = errors_of(header(10.0) + R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 10]
pd_model = "fixed"
pd = 1.5
)");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 14U);
  EXPECT_EQ(errors[0].key, "sensor[0].pd");
  EXPECT_NE(errors[0].reason.find("out of range"), std::string::npos) << errors[0].reason;
}

TEST(ScenarioLoader, InvalidChoiceNamesTheKey) {
  const auto errors = errors_of(header(10.0) + R"(
[[target]]
kind = "zeppelin"
start_m = [0, 0, 100]
)");
  ASSERT_GE(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 11U);
  EXPECT_EQ(errors[0].key, "target[0].kind");
}

TEST(ScenarioLoader, MissingRequiredKeyNamesTheTable) {
  const auto errors = errors_of(header(10.0) + R"(
[[sensor]]
type = "eo_ir"
)");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].key, "sensor[0].position_m");
  EXPECT_NE(errors[0].reason.find("missing required key"), std::string::npos);
  EXPECT_EQ(errors[0].line, 10U);  // the [[sensor]] table
}

TEST(ScenarioLoader, MissingScenarioFileIsAnError) {
  auto sc = load_scenario("/nonexistent/dir/none.toml");
  ASSERT_FALSE(sc.has_value());
  ASSERT_EQ(sc.error().size(), 1U);
  EXPECT_EQ(sc.error()[0].file, "/nonexistent/dir/none.toml");
  EXPECT_NE(sc.error()[0].reason.find("no such file"), std::string::npos);
}

TEST(ScenarioLoader, MissingReplayFileNamesFileLineAndKey) {
  const auto errors = errors_of(header(10.0) + R"(
[[target]]
kind = "adsb_replay"
file = "no/such/traffic.json.gz"
)");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 12U);
  EXPECT_EQ(errors[0].key, "target[0].file");
  EXPECT_NE(errors[0].reason.find("missing file"), std::string::npos) << errors[0].reason;
}

TEST(ScenarioLoader, SyntaxErrorNamesTheLine) {
  const auto errors = errors_of(header(10.0) + "[[sensor]\ntype = 3\n");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 9U);
  EXPECT_NE(errors[0].reason.find("syntax error"), std::string::npos);
}

TEST(ScenarioLoader, ReportsEveryErrorNotOnlyTheFirst) {
  const auto errors = errors_of(header(10.0) + R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0]
sigma_range_m = -1
bogus = true
)");
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].key, "sensor[0].position_m");
  EXPECT_EQ(errors[1].key, "sensor[0].sigma_range_m");
  EXPECT_EQ(errors[2].key, "sensor[0].bogus");
}

TEST(ScenarioLoader, TruthPeriodMustBeWholeSteps) {
  const auto errors = errors_of(header(10.0, "truth_period_s = 0.33\nstep_s = 0.1"));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].key, "scenario.truth_period_s");
}

TEST(ScenarioLoader, OverlappingTargetIdsAreRejected) {
  const auto errors = errors_of(header(10.0) + R"(
[[target]]
id = 5
kind = "bird"
count = 3
[[target]]
id = 6
kind = "quadcopter"
start_m = [0, 0, 10]
)");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].key, "target[1].id");
}

TEST(SimCommand, BadScenarioExitsNonZeroNamingFileLineAndKey) {
  for (const auto& [text, expect] : std::vector<std::pair<std::string, std::string>>{
           {header(10.0) + kGood + "sigma_rang_m = 3\n",
            ":16:1: target[0].sigma_rang_m: unknown key"},
           {header(10.0) + "[[sensor]]\ntype = \"adsb\"\nposition_m = [0, 0, \"x\"]\n",
            ":11:14: sensor[0].position_m: wrong type"},
           {header(-5.0), ":3:14: scenario.duration_s: out of range"},
       }) {
    const auto [rc, msg] = run_command(text);
    EXPECT_EQ(rc, 1) << msg;
    EXPECT_NE(msg.find("bad.toml" + expect), std::string::npos) << msg;
  }
  SimCommandOptions o;
  o.scenario = "/nonexistent/none.toml";
  o.out_dir = dewline::test::scratch_dir("sim_missing");
  std::FILE* err = std::tmpfile();
  EXPECT_EQ(run_sim_command(o, err), 1);
  std::fclose(err);
}

}  // namespace
}  // namespace dewline::sim
