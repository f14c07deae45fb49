#include "assess/threat.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace dewline::assess {
namespace {

ThreatLevel lower(ThreatLevel t) {
  return t == ThreatLevel::None ? t : static_cast<ThreatLevel>(static_cast<int>(t) - 1);
}

std::string describe_time(double t, double sigma) {
  if (sigma >= 1.0) {
    return fmt::format("{:.0f} s (+-{:.0f} s)", t, sigma);
  }
  return fmt::format("{:.0f} s", t);
}

}  // namespace

std::string_view to_string(IdentityCategory c) {
  switch (c) {
    case IdentityCategory::NonCooperative:
      return "non-cooperative";
    case IdentityCategory::Cooperative:
      return "cooperative";
    case IdentityCategory::Friendly:
      return "allow-listed";
    case IdentityCategory::Spoofed:
      return "spoofed broadcast";
  }
  return "non-cooperative";
}

ZoneThreat zone_threat(const AssessZone& z, const ZoneApproach& a, const ThreatInputs& in,
                       const ThreatConfig& cfg, double p_class) {
  ZoneThreat out;
  const ZonePolicy& pol = z.policy;
  const bool class_applies = std::find(pol.alert_classes.begin(), pol.alert_classes.end(),
                                       in.coarse) != pol.alert_classes.end();
  if (!class_applies || in.identity == IdentityCategory::Friendly) {
    return out;
  }
  const bool cooperative = in.identity == IdentityCategory::Cooperative;
  const std::string& name = z.zone.name;
  ThreatLevel level = ThreatLevel::Low;
  std::string rule;
  if (z.zone.level == ZoneLevel::Protected) {
    // Honest cooperative tracks: only inside, or entering on their straight line soon.
    const bool entering_soon = a.entry_s && *a.entry_s <= cfg.critical_time_s;
    if (a.inside) {
      level = ThreatLevel::Critical;
      rule = fmt::format("inside protected zone {}", name);
    } else if (cooperative && !entering_soon) {
      rule = fmt::format("{:.0f} m from protected zone {}", a.distance_m, name);
    } else if (a.may_enter && a.time_to_zone_s <= pol.horizon_s) {
      const std::string when = describe_time(a.time_to_zone_s, a.entry_sigma_s);
      const std::string how =
          a.entry_s ? fmt::format("heading into protected zone {} in {}", name, when)
                    : fmt::format(
                          "may enter protected zone {} in {} (closest approach {:.0f} m, "
                          "+-{:.0f} m)",
                          name, when, a.cpa_m, a.cpa_sigma_m);
      if (a.time_to_zone_s <= cfg.critical_time_s) {
        level = ThreatLevel::Critical;
      } else if (a.time_to_zone_s <= cfg.high_time_s) {
        level = ThreatLevel::High;
      } else {
        level = ThreatLevel::Medium;
      }
      rule = how;
    } else if (!cooperative && a.distance_m <= cfg.approach_range_m &&
               a.closing_mps >= cfg.closing_min_mps &&
               a.closing_mps >= cfg.closing_min_fraction * a.speed_mps) {
      level = ThreatLevel::Medium;
      rule = fmt::format("closing on protected zone {} at {:.0f} m/s, {:.0f} m away", name,
                         a.closing_mps, a.distance_m);
    } else {
      rule = fmt::format("{:.0f} m from protected zone {}", a.distance_m, name);
    }
  } else {
    if (a.inside) {
      if (in.closing_on_protected_mps >= cfg.closing_min_mps) {
        level = ThreatLevel::High;
        rule = fmt::format("inside warning zone {}, closing on a protected zone at {:.0f} m/s",
                           name, in.closing_on_protected_mps);
      } else {
        level = ThreatLevel::Medium;
        rule = fmt::format("inside warning zone {}", name);
      }
    } else if (a.may_enter && a.time_to_zone_s >= 0.0 && a.time_to_zone_s <= pol.horizon_s) {
      level = ThreatLevel::Low;
      rule = fmt::format("may enter warning zone {} in {}", name,
                         describe_time(a.time_to_zone_s, a.entry_sigma_s));
    } else {
      rule = fmt::format("{:.0f} m from warning zone {}", a.distance_m, name);
    }
  }
  if (cooperative) {
    level = lower(level);
  }
  if (in.coarse == CoarseClass::Unknown && cfg.unknown_lowers_level) {
    level = lower(level);
  }
  out.level = level;
  out.alerting =
      static_cast<int>(level) >= pol.min_alert_threat && (!cooperative || pol.alert_cooperative);
  std::string who =
      fmt::format("{} (p {:.2f}), {}", to_string(in.coarse), p_class, to_string(in.identity));
  if (in.identity == IdentityCategory::Spoofed && !in.spoof_reason.empty()) {
    who += fmt::format(" ({})", in.spoof_reason);
  }
  out.reason = fmt::format("{}: {}", who, rule);
  return out;
}

}  // namespace dewline::assess
