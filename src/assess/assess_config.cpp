#include "assess/assess_config.hpp"

#include <cctype>

#include <fmt/format.h>

namespace dewline::assess {
namespace {

void read_allow(ConfigSection s, AllowList& a, std::string_view prefix) {
  const std::string rid = std::string(prefix) + "remote_id";
  const std::string icao = std::string(prefix) + "icao24";
  const std::string cs = std::string(prefix) + "callsign";
  s.get(rid, a.remote_ids);
  std::vector<std::string> hex;
  s.get(icao, hex);
  for (const auto& h : hex) {
    if (auto v = parse_icao24(h)) {
      a.icao24.push_back(*v);
    } else {
      s.error(icao, fmt::format("invalid value \"{}\": expected a 24-bit ICAO address in hex "
                                "(1-6 digits, e.g. \"4b1815\")",
                                h));
    }
  }
  s.get(cs, a.callsigns);
}

std::optional<std::vector<CoarseClass>> read_classes(ConfigSection& s, std::string_view key) {
  if (!s.has(key)) {
    return std::nullopt;
  }
  std::vector<std::string> names;
  s.get(key, names);
  std::vector<CoarseClass> out;
  for (const auto& n : names) {
    auto c = coarse_class_from_string(n);
    if (!c) {
      s.error(key,
              fmt::format("invalid value \"{}\": expected drone, bird, aircraft or unknown", n));
      return std::nullopt;
    }
    out.push_back(*c);
  }
  return out;
}

// min_alert_threat: a level by name (as in zones.geojson) or by number 1-4.
void read_alert_level(ConfigSection s, int& out) {
  if (s.is_string("min_alert_threat")) {
    enum class Level : std::uint8_t { Low = 1, Medium, High, Critical };
    auto level = static_cast<Level>(out);
    s.get_enum("min_alert_threat", level,
               {{"low", Level::Low},
                {"medium", Level::Medium},
                {"high", Level::High},
                {"critical", Level::Critical}});
    out = static_cast<int>(level);
  } else {
    s.get("min_alert_threat", out, Range{1.0, 4.0});
  }
}

void read_policy(ConfigSection s, ZonePolicy& p) {
  if (auto c = read_classes(s, "alert_classes")) {
    p.alert_classes = *c;
  }
  s.get("alert_cooperative", p.alert_cooperative);
  s.get("horizon_s", p.horizon_s, Range{0.0, 86400.0});
  read_alert_level(s, p.min_alert_threat);
  read_allow(s, p.allow, "allow_");
}

}  // namespace

std::optional<std::uint32_t> parse_icao24(std::string_view hex) {
  if (hex.empty() || hex.size() > 6) {
    return std::nullopt;
  }
  std::uint32_t v = 0;
  for (char ch : hex) {
    const auto c = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(ch)));
    std::uint32_t d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<std::uint32_t>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
    v = v * 16U + d;
  }
  return v;
}

AssessConfig AssessConfig::defaults() {
  AssessConfig c;
  // Protected zones alert on drones and on "unknown" tracks (undecided, birds unlikely): the
  // classifier needs tens of seconds on a distant target, and an unidentified object heading
  // into a protected zone is what an operator must hear about first (docs/assessment.md).
  c.protected_policy.alert_classes = {CoarseClass::Drone, CoarseClass::Unknown};
  c.protected_policy.alert_cooperative = true;
  c.protected_policy.horizon_s = 600.0;
  c.protected_policy.min_alert_threat = 2;
  c.warning_policy.alert_classes = {CoarseClass::Drone};
  c.warning_policy.alert_cooperative = false;
  c.warning_policy.horizon_s = 0.0;
  c.warning_policy.min_alert_threat = 2;
  return c;
}

void read_assess_config(ConfigSection section, AssessConfig& cfg) {
  {
    ConfigSection c = section.section("classifier");
    ClassifierConfig& k = cfg.classifier;
    c.get("window_s", k.window_s, Range{2.0, 600.0});
    c.get("min_samples", k.min_samples, Range{2.0, 1000.0});
    c.get("settle_s", k.settle_s, Range{0.0, 600.0});
    std::vector<double> prior = k.prior;
    c.get("prior", prior, Range{0.0, 1.0});
    if (prior.size() != 6) {
      c.error("prior",
              "expected 6 numbers (drone_multirotor, drone_fixed_wing, bird, "
              "aircraft_fixed_wing, helicopter, glider)");
    } else {
      k.prior = prior;
    }
    c.get("kinematic_weight", k.kinematic_weight, Range{0.0, 5.0});
    c.get("smoothing_s", k.smoothing_s, Range{0.0, 600.0});
    c.get("kinematic_gain", k.kinematic_gain, Range{0.0, 100.0});
    c.get("sensor_weight", k.sensor_weight, Range{0.0, 5.0});
    c.get("remote_id_drone_llr", k.remote_id_drone_llr, Range{0.0, 50.0});
    c.get("adsb_manned_llr", k.adsb_manned_llr, Range{0.0, 50.0});
    c.get("rf_model_drone_llr", k.rf_model_drone_llr, Range{0.0, 50.0});
    c.get("rf_seen_drone_llr", k.rf_seen_drone_llr, Range{0.0, 50.0});
    c.get("acoustic_not_bird_llr", k.acoustic_not_bird_llr, Range{0.0, 50.0});
    c.get("decide_min_probability", k.decide_min_probability, Range{0.0, 1.0});
  }
  {
    ConfigSection t = section.section("threat");
    ThreatConfig& k = cfg.threat;
    t.get("critical_time_s", k.critical_time_s, Range{0.0, 3600.0});
    t.get("high_time_s", k.high_time_s, Range{0.0, 3600.0});
    t.get("cpa_sigmas", k.cpa_sigmas, Range{0.0, 10.0});
    t.get("cpa_floor_m", k.cpa_floor_m, Range{0.0, 10000.0});
    t.get("min_speed_mps", k.min_speed_mps, Range{0.0, 100.0});
    t.get("closing_min_mps", k.closing_min_mps, Range{0.0, 500.0});
    t.get("closing_min_fraction", k.closing_min_fraction, Range{0.0, 1.0});
    t.get("approach_range_m", k.approach_range_m, Range{0.0, 1e6});
    t.get("drone_min_probability", k.drone_min_probability, Range{0.0, 1.0});
    t.get("unknown_max_bird_probability", k.unknown_max_bird_probability, Range{0.0, 1.0});
    t.get("unknown_lowers_level", k.unknown_lowers_level);
    t.get("edge_margin_m", k.edge_margin_m, Range{0.0, 10000.0});
    if (k.high_time_s < k.critical_time_s) {
      t.error("high_time_s", fmt::format("out of range: {} is below critical_time_s = {}",
                                         k.high_time_s, k.critical_time_s));
    }
  }
  {
    ConfigSection a = section.section("alerts");
    AlertConfig& k = cfg.alerts;
    a.get("raise_after_s", k.raise_after_s, Range{0.0, 3600.0});
    a.get("raise_gap_s", k.raise_gap_s, Range{0.0, 3600.0});
    a.get("clear_after_s", k.clear_after_s, Range{0.0, 86400.0});
    a.get("expire_after_s", k.expire_after_s, Range{0.0, 86400.0});
    a.get("forget_track_after_s", k.forget_track_after_s, Range{1.0, 86400.0});
    a.get("history_snapshots", k.history_snapshots, Range{0.0, 1000.0});
    a.get("history_spacing_s", k.history_spacing_s, Range{0.0, 3600.0});
  }
  {
    ConfigSection s = section.section("spoof");
    SpoofConfig& k = cfg.spoof;
    s.get("enabled", k.enabled);
    s.get("drone_max_speed_mps", k.drone_max_speed_mps, Range{1.0, 1000.0});
    s.get("aircraft_max_speed_mps", k.aircraft_max_speed_mps, Range{1.0, 2000.0});
    s.get("drone_max_accel_mps2", k.drone_max_accel_mps2, Range{0.1, 1000.0});
    s.get("aircraft_max_accel_mps2", k.aircraft_max_accel_mps2, Range{0.1, 1000.0});
    s.get("jump_tolerance_m", k.jump_tolerance_m, Range{0.0, 1e5});
    s.get("aircraft_jump_tolerance_m", k.aircraft_jump_tolerance_m, Range{0.0, 1e6});
    s.get("radar_range_fraction", k.radar_range_fraction, Range{0.0, 1.0});
    s.get("radar_gate_m", k.radar_gate_m, Range{0.0, 1e4});
    s.get("radar_min_looks", k.radar_min_looks, Range{1.0, 1e4});
    s.get("radar_max_hit_fraction", k.radar_max_hit_fraction, Range{0.0, 1.0});
    s.get("radar_window_s", k.radar_window_s, Range{1.0, 3600.0});
    s.get("match_velocity_mps", k.match_velocity_mps, Range{0.0, 100.0});
    s.get("match_min_speed_mps", k.match_min_speed_mps, Range{0.0, 100.0});
    s.get("match_min_offset_m", k.match_min_offset_m, Range{0.0, 1e5});
    s.get("match_offset_spread_m", k.match_offset_spread_m, Range{0.0, 1e5});
    s.get("match_min_reports", k.match_min_reports, Range{1.0, 1e4});
    s.get("same_emitter_m", k.same_emitter_m, Range{0.0, 1e4});
    s.get("same_emitter_dt_s", k.same_emitter_dt_s, Range{0.0, 60.0});
    s.get("same_emitter_min", k.same_emitter_min, Range{1.0, 1e4});
    s.get("rssi_diff_max_db", k.rssi_diff_max_db, Range{0.0, 100.0});
    s.get("rssi_abs_max_db", k.rssi_abs_max_db, Range{0.0, 100.0});
    s.get("rssi_min_reports", k.rssi_min_reports, Range{1.0, 1e4});
    for (ConfigSection r : s.sections("receiver")) {
      ReceiverCalibration rc;
      std::uint32_t id = 0;
      r.get("sensor_id", id, Range{0.0, 4294967295.0}, true);
      r.get("rssi_at_1km_db", rc.rssi_at_1km_db, Range{-200.0, 100.0}, true);
      rc.sensor = SensorId{id};
      k.receivers.push_back(rc);
    }
  }
  read_allow(section.section("allow"), cfg.allow, "");
  {
    ConfigSection d = section.section("defaults");
    read_policy(d.section("protected"), cfg.protected_policy);
    read_policy(d.section("warning"), cfg.warning_policy);
  }
  for (ConfigSection z : section.sections("zone")) {
    ZonePolicyOverride o;
    z.get("name", o.zone, true);
    o.alert_classes = read_classes(z, "alert_classes");
    if (z.has("alert_cooperative")) {
      bool b = true;
      z.get("alert_cooperative", b);
      o.alert_cooperative = b;
    }
    if (z.has("horizon_s")) {
      double h = 0.0;
      z.get("horizon_s", h, Range{0.0, 86400.0});
      o.horizon_s = h;
    }
    if (z.has("min_alert_threat")) {
      int m = 2;
      read_alert_level(z, m);
      o.min_alert_threat = m;
    }
    read_allow(z, o.allow, "allow_");
    cfg.zone_overrides.push_back(std::move(o));
  }
}

}  // namespace dewline::assess
