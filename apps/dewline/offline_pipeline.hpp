// offline_pipeline.hpp: a scenario directory through the tracker (and, as they land, the
// assessment), shared by `dewline track` and `dewline bench`.
//
// A scenario directory holds either the exchange files (sensors.csv + measurements.csv; radar
// plots, scan times) or dewline's native files (sensors.json + detections.jsonl; every sensor,
// real measurement times) or both; site.csv, zones.geojson, labels.csv and meta.json are optional.
// Exchange input is reported at every scan time (exchange-csv.md); native input on a regular grid
// (meta.json's truth_period_s, or 1 s), so that tracks line up with truth.csv for scoring.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/reject_counter.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "core/track.hpp"
#include "ingest/exchange/exchange_csv.hpp"
#include "track/tracker.hpp"

namespace dewline::app {

enum class InputMode { Auto, Exchange, Native };

struct ScenarioInput {
  std::filesystem::path dir;
  bool native = false;
  SensorRegistry sensors;
  std::vector<Detection> detections;  // time order
  std::optional<Geodetic> site;
  double report_period_s = 1.0;       // native mode
};

Result<ScenarioInput, std::string> load_scenario(const std::filesystem::path& dir, InputMode mode);

struct TrackerRun {
  std::vector<ingest::TrackRow> rows;
  std::vector<std::vector<Track>> reports;  // per report time (when keep_reports)
  std::vector<double> report_times_s;
  std::vector<double> scan_ms;  // tracker time per scan/report interval (when timed)
  track::TrackerStats stats;
  RejectCounter rejects;
  std::size_t detections = 0;
};

// Runs the tracker over the scenario. `timed` measures the tracker's own time per scan with a
// steady clock (the tracker itself never reads a clock).
TrackerRun run_tracker(const ScenarioInput& in, const track::TrackerConfig& cfg, bool timed,
                       bool keep_reports = false);

// Loads TrackerConfig: defaults, then the [tracker] table of `config_file` if given.
Result<track::TrackerConfig, std::string> load_tracker_config(const std::filesystem::path& file);

}  // namespace dewline::app
