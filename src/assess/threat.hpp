// threat.hpp: the threat level of a track for one zone, and the rule that set it, in words.
//
// The rules (docs/assessment.md, "Threat"), for a track whose class the zone's policy alerts on:
//   protected zone   inside                                        critical
//                    may enter within critical_time_s              critical
//                    may enter within high_time_s                  high
//                    may enter within the zone's horizon           medium
//                    closing on it within approach_range_m         medium
//   warning zone     inside, closing on a protected zone           high
//                    inside                                        medium
//                    may enter within the horizon                  low
//   any zone         otherwise                                     low (a drone about), none
// then by identity: friendly (allow-listed) -> none; honest cooperative (Remote ID) -> one level
// lower; a broadcast that failed a spoof check -> as non-cooperative, and the reason says so;
// class unknown (when the policy includes it) -> one level lower.
// Birds and classes the policy does not alert on get none. The track's level is the highest over
// zones; an alert is raised for a zone when its level reaches the zone's min_alert_threat.
#pragma once

#include <string>

#include "assess/approach.hpp"
#include "assess/assess_config.hpp"
#include "assess/zone_rules.hpp"
#include "core/track.hpp"

namespace dewline::assess {

enum class IdentityCategory : std::uint8_t { NonCooperative, Cooperative, Friendly, Spoofed };
[[nodiscard]] std::string_view to_string(IdentityCategory c);

struct ThreatInputs {
  CoarseClass coarse = CoarseClass::Unknown;  // rule class (after the probability gates)
  IdentityCategory identity = IdentityCategory::NonCooperative;
  double closing_on_protected_mps = 0.0;  // largest closing speed on any protected zone
  std::string spoof_reason;
};

struct ZoneThreat {
  ThreatLevel level = ThreatLevel::None;
  bool alerting = false;  // the zone's policy raises an alert at this level for this track
  std::string reason;     // "drone (p 0.93), non-cooperative, may enter plant in 84 s (+-6 s)"
};

[[nodiscard]] ZoneThreat zone_threat(const AssessZone& z, const ZoneApproach& a,
                                     const ThreatInputs& in, const ThreatConfig& cfg,
                                     double p_class);

}  // namespace dewline::assess
