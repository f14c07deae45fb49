// sensor_models.hpp: the concrete sensor models behind `make_sensor_model` (sensor_model.hpp).
//
// - radar_model.cpp: rotating and electronically scanned radars (polar plots, radar equation,
//   Swerling 1, clutter, scan timing);
// - passive_model.cpp: RF direction finders, acoustic arrays and EO/IR cameras (bearings,
//   drone-model naming, class probabilities);
// - receiver_model.cpp: Remote ID and ADS-B receivers (positions and identities from
//   cooperative broadcasts).
#pragma once

#include <memory>

#include "sim/sensor_model.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<SensorModel> make_radar_model(const SensorSpec& spec,
                                                            std::uint64_t seed,
                                                            std::size_t n_bodies);
[[nodiscard]] std::unique_ptr<SensorModel> make_passive_model(const SensorSpec& spec,
                                                              std::uint64_t seed,
                                                              std::size_t n_bodies);
[[nodiscard]] std::unique_ptr<SensorModel> make_receiver_model(const SensorSpec& spec,
                                                               std::uint64_t seed,
                                                               std::size_t n_bodies);

// Radar equation with Swerling 1 (radar_model.cpp), exposed for tests and docs: the mean
// single-scan detection probability of a target of mean RCS `rcs_m2` at `range_m`.
[[nodiscard]] double radar_pd(const RadarSpec& r, double range_m, double rcs_m2);

}  // namespace dewline::sim
