// tracker_retrodiction.cpp: detections that arrive after the tracker has moved past their time.
//
// The reorder queue holds detections for a short window (reorder_window_s) so that sensors with
// different latencies are merged in time order; a longer window would delay every track by as
// much. A detection later than the window — a networked node's report after a link stall, a
// radar's plot after a burst — is instead slotted into the history of the track it fits, and the
// track's updates after it are replayed: the exact answer for the filter (the same state, bit for
// bit, as if the detection had come in order with the same association), at the cost of keeping
// each track's updates over the horizon. This is the reprocessing solution to out-of-sequence
// measurements; Bar-Shalom's A1/Bl1 (IEEE TAES 38(3), 2002; 40(1), 2004) avoid the storage but are
// exact only for one linear model, not for an IMM. Replay is deterministic: the same arrival
// order gives the same tracks.
//
// A late detection is decided as a one-plot frame at its own time: it goes to the likeliest track
// that fits it, if any, as the GNN would decide a single plot —
// - a track past initiation (tentative or confirmed) whose kept history reaches back to it and
//   that no plot of the same sensor and time updated: slotted in, later updates replayed;
// - a starting track (no history) no later than the detection: updated forward, as in order.
// Otherwise it is what an unclaimed plot in order is: a bearing waits in the triangulation
// buffer, anything else starts a track at its own time (the frames after it predict it forward),
// so a sensor whose every detection is late still starts and keeps tracks. History does not
// reach behind a JPDA update (a weighted mixture of several detections, which a replay cannot
// redo: it restarts there), nor past the horizon: older detections are rejected as "late".
#include <algorithm>
#include <cmath>

#include "track/tracker.hpp"

namespace dewline::track {
namespace {

// Safety factor of the Euclidean pre-gate (as for in-order frames, tracker_update.cpp).
constexpr double kRetroPregateMargin = 1.5;

}  // namespace

void Tracker::record_update(TrackRecord& tr, Time t, SensorId sensor, const MeasurementModel* m,
                            UpdateMethod method) {
  if (!(cfg_.retrodiction_horizon_s > 0.0)) {
    return;
  }
  UpdateHistory& h = fs(tr).history;
  if (m == nullptr) {
    h.clear();  // nothing before a base can be replayed through it
  }
  UpdateRecord& e = h.push_back();
  e.time = t;
  e.sensor = sensor;
  e.base = m == nullptr;
  e.method = method;
  if (m != nullptr) {
    e.model = *m;
  }
  e.after = fs(tr).imm;
  prune_history(h);
}

void Tracker::prune_history(UpdateHistory& h) const {
  if (h.empty()) {
    return;
  }
  // Keep the newest entry at or before (newest - horizon): a late detection inside the horizon
  // replays from it.
  const Time limit = h.back().time - Duration::from_seconds(cfg_.retrodiction_horizon_s);
  const std::size_t cap = std::max<std::size_t>(cfg_.retrodiction_max_updates, 2);
  std::size_t drop = 0;
  while (drop + 1 < h.size() && (h[drop + 1].time <= limit || h.size() - drop > cap)) {
    ++drop;
  }
  h.pop_front(drop);
}

std::string_view Tracker::retrodict(const Detection& d) {
  if (!(cfg_.retrodiction_horizon_s > 0.0) ||
      (clock() - d.time).seconds() > cfg_.retrodiction_horizon_s) {
    return "late";
  }
  const SensorModel& s = sensor_model(d.sensor);
  const MeasurementModel m = make_measurement_model(d);
  const UpdateMethod method = m.kind == MeasKind::Position ? UpdateMethod::Ekf : cfg_.radar_update;
  const Densities dens = densities(s, m);
  const double gate = chi2_gate(m.dim);
  const double pd = s.info.pd;
  const double pdpg = pd * cfg_.gate_probability;
  const double sigma2 = cartesian_spread2(m);
  const bool use_z = !(m.kind == MeasKind::Polar && !m.has_elevation);
  const Vec3 dpt = m.has_point() ? m.point() : Vec3::Zero();

  struct Best {
    std::uint32_t track = UINT32_MAX;
    std::size_t slot = 0;  // history entry to replay from
    double log_ratio = 0.0;
    double log_assoc = 0.0;
    ImmState prior;
    InitMixture init_prior;  // a starting track, updated forward
  };
  Best best;
  std::size_t gated = 0;
  // Every track is a candidate behind a cheap pre-gate (the spatial index describes the tracks'
  // present, not the detection's past); a linear pass over 10,000 tracks costs microseconds.
  for (std::uint32_t k = 0; k < tracks_.size(); ++k) {
    const TrackRecord& tr = tracks_[k];
    if (tr.dead || (tr.initiating && tr.time > d.time)) {
      continue;  // a starting track keeps no history: only forward updates
    }
    if (m.kind == MeasKind::Bearing && !tr.confirmed && !tr.from_bearings) {
      continue;  // as in order: a bearing never confirms a track a radar started
    }
    if (beyond_reach(tr, d, s)) {
      continue;  // as in order
    }
    const UpdateHistory& h = fs(tr).history;
    if (!tr.initiating && (h.empty() || h.front().time > d.time)) {
      continue;  // older than what this track keeps
    }
    if (sigma2 >= 0.0) {
      const GateSummary& g = tr.summary;
      const double dt = std::abs((d.time - tr.time).seconds());
      Vec3 diff = g.position + (d.time - tr.time).seconds() * g.velocity - dpt;
      if (!use_z) {
        diff.z() = 0.0;
      }
      const double s2 = g.trace_pp + dt * dt * g.trace_vv + 2.0 * dt * std::abs(g.trace_pv) +
                        max_q_ * dt * dt * dt + sigma2;
      if (diff.squaredNorm() > kRetroPregateMargin * gate * s2) {
        continue;
      }
    }
    double log_likelihood = 0.0;
    std::size_t j = 0;
    ImmState prior;
    InitMixture init_prior;
    if (tr.initiating) {
      init_prior = fs(tr).init;
      predict(init_prior, cfg_.imm.models.front(), (d.time - tr.time).seconds());
      const MixtureScore sc = score(init_prior, m, method, gate);
      if (!sc.inside) {
        continue;
      }
      log_likelihood = sc.log_likelihood;
    } else {
      // The last entry at or before the detection; a track takes one plot per sensor and time.
      j = h.count_not_after(d.time) - 1;
      bool duplicate = false;
      for (std::size_t q = j + 1; q-- > 0 && h[q].time == d.time;) {
        duplicate = duplicate || h[q].sensor == d.sensor;
      }
      if (duplicate) {
        continue;
      }
      prior = h[j].after;
      imm_.predict(prior, (d.time - h[j].time).seconds());
      const Gaussian c = prior.combined();
      GateScore in;
      if (method == UpdateMethod::Ekf) {
        in = gate_score(m, c);
      } else {
        const Innovation u = innovate(m, c, method);
        in = GateScore{u.mahalanobis2, u.log_likelihood, u.valid};
      }
      if (!in.valid || in.mahalanobis2 > gate) {
        continue;
      }
      log_likelihood = in.log_likelihood;
    }
    ++gated;
    const double r = existence_after_survival(tr, std::max(d.time, tr.existence_time));
    const PairRatios ratios = pair_ratios(r, pd, pdpg, log_likelihood, dens.lambda);
    if (best.track == UINT32_MAX || ratios.log_ratio > best.log_ratio) {
      best.track = k;
      best.slot = j;
      best.log_ratio = ratios.log_ratio;
      best.log_assoc = ratios.log_assoc;
      best.prior = prior;
      best.init_prior = init_prior;
    }
  }
  // As the GNN decides a single detection: the likeliest track if its existence-weighted ratio
  // beats "clutter or new target"; a lone candidate on the ratio given existence.
  if (best.track == UINT32_MAX || !(best.log_ratio > 0.0 || (gated == 1 && best.log_assoc > 0.0))) {
    // As a detection in order that no track takes: a bearing waits for a crossing, anything
    // else starts a track (at its own time; the frames after it predict it forward).
    if (m.kind == MeasKind::Bearing) {
      triangulate_or_buffer(d);
    } else {
      start_track(d, m, dens);
    }
    ++stats_.detections_late_started;
    ++stats_.detections_processed;
    return {};
  }

  TrackRecord& tr = tracks_[best.track];
  if (tr.initiating) {
    // Forward: the starting track is no later than the detection.
    apply_update(tr, d, m, best.log_ratio, best.init_prior, fs(tr).imm);
    if (index_time_.ns != INT64_MIN) {
      index_.insert(best.track, index_disc(tr, index_time_));
    }
    ++stats_.detections_retrodicted;
    ++stats_.detections_processed;
    return {};
  }
  UpdateHistory& h = fs(tr).history;
  ImmState state = best.prior;
  imm_.update(state, m, method);
  UpdateRecord e;
  e.time = d.time;
  e.sensor = d.sensor;
  e.method = method;
  e.model = m;
  e.after = state;
  h.insert(best.slot + 1, e);
  // Replay what came after, in order, with the association it had.
  Time t = d.time;
  for (std::size_t q = best.slot + 2; q < h.size(); ++q) {
    imm_.predict(state, (h[q].time - t).seconds());
    imm_.update(state, h[q].model, h[q].method);
    h[q].after = state;
    t = h[q].time;
  }
  fs(tr).imm = state;
  tr.time = h.back().time;
  prune_history(h);
  refresh_summary(tr);
  // Existence: the evidence of a detection, as for one in order (its scan may have counted the
  // track as missed; this undoes most of that), from the track's existence brought to the later
  // of the detection and its last existence update. Without moving existence_time the survival
  // decay ran from the track's last update in order: on a site whose every sensor is late, every
  // track fell below keep_existence after ~mean_lifetime_s ln(1/0.35) (315 s) and was dropped.
  // As in order, a passive sensor's detection that may not be the track's is no evidence
  // against it.
  const Time et = std::max(d.time, tr.existence_time);
  const double pdpg_miss = s.miss_evidence ? pdpg : 0.0;
  tr.existence = existence_after_scan(existence_after_survival(tr, et), pdpg_miss,
                                      miss_probability(best.log_ratio));
  tr.existence_time = et;
  note_update(tr, d);
  confirm_if_due(tr);
  // The index's disc was drawn around the old state; file the new one too (queries dedupe).
  if (index_time_.ns != INT64_MIN) {
    index_.insert(best.track, index_disc(tr, index_time_));
  }
  ++stats_.detections_retrodicted;
  ++stats_.detections_processed;
  return {};
}

}  // namespace dewline::track
