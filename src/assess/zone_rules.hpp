// zone_rules.hpp: each zone with the rules the assessor applies to it — which classes and
// identities raise alerts there, how far ahead it looks, and its own allow-list.
//
// A zone's policy starts from the config default for its level (assess_config.hpp), then takes
// the rule properties of its zones.geojson feature, then the [[assess.zone]] override of the same
// name. Rule properties (all optional; other properties are ignored):
//   alert_classes      ["drone", "unknown"] or "drone,unknown"
//   alert_cooperative  true / false
//   horizon_s          seconds of predicted motion that count as "will enter"
//   min_alert_threat   "low" | "medium" | "high" | "critical" (or 1..4)
//   allow_remote_id, allow_icao24, allow_callsign   lists (JSON array or comma-separated)
// A bad value comes back as a RuleError naming the zone and the property; the caller (which
// knows the file) adds the file and line (zones_geojson's located JSON).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "assess/assess_config.hpp"
#include "core/detection.hpp"
#include "core/result.hpp"
#include "core/zone.hpp"

namespace dewline::assess {

struct AssessZone {
  Zone zone;
  ZonePolicy policy;
};

struct RuleError {
  std::size_t zone_index = 0;
  std::string zone;
  std::string field;  // "properties.alert_classes"
  std::string reason;
  [[nodiscard]] std::string message() const;
};

// Builds the policies of `zones` (see above). Errors for every bad property, in zone order.
Result<std::vector<AssessZone>, std::vector<RuleError>> build_zone_rules(
    const std::vector<Zone>& zones, const AssessConfig& cfg);

// Whether `id` is on `list` (Remote ID serial, ICAO address or callsign).
[[nodiscard]] bool allow_listed(const AllowList& list, const Identity& id);

}  // namespace dewline::assess
