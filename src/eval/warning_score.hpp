// warning_score.hpp: how early hostile drones were alerted before they entered a protected zone,
// and how many alerts were false (issue 6). Filled in by the assessment work; until then
// `dewline eval --alerts` reports that it is not available.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dewline::eval {

struct HostileWarning {
  std::int64_t target_id = 0;
  std::string zone;
  double first_opportunity_s = 0.0;      // first time a sensor could have detected it
  std::optional<double> first_alert_s;   // first alert raised on a track matched to it
  std::optional<double> zone_entry_s;    // first time inside a protected zone
  double warning_s = 0.0;                // zone entry - first alert
  double available_s = 0.0;              // zone entry - first opportunity
  double ratio = 0.0;                    // warning / available
  bool alerted_before_entry = false;
};

struct WarningScore {
  std::vector<HostileWarning> hostiles;
  std::size_t hostile_total = 0;
  std::size_t hostile_alerted_before_entry = 0;
  double warning_ratio_median = 0.0;
  std::size_t false_alerts = 0;
  double duration_h = 0.0;
  double false_alerts_per_hour = 0.0;
};

}  // namespace dewline::eval
