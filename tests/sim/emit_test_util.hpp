// emit_test_util.hpp: helpers for the protocol emitter tests: one small scenario with every
// sensor kind and cooperative targets, a run that feeds an emitter under test alongside a
// collecting one, and file reading.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/emitter.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim::test {

// Two rotating radars (one far away, where its north differs from the site's), an ESA radar, RF,
// acoustic, EO/IR, a Remote ID and an ADS-B receiver; a hostile quadcopter, a Remote ID quadcopter
// with an operator, a bird and two ADS-B aircraft.
inline const char* kEmitScene = R"(
[[sensor]]
id = 1
type = "rotating_radar"
position_m = [0, 0, 12]
clutter_per_scan = 3
[[sensor]]
id = 2
type = "rotating_radar"
position_m = [30000, -20000, 30]
range_max_m = 60000
scan_period_s = 4
[[sensor]]
id = 8
type = "esa_radar"
position_m = [-100, 50, 8]
[[sensor]]
id = 3
type = "rf_detector"
position_m = [0, 0, 10]
[[sensor]]
id = 4
type = "acoustic"
position_m = [300, 0, 2]
[[sensor]]
id = 5
type = "eo_ir"
position_m = [20, 0, 15]
[[sensor]]
id = 6
type = "remote_id"
position_m = [0, 0, 10]
[[sensor]]
id = 7
type = "adsb"
position_m = [0, 0, 12]
range_max_m = 150000
[[target]]
id = 1
kind = "quadcopter"
hostile = true
model = "DJI Mavic 3"
start_m = [900, 600, 80]
speed_mps = 12
[[target.waypoint]]
at_m = [200, 100, 40]
[[target]]
id = 2
kind = "quadcopter"
start_m = [-300, 200, 40]
speed_mps = 8
[[target.waypoint]]
at_m = [300, -200, 60]
[target.remote_id]
serial = "1596F1234567"
operator_m = [-320, 210, 1.5]
operator_id = "CHEoperator01"
[[target]]
id = 10
kind = "bird"
count = 2
area_radius_m = 800
[[target]]
id = 20
kind = "aircraft"
rcs_m2 = 20
start_m = [-16000, 4100, 900]
heading_deg = 90
speed_mps = 85
[[target.waypoint]]
at_m = [-3000, 4000, 160]
[target.adsb]
icao24 = "4b1a00"
callsign = "SWR123"
squawk = "1000"
[[target]]
id = 21
kind = "aircraft"
rcs_m2 = 20
start_m = [5000, -9000, 2000]
speed_mps = 120
[[target.waypoint]]
at_m = [9000, 6000, 2500]
[target.adsb]
icao24 = "4b1b00"
callsign = "EZS42"
)";

inline Scenario emit_scenario(double duration_s) {
  return must_parse(header(duration_s) + kEmitScene);
}

// Runs the scenario with `under_test` and a collecting emitter; returns what was collected.
inline CollectingEmitter run_with(const Scenario& sc, std::uint64_t seed, Emitter& under_test) {
  CollectingEmitter c;
  Simulator sim(sc, seed);
  Emitter* es[] = {&c, &under_test};
  auto res = sim.run(std::span<Emitter* const>(es, 2));
  EXPECT_TRUE(res.has_value()) << (res ? "" : res.error());
  return c;
}

inline std::vector<std::byte> read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> c((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> out(c.size());
  std::transform(c.begin(), c.end(), out.begin(),
                 [](char ch) { return static_cast<std::byte>(ch); });
  return out;
}

// The simulated detections of one sensor kind, in time order (stable).
inline std::vector<CollectingEmitter::Item> of_kind(const CollectingEmitter& c, SensorKind k) {
  std::vector<CollectingEmitter::Item> out;
  for (const auto& i : c.items) {
    if (i.sensor.kind == k) {
      out.push_back(i);
    }
  }
  return out;
}

}  // namespace dewline::sim::test
