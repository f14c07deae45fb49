// output_files.hpp: the files `dewline sim` writes besides the emitters' (which write
// detections.jsonl, sensors.csv and measurements.csv):
//
//   truth.csv       every physical target alive at every truth time (exchange-csv.md)
//   labels.csv      target_id,class,subclass,hostile (class: drone, bird or aircraft)
//   site.csv        the WGS84 origin of the site frame
//   zones.geojson   the protected zones as Polygon features; a circle becomes a 72-gon that
//                   contains it (vertices on radius r / cos(pi / 72), 1.001 r)
//   sensors.json    every sensor (core SensorInfo with its kind), when native output is on
//   meta.json       scenario name, seed, duration, truth period, site, and per target its class,
//                   life span, cooperative identity, spoofing, first detection opportunity and
//                   first detection; ghosts (broadcast-only targets) listed apart
//   coverage.csv    target_id,sensor_id,first_in_coverage_s,first_detected_s per pair that can
//                   see each other (empty field: never)
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "sim/scenario.hpp"
#include "sim/simulator.hpp"

namespace dewline::sim {

Result<void, std::string> write_output_files(const std::filesystem::path& dir,
                                             const Scenario& scenario, std::uint64_t seed,
                                             const SimResult& result);

// The zones as written to zones.geojson (circles as polygons).
[[nodiscard]] std::vector<Zone> zones_for_geojson(const std::vector<Zone>& zones);

}  // namespace dewline::sim
