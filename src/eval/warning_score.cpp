#include "eval/warning_score.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace dewline::eval {
namespace {

constexpr double kMatchSlackS = 2.0;  // a raise may precede the track's first matched scan

bool in_radar_coverage(const SensorInfo& s, const Vec3& p) {
  const Vec3 d = p - s.position_m;
  const double r = d.norm();
  if (r < s.range_min_m || (s.range_max_m > 0.0 && r > s.range_max_m) || r <= 0.0) {
    return false;
  }
  return std::asin(std::clamp(d.z() / r, -1.0, 1.0)) <= s.elevation_max_rad;
}

double median(std::vector<double> v) {
  if (v.empty()) {
    return 0.0;
  }
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

WarningScore score_warnings(const WarningInputs& in) {
  WarningScore w;
  const auto& truth = *in.truth;
  const auto& tracks = *in.tracks;

  // Hostile targets.
  std::set<std::int64_t> hostile;
  bool has_hostile_column = false;
  for (const auto& l : *in.labels) {
    if (l.hostile) {
      has_hostile_column = true;
    }
  }
  for (const auto& l : *in.labels) {
    const bool h =
        has_hostile_column ? l.hostile.value_or(false) : l.target_class == CoarseClass::Drone;
    if (h) {
      hostile.insert(l.target_id);
    }
  }
  w.hostile_count = hostile.size();

  // Time span of the truth.
  double t_min = std::numeric_limits<double>::infinity();
  double t_max = -std::numeric_limits<double>::infinity();
  for (const auto& r : truth) {
    t_min = std::min(t_min, r.time_s);
    t_max = std::max(t_max, r.time_s);
  }
  w.duration_h = t_max > t_min ? (t_max - t_min) / 3600.0 : 0.0;

  // Zone entry, first truth time and radar-coverage time of each hostile.
  const bool any_protected = std::any_of(in.zones.begin(), in.zones.end(), [](const Zone& z) {
    return z.level == ZoneLevel::Protected;
  });
  std::map<std::int64_t, HostileWarning> per;
  std::map<std::int64_t, double> first_truth;
  std::map<std::int64_t, double> first_covered;
  for (const auto& r : truth) {  // truth.csv is in time order
    if (hostile.count(r.target_id) == 0) {
      continue;
    }
    HostileWarning& h = per[r.target_id];
    h.target_id = r.target_id;
    first_truth.try_emplace(r.target_id, r.time_s);
    if (first_covered.count(r.target_id) == 0) {
      for (const auto& s : in.radars) {
        if (in_radar_coverage(s, r.position_m)) {
          first_covered[r.target_id] = r.time_s;
          break;
        }
      }
    }
    if (!h.zone_entry_s) {
      for (const auto& z : in.zones) {
        if ((z.level == ZoneLevel::Protected || !any_protected) && z.contains(r.position_m)) {
          h.zone_entry_s = r.time_s;
          h.zone = z.name;
          break;
        }
      }
    }
  }
  for (auto& [id, h] : per) {
    if (auto it = in.first_opportunity.find(id); it != in.first_opportunity.end()) {
      h.first_opportunity_s = it->second.first;
      h.opportunity_source = it->second.second;
    } else if (auto c = first_covered.find(id); c != first_covered.end()) {
      h.first_opportunity_s = c->second;
      h.opportunity_source = "sensors.csv";
    } else {
      h.first_opportunity_s = first_truth[id];
      h.opportunity_source = "truth.csv";
    }
  }

  // Which targets each track id is matched to, and when.
  std::map<std::uint64_t, std::vector<std::pair<double, std::int64_t>>> matches;
  for (const auto& scan : in.tracking->per_scan) {
    for (std::size_t a = 0; a < scan.truth_rows.size(); ++a) {
      const int k = scan.gospa.truth_to_track[a];
      if (k < 0) {
        continue;
      }
      const auto& tr = tracks[scan.track_rows[static_cast<std::size_t>(k)]];
      matches[tr.track_id].emplace_back(scan.time_s, truth[scan.truth_rows[a]].target_id);
    }
  }

  // Alerts: raise time and end time per alert id.
  struct Span {
    std::uint64_t track = 0;
    double raised = 0.0;
    double ended = std::numeric_limits<double>::infinity();
  };
  std::map<std::uint64_t, Span> spans;
  for (const auto& a : *in.alerts) {
    if (a.state == AlertState::Raised) {
      if (spans.count(a.alert_id) == 0) {
        spans[a.alert_id] = Span{a.track_id, a.time_s, std::numeric_limits<double>::infinity()};
      }
    } else if (a.state == AlertState::Cleared || a.state == AlertState::Expired) {
      auto it = spans.find(a.alert_id);
      if (it != spans.end()) {
        it->second.ended = std::min(it->second.ended, a.time_s);
      }
    }
  }
  w.alerts = spans.size();
  for (const auto& [id, s] : spans) {
    std::set<std::int64_t> hostiles_matched;
    std::map<std::int64_t, std::size_t> any_matched;
    auto m = matches.find(s.track);
    if (m != matches.end()) {
      for (const auto& [t, target] : m->second) {
        if (t >= s.raised - kMatchSlackS && t <= s.ended) {
          ++any_matched[target];
          if (hostile.count(target) != 0) {
            hostiles_matched.insert(target);
          }
        }
      }
    }
    std::int64_t most = -1;
    std::size_t most_n = 0;
    for (const auto& [target, n] : any_matched) {
      if (n > most_n) {
        most = target;
        most_n = n;
      }
    }
    w.alert_targets.push_back(most);
    if (hostiles_matched.empty()) {
      ++w.false_alerts;
      w.false_alert_ids.push_back(id);
      continue;
    }
    for (std::int64_t h : hostiles_matched) {
      HostileWarning& hw = per[h];
      hw.target_id = h;
      const bool counts = !hw.zone_entry_s || s.raised <= *hw.zone_entry_s;
      if (counts && (!hw.first_alert_s || s.raised < *hw.first_alert_s)) {
        hw.first_alert_s = s.raised;
      } else if (!counts && !hw.first_alert_s) {
        // Only alerts after the entry: keep the first for the report, not for the score.
        hw.first_alert_s = s.raised;
      }
    }
  }
  w.false_alerts_per_hour =
      w.duration_h > 0.0 ? static_cast<double>(w.false_alerts) / w.duration_h : 0.0;

  std::vector<double> ratios;
  for (auto& [id, h] : per) {
    if (h.first_alert_s) {
      ++w.hostile_alerted;
    }
    if (!h.zone_entry_s) {
      w.hostiles.push_back(h);
      continue;
    }
    ++w.hostile_total;
    h.available_s = *h.zone_entry_s - h.first_opportunity_s;
    if (h.first_alert_s && *h.first_alert_s <= *h.zone_entry_s) {
      h.alerted_before_entry = true;
      ++w.hostile_alerted_before_entry;
      h.warning_s = *h.zone_entry_s - *h.first_alert_s;
    }
    h.ratio =
        h.available_s > 0.0 ? h.warning_s / h.available_s : (h.alerted_before_entry ? 1.0 : 0.0);
    ratios.push_back(h.ratio);
    w.hostiles.push_back(h);
  }
  w.warning_ratio_median = median(ratios);
  return w;
}

}  // namespace dewline::eval
