// exchange_emitter.hpp: the radar plots in the exchange CSV (../shared/formats/exchange-csv.md):
// sensors.csv with one row per radar (rotating or electronically scanned) and measurements.csv
// with every plot of those radars, clutter included (truth_id -1). As the format requires, all
// plots of one scan carry that scan's start time and rows are in time order (by scan start,
// then sensor id, then the plots' real times); the real plot times are in detections.jsonl.
// A 2D radar's plots have elevation 0 and its sensors.csv row sigma_elevation_rad 0, which
// readers take as "no elevation". Both files are written (header only when there is no radar).
#pragma once

#include <filesystem>
#include <memory>

#include "sim/emitter.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<Emitter> make_exchange_emitter(const std::filesystem::path& dir);

}  // namespace dewline::sim
