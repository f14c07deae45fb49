// Checks dewline's CoT XML against an independent implementation: @tak-ps/node-cot from npm,
// which validates the event against its schema and parses type, point and detail. It runs when
// that package is installed: by scripts/install-deps in tools/node-cot (package.json and its lock
// file are committed, node_modules never), or by hand beside the build:
//   mkdir -p build/<dir>/node_cot && cd build/<dir>/node_cot &&
//   echo '{"private":true,"type":"module"}' > package.json && npm install @tak-ps/node-cot
// or with DEWLINE_NODE_COT_DIR pointing at such a folder. Otherwise the test is SKIPPED and says
// so.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "publish/cot/cot_event.hpp"
#include "tests/publish/test_alert.hpp"
#include "tests/test_paths.hpp"

namespace dewline::publish::cot {
namespace {

namespace fs = std::filesystem;

fs::path node_cot_dir() {
  if (const char* env = std::getenv("DEWLINE_NODE_COT_DIR")) {
    return env;
  }
  // scripts/install-deps installs it (npm ci, pinned by the lock file) in tools/node-cot.
  const fs::path tools = dewline::test::source_dir() / "tools" / "node-cot";
  if (fs::exists(tools / "node_modules")) {
    return tools;
  }
  return dewline::test::binary_dir() / "node_cot";
}

TEST(CotNodeCheck, NodeCotParsesOurEvents) {
  const fs::path dir = node_cot_dir();
  if (!fs::exists(dir / "node_modules" / "@tak-ps" / "node-cot" / "package.json")) {
    GTEST_SKIP() << "SKIPPED: @tak-ps/node-cot is not installed in " << dir.string()
                 << " (npm install @tak-ps/node-cot there to run this check)";
  }
  if (std::system("node --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "SKIPPED: node is not on the PATH";
  }
  const fs::path scratch = dewline::test::scratch_dir("cot_node_check");
  const EnuFrame site(Geodetic{47.395, 8.585, 440.0});
  struct Case {
    std::string name;
    TargetClass cls;
    bool friendly;
    std::string type;
    std::string full;
  };
  const std::vector<Case> cases = {
      {"multirotor", TargetClass::DroneMultirotor, false, "a-h-A-M-H-Q",
       "Air/Mil/Rotor/Drone,RPV,UAV"},
      {"fixed_wing", TargetClass::DroneFixedWing, false, "a-h-A-M-F-Q",
       "Air/Mil/Fixed/Drone,RPV,UAV"},
      {"friendly", TargetClass::DroneMultirotor, true, "a-f-A-M-H-Q",
       "Air/Mil/Rotor/Drone,RPV,UAV"},
      {"helicopter", TargetClass::Helicopter, false, "a-n-A-C-H", "Air/Civ/rotary"},
  };
  std::string files;
  for (const auto& c : cases) {
    AlertEvent a = test::sample_alert();
    a.track.assessment.target_class = c.cls;
    a.track.assessment.friendly = c.friendly;
    a.reason = "reason with <markup> & \"quotes\"";
    const fs::path f = scratch / (c.name + ".xml");
    std::ofstream(f) << encode_cot(cot_from_alert(a, site, Duration::from_seconds(60)));
    files += " " + f.string();
  }
  fs::copy_file(dewline::test::source_dir() / "tests/publish/cot/node_cot_check.mjs",
                dir / "node_cot_check.mjs", fs::copy_options::overwrite_existing);
  const fs::path out = scratch / "out.jsonl";
  const std::string cmd = "cd '" + dir.string() + "' && node node_cot_check.mjs" + files + " > '" +
                          out.string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream all;
  all << in.rdbuf();
  ASSERT_EQ(rc, 0) << all.str();
  std::istringstream lines(all.str());
  std::string line;
  std::size_t i = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') {
      continue;
    }
    ASSERT_LT(i, cases.size());
    const auto j = nlohmann::json::parse(line);
    const Case& c = cases[i++];
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(j["ok"].get<bool>()) << line;
    EXPECT_EQ(j["type"], c.type);
    EXPECT_EQ(j["type_full"], c.full);
    EXPECT_EQ(j["how"], "m-f");
    EXPECT_EQ(j["hostile"], c.type.rfind("a-h-", 0) == 0);
    EXPECT_TRUE(j["airborne"].get<bool>());
    EXPECT_NEAR(j["lat"].get<double>(), 47.3977, 1e-3);
    EXPECT_NEAR(j["lon"].get<double>(), 8.5684, 1e-3);
    EXPECT_NEAR(j["geometry"]["coordinates"][0].get<double>(), j["lon"].get<double>(), 1e-9);
    EXPECT_NEAR(j["course"].get<double>(), 90.0, 1e-6);
    EXPECT_NEAR(j["speed"].get<double>(), 15.0, 1e-6);
    EXPECT_NE(j["remarks"].get<std::string>().find("<markup> & \"quotes\""), std::string::npos);
  }
  EXPECT_EQ(i, cases.size());
}

}  // namespace
}  // namespace dewline::publish::cot
