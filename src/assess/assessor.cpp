#include "assess/assessor.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include <fmt/format.h>

#include "assess/alert_book.hpp"
#include "assess/approach.hpp"
#include "assess/classifier.hpp"
#include "assess/threat.hpp"

namespace dewline::assess {

namespace {

struct TrackState {
  std::deque<TrackSample> samples;
  ClassifierState cls;
  std::deque<Track> history;  // evidence snapshots, oldest first
  Track last;
  Time last_seen;
  std::vector<char> inside;  // per zone, with edge hysteresis
  KinematicFeatures features;
};

}  // namespace

struct Assessor::Impl {
  AssessConfig cfg;
  std::vector<AssessZone> zones;
  EnuFrame frame;
  SensorRegistry sensors;
  Classifier classifier;
  SpoofChecker spoof;
  AlertBook alerts;
  std::map<TrackId, TrackState> tracks;
  std::vector<AlertEvent> events;
  AssessorStats stats;
  std::vector<AlertCondition> conditions;

  Impl(AssessConfig c, std::vector<AssessZone> z, EnuFrame f, SensorRegistry s)
      : cfg(std::move(c)),
        zones(std::move(z)),
        frame(f),
        sensors(std::move(s)),
        classifier(cfg.classifier),
        spoof(cfg.spoof, sensors),
        alerts(cfg.alerts) {}

  void assess(Time t, Track& track, TrackState& st);
};

namespace {

IdentityCategory identity_category(const Track& t, bool trusted, const AllowList& allow) {
  const Identity& id = t.identity;
  const bool broadcast = !id.remote_id.empty() || id.icao24.has_value() || !id.callsign.empty();
  if (!broadcast) {
    return IdentityCategory::NonCooperative;
  }
  if (!trusted) {
    return IdentityCategory::Spoofed;
  }
  if (allow_listed(allow, id)) {
    return IdentityCategory::Friendly;
  }
  return IdentityCategory::Cooperative;
}

// True when some radar's range interval holds the position.
bool radar_covers(const SensorRegistry& sensors, const Vec3& p) {
  return std::any_of(sensors.all().begin(), sensors.all().end(), [&](const SensorInfo& s) {
    const double r = (p - s.position_m).norm();
    return is_radar(s.kind) && r >= s.range_min_m && r <= s.range_max_m;
  });
}

// True when a radar (a sensor that measures where a target is, not what it says) fed the track.
bool fed_by_radar(const Track& track, const SensorRegistry& sensors) {
  return std::any_of(track.sensors.begin(), track.sensors.end(), [&](SensorId id) {
    const SensorInfo* s = sensors.find(id);
    return s != nullptr && is_radar(s->kind);
  });
}

}  // namespace

void Assessor::Impl::assess(Time t, Track& track, TrackState& st) {
  const TrackSample s = sample_of(track);
  // The first reports of a track describe its filter settling (a velocity from two plots at
  // 5 km is +-20 m/s), not the target: they are left out of the kinematic features.
  const bool settled = seconds_between(track.first_time, track.time) >= cfg.classifier.settle_s;
  if (settled && (st.samples.empty() || s.time > st.samples.back().time)) {
    st.samples.push_back(s);
  }
  const Time keep_from = t - Duration::from_seconds(cfg.classifier.window_s + 1.0);
  while (st.samples.size() > 1 && st.samples.front().time < keep_from) {
    st.samples.pop_front();
  }
  st.features = compute_features(st.samples, cfg.classifier.window_s);
  track.spoof_reason = spoof.reason_for(track);
  const bool trusted = track.spoof_reason.empty();
  // A phantom: a track no radar ever fed (broadcasts, perhaps a bearing that fits anything on
  // its ray), whose broadcast failed a check (it lies), at a place a radar watches. Nothing
  // physical is known to be there, so it raises no zone alert (remote_id_spoofing: the ghost's
  // and the jumper's broadcast-only tracks made nearly all its "false alerts"; the radar track
  // of a real drone behind a lying broadcast alerts as any other). Its spoofing stays on the
  // track (spoof column, threat reason) for the operator. Without radar coverage a lying
  // broadcast is all there is, and it is assessed as before (non-cooperative).
  const bool phantom =
      !trusted && !fed_by_radar(track, sensors) && radar_covers(sensors, track.position_m);

  Assessment& a = track.assessment;
  a.class_probabilities = classifier.update(st.cls, st.features, track, trusted, sensors);
  const CoarseClass decided = classifier.decide(a.class_probabilities);
  a.target_class = a.class_probabilities.most_likely();
  if (decided == CoarseClass::Unknown) {
    a.target_class = TargetClass::Unknown;
  }
  const double p_drone = a.class_probabilities.coarse(CoarseClass::Drone);
  const double p_bird = a.class_probabilities.coarse(CoarseClass::Bird);

  // The class the rules see: a drone only when confident; a likely-but-unsure drone, or an
  // undecided track, is "unknown" when a bird is unlikely, else a bird (a coin toss between bird
  // and drone raises nothing: birds_only_day would alert on its flocks).
  CoarseClass rule_class = decided;
  if (p_drone >= cfg.threat.drone_min_probability) {
    rule_class = CoarseClass::Drone;
  } else if (decided == CoarseClass::Drone || decided == CoarseClass::Unknown) {
    rule_class = p_bird <= cfg.threat.unknown_max_bird_probability ? CoarseClass::Unknown
                                                                   : CoarseClass::Bird;
  }
  const double p_rule =
      rule_class == CoarseClass::Unknown ? 1.0 - p_bird : a.class_probabilities.coarse(rule_class);

  ThreatInputs in;
  in.coarse = rule_class;
  in.identity = identity_category(track, trusted, cfg.allow);
  in.spoof_reason = track.spoof_reason;
  a.friendly = in.identity == IdentityCategory::Friendly;

  // Zones: inside (with hysteresis) and approach, for the zones whose policy can apply.
  if (st.inside.size() != zones.size()) {
    st.inside.assign(zones.size(), 0);
  }
  std::vector<ZoneApproach> approaches(zones.size());
  std::vector<bool> relevant(zones.size(), false);
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const AssessZone& z = zones[i];
    const auto& cls = z.policy.alert_classes;
    relevant[i] = in.identity != IdentityCategory::Friendly && !phantom &&
                  std::find(cls.begin(), cls.end(), rule_class) != cls.end();
    ZoneApproach ap;
    if (relevant[i]) {
      ap = approach(z.zone, track, z.policy.horizon_s, cfg.threat);
    } else {
      ap.inside = z.zone.contains(track.position_m);
      ap.distance_m = ap.inside ? 0.0 : distance_to_zone(z.zone, track.position_m);
      if (auto e = z.zone.entry_time(track.position_m, track.velocity_mps, z.policy.horizon_s)) {
        ap.entry_s = *e;
        ap.may_enter = true;
        ap.time_to_zone_s = *e;
      }
    }
    if (!ap.inside && st.inside[i] != 0 && ap.distance_m <= cfg.threat.edge_margin_m) {
      ap.inside = true;  // still counts as inside until clearly out
      ap.may_enter = true;
      ap.time_to_zone_s = 0.0;
    }
    st.inside[i] = ap.inside ? 1 : 0;
    approaches[i] = ap;
    if (z.zone.level == ZoneLevel::Protected) {
      in.closing_on_protected_mps = std::max(in.closing_on_protected_mps, ap.closing_mps);
    }
  }

  a.threat = ThreatLevel::None;
  a.threat_reason.clear();
  a.time_to_zone_s = -1.0;
  a.zone.clear();
  bool ttz_protected = false;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const AssessZone& z = zones[i];
    const ZoneApproach& ap = approaches[i];
    // Time to zone: the earliest predicted entry, protected zones first.
    if (ap.may_enter && ap.time_to_zone_s >= 0.0) {
      const bool prot = z.zone.level == ZoneLevel::Protected;
      if (a.time_to_zone_s < 0.0 || (prot && !ttz_protected) ||
          (prot == ttz_protected && ap.time_to_zone_s < a.time_to_zone_s)) {
        a.time_to_zone_s = ap.time_to_zone_s;
        a.zone = z.zone.name;
        ttz_protected = prot;
      }
    }
    if (!relevant[i]) {
      continue;
    }
    ThreatInputs zin = in;
    if (allow_listed(z.policy.allow, track.identity) && trusted) {
      zin.identity = IdentityCategory::Friendly;
    }
    const ZoneThreat zt = zone_threat(z, ap, zin, cfg.threat, p_rule);
    if (zt.level > a.threat ||
        (zt.level == a.threat && a.threat_reason.empty() && zt.level != ThreatLevel::None)) {
      a.threat = zt.level;
      a.threat_reason = zt.reason;
    }
    if (zt.alerting) {
      conditions.push_back(
          AlertCondition{track.id, z.zone.name, z.zone.level, zt.level, zt.reason});
    }
  }

  if (phantom) {
    a.threat_reason = fmt::format("phantom: no sensor sees a target where the broadcast says ({})",
                                  track.spoof_reason);
  }

  // Evidence snapshots.
  st.last = track;
  st.last_seen = t;
  if (cfg.alerts.history_snapshots > 0 &&
      (st.history.empty() ||
       seconds_between(st.history.back().time, track.time) >= cfg.alerts.history_spacing_s)) {
    st.history.push_back(track);
    while (st.history.size() > cfg.alerts.history_snapshots) {
      st.history.pop_front();
    }
  }
}

Assessor::Assessor(AssessConfig cfg, std::vector<AssessZone> zones, EnuFrame frame,
                   SensorRegistry sensors)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(zones), frame, std::move(sensors))) {}

Result<Assessor, std::vector<RuleError>> Assessor::create(AssessConfig cfg,
                                                          const std::vector<Zone>& zones,
                                                          EnuFrame frame, SensorRegistry sensors) {
  auto built = build_zone_rules(zones, cfg);
  if (!built) {
    return unexpected(std::move(built).error());
  }
  return Assessor(std::move(cfg), std::move(*built), frame, std::move(sensors));
}

Assessor::~Assessor() = default;
Assessor::Assessor(Assessor&&) noexcept = default;
Assessor& Assessor::operator=(Assessor&&) noexcept = default;

void Assessor::update(Time t, std::vector<Track>& tracks, std::span<const Detection> detections) {
  Impl& m = *impl_;
  ++m.stats.updates;
  m.spoof.update(t, detections, tracks);
  m.conditions.clear();
  for (Track& k : tracks) {
    TrackState& st = m.tracks[k.id];
    m.assess(t, k, st);
    ++m.stats.tracks_assessed;
  }
  m.alerts.update(t, m.conditions, [&](TrackId id) {
    auto it = m.tracks.find(id);
    return it == m.tracks.end() ? Time{INT64_MIN / 2} : it->second.last_seen;
  });
  for (AlertEvent& ev : m.alerts.take_events()) {
    auto it = m.tracks.find(ev.track_id);
    if (it != m.tracks.end()) {
      ev.track = it->second.last;
      ev.history.assign(it->second.history.begin(), it->second.history.end());
    }
    if (ev.state == AlertState::Raised) {
      ++m.stats.alerts_raised;
    }
    m.events.push_back(std::move(ev));
  }
  // Forget tracks unreported for long (their alerts have expired by then).
  const Duration forget = Duration::from_seconds(m.cfg.alerts.forget_track_after_s);
  for (auto it = m.tracks.begin(); it != m.tracks.end();) {
    it = t - it->second.last_seen > forget ? m.tracks.erase(it) : std::next(it);
  }
  m.stats.spoof_flags = m.spoof.flags().size();
}

std::vector<AlertEvent> Assessor::take_events() {
  std::vector<AlertEvent> out;
  out.swap(impl_->events);
  return out;
}

bool Assessor::acknowledge(AlertId id, Time t) {
  const bool ok = impl_->alerts.acknowledge(id, t);
  for (AlertEvent& ev : impl_->alerts.take_events()) {
    auto it = impl_->tracks.find(ev.track_id);
    if (it != impl_->tracks.end()) {
      ev.track = it->second.last;
      ev.history.assign(it->second.history.begin(), it->second.history.end());
    }
    impl_->events.push_back(std::move(ev));
  }
  return ok;
}

const AssessConfig& Assessor::config() const {
  return impl_->cfg;
}
const std::vector<AssessZone>& Assessor::zones() const {
  return impl_->zones;
}
const EnuFrame& Assessor::frame() const {
  return impl_->frame;
}
const AssessorStats& Assessor::stats() const {
  return impl_->stats;
}
const SpoofChecker& Assessor::spoof_checker() const {
  return impl_->spoof;
}

const KinematicFeatures* Assessor::features_of(TrackId id) const {
  auto it = impl_->tracks.find(id);
  return it == impl_->tracks.end() ? nullptr : &it->second.features;
}

}  // namespace dewline::assess
