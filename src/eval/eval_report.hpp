// eval_report.hpp: what `dewline eval` computes from its input files and how it prints it.
//
// The JSON keys are a stable interface that outside checks read (issues 2 and 6):
//   gospa_mean, gospa_localisation_mean, missed_mean, false_mean, id_switches, scans, ospa_mean,
//   fragmentations, false_tracks, track_ids, truth_ids;
//   siap {completeness, ambiguity, spuriousness, position_accuracy_m, velocity_accuracy_mps,
//   track_number_changes_per_s, longest_segment, threshold_m} (siap.hpp);
//   with labels: confusion {truth class: {track class: count}}, accuracy {class: fraction},
//   drone_vs_bird_accuracy;
//   with alerts: hostile_alerted_before_entry, hostile_total, warning_ratio_median,
//   false_alerts_per_hour (warning_score.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "eval/classification_score.hpp"
#include "eval/siap.hpp"
#include "eval/tracking_score.hpp"
#include "eval/warning_score.hpp"

namespace dewline::eval {

struct EvalInputs {
  std::filesystem::path truth;
  std::filesystem::path tracks;
  std::filesystem::path labels;  // optional
  std::filesystem::path alerts;  // optional
  std::filesystem::path zones;   // optional, with alerts
  std::filesystem::path site;    // optional, with zones
  GospaParams gospa;
  double siap_threshold_m = 0.0;  // SIAP association distance; 0: GOSPA's cut-off c
};

struct EvalReport {
  TrackingScore tracking;
  SiapScore siap;
  std::optional<ClassificationScore> classification;
  std::optional<WarningScore> warning;
};

// Reads the files and scores them. Error: a message naming the file, line and field.
Result<EvalReport, std::string> evaluate(const EvalInputs& in);

[[nodiscard]] nlohmann::json to_json(const EvalReport& r, bool per_scan = false);
// The "siap" object of eval's and bench's JSON.
[[nodiscard]] nlohmann::json to_json(const SiapScore& s);
[[nodiscard]] std::string to_text(const EvalReport& r);

}  // namespace dewline::eval
