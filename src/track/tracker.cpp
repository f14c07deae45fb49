// tracker.cpp: the Tracker's flow — input, frames, housekeeping, reports. The per-pair scoring,
// updates and initiation are in tracker_update.cpp.
#include "track/tracker.hpp"

#include <algorithm>
#include <cmath>

#include "core/log.hpp"
#include "track/chi2.hpp"
#include "track/input_check.hpp"

namespace dewline::track {
namespace {

constexpr double kDefaultRadarRangeM = 10000.0;

}  // namespace

Tracker::Tracker(TrackerConfig cfg, const SensorRegistry& sensors)
    : cfg_(std::move(cfg)), imm_(cfg_.imm), queue_(Duration::from_seconds(cfg_.reorder_window_s)) {
  if (cfg_.velocity_prior.empty()) {
    cfg_.velocity_prior = TrackerConfig::defaults().velocity_prior;
  }
  double wsum = 0.0;
  for (const auto& v : cfg_.velocity_prior) {
    wsum += v.weight;
  }
  for (auto& v : cfg_.velocity_prior) {
    v.weight /= wsum;
  }
  for (const auto& s : sensors.all()) {
    add_sensor(s);
  }
  for (const auto& m : cfg_.imm.models) {
    max_q_ = std::max({max_q_, m.q, m.q_vertical});
  }
}

void Tracker::add_sensor(const SensorInfo& s) {
  SensorModel m;
  m.info = s;
  m.radar = is_radar(s.kind);
  m.miss_evidence = m.radar;
  if (m.info.scan_period_s <= 0.0) {
    m.info.scan_period_s = 1.0;
  }
  if (m.info.pd <= 0.0 || m.info.pd > 1.0) {
    m.info.pd = 0.9;
  }
  if (m.radar || s.kind == SensorKind::Other) {
    const double rmax = s.range_max_m > 0.0 ? s.range_max_m : kDefaultRadarRangeM;
    const double rmin = std::clamp(s.range_min_m, 0.0, rmax * 0.99);
    const double el = std::clamp(s.elevation_max_rad, 0.05, 1.5707963267948966);
    const double clutter = std::max(s.clutter_per_scan, cfg_.min_clutter_per_scan);
    m.clutter_polar3 = clutter / ((rmax - rmin) * 2.0 * 3.141592653589793 * el);
    m.clutter_polar2 = clutter / ((rmax - rmin) * 2.0 * 3.141592653589793);
    m.birth_density = cfg_.births_per_km3_s * 1e-9 * m.info.scan_period_s;
    // Range shell up to the elevation limit: 2 pi / 3 (rmax^3 - rmin^3) sin(el).
    m.coverage_m3 =
        2.0 / 3.0 * 3.141592653589793 * (rmax * rmax * rmax - rmin * rmin * rmin) * std::sin(el);
    m.birth_height = make_birth_height_shape(cfg_.birth_height_scale_m, cfg_.birth_low_share,
                                             s.position_m.z(), rmin, rmax, el);
  } else if (is_cooperative(s.kind)) {
    m.birth_density = cfg_.births_per_km3_s * 1e-9 * m.info.scan_period_s;
  } else {
    // Bearing sensors: their clutter is per radian (or radian^2), Tracker::densities(); their
    // bearings start no track alone (triangulation does).
    m.birth_density = 0.0;
  }
  // Location reports, whatever the sensor: a cooperative receiver's false reports are rare; any
  // other sensor's are its clutter spread over its coverage (a hemisphere of its range).
  m.position_birth_density = cfg_.births_per_km3_s * 1e-9 * m.info.scan_period_s;
  if (is_cooperative(s.kind)) {
    m.position_clutter_density = cfg_.position_clutter_density;
  } else {
    const double rmax = s.range_max_m > 0.0 ? s.range_max_m : kDefaultRadarRangeM;
    const double clutter = std::max(s.clutter_per_scan, cfg_.min_clutter_per_scan);
    m.position_clutter_density = clutter / (2.0 / 3.0 * 3.141592653589793 * rmax * rmax * rmax);
  }
  sensors_[s.id] = m;
}

const Tracker::SensorModel& Tracker::sensor_model(SensorId id) const {
  return sensors_.at(id);
}

std::size_t Tracker::live_tracks() const {
  return static_cast<std::size_t>(
      std::count_if(tracks_.begin(), tracks_.end(), [](const TrackRecord& t) { return !t.dead; }));
}

double Tracker::chi2_gate(int dim) const {
  static thread_local double cached_p = -1.0;
  static thread_local std::array<double, kMaxMeasDim + 1> cache{};
  if (cached_p != cfg_.gate_probability) {
    for (int n = 1; n <= kMaxMeasDim; ++n) {
      cache[static_cast<std::size_t>(n)] = chi2_quantile(cfg_.gate_probability, n);
    }
    cached_p = cfg_.gate_probability;
  }
  return cache[static_cast<std::size_t>(std::clamp(dim, 1, kMaxMeasDim))];
}

// ---- input ----------------------------------------------------------------------------------

void Tracker::add(const Detection& d) {
  add(Detection(d));
}

void Tracker::add(Detection&& d) {
  ++stats_.detections_in;
  const auto it = sensors_.find(d.sensor);
  std::string_view reason;
  if (it == sensors_.end()) {
    reason = "unknown_sensor";
  } else {
    reason = check_detection(d);
  }
  const Time t = d.time;
  const SensorId sensor = d.sensor;
  if (reason.empty()) {
    if (d.time < queue_.released_until()) {
      // Later than the reorder window: the tracker has moved past its time.
      reason = retrodict(d);
      if (reason.empty()) {
        return;
      }
    } else {
      queue_.push(std::move(d));
    }
  }
  if (!reason.empty()) {
    ++stats_.detections_rejected;
    const std::string source =
        sensor_label(sensor, it == sensors_.end() ? nullptr : &it->second.info);
    if (rejects_.count(source, reason)) {
      log().warn("tracker: rejected detection from {} at t={:.3f}s: {}", source, t.seconds(),
                 reason);
    }
    return;
  }
  due_scratch_.clear();
  queue_.pop_due(due_scratch_);
  release(due_scratch_);
}

void Tracker::release(std::vector<Detection>& due) {
  for (Detection& d : due) {
    if (!frame_.empty()) {
      const Detection& f = frame_.front();
      const double window = cfg_.frame_fraction * sensor_model(f.sensor).info.scan_period_s;
      if (d.sensor != f.sensor || (d.time - f.time).seconds() > window) {
        process_frame();
      }
    }
    frame_.push_back(std::move(d));
  }
  due.clear();
}

void Tracker::advance_to(Time t) {
  due_scratch_.clear();
  queue_.pop_until(t, due_scratch_);
  release(due_scratch_);
  if (!frame_.empty()) {
    process_frame();
  }
  resolve_waiting_bearings();
  apply_sweep_misses(t);
  housekeeping(t);
}

void Tracker::flush() {
  due_scratch_.clear();
  queue_.pop_all(due_scratch_);
  release(due_scratch_);
  if (!frame_.empty()) {
    process_frame();
  }
}

// ---- frames ---------------------------------------------------------------------------------

void Tracker::process_frame() {
  if (frame_.empty()) {
    return;
  }
  ++stats_.frames;
  ++frame_stamp_;
  const Time t = frame_.front().time;
  if (first_frame_.ns == INT64_MIN) {
    first_frame_ = t;
  }
  now_ = std::max(now_, frame_.back().time);
  // Bearings waiting for a third sensor are decided before this frame's bearings can pair with
  // them (tracker_triangulation.cpp).
  resolve_waiting_bearings();
  apply_sweep_misses(t);
  if (index_time_.ns == INT64_MIN || (t - index_time_).seconds() > cfg_.index_validity_s ||
      (t - index_time_).seconds() < 0.0) {
    rebuild_index(t);
  }
  gate_frame();
  associate_frame();

  // A snapshot radar's frame is a whole scan: every track it should have seen and did not is a
  // miss now. Sweeping radars are handled by time in apply_sweep_misses().
  const SensorModel& s = sensor_model(frame_.front().sensor);
  if (s.miss_evidence && s.info.plots_share_scan_time) {
    for (auto& tr : tracks_) {
      if (tr.dead || tr.updated_frame == frame_stamp_ || tr.first_time >= t) {
        continue;
      }
      const Vec3 p = tr.summary.position + (t - tr.time).seconds() * tr.summary.velocity;
      if (in_coverage(s, p)) {
        miss_track(tr, s, t);
        for (auto& c : tr.radar_contacts) {
          if (c.sensor == s.info.id) {
            c.misses_applied += 1;
          }
        }
      }
    }
  }
  stats_.detections_processed += frame_.size();
  frame_.clear();
  resolve_waiting_bearings();
  housekeeping(t);
}

bool Tracker::in_coverage(const SensorModel& s, const Vec3& p) const {
  const Vec3 d = p - s.info.position_m;
  const double r = d.norm();
  if (r < s.info.range_min_m || (s.info.range_max_m > 0.0 && r > s.info.range_max_m)) {
    return false;
  }
  const double el = r > 0.0 ? std::asin(std::clamp(d.z() / r, -1.0, 1.0)) : 0.0;
  return el <= s.info.elevation_max_rad && el >= -0.035;
}

void Tracker::apply_sweep_misses(Time t) {
  double min_period = 1e9;
  bool any = false;
  for (const auto& [id, s] : sensors_) {
    if (s.miss_evidence && !s.info.plots_share_scan_time) {
      any = true;
      min_period = std::min(min_period, s.info.scan_period_s);
    }
  }
  if (!any) {
    return;
  }
  if (last_sweep_check_.ns != INT64_MIN && (t - last_sweep_check_).seconds() < 0.5 * min_period) {
    return;
  }
  last_sweep_check_ = t;
  for (auto& tr : tracks_) {
    if (tr.dead) {
      continue;
    }
    for (const auto& entry : sensors_) {
      const SensorId id = entry.first;  // a named copy: clang 14 cannot capture a binding
      const SensorModel& s = entry.second;
      if (!s.miss_evidence || s.info.plots_share_scan_time) {
        continue;
      }
      auto it = std::find_if(tr.radar_contacts.begin(), tr.radar_contacts.end(),
                             [&](const RadarContact& c) { return c.sensor == id; });
      const Vec3 p = tr.summary.position + (t - tr.time).seconds() * tr.summary.velocity;
      if (!in_coverage(s, p)) {
        // Outside this radar's coverage its scans are no misses: they count from here on.
        // (Until 2026-11-26 they counted from the track's start, so a target flying in from a
        // long-range radar's coverage into a short-range one's took every scan of its approach
        // as a miss at once and its track went silent: test
        // Tracker.TargetEnteringASecondRadarsCoverageKeepsItsTrack.)
        if (it == tr.radar_contacts.end()) {
          tr.radar_contacts.push_back(RadarContact{id, t, 0});
        } else {
          it->last_detection = t;
          it->misses_applied = 0;
        }
        continue;
      }
      if (it == tr.radar_contacts.end()) {
        tr.radar_contacts.push_back(RadarContact{id, tr.first_time, 0});
        it = tr.radar_contacts.end() - 1;
      }
      const double T = s.info.scan_period_s;
      const double since = (t - it->last_detection).seconds();
      const auto expected = static_cast<std::int64_t>(std::floor(since / T - 0.5));
      if (expected <= static_cast<std::int64_t>(it->misses_applied)) {
        continue;
      }
      const auto n = static_cast<std::uint32_t>(expected) - it->misses_applied;
      for (std::uint32_t k = 0; k < n; ++k) {
        miss_track(tr, s, t);
      }
      it->misses_applied = static_cast<std::uint32_t>(expected);
    }
  }
}

namespace {
// Below this a confirmed track cannot come back: a plot's likelihood ratio is at most ~1e9.
constexpr double kZombieExistence = 1e-12;
}  // namespace

void Tracker::housekeeping(Time t) {
  forget_sensor_tracks(t);
  for (auto& tr : tracks_) {
    if (tr.dead) {
      continue;
    }
    const double r = existence_after_survival(tr, t);
    const double silent = (t - tr.last_update).seconds();
    const double coast = std::max(cfg_.min_coast_s, cfg_.coast_periods * tr.revisit_s);
    // A new track may start below the deletion threshold (near a radar, clutter is dense); it
    // goes only after evidence against it (a miss). A confirmed track that misses drove below
    // kZombieExistence goes even when a detection has just reset its miss count (a sweeping
    // radar's misses are counted at the start of the frame that updates it): a track left at
    // 1e-80 would take its target's every plot without ever being reported again.
    if ((r < cfg_.delete_existence && tr.consecutive_misses > 0) ||
        (tr.confirmed && r < kZombieExistence) || silent > coast) {
      tr.dead = true;
      tr.status = TrackStatus::Deleted;
      ++stats_.tracks_deleted;
      confirmed_live_ -= tr.confirmed ? 1U : 0U;
      for (auto it = identity_owner_.begin(); it != identity_owner_.end();) {
        it = it->second == tr.serial ? identity_owner_.erase(it) : std::next(it);
      }
    }
  }
}

void Tracker::rebuild_index(Time t) {
  // Compact: drop dead tracks (order kept, so iteration stays deterministic) and free their
  // filter slots.
  for (const auto& r : tracks_) {
    if (r.dead) {
      free_filters_.push_back(r.filter);
    }
  }
  tracks_.erase(
      std::remove_if(tracks_.begin(), tracks_.end(), [](const TrackRecord& r) { return r.dead; }),
      tracks_.end());
  // Indices changed: forget this frame's predictions.
  pred_used_ = 0;
  pred_slot_.assign(tracks_.size(), UINT32_MAX);
  // Each track's disc covers where its gate can reach within the validity window: the position
  // spread and the velocity uncertainty over the horizon, both scaled by the gate (the triangle
  // inequality bounds the spread at any time of the window), plus its own motion over half the
  // window (the disc is centred mid-window). The index tests discs exactly, so this must be a
  // bound, not an estimate: a pair it leaves out is never scored.
  std::vector<SpatialIndex::Disc> discs(tracks_.size());
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    discs[i] = index_disc(tracks_[i], t);
  }
  index_.build(discs);
  index_time_ = t;
  index_size_ = tracks_.size();
}

SpatialIndex::Disc Tracker::index_disc(const TrackRecord& tr, Time t) const {
  const double w = cfg_.index_validity_s;
  const double k = std::sqrt(chi2_gate(4));
  const GateSummary& g = tr.summary;
  const double h = std::max(0.0, (t - tr.time).seconds()) + w;
  const double hm = h - 0.5 * w;
  const Eigen::Vector2d center = g.position.head<2>() + hm * g.velocity.head<2>();
  const double speed = g.velocity.head<2>().norm();
  const double radius = k * std::sqrt(g.trace_pp + max_q_ * h * h * h) +
                        k * std::sqrt(g.trace_vv) * h + speed * 0.5 * w + 1.0;
  return SpatialIndex::Disc{center, radius};
}

SpatialIndex::Disc Tracker::fresh_fix_disc(const Eigen::Vector2d& centre, double pos_sigma,
                                           Time t) const {
  double vmax = 0.0;
  for (const auto& v : cfg_.velocity_prior) {
    vmax = std::max(vmax, v.sigma_h_mps);
  }
  // A fix older than the index (retrodiction) spans the gap too.
  const double w = cfg_.index_validity_s + index_gap_s(t);
  return SpatialIndex::Disc{centre,
                            std::sqrt(chi2_gate(kMaxMeasDim)) * (pos_sigma + 1.5 * vmax * w) + 1.0};
}

double Tracker::existence_after_survival(const TrackRecord& tr, Time t) const {
  const double dt = std::max(0.0, (t - tr.existence_time).seconds());
  return tr.existence * std::exp(-dt / cfg_.mean_lifetime_s);
}

void Tracker::miss_track(TrackRecord& tr, const SensorModel& s, Time t) {
  const double r = existence_after_survival(tr, t);
  const double pdpg = s.info.pd * cfg_.gate_probability;
  tr.existence = r * (1.0 - pdpg) / (1.0 - r * pdpg);
  tr.existence_time = std::max(t, tr.existence_time);
  ++tr.consecutive_misses;
  if (tr.confirmed) {
    tr.status = TrackStatus::Coasting;
  }
}

// In a scene that is not filling up or emptying, targets appear as often as they go: with N
// targets and a mean lifetime L, N / L per second. A uniform density per km^3 cannot serve every
// radar. 1e-3 per km^3 and second suits a 13 km radar with 500 targets. It makes 86 births a
// second of a 40 km airfield radar's coverage, where a few aircraft arrive per minute, and there
// every pair of false plots 4 s apart in a wide fast-target gate read as a new aircraft
// (airport_traffic: 116 false tracks in 20 minutes). The tracker's own confirmed tracks give N;
// the + 1 keeps a first target possible in an empty scene (new sensors also start with
// initial_targets_per_km3 undetected targets).
double Tracker::births_per_s() const {
  return (static_cast<double>(confirmed_live_) + 1.0) / cfg_.mean_lifetime_s;
}

void Tracker::confirm_if_due(TrackRecord& tr) {
  bool due = tr.existence >= cfg_.confirm_existence && tr.hits >= cfg_.confirm_min_hits;
  if (!due && !tr.confirmed && cfg_.early_confirm_cutoff_m > 0.0) {
    // Fewer hits than confirm_min_hits: confirmed only if reporting the track is the better bet
    // (TrackerConfig::early_confirm_cutoff_m), and never below confirm_existence. d, the RMS
    // position error, bounds the mean error from above.
    const double c = cfg_.early_confirm_cutoff_m;
    const double d = std::sqrt(tr.summary.trace_pp);
    due = d < 0.5 * c && tr.existence >= std::max(cfg_.confirm_existence, 0.5 * c / (c - d));
  }
  if (!tr.confirmed && due) {
    tr.confirmed = true;
    tr.id = TrackId{next_id_++};
    ++stats_.tracks_confirmed;
    ++confirmed_live_;
  }
  if (tr.confirmed) {
    tr.status = TrackStatus::Confirmed;
  }
}

std::uint32_t Tracker::allocate_filter() {
  if (!free_filters_.empty()) {
    const std::uint32_t f = free_filters_.back();
    free_filters_.pop_back();
    filters_[f].history.clear();  // keeps its capacity for the next track
    return f;
  }
  filters_.emplace_back();
  return static_cast<std::uint32_t>(filters_.size() - 1);
}

// ---- reports --------------------------------------------------------------------------------

Track Tracker::snapshot(const TrackRecord& tr, Time t) const {
  Track out;
  out.id = tr.id;
  out.status = tr.status;
  out.time = t;
  out.first_time = tr.first_time;
  out.last_update_time = tr.last_update;
  const double dt = std::max(0.0, (t - tr.time).seconds());
  Gaussian g;
  if (tr.initiating) {
    InitMixture m = fs(tr).init;
    predict(m, cfg_.imm.models.front(), dt);
    g = m.combined();
  } else {
    ImmState s = fs(tr).imm;
    imm_.predict(s, dt);
    g = s.combined();
    for (std::size_t j = 0; j < s.count && j < out.model_probabilities.size(); ++j) {
      out.model_probabilities[j] = s.mu[j];
    }
  }
  out.position_m = g.x.head<3>();
  out.velocity_mps = g.x.segment<3>(3);
  out.covariance = g.P.topLeftCorner<6, 6>();
  out.hits = tr.hits;
  out.consecutive_misses = tr.consecutive_misses;
  out.existence_probability = existence_after_survival(tr, t);
  out.quality = out.existence_probability;
  out.sensors = tr.sensors;
  out.identity = tr.identity;
  if (tr.has_class) {
    ClassProbabilities cp;
    double mx = *std::max_element(tr.class_log.begin(), tr.class_log.end());
    for (std::size_t i = 0; i < kTargetClassCount; ++i) {
      cp.p[i] = std::exp(tr.class_log[i] - mx);
    }
    out.sensor_class_probabilities = cp.normalized();
  }
  return out;
}

std::vector<Track> Tracker::report(Time t) const {
  std::vector<Track> out;
  for (const auto& tr : tracks_) {
    if (tr.dead || !tr.confirmed || existence_after_survival(tr, t) < cfg_.keep_existence) {
      continue;
    }
    out.push_back(snapshot(tr, t));
  }
  std::sort(out.begin(), out.end(), [](const Track& a, const Track& b) { return a.id < b.id; });
  return out;
}

std::vector<Track> Tracker::all_tracks(Time t) const {
  std::vector<Track> out;
  for (const auto& tr : tracks_) {
    if (!tr.dead) {
      out.push_back(snapshot(tr, t));
    }
  }
  return out;
}

}  // namespace dewline::track
