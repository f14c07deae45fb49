// Every scenario shipped in scenarios/ loads, simulates (a short stretch of it) and produces
// truth and detections; none depends on ../shared (users do not have it); each is described in
// its header comment and in docs/scenarios.md.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sim/scenario_loader.hpp"
#include "sim/sim_command.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

std::vector<std::filesystem::path> library() {
  std::vector<std::filesystem::path> out;
  for (const auto& e :
       std::filesystem::directory_iterator(dewline::test::source_dir() / "scenarios")) {
    if (e.path().extension() == ".toml") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ScenarioLibrary, HoldsTheScenariosTheIssuesAskFor) {
  const auto files = library();
  EXPECT_GE(files.size(), 11U);
  const std::string docs = read(dewline::test::source_dir() / "docs" / "scenarios.md");
  for (const auto& f : files) {
    const std::string text = read(f);
    EXPECT_EQ(text.rfind("# ", 0), 0U) << f << ": starts with its description";
    EXPECT_EQ(text.find("shared/"), std::string::npos) << f << ": must not use ../shared";
    EXPECT_NE(docs.find(f.filename().string()), std::string::npos)
        << f.filename() << " is not described in docs/scenarios.md";
  }
}

TEST(ScenarioLibrary, EveryScenarioLoadsAndSimulates) {
  for (const auto& f : library()) {
    SCOPED_TRACE(f.filename().string());
    auto full = load_scenario(f);
    ASSERT_TRUE(full.has_value()) << (full ? "" : full.error()[0].message());
    EXPECT_FALSE(full->name.empty());
    EXPECT_FALSE(full->sensors.empty());
    EXPECT_FALSE(full->targets.empty());
    // A short stretch keeps the test quick on two cores.
    LoadOptions lo;
    lo.duration_s = 8.0;
    auto sc = load_scenario(f, lo);
    ASSERT_TRUE(sc.has_value());
    Simulator sim(*sc, 1);
    test::CollectingEmitter events;
    Emitter* e = &events;
    auto r = sim.run(std::span<Emitter* const>(&e, 1));
    ASSERT_TRUE(r.has_value());
    EXPECT_FALSE(r->truth.empty());
    EXPECT_FALSE(events.items.empty());
  }
}

TEST(ScenarioLibrary, ACommandRunWritesEveryFile) {
  const auto out = dewline::test::scratch_dir("sim_library_run");
  SimCommandOptions o;
  o.scenario = dewline::test::source_dir() / "scenarios" / "quadcopter_night.toml";
  o.seed = 3;
  o.out_dir = out;
  o.duration_s = 20.0;
  o.quiet = true;
  ASSERT_EQ(run_sim_command(o, stderr), 0);
  for (const char* f :
       {"truth.csv", "labels.csv", "site.csv", "zones.geojson", "sensors.csv", "measurements.csv",
        "sensors.json", "detections.jsonl", "meta.json", "coverage.csv"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(out / f)) << f;
  }
}

}  // namespace
}  // namespace dewline::sim
