// warning_score.hpp: how early hostile targets were alerted before they entered a protected
// zone, and how many alerts were false (issue 6).
//
// Per hostile target (labels.csv hostile = 1; without that column, every drone):
//   first opportunity  the first time any sensor could have detected it: meta.json's
//                      first_opportunity_s, else the earliest first_in_coverage_s of
//                      coverage.csv, else the first truth time inside a radar's coverage
//                      (sensors.csv), else its first truth time;
//   zone entry         the first truth time inside a protected zone (any zone when the file has
//                      no protected zone);
//   first alert        the earliest alert raised on a track matched to it (GOSPA pairs of the
//                      tracking score) at some scan while that alert was open;
//   warning            zone entry - first alert (alerts raised after the entry do not count);
//   available          zone entry - first opportunity; ratio = warning / available.
// An alert is false when its track is matched to no hostile target while it is open. False
// alerts per hour divide by the truth's time span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/sensor.hpp"
#include "core/zone.hpp"
#include "eval/alerts_jsonl.hpp"
#include "eval/tracking_score.hpp"
#include "ingest/exchange/exchange_csv.hpp"

namespace dewline::eval {

struct HostileWarning {
  std::int64_t target_id = 0;
  std::string zone;                     // the zone it entered ("" if none)
  double first_opportunity_s = 0.0;     // first time a sensor could have detected it
  std::string opportunity_source;       // meta.json, coverage.csv, sensors.csv, truth.csv
  std::optional<double> first_alert_s;  // first alert raised on a track matched to it
  std::optional<double> zone_entry_s;   // first time inside a protected zone
  double warning_s = 0.0;               // zone entry - first alert (0 when none before entry)
  double available_s = 0.0;             // zone entry - first opportunity
  double ratio = 0.0;                   // warning / available
  bool alerted_before_entry = false;
};

struct WarningScore {
  std::vector<HostileWarning> hostiles;  // every hostile target, entering a zone or not
  std::size_t hostile_count = 0;         // hostile targets in the labels
  std::size_t hostile_total = 0;         // ... that entered a protected zone
  std::size_t hostile_alerted_before_entry = 0;
  std::size_t hostile_alerted = 0;    // any alert at any time, entering or not
  double warning_ratio_median = 0.0;  // over those that entered
  std::size_t alerts = 0;             // distinct alerts raised
  std::size_t false_alerts = 0;
  std::vector<std::uint64_t> false_alert_ids;
  // Per distinct alert (alert id order): the truth target its track was matched to most while
  // the alert was open (hostile or not), or -1 when it was matched to none (a false track).
  std::vector<std::int64_t> alert_targets;
  double duration_h = 0.0;
  double false_alerts_per_hour = 0.0;
};

struct WarningInputs {
  const std::vector<ingest::TruthRow>* truth = nullptr;
  const std::vector<ingest::TrackRow>* tracks = nullptr;
  const std::vector<ingest::LabelRow>* labels = nullptr;
  const TrackingScore* tracking = nullptr;
  const std::vector<AlertRow>* alerts = nullptr;
  std::vector<Zone> zones;  // site frame
  // First detection opportunity per target and where it came from, when known.
  std::map<std::int64_t, std::pair<double, std::string>> first_opportunity;
  std::vector<SensorInfo> radars;  // sensors.csv, for the coverage fallback
};

[[nodiscard]] WarningScore score_warnings(const WarningInputs& in);

}  // namespace dewline::eval
