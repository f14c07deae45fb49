// offline_pipeline.hpp: a scenario directory through the tracker and the assessment, shared by
// `dewline track` and `dewline bench`.
//
// A scenario directory holds either the exchange files (sensors.csv + measurements.csv; radar
// plots, scan times) or dewline's native files (sensors.json + detections.jsonl; every sensor,
// real measurement times) or both; site.csv, zones.geojson, labels.csv and meta.json are optional.
// Exchange input is reported at every scan time (exchange-csv.md); native input on a regular grid
// (meta.json's truth_period_s, or 1 s), so that tracks line up with truth.csv for scoring.
//
// With an assessor, every report is assessed right after the tracker makes it, with the
// detections fed to the tracker since the previous report; tracks.csv then carries the class,
// threat and spoof columns and the alert state changes are collected in order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assess/assessor.hpp"
#include "core/alert.hpp"
#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/reject_counter.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "core/track.hpp"
#include "core/zone.hpp"
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
  std::vector<Zone> zones;       // zones.geojson, in the site frame (needs site.csv)
  double report_period_s = 1.0;  // native mode
  // Rows of the detection files left out as malformed, per sensor (or file) and reason; each
  // logged (rate-limited) with its file, line and why. run_tracker adds them to its rejects.
  RejectCounter input_rejects;
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
  std::vector<AlertEvent> alerts;  // with an assessor: every alert state change, in order
  bool assessed = false;
};

// Called after each report (and its assessment) with the report time and tracks.
using ReportHook = std::function<void(Time, const std::vector<Track>&)>;

// Runs the tracker over the scenario. `timed` measures the tracker's own time per scan with a
// steady clock (the tracker itself never reads a clock). With `assessor`, each report is assessed
// before it is kept.
TrackerRun run_tracker(const ScenarioInput& in, const track::TrackerConfig& cfg, bool timed,
                       bool keep_reports = false, assess::Assessor* assessor = nullptr,
                       const ReportHook& hook = {});

// Loads TrackerConfig: defaults, then the [tracker] table of `config_file` if given.
Result<track::TrackerConfig, std::string> load_tracker_config(const std::filesystem::path& file);
// Loads AssessConfig: defaults, then the [assess] table of `config_file` if given.
Result<assess::AssessConfig, std::string> load_assess_config(const std::filesystem::path& file);

// The assessor for a scenario: its zones with their rules (bad rule properties are reported
// with the zones file, line and field), its sensors and site frame.
Result<assess::Assessor, std::string> make_assessor(const ScenarioInput& in,
                                                    assess::AssessConfig cfg);

// A track as a tracks.csv row, with the assessment columns when it has been assessed.
[[nodiscard]] ingest::TrackRow to_row(const Track& t, bool assessed);

}  // namespace dewline::app
