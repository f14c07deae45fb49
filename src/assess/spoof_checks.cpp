#include "assess/spoof_checks.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "core/angles.hpp"

namespace dewline::assess {
namespace {

constexpr std::size_t kMaxRssiSamples = 60;
constexpr double kRecentUpdateS = 3.0;  // a radar track counts as "seen now" this long

std::string short_id(const std::string& key) {
  const auto colon = key.find(':');
  return colon == std::string::npos ? key : key.substr(colon + 1);
}

std::string hex24(std::uint32_t v) {
  return fmt::format("{:06x}", v);
}

}  // namespace

SpoofChecker::SpoofChecker(SpoofConfig cfg, SensorRegistry sensors)
    : cfg_(std::move(cfg)), sensors_(std::move(sensors)) {}

std::string SpoofChecker::key_of(const Identity& id) {
  if (!id.remote_id.empty()) {
    return "rid:" + id.remote_id;
  }
  if (id.icao24) {
    return "icao:" + hex24(*id.icao24);
  }
  return {};
}

void SpoofChecker::flag(const std::string& key, std::string check, std::string reason, Time t) {
  if (flags_.count(key) != 0) {
    return;
  }
  flags_.emplace(key, SpoofFlag{key, std::move(check), std::move(reason), t});
}

void SpoofChecker::update(Time t, std::span<const Detection> detections,
                          const std::vector<Track>& tracks) {
  if (!cfg_.enabled) {
    return;
  }
  radar_scratch_.clear();
  // Cooperative reports of this step, by identity, in detection order.
  std::map<std::string, std::vector<Report>> reports;
  for (const Detection& d : detections) {
    const SensorInfo* info = sensors_.find(d.sensor);
    if (info != nullptr && is_radar(info->kind) &&
        std::holds_alternative<PolarMeasurement>(d.measurement)) {
      radar_scratch_.push_back(&d);
      continue;
    }
    const auto* pm = std::get_if<PositionMeasurement>(&d.measurement);
    if (pm == nullptr) {
      continue;
    }
    const std::string key = key_of(d.identity);
    if (key.empty()) {
      continue;
    }
    Report r;
    r.time = d.time;
    r.sensor = d.sensor;
    r.sensor_position = d.sensor_position_m;
    r.position = pm->position_m;
    r.velocity = pm->velocity_mps;
    r.sigma_m = std::sqrt(std::max({pm->covariance_m2(0, 0), pm->covariance_m2(1, 1), 0.0}));
    r.rssi_db = d.snr_db;
    reports[key].push_back(r);
    IdState& s = ids_[key];
    s.adsb = d.identity.icao24.has_value() && d.identity.remote_id.empty();
  }
  for (auto& [key, list] : reports) {
    IdState& s = ids_[key];
    std::size_t i = 0;
    while (i < list.size()) {
      // Reports of one broadcast (same time) from several receivers.
      std::size_t j = i;
      std::vector<Report> same;
      while (j < list.size() && list[j].time == list[i].time) {
        same.push_back(list[j]);
        ++j;
      }
      check_emitter(key, same.front());
      check_jump(key, s, same.front());
      check_signal(key, s, same, t);
      i = j;
    }
    const Report& latest = list.back();
    check_radar(key, s, latest, radar_scratch_, t);
    check_offset(key, s, latest, tracks, t);
  }
  // One track, several serials: the tracker keeps the latest serial on the track.
  for (const Track& k : tracks) {
    if (k.identity.remote_id.empty()) {
      continue;
    }
    auto& serials = track_serials_[k.id];
    serials.insert(k.identity.remote_id);
    if (serials.size() >= 2 && track_flags_.count(k.id) == 0) {
      std::string list;
      for (const auto& s : serials) {
        list += (list.empty() ? "" : ", ") + s;
      }
      track_flags_[k.id] =
          fmt::format("emitter: one track broadcasts {} serials ({})", serials.size(), list);
    }
  }
}

void SpoofChecker::check_jump(const std::string& key, IdState& s, const Report& r) {
  if (!s.has_last) {
    s.last = r;
    s.has_last = true;
    return;
  }
  const Report& p = s.last;
  const double dt = seconds_between(p.time, r.time);
  if (dt < 1e-3) {
    return;  // the same broadcast through another receiver, or out of order
  }
  const double max_speed = s.adsb ? cfg_.aircraft_max_speed_mps : cfg_.drone_max_speed_mps;
  const double max_accel = s.adsb ? cfg_.aircraft_max_accel_mps2 : cfg_.drone_max_accel_mps2;
  const double tol = (s.adsb ? cfg_.aircraft_jump_tolerance_m : cfg_.jump_tolerance_m) +
                     4.0 * std::hypot(p.sigma_m, r.sigma_m);
  const double moved = (r.position - p.position).norm();
  const double implied = moved / dt;
  std::optional<double> residual;
  if (dt <= 30.0 && p.velocity && r.velocity) {
    const Vec3 pred = p.position + 0.5 * (*p.velocity + *r.velocity) * dt;
    residual = (r.position - pred).norm();
  }
  if (moved > tol && implied > max_speed) {
    flag(key, "jump",
         fmt::format("jump: {} moved {:.0f} m in {:.1f} s ({:.0f} m/s, no {} flies faster than "
                     "{:.0f} m/s)",
                     short_id(key), moved, dt, implied, s.adsb ? "aircraft" : "drone", max_speed),
         r.time);
  } else if (residual && *residual > tol + 0.5 * max_accel * dt * dt) {
    flag(key, "jump",
         fmt::format("jump: {} reported {:.0f} m away from where its own velocity put it "
                     "{:.1f} s earlier",
                     short_id(key), *residual, dt),
         r.time);
  }
  s.last = r;
}

void SpoofChecker::check_signal(const std::string& key, IdState& s, const std::vector<Report>& same,
                                Time t) {
  // Two receivers of one broadcast: the level difference against free-space loss.
  for (std::size_t a = 0; a < same.size(); ++a) {
    for (std::size_t b = a + 1; b < same.size(); ++b) {
      const Report& ra = same[a];
      const Report& rb = same[b];
      if (!ra.rssi_db || !rb.rssi_db || ra.sensor == rb.sensor) {
        continue;
      }
      const double da = std::max((ra.position - ra.sensor_position).norm(), 1.0);
      const double db = std::max((rb.position - rb.sensor_position).norm(), 1.0);
      const double residual = (*ra.rssi_db - *rb.rssi_db) - 20.0 * std::log10(db / da);
      s.rssi_diff.emplace_back(t, residual);
      if (s.rssi_diff.size() > kMaxRssiSamples) {
        s.rssi_diff.pop_front();
      }
    }
  }
  if (s.rssi_diff.size() >= cfg_.rssi_min_reports) {
    double sum = 0.0;
    for (const auto& [tt, v] : s.rssi_diff) {
      sum += v;
    }
    const double mean = sum / static_cast<double>(s.rssi_diff.size());
    if (std::abs(mean) > cfg_.rssi_diff_max_db) {
      flag(key, "signal",
           fmt::format("signal: the levels at two receivers disagree with the reported position "
                       "of {} by {:.1f} dB on average over {} broadcasts",
                       short_id(key), mean, s.rssi_diff.size()),
           t);
    }
  }
  // One calibrated receiver: the level against free-space loss from the reported position.
  for (const Report& r : same) {
    if (!r.rssi_db) {
      continue;
    }
    auto cal = std::find_if(cfg_.receivers.begin(), cfg_.receivers.end(),
                            [&](const ReceiverCalibration& c) { return c.sensor == r.sensor; });
    if (cal == cfg_.receivers.end()) {
      continue;
    }
    const double range = std::max((r.position - r.sensor_position).norm(), 1.0);
    const double expected = cal->rssi_at_1km_db - 20.0 * std::log10(range / 1000.0);
    auto& q = s.rssi_abs[r.sensor];
    q.emplace_back(t, *r.rssi_db - expected);
    if (q.size() > kMaxRssiSamples) {
      q.pop_front();
    }
    if (q.size() >= cfg_.rssi_min_reports) {
      double sum = 0.0;
      for (const auto& [tt, v] : q) {
        sum += v;
      }
      const double mean = sum / static_cast<double>(q.size());
      if (std::abs(mean) > cfg_.rssi_abs_max_db) {
        const SensorInfo* info = sensors_.find(r.sensor);
        flag(key, "signal",
             fmt::format("signal: the level at {} is {:.1f} dB off what the reported position "
                         "of {} gives",
                         info != nullptr && !info->name.empty() ? info->name : to_string(r.sensor),
                         mean, short_id(key)),
             t);
      }
    }
  }
}

void SpoofChecker::check_radar(const std::string& key, IdState& s, const Report& r,
                               std::span<const Detection* const> plots, Time t) {
  for (const SensorInfo& radar : sensors_.all()) {
    if (!is_radar(radar.kind)) {
      continue;
    }
    bool scanned = false;
    bool hit = false;
    const Vec3 d = r.position - radar.position_m;
    const double range = d.norm();
    const double rmax = radar.range_max_m > 0.0 ? radar.range_max_m : 10000.0;
    if (range < std::max(radar.range_min_m, 1.0) || range > cfg_.radar_range_fraction * rmax ||
        std::asin(std::clamp(d.z() / range, -1.0, 1.0)) > radar.elevation_max_rad) {
      continue;
    }
    for (const Detection* pd : plots) {
      if (pd->sensor != radar.id) {
        continue;
      }
      scanned = true;
      const auto& pm = std::get<PolarMeasurement>(pd->measurement);
      const bool has_el = pm.elevation_rad.has_value();
      const Vec3 plot = pd->sensor_position_m +
                        polar_to_enu(pm.range_m, pm.azimuth_rad, pm.elevation_rad.value_or(0.0));
      Vec3 claim = r.position;
      if (r.velocity) {
        claim += *r.velocity * seconds_between(r.time, pd->time);
      }
      const double sr = pm.sigma_range_m;
      const double sa = pm.range_m * pm.sigma_azimuth_rad;
      const double se = has_el ? pm.range_m * pm.sigma_elevation_rad : 0.0;
      const double gate =
          cfg_.radar_gate_m + 3.0 * std::sqrt(sr * sr + sa * sa + se * se + r.sigma_m * r.sigma_m);
      Vec3 diff = plot - claim;
      if (!has_el) {
        diff.z() = 0.0;
      }
      if (diff.norm() <= gate) {
        hit = true;
        break;
      }
    }
    if (!scanned) {
      continue;
    }
    s.looks.push_back(Look{t, std::clamp(radar.pd, 0.0, 1.0), hit});
    const std::string name = radar.name.empty() ? "radar " + to_string(radar.id) : radar.name;
    while (!s.looks.empty() && seconds_between(s.looks.front().time, t) > cfg_.radar_window_s) {
      s.looks.pop_front();
    }
    if (radar_silent(s)) {
      std::size_t hits = 0;
      for (const Look& l : s.looks) {
        hits += l.hit ? 1U : 0U;
      }
      flag(key, "radar",
           fmt::format("radar: {} covers the reported position of {} and saw it in only {} of "
                       "{} scans",
                       name, short_id(key), hits, s.looks.size()),
           t);
    }
  }
}

bool SpoofChecker::radar_silent(const IdState& s) const {
  double expected = 0.0;
  double hits = 0.0;
  for (const Look& l : s.looks) {
    expected += l.pd;
    hits += l.hit ? 1.0 : 0.0;
  }
  return expected >= cfg_.radar_min_looks &&
         hits <= cfg_.radar_max_hit_fraction * static_cast<double>(s.looks.size());
}

void SpoofChecker::check_offset(const std::string& key, IdState& s, const Report& r,
                                const std::vector<Track>& tracks, Time t) {
  if (!r.velocity || r.velocity->head<2>().norm() < cfg_.match_min_speed_mps) {
    return;
  }
  for (const Track& k : tracks) {
    if (seconds_between(k.last_update_time, k.time) > kRecentUpdateS ||
        k.velocity_mps.head<2>().norm() < cfg_.match_min_speed_mps) {
      continue;
    }
    const bool radar_seen = std::any_of(k.sensors.begin(), k.sensors.end(), [&](SensorId id) {
      const SensorInfo* info = sensors_.find(id);
      return info != nullptr && is_radar(info->kind);
    });
    if (!radar_seen || (*r.velocity - k.velocity_mps).norm() > cfg_.match_velocity_mps) {
      continue;
    }
    const Vec3 claim = r.position + *r.velocity * seconds_between(r.time, k.time);
    const Vec3 off = claim - k.position_m;
    if (off.norm() < cfg_.match_min_offset_m) {
      continue;
    }
    s.offsets[k.id].push_back(Offset{t, off});
  }
  for (auto it = s.offsets.begin(); it != s.offsets.end();) {
    auto& q = it->second;
    while (!q.empty() && seconds_between(q.front().time, t) > cfg_.radar_window_s) {
      q.pop_front();
    }
    if (q.empty()) {
      it = s.offsets.erase(it);
      continue;
    }
    if (q.size() >= cfg_.match_min_reports) {
      Vec3 mean = Vec3::Zero();
      for (const Offset& o : q) {
        mean += o.offset;
      }
      mean /= static_cast<double>(q.size());
      double spread = 0.0;
      for (const Offset& o : q) {
        spread += (o.offset - mean).squaredNorm();
      }
      spread = std::sqrt(spread / static_cast<double>(q.size()));
      std::size_t hits = 0;
      for (const Look& l : s.looks) {
        hits += l.hit ? 1U : 0U;
      }
      const bool radar_doubts = s.looks.size() >= 3 && 2 * hits < s.looks.size();
      if (spread <= cfg_.match_offset_spread_m && radar_doubts) {
        flag(key, "offset",
             fmt::format("offset: {} reports itself {:.0f} m from radar track {}, which moves "
                         "as it says it does, and the radar sees nothing where it claims to be",
                         short_id(key), mean.norm(), to_underlying(it->first)),
             t);
      }
    }
    ++it;
  }
}

void SpoofChecker::check_emitter(const std::string& key, const Report& r) {
  IdState& mine = ids_[key];
  for (auto& [other, s] : ids_) {
    if (other == key || !s.has_last || s.adsb != mine.adsb) {
      continue;
    }
    const double dt = seconds_between(s.last.time, r.time);
    if (std::abs(dt) > cfg_.same_emitter_dt_s) {
      continue;
    }
    Vec3 p = s.last.position;
    if (s.last.velocity) {
      p += *s.last.velocity * dt;
    }
    const double tol = cfg_.same_emitter_m + 3.0 * std::hypot(s.last.sigma_m, r.sigma_m);
    if ((p - r.position).norm() > tol) {
      continue;
    }
    const std::uint32_t n = ++mine.coincidences[other];
    ++s.coincidences[key];
    if (n >= cfg_.same_emitter_min) {
      const std::string why = fmt::format(
          "emitter: {} and {} are broadcast from one place again and again ({} "
          "times): one emitter, several identities",
          short_id(key), short_id(other), n);
      flag(key, "emitter", why, r.time);
      flag(other, "emitter", why, r.time);
    }
  }
}

std::string SpoofChecker::reason_for(const Track& t) const {
  const std::string key = key_of(t.identity);
  if (!key.empty()) {
    auto it = flags_.find(key);
    if (it != flags_.end()) {
      return it->second.reason;
    }
  }
  auto tf = track_flags_.find(t.id);
  if (tf != track_flags_.end()) {
    return tf->second;
  }
  auto ts = track_serials_.find(t.id);
  if (ts != track_serials_.end()) {
    for (const auto& serial : ts->second) {
      auto it = flags_.find("rid:" + serial);
      if (it != flags_.end()) {
        return it->second.reason;
      }
    }
  }
  return {};
}

}  // namespace dewline::assess
