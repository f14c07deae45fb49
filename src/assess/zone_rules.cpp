#include "assess/zone_rules.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace dewline::assess {
namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0;
  std::size_t b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '"')) {
    ++a;
  }
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '"')) {
    --b;
  }
  return std::string(s.substr(a, b - a));
}

// A property value as a list of strings: a JSON array of strings (as the zones reader keeps it,
// dumped) or a comma-separated string. Nested arrays or objects are errors.
Result<std::vector<std::string>, std::string> as_list(std::string_view v) {
  std::string_view body = v;
  while (!body.empty() && body.front() == ' ') {
    body.remove_prefix(1);
  }
  if (!body.empty() && body.front() == '[') {
    if (body.back() != ']') {
      return unexpected(std::string("expected a list of strings"));
    }
    body = body.substr(1, body.size() - 2);
  }
  if (body.find_first_of("[]{}") != std::string_view::npos) {
    return unexpected(std::string("expected a list of strings"));
  }
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t j = body.find(',', i);
    if (j == std::string_view::npos) {
      j = body.size();
    }
    std::string item = trim(body.substr(i, j - i));
    if (!item.empty()) {
      out.push_back(std::move(item));
    }
    i = j + 1;
  }
  return out;
}

Result<double, std::string> as_number(const std::string& v) {
  const std::string t = trim(v);
  char* end = nullptr;
  errno = 0;
  const double d = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || errno != 0 || !std::isfinite(d)) {
    return unexpected(fmt::format("expected a number, got {}", v));
  }
  return d;
}

void apply_allow(const AllowList& from, AllowList& to) {
  to.remote_ids.insert(to.remote_ids.end(), from.remote_ids.begin(), from.remote_ids.end());
  to.icao24.insert(to.icao24.end(), from.icao24.begin(), from.icao24.end());
  to.callsigns.insert(to.callsigns.end(), from.callsigns.begin(), from.callsigns.end());
}

std::string strip_spaces(std::string_view s) {
  std::string out(s);
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

}  // namespace

std::string RuleError::message() const {
  return fmt::format("zone \"{}\" (features[{}]): {}: {}", zone, zone_index, field, reason);
}

bool allow_listed(const AllowList& list, const Identity& id) {
  if (!id.remote_id.empty() && std::find(list.remote_ids.begin(), list.remote_ids.end(),
                                         id.remote_id) != list.remote_ids.end()) {
    return true;
  }
  if (id.icao24 &&
      std::find(list.icao24.begin(), list.icao24.end(), *id.icao24) != list.icao24.end()) {
    return true;
  }
  if (!id.callsign.empty()) {
    const std::string cs = strip_spaces(id.callsign);
    for (const auto& c : list.callsigns) {
      if (strip_spaces(c) == cs) {
        return true;
      }
    }
  }
  return false;
}

Result<std::vector<AssessZone>, std::vector<RuleError>> build_zone_rules(
    const std::vector<Zone>& zones, const AssessConfig& cfg) {
  std::vector<AssessZone> out;
  std::vector<RuleError> errors;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    AssessZone az;
    az.zone = zones[i];
    az.policy = zones[i].level == ZoneLevel::Protected ? cfg.protected_policy : cfg.warning_policy;
    ZonePolicy& p = az.policy;
    auto fail = [&](const std::string& key, std::string reason) {
      errors.push_back(RuleError{i, zones[i].name, "properties." + key, std::move(reason)});
    };
    for (const auto& [key, value] : zones[i].properties) {
      if (key == "alert_classes") {
        auto l = as_list(value);
        if (!l) {
          fail(key, l.error());
          continue;
        }
        std::vector<CoarseClass> cls;
        bool ok = true;
        for (const auto& n : *l) {
          auto c = coarse_class_from_string(n);
          if (!c) {
            fail(key, fmt::format("invalid class \"{}\" (drone, bird, aircraft, unknown)", n));
            ok = false;
            break;
          }
          cls.push_back(*c);
        }
        if (ok) {
          p.alert_classes = cls;
        }
      } else if (key == "alert_cooperative") {
        const std::string v = trim(value);
        if (v == "true") {
          p.alert_cooperative = true;
        } else if (v == "false") {
          p.alert_cooperative = false;
        } else {
          fail(key, fmt::format("expected true or false, got {}", value));
        }
      } else if (key == "horizon_s") {
        auto d = as_number(value);
        if (!d) {
          fail(key, d.error());
        } else if (*d < 0.0 || *d > 86400.0) {
          fail(key, fmt::format("out of range: {} is not in [0, 86400]", *d));
        } else {
          p.horizon_s = *d;
        }
      } else if (key == "min_alert_threat") {
        const std::string v = trim(value);
        static constexpr std::array<std::string_view, 5> kNames = {"none", "low", "medium", "high",
                                                                   "critical"};
        int level = -1;
        for (std::size_t k = 1; k < kNames.size(); ++k) {
          if (v == kNames[k] || v == std::to_string(k)) {
            level = static_cast<int>(k);
          }
        }
        if (level < 0) {
          fail(key, fmt::format("expected low, medium, high or critical, got {}", value));
        } else {
          p.min_alert_threat = level;
        }
      } else if (key == "allow_remote_id" || key == "allow_callsign") {
        auto l = as_list(value);
        if (!l) {
          fail(key, l.error());
          continue;
        }
        auto& dst = key == "allow_remote_id" ? p.allow.remote_ids : p.allow.callsigns;
        dst.insert(dst.end(), l->begin(), l->end());
      } else if (key == "allow_icao24") {
        auto l = as_list(value);
        if (!l) {
          fail(key, l.error());
          continue;
        }
        for (const auto& h : *l) {
          if (auto v = parse_icao24(h)) {
            p.allow.icao24.push_back(*v);
          } else {
            fail(key, fmt::format("invalid ICAO address \"{}\" (1-6 hex digits)", h));
            break;
          }
        }
      }
    }
    for (const auto& o : cfg.zone_overrides) {
      if (o.zone != zones[i].name) {
        continue;
      }
      if (o.alert_classes) {
        p.alert_classes = *o.alert_classes;
      }
      if (o.alert_cooperative) {
        p.alert_cooperative = *o.alert_cooperative;
      }
      if (o.horizon_s) {
        p.horizon_s = *o.horizon_s;
      }
      if (o.min_alert_threat) {
        p.min_alert_threat = *o.min_alert_threat;
      }
      apply_allow(o.allow, p.allow);
    }
    out.push_back(std::move(az));
  }
  if (!errors.empty()) {
    return unexpected(std::move(errors));
  }
  return out;
}

}  // namespace dewline::assess
