// Remote ID and ADS-B receivers: only cooperative targets, what the broadcast says, spoofing.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

using test::header;
using test::must_parse;

const char* kReceivers = R"(
[[sensor]]
id = 1
type = "remote_id"
position_m = [0, 0, 10]
p_receive = 0.9
[[sensor]]
id = 2
type = "adsb"
position_m = [0, 0, 10]
)";

const char* kTargets = R"(
[[target]]
id = 1
kind = "quadcopter"
start_m = [200, 100, 50]
[target.remote_id]
serial = "1596F0000001"
operator_m = [180, 90, 1.5]
operator_id = "CHE-op1"
[[target]]
id = 2
kind = "quadcopter"
start_m = [-200, 100, 50]
[[target]]
id = 3
kind = "aircraft"
start_m = [-5000, 2000, 600]
heading_deg = 90
speed_mps = 60
[target.adsb]
icao24 = "4b1a2c"
callsign = "HBABC"
squawk = "7000"
[[target]]
id = 4
kind = "aircraft"
start_m = [-5000, -2000, 600]
heading_deg = 90
speed_mps = 60
[[target]]
id = 5
kind = "bird"
count = 4
)";

TEST(Receivers, OnlyCooperativeTargetsAreReported) {
  const Scenario sc = must_parse(header(120.0) + kReceivers + kTargets);
  auto r = test::run(sc, 8);
  std::set<std::int64_t> rid;
  std::set<std::int64_t> adsb;
  for (const auto& d : r.events.of_sensor(1)) {
    rid.insert(*d.truth_id);
    ASSERT_TRUE(std::holds_alternative<PositionMeasurement>(d.measurement));
    EXPECT_EQ(d.identity.remote_id, "1596F0000001");
    EXPECT_EQ(d.identity.operator_id, "CHE-op1");
    ASSERT_TRUE(d.identity.operator_position_m.has_value());
    EXPECT_NEAR((*d.identity.operator_position_m - Vec3(180, 90, 1.5)).norm(), 0.0, 1e-9);
    EXPECT_FALSE(d.identity.icao24.has_value());
  }
  for (const auto& d : r.events.of_sensor(2)) {
    adsb.insert(*d.truth_id);
    ASSERT_TRUE(std::holds_alternative<PositionMeasurement>(d.measurement));
    EXPECT_EQ(d.identity.icao24, std::optional<std::uint32_t>(0x4b1a2c));
    EXPECT_EQ(d.identity.callsign, "HBABC");
    EXPECT_EQ(d.identity.mode3a, std::optional<std::uint16_t>(07000));
    EXPECT_TRUE(d.identity.remote_id.empty());
  }
  EXPECT_EQ(rid, std::set<std::int64_t>{1});
  EXPECT_EQ(adsb, std::set<std::int64_t>{3});
  // 1 Hz Remote ID heard with p = 0.9; 2 Hz ADS-B with the default 0.98.
  test::expect_binomial(r.events.of_sensor(1).size(), 120U, 0.9, "Remote ID");
  test::expect_binomial(r.events.of_sensor(2).size(), 240U, 0.98, "ADS-B");
}

TEST(Receivers, BroadcastPositionNoiseMatchesDeclaredAccuracy) {
  const std::string target = R"(
[[target]]
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [200, 100, 50]
[target.remote_id]
serial = "X"
rate_hz = 10
sigma_h_m = 4
sigma_v_m = 6
)";
  const Scenario sc = must_parse(header(300.0) + kReceivers + target);
  auto r = test::run(sc, 2);
  std::vector<double> ex, ez;
  for (const auto& d : r.events.of_sensor(1)) {
    const auto& m = std::get<PositionMeasurement>(d.measurement);
    ex.push_back(m.position_m.x() - 200.0);
    ez.push_back(m.position_m.z() - 50.0);
    EXPECT_DOUBLE_EQ(m.covariance_m2(0, 0), 16.0);
    EXPECT_DOUBLE_EQ(m.covariance_m2(2, 2), 36.0);
  }
  ASSERT_GT(ex.size(), 2500U);
  EXPECT_NEAR(test::rms(ex), 4.0, 0.05 * 4.0 + 0.05);
  EXPECT_NEAR(test::rms(ez), 6.0, 0.05 * 6.0 + 0.05);
}

TEST(Receivers, SpoofedBroadcastsLieAsConfigured) {
  const std::string targets = R"(
[[target]]
id = 1
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [200, 100, 50]
[target.remote_id]
serial = "REAL"
sigma_h_m = 0
sigma_v_m = 0
spoof_from_s = 30
spoof_offset_m = [500, 0, 0]
spoof_serials = ["FAKE1", "FAKE2"]
[[target]]
id = 2
kind = "quadcopter"
physical = false
gust_accel_mps2 = 0
start_m = [1000, -500, 80]
emitter_m = [50, 50, 2]
[target.remote_id]
serial = "GHOST"
)";
  const Scenario sc = must_parse(header(60.0) + kReceivers + targets);
  auto r = test::run(sc, 4);
  std::map<std::string, std::size_t> serials;
  std::size_t ghost = 0;
  for (const auto& d : r.events.of_sensor(1)) {
    const auto& m = std::get<PositionMeasurement>(d.measurement);
    if (d.identity.remote_id == "GHOST") {
      ++ghost;
      EXPECT_EQ(*d.truth_id, -1);  // a false report: no physical target
      continue;
    }
    EXPECT_EQ(*d.truth_id, 1);
    ++serials[d.identity.remote_id];
    const double dx = m.position_m.x() - 200.0;
    if (d.time.seconds() < 30.0) {
      EXPECT_EQ(d.identity.remote_id, "REAL");
      EXPECT_NEAR(dx, 0.0, 1e-9);
    } else {
      EXPECT_NEAR(dx, 500.0, 1e-9);
    }
  }
  EXPECT_GT(ghost, 40U);
  EXPECT_GT(serials["FAKE1"], 5U);
  EXPECT_GT(serials["FAKE2"], 5U);
  EXPECT_GT(serials["REAL"], 30U);
  // The ghost is not a real target: no truth rows and no label.
  for (const auto& t : r.result.truth) {
    EXPECT_EQ(t.target_id, 1);
  }
}

TEST(Receivers, SignalStrengthComesFromTheRealTransmitter) {
  // A drone 100 m away claiming to be 3 km away: the RSSI says 100 m.
  const std::string target = R"(
[[target]]
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [100, 0, 10]
[target.remote_id]
serial = "LIAR"
spoof_offset_m = [2900, 0, 0]
)";
  const std::string rx = R"(
[[sensor]]
type = "remote_id"
position_m = [0, 0, 10]
sigma_rssi_db = 0
rssi_at_1km_db = -80
)";
  const Scenario sc = must_parse(header(10.0) + rx + target);
  auto r = test::run(sc, 1);
  ASSERT_FALSE(r.events.items.empty());
  for (const auto& i : r.events.items) {
    EXPECT_NEAR(*i.detection.snr_db, -60.0, 0.01);  // -80 dB + 20 dB for 10x closer
  }
}

}  // namespace
}  // namespace dewline::sim
