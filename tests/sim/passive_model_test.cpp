// RF direction finders, acoustic arrays and cameras: bearings only, who they sense, noise,
// drone-model naming and class probabilities.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/angles.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

using test::header;
using test::must_parse;

// A mixed scene: an emitting drone, a silent drone, birds, a helicopter, a hovering drone.
const char* kTargets = R"(
[[target]]
id = 1
kind = "quadcopter"
model = "DJI Mavic 3"
emitting = true
start_m = [300, 100, 60]
[[target.waypoint]]
at_m = [-200, 50, 60]
[[target]]
id = 2
kind = "quadcopter"
emitting = false
gust_accel_mps2 = 0
start_m = [-150, 200, 40]
[[target]]
id = 3
kind = "bird"
count = 3
area_radius_m = 250
[[target]]
id = 6
kind = "helicopter"
start_m = [-1500, 300, 250]
[[target.waypoint]]
at_m = [1500, 300, 250]
)";

const char* kSensors = R"(
[[sensor]]
id = 1
type = "rf_detector"
position_m = [0, 0, 10]
p_identify = 0.5
[[sensor]]
id = 2
type = "acoustic"
position_m = [0, 0, 2]
[[sensor]]
id = 3
type = "eo_ir"
position_m = [0, 0, 15]
period_s = 0.5
)";

TEST(PassiveModels, BearingOnlySensorsNeverReportRange) {
  const Scenario sc = must_parse(header(60.0) + kSensors + kTargets);
  auto r = test::run(sc, 3);
  ASSERT_GT(r.events.items.size(), 100U);
  std::map<std::uint32_t, std::size_t> per_sensor;
  for (const auto& i : r.events.items) {
    EXPECT_TRUE(std::holds_alternative<BearingMeasurement>(i.detection.measurement))
        << "sensor " << to_underlying(i.sensor.id);
    EXPECT_FALSE(i.scan.has_value());
    ++per_sensor[to_underlying(i.sensor.id)];
  }
  EXPECT_GT(per_sensor[1], 0U);
  EXPECT_GT(per_sensor[2], 0U);
  EXPECT_GT(per_sensor[3], 0U);
  // RF gives no elevation by default; the acoustic array and the camera do.
  for (const auto& i : r.events.items) {
    const auto& b = std::get<BearingMeasurement>(i.detection.measurement);
    EXPECT_EQ(b.elevation_rad.has_value(), to_underlying(i.sensor.id) != 1);
  }
}

TEST(PassiveModels, EachSensorSensesOnlyWhatItCan) {
  const Scenario sc = must_parse(header(60.0) + kSensors + kTargets);
  auto r = test::run(sc, 4);
  std::set<std::int64_t> rf;
  std::set<std::int64_t> acoustic;
  std::set<std::int64_t> camera;
  for (const auto& d : r.events.of_sensor(1)) {
    rf.insert(*d.truth_id);
  }
  for (const auto& d : r.events.of_sensor(2)) {
    acoustic.insert(*d.truth_id);
  }
  for (const auto& d : r.events.of_sensor(3)) {
    camera.insert(*d.truth_id);
  }
  EXPECT_EQ(rf, std::set<std::int64_t>{1});  // only the emitting drone
  EXPECT_TRUE(acoustic.count(1) && acoustic.count(2) && acoustic.count(6));
  EXPECT_FALSE(acoustic.count(3) || acoustic.count(4) || acoustic.count(5));  // birds are silent
  EXPECT_TRUE(camera.count(1) && camera.count(2) && camera.count(3) && camera.count(6));
}

TEST(PassiveModels, RfNamesTheDroneModelWithItsProbability) {
  const Scenario sc = must_parse(header(300.0) + kSensors + kTargets);
  auto r = test::run(sc, 5);
  const auto dets = r.events.of_sensor(1);
  std::size_t named = 0;
  for (const auto& d : dets) {
    if (!d.identity.emitter_model.empty()) {
      EXPECT_EQ(d.identity.emitter_model, "DJI Mavic 3");
      ++named;
    }
    EXPECT_TRUE(d.snr_db.has_value());
  }
  ASSERT_GT(dets.size(), 200U);
  test::expect_binomial(named, dets.size(), 0.5, "model named");
}

TEST(PassiveModels, BearingNoiseWithinFivePercent) {
  const std::string sensors = R"(
[[sensor]]
id = 1
type = "eo_ir"
position_m = [0, 0, 0]
period_s = 0.05
pd = 1
pd_at_max_range = 1
sigma_azimuth_deg = 0.2
sigma_elevation_deg = 0.3
)";
  const std::string target = R"(
[[target]]
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [600, 800, 120]
)";
  const Scenario sc = must_parse(header(300.0) + sensors + target);
  auto r = test::run(sc, 9);
  const Polar truth = enu_to_polar(Vec3{600.0, 800.0, 120.0});
  std::vector<double> ea, ee;
  for (const auto& d : r.events.of_sensor(1)) {
    const auto& b = std::get<BearingMeasurement>(d.measurement);
    ea.push_back(wrap_pi(b.azimuth_rad - truth.azimuth_rad));
    ee.push_back(*b.elevation_rad - truth.elevation_rad);
  }
  ASSERT_EQ(ea.size(), 6000U);
  EXPECT_NEAR(test::rms(ea), 0.2 * kDegToRad, 0.05 * 0.2 * kDegToRad);
  EXPECT_NEAR(test::rms(ee), 0.3 * kDegToRad, 0.05 * 0.3 * kDegToRad);
}

TEST(PassiveModels, CameraClassesFollowTheConfusionRows) {
  const std::string sensors = R"(
[[sensor]]
id = 1
type = "eo_ir"
position_m = [0, 0, 0]
period_s = 0.1
pd = 1
pd_at_max_range = 1
[sensor.confusion]
drone_multirotor = { drone_multirotor = 0.7, bird = 0.2, unknown = 0.1 }
bird = { bird = 0.9, drone_multirotor = 0.1 }
)";
  const std::string targets = R"(
[[target]]
id = 1
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [400, 0, 50]
[[target]]
id = 2
kind = "bird"
start_m = [-300, 0, 60]
area_radius_m = 200
)";
  const Scenario sc = must_parse(header(200.0) + sensors + targets);
  auto r = test::run(sc, 2);
  std::map<std::int64_t, std::map<TargetClass, std::size_t>> reported;
  std::map<std::int64_t, std::size_t> n;
  for (const auto& d : r.events.of_sensor(1)) {
    ASSERT_TRUE(d.class_probabilities.has_value());
    double sum = 0.0;
    for (double p : d.class_probabilities->p) {
      sum += p;
      EXPECT_GE(p, 0.0);
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
    ++reported[*d.truth_id][d.class_probabilities->most_likely()];
    ++n[*d.truth_id];
  }
  ASSERT_GT(n[1], 1000U);
  ASSERT_GT(n[2], 1000U);
  test::expect_binomial(reported[1][TargetClass::DroneMultirotor], n[1], 0.7, "drone as drone");
  test::expect_binomial(reported[1][TargetClass::Bird], n[1], 0.2, "drone as bird");
  test::expect_binomial(reported[2][TargetClass::Bird], n[2], 0.9, "bird as bird");
  EXPECT_EQ(reported[2][TargetClass::Unknown], 0U);
}

TEST(PassiveModels, CameraPdDropsAtNightByItsFactor) {
  const std::string sensors = R"(
[[sensor]]
id = 1
type = "eo_ir"
position_m = [0, 0, 0]
period_s = 0.1
pd = 1
pd_at_max_range = 1
night_pd_factor = 0.25
)";
  const std::string target =
      "[[target]]\nkind = \"quadcopter\"\ngust_accel_mps2 = 0\nstart_m = [400, 0, 50]\n";
  const Scenario day = must_parse(header(100.0) + sensors + target);
  const Scenario night = must_parse(header(100.0, "night = true") + sensors + target);
  EXPECT_EQ(test::run(day, 1).events.items.size(), 1000U);
  test::expect_binomial(test::run(night, 1).events.items.size(), 1000U, 0.25, "night");
}

TEST(PassiveModels, AnglesStayInRangeOverhead) {
  // GIVEN a target hovering straight above a camera with 2 degrees of elevation noise
  const std::string sensors = R"(
[[sensor]]
id = 1
type = "eo_ir"
position_m = [0, 0, 0]
period_s = 0.1
pd = 1
pd_at_max_range = 1
sigma_azimuth_deg = 2
sigma_elevation_deg = 2
)";
  const std::string target =
      "[[target]]\nkind = \"quadcopter\"\ngust_accel_mps2 = 0\nstart_m = [0, 0, 100]\n";
  const Scenario sc = must_parse(header(20.0) + sensors + target);
  auto r = test::run(sc, 1);
  ASSERT_EQ(r.events.items.size(), 200U);
  // THEN every elevation is at most 90 degrees (noise beyond the zenith folds over it) and every
  // azimuth is in [-pi, pi).
  for (const auto& i : r.events.items) {
    const auto& b = std::get<BearingMeasurement>(i.detection.measurement);
    EXPECT_LE(*b.elevation_rad, kPi / 2.0);
    EXPECT_GE(*b.elevation_rad, kPi / 2.0 - 10.0 * kDegToRad);
    EXPECT_GE(b.azimuth_rad, -kPi);
    EXPECT_LT(b.azimuth_rad, kPi);
  }
}

}  // namespace
}  // namespace dewline::sim
