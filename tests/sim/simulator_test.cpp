// The simulator as a whole: determinism, independent random streams, the truth grid, smooth and
// physically plausible motion, and the output files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/angles.hpp"
#include "ingest/exchange/exchange_csv.hpp"
#include "ingest/exchange/native_json.hpp"
#include "ingest/exchange/zones_geojson.hpp"
#include "sim/sim_command.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

using test::header;
using test::must_parse;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* kScene = R"(
[[zone]]
name = "plant"
level = "protected"
polygon_m = [-200, -150, 200, -150, 200, 150, -200, 150]
[[zone]]
name = "outer"
level = "warning"
circle_center_m = [0, 0]
radius_m = 1500
ceiling_m = 1000
[[sensor]]
id = 1
type = "rotating_radar"
position_m = [0, 0, 12]
clutter_per_scan = 5
reports_range_rate = true
[[sensor]]
id = 2
type = "rf_detector"
position_m = [0, 0, 10]
[[sensor]]
id = 3
type = "eo_ir"
position_m = [20, 0, 15]
[[sensor]]
id = 4
type = "remote_id"
position_m = [0, 0, 10]
[[target]]
id = 1
kind = "quadcopter"
hostile = true
model = "DJI Mavic 3"
start_m = [900, 600, 80]
speed_mps = 15
[[target.waypoint]]
at_m = [0, 0, 40]
dive = true
[[target]]
id = 2
kind = "quadcopter"
start_m = [-300, 200, 40]
[target.remote_id]
serial = "1596F1234567"
[[target]]
id = 10
kind = "bird"
count = 6
area_radius_m = 1500
[[target]]
id = 20
kind = "fixed_wing_drone"
hostile = true
start_m = [-3500, -2000, 100]
[[target.waypoint]]
at_m = [0, 0, 0]
dive = true
)";

std::filesystem::path write_scenario(const std::string& name, const std::string& text) {
  const auto dir = dewline::test::scratch_dir("sim_" + name);
  std::ofstream(dir / "scenario.toml") << text;
  return dir / "scenario.toml";
}

int simulate(const std::filesystem::path& scenario, std::uint64_t seed,
             const std::filesystem::path& out) {
  SimCommandOptions o;
  o.scenario = scenario;
  o.seed = seed;
  o.out_dir = out;
  o.quiet = true;
  return run_sim_command(o, stderr);
}

TEST(Simulator, SameSeedGivesByteIdenticalFilesAndAnotherSeedDifferentOnes) {
  const auto scenario = write_scenario("determinism", header(60.0) + kScene);
  const auto base = scenario.parent_path();
  ASSERT_EQ(simulate(scenario, 42, base / "a"), 0);
  ASSERT_EQ(simulate(scenario, 42, base / "b"), 0);
  ASSERT_EQ(simulate(scenario, 43, base / "c"), 0);
  for (const char* f :
       {"truth.csv", "labels.csv", "site.csv", "zones.geojson", "sensors.csv", "measurements.csv",
        "sensors.json", "detections.jsonl", "meta.json", "coverage.csv"}) {
    const std::string a = read(base / "a" / f);
    EXPECT_FALSE(a.empty()) << f;
    EXPECT_EQ(a, read(base / "b" / f)) << f << " differs between two runs with the same seed";
  }
  EXPECT_NE(read(base / "a" / "detections.jsonl"), read(base / "c" / "detections.jsonl"));
  EXPECT_NE(read(base / "a" / "measurements.csv"), read(base / "c" / "measurements.csv"));
  EXPECT_NE(read(base / "a" / "truth.csv"), read(base / "c" / "truth.csv"));
}

TEST(Simulator, AddingASensorLeavesTheOthersDetectionsUnchanged) {
  const Scenario one = must_parse(header(60.0) + kScene);
  const Scenario two = must_parse(
      header(60.0) + kScene + "[[sensor]]\nid = 9\ntype = \"acoustic\"\nposition_m = [5, 5, 2]\n");
  auto a = test::run(one, 5);
  auto b = test::run(two, 5);
  for (std::uint32_t id : {1U, 2U, 3U, 4U}) {
    const auto da = a.events.of_sensor(id);
    const auto db = b.events.of_sensor(id);
    ASSERT_EQ(da.size(), db.size()) << "sensor " << id;
    for (std::size_t k = 0; k < da.size(); ++k) {
      EXPECT_EQ(ingest::to_json(da[k]), ingest::to_json(db[k]));
    }
  }
  EXPECT_FALSE(b.events.of_sensor(9).empty());
}

TEST(Simulator, SensorLatencyDelaysOnlyThatSensorsReceiveTimes) {
  const std::string node = "[[sensor]]\nid = 9\ntype = \"acoustic\"\nposition_m = [5, 5, 2]\n";
  const Scenario plain = must_parse(header(60.0) + kScene + node);
  const Scenario late =
      must_parse(header(60.0) + kScene + node + "latency_s = 1.5\nlatency_jitter_s = 0.5\n");
  auto a = test::run(plain, 5);
  auto b = test::run(late, 5);
  for (std::uint32_t id : {1U, 2U, 3U, 4U, 9U}) {
    const auto da = a.events.of_sensor(id);
    const auto db = b.events.of_sensor(id);
    ASSERT_EQ(da.size(), db.size()) << "sensor " << id;
    for (std::size_t k = 0; k < da.size(); ++k) {
      EXPECT_EQ(da[k].receive_time, da[k].time);
      if (id != 9) {
        EXPECT_EQ(db[k].receive_time, db[k].time);
        continue;
      }
      const double delay = (db[k].receive_time - db[k].time).seconds();
      EXPECT_GE(delay, 1.5);
      EXPECT_LT(delay, 2.0);
      Detection same = db[k];
      same.receive_time = same.time;
      EXPECT_EQ(ingest::to_json(same), ingest::to_json(da[k])) << "only the receive time moves";
    }
  }
  EXPECT_FALSE(b.events.of_sensor(9).empty());
}

TEST(Simulator, AddingATargetLeavesTheOtherTargetsUnchanged) {
  const Scenario one = must_parse(header(60.0) + kScene);
  const Scenario two = must_parse(header(60.0) + kScene +
                                  "[[target]]\nid = 99\nkind = \"quadcopter\"\n"
                                  "start_m = [100, -200, 30]\n");
  auto a = test::run(one, 6);
  auto b = test::run(two, 6);
  // The same truth for the old targets, and the same detections (clutter included).
  std::vector<ingest::TruthRow> tb;
  for (const auto& t : b.result.truth) {
    if (t.target_id != 99) {
      tb.push_back(t);
    }
  }
  ASSERT_EQ(a.result.truth.size(), tb.size());
  for (std::size_t i = 0; i < tb.size(); ++i) {
    EXPECT_EQ(a.result.truth[i].position_m, tb[i].position_m);
  }
  std::vector<std::string> da;
  std::vector<std::string> db;
  for (const auto& i : a.events.items) {
    da.push_back(ingest::to_json(i.detection).dump());
  }
  for (const auto& i : b.events.items) {
    if (i.detection.truth_id != std::optional<std::int64_t>(99)) {
      db.push_back(ingest::to_json(i.detection).dump());
    }
  }
  EXPECT_EQ(da, db);
}

TEST(Simulator, TruthIsOnAFixedGridForEveryTargetAlive) {
  const Scenario sc = must_parse(header(30.0, "truth_period_s = 0.5") + kScene);
  auto r = test::run(sc, 1);
  std::map<std::int64_t, std::vector<double>> times;
  for (const auto& t : r.result.truth) {
    times[t.target_id].push_back(t.time_s);
  }
  // Birds and the hovering drone live the whole run: 61 rows each, at k * 0.5 s.
  for (std::int64_t id : {2, 10, 11, 12, 13, 14, 15}) {
    ASSERT_EQ(times[id].size(), 61U) << id;
    for (std::size_t k = 0; k < 61; ++k) {
      EXPECT_DOUBLE_EQ(times[id][k], 0.5 * static_cast<double>(k));
    }
  }
  // Rows are ordered by time, then target id.
  for (std::size_t i = 1; i < r.result.truth.size(); ++i) {
    const auto& p = r.result.truth[i - 1];
    const auto& q = r.result.truth[i];
    EXPECT_TRUE(p.time_s < q.time_s || (p.time_s == q.time_s && p.target_id < q.target_id));
  }
}

// Checks that velocity is continuous and consistent with position, and that acceleration and
// speed stay within what the airframe can do.
void expect_plausible(const std::vector<ingest::TruthRow>& rows, double dt, double max_accel,
                      double max_speed, const std::string& what) {
  ASSERT_GT(rows.size(), 10U) << what;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& a = rows[i - 1];
    const auto& b = rows[i];
    ASSERT_NEAR(b.time_s - a.time_s, dt, 1e-9) << what;
    const Vec3 fd = (b.position_m - a.position_m) / dt;
    const Vec3 mean_v = 0.5 * (a.velocity_mps + b.velocity_mps);
    EXPECT_LT((fd - mean_v).norm(), 0.05 + 0.05 * max_accel * dt) << what << " at " << b.time_s;
    const double accel = (b.velocity_mps - a.velocity_mps).norm() / dt;
    EXPECT_LE(accel, max_accel) << what << " at " << b.time_s;
    EXPECT_LE(b.velocity_mps.norm(), max_speed) << what << " at " << b.time_s;
  }
}

TEST(Simulator, MotionIsSmoothAndWithinTheAirframe) {
  // Truth every step (0.05 s) so finite differences resolve the motion.
  const Scenario sc = must_parse(header(120.0, "truth_period_s = 0.05") + kScene + R"(
[[target]]
id = 30
kind = "swarm"
count = 5
start_m = [1500, 0, 60]
speed_mps = 12
formation = "wedge"
spacing_m = 8
[[target.waypoint]]
at_m = [0, 0, 60]
loiter_radius_m = 100
loiter_s = 40
[[target]]
id = 40
kind = "flock"
count = 8
start_m = [0, -800, 80]
[[target]]
id = 50
kind = "bird"
behaviour = "erratic"
count = 3
[[target]]
id = 60
kind = "bird"
behaviour = "soaring"
count = 3
)");
  auto r = test::run(sc, 3);
  std::map<std::int64_t, std::vector<ingest::TruthRow>> by;
  for (const auto& t : r.result.truth) {
    by[t.target_id].push_back(t);
  }
  const double dt = 0.05;
  // Multirotors: 5 m/s^2 (10 in the dive) plus gusts; fixed wing: bank and 2 x 3 m/s^2 in the
  // dive; erratic birds: up to 120 deg/s turns at 14 m/s (~30 m/s^2) plus undulation.
  expect_plausible(by[1], dt, 12.0, 26.0, "quadcopter");
  expect_plausible(by[2], dt, 2.0, 1.0, "hovering quadcopter");
  expect_plausible(by[20], dt, 12.0, 62.0, "fixed-wing drone");
  for (std::int64_t id = 30; id < 35; ++id) {
    expect_plausible(by[id], dt, 12.0, 36.0, "swarm member");
  }
  for (std::int64_t id = 40; id < 48; ++id) {
    expect_plausible(by[id], dt, 12.0, 40.0, "flock member");
  }
  // Flapping birds: 30 deg/s turns at up to 20 m/s (10.5 m/s^2), 3 m/s^2 along the path and
  // up to 6 m/s^2 of undulation.
  for (std::int64_t id : {10, 11, 12, 60, 61, 62}) {
    expect_plausible(by[id], dt, 20.0, 25.0, "bird");
  }
  for (std::int64_t id : {50, 51, 52}) {
    expect_plausible(by[id], dt, 40.0, 25.0, "erratic bird");
  }
  // The fixed-wing drone flies 40-60 m/s and low until its dive.
  for (const auto& t : by[20]) {
    const double vh = t.velocity_mps.head<2>().norm();
    EXPECT_GE(vh, 29.9);
    EXPECT_LE(t.position_m.z(), 110.0);
  }
}

TEST(Simulator, AttackDivesEndAtTheTargetPoint) {
  const Scenario sc = must_parse(header(300.0) + kScene);
  auto r = test::run(sc, 2);
  std::map<std::int64_t, ingest::TruthRow> last;
  for (const auto& t : r.result.truth) {
    last[t.target_id] = t;
  }
  // The quadcopter dives onto (0, 0, 40), the fixed-wing drone onto (0, 0, 0); both end there
  // (their last truth row is within one second of flight of the point).
  EXPECT_LT((last[1].position_m - Vec3(0, 0, 40)).norm(), 30.0);
  EXPECT_LT(last[1].time_s, 299.0);
  EXPECT_LT((last[20].position_m - Vec3(0, 0, 0)).norm(), 65.0);
  EXPECT_LT(last[20].time_s, 299.0);
  // The others live on.
  EXPECT_DOUBLE_EQ(last[2].time_s, 300.0);
}

TEST(Simulator, SwarmKeepsItsFormation) {
  const Scenario sc = must_parse(header(60.0) + R"(
[[target]]
id = 1
kind = "swarm"
count = 20
formation = "grid"
spacing_m = 10
jitter_m = 0.5
start_m = [1000, 0, 80]
[[target.waypoint]]
at_m = [-1000, 0, 80]
)");
  auto r = test::run(sc, 1);
  std::map<double, std::vector<Vec3>> at;
  for (const auto& t : r.result.truth) {
    at[t.time_s].push_back(t.position_m);
  }
  ASSERT_EQ(at[30.0].size(), 20U);
  // Members stay apart (no collisions) and together (within the formation's size).
  for (const auto& [time, ps] : at) {
    double min_d = 1e9;
    double max_d = 0.0;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      for (std::size_t j = i + 1; j < ps.size(); ++j) {
        min_d = std::min(min_d, (ps[i] - ps[j]).norm());
        max_d = std::max(max_d, (ps[i] - ps[j]).norm());
      }
    }
    EXPECT_GT(min_d, 3.0) << time;
    EXPECT_LT(max_d, 80.0) << time;
  }
}

TEST(Simulator, WritesTheExchangeFilesAndMeta) {
  const auto scenario = write_scenario("files", header(40.0) + kScene);
  const auto out = scenario.parent_path() / "out";
  ASSERT_EQ(simulate(scenario, 1, out), 0);
  // The exchange readers accept every file.
  auto truth = ingest::read_truth_csv(out / "truth.csv");
  ASSERT_TRUE(truth) << truth.error().message();
  auto labels = ingest::read_labels_csv(out / "labels.csv");
  ASSERT_TRUE(labels);
  EXPECT_EQ(labels->size(), 9U);  // 2 + 6 birds + 1
  EXPECT_EQ((*labels)[0].hostile, std::optional<bool>(true));
  EXPECT_EQ((*labels)[0].target_class, CoarseClass::Drone);
  auto site = ingest::read_site_csv(out / "site.csv");
  ASSERT_TRUE(site);
  EXPECT_DOUBLE_EQ(site->lat_deg, 47.395);
  auto zones = ingest::read_zones_geojson(out / "zones.geojson", EnuFrame(*site));
  ASSERT_TRUE(zones) << zones.error().message();
  ASSERT_EQ(zones->size(), 2U);
  EXPECT_FALSE((*zones)[1].polygon.empty());  // the circle, as a polygon containing it
  EXPECT_TRUE((*zones)[1].contains(Vec3(1499.0, 0.0, 10.0)));
  EXPECT_TRUE((*zones)[1].contains(Vec3(0.0, -1499.0, 10.0)));
  EXPECT_FALSE((*zones)[1].contains(Vec3(1510.0, 0.0, 10.0)));
  auto radars = ingest::read_sensors_csv(out / "sensors.csv");
  ASSERT_TRUE(radars);
  ASSERT_EQ(radars->size(), 1U);
  auto plots = ingest::read_measurements_csv(out / "measurements.csv");
  ASSERT_TRUE(plots);
  auto dets = ingest::read_detections_jsonl(out / "detections.jsonl");
  ASSERT_TRUE(dets) << dets.error().message();
  auto sensors = ingest::read_sensors_json(out / "sensors.json");
  ASSERT_TRUE(sensors);
  EXPECT_EQ(sensors->size(), 4U);
  // measurements.csv holds exactly the radar plots, stamped with their scan start.
  std::size_t radar_dets = 0;
  for (const auto& d : *dets) {
    radar_dets += d.sensor == SensorId{1} ? 1U : 0U;
  }
  EXPECT_EQ(plots->size(), radar_dets);
  for (std::size_t i = 0; i < plots->size(); ++i) {
    const double t = (*plots)[i].time_s;
    EXPECT_DOUBLE_EQ(t, std::floor(t));  // 1 s scans start on whole seconds
    if (i > 0) {
      EXPECT_LE((*plots)[i - 1].time_s, t);
    }
  }
  // detections.jsonl is in time order with real times.
  for (std::size_t i = 1; i < dets->size(); ++i) {
    EXPECT_LE((*dets)[i - 1].time, (*dets)[i].time);
  }
  // coverage.csv: the first opportunity never comes after the first detection.
  auto cov = ingest::CsvReader::open(out / "coverage.csv");
  ASSERT_TRUE(cov);
  const auto c_cov = cov->column("first_in_coverage_s");
  const auto c_det = cov->column("first_detected_s");
  ASSERT_TRUE(c_cov && c_det);
  std::size_t rows = 0;
  while (cov->next()) {
    ++rows;
    const auto a = cov->optional_number(*c_cov);
    const auto b = cov->optional_number(*c_det);
    if (b) {
      ASSERT_TRUE(a.has_value());
      EXPECT_LE(*a, *b);
    }
  }
  EXPECT_GT(rows, 20U);
  const std::string meta = read(out / "meta.json");
  EXPECT_NE(meta.find("\"first_opportunity_s\""), std::string::npos);
  EXPECT_NE(meta.find("\"seed\": 1"), std::string::npos);
}

}  // namespace
}  // namespace dewline::sim
