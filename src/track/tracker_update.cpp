// tracker_update.cpp: the Tracker's per-frame work — gating, association, updates, initiation.
//
// The association likelihood ratio of track t and detection k (JIPDA form, Musicki & Evans,
// IEEE TAES 40(3), 2004):
//   rho = r Pd g(z) / ((1 - r Pd Pg) lambda)
// with r the track's existence probability (after survival), g the innovation density in the
// detection's own measurement space, and lambda the density of the alternative explanations of
// the detection (clutter or a new target) in that same space. ln rho is the GNN reward and the
// JPDA hypothesis weight; the existence update follows from the same hypotheses.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/angles.hpp"
#include "track/association.hpp"
#include "track/class_compatibility.hpp"
#include "track/tracker.hpp"

namespace dewline::track {
namespace {

// A model this unlikely is not the IMM's second gate (Tracker::widest_model_gate).
constexpr double kMinWidestModelProbability = 1e-4;
// Periods of a radar without a detection of a track it covers before the track's identity may
// pass to a track its own reports started (Tracker::hand_over_identity).
constexpr double kLostByRadarPeriods = 4.0;
// Safety factor of the Euclidean pre-gate over the linearised Mahalanobis bound.
constexpr double kPregateMargin = 1.3;
// Velocity span over which false position-with-velocity reports spread (per m/s^3).
constexpr double kVelocitySpanVolume = 200.0 * 200.0 * 40.0;

// The gate test of one Gaussian: by the EKF's linearisation, or by the UKF's sigma points.
GateScore gate_score_for(const MeasurementModel& m, const Gaussian& g, UpdateMethod method,
                         double gate) {
  if (method == UpdateMethod::Ekf) {
    return gate_score(m, g, gate);
  }
  const Innovation u = innovate(m, g, method);
  return GateScore{u.mahalanobis2, u.log_likelihood, u.valid};
}

std::string identity_key(const Identity& id) {
  if (!id.remote_id.empty()) {
    return "rid:" + id.remote_id;
  }
  if (id.icao24) {
    return "icao:" + std::to_string(*id.icao24);
  }
  return {};
}

}  // namespace

// ---- prediction -----------------------------------------------------------------------------

const Tracker::Prediction& Tracker::predicted(std::uint32_t k, Time t) {
  if (pred_slot_.size() < tracks_.size()) {
    pred_slot_.resize(tracks_.size(), UINT32_MAX);
  }
  const std::uint32_t slot = pred_slot_[k];
  // A slot index left from an earlier frame may now hold another track's prediction: check the
  // owner as well as the frame and time.
  if (slot < pred_used_ && pred_pool_[slot].track == k && pred_pool_[slot].stamp == frame_stamp_ &&
      pred_pool_[slot].t == t) {
    return pred_pool_[slot];
  }
  if (pred_used_ == pred_pool_.size()) {
    pred_pool_.emplace_back();
  }
  pred_slot_[k] = static_cast<std::uint32_t>(pred_used_);
  Prediction& p = pred_pool_[pred_used_++];
  const TrackRecord& tr = tracks_[k];
  p.stamp = frame_stamp_;
  p.track = k;
  p.t = t;
  const double dt = std::max(0.0, (t - tr.time).seconds());
  if (tr.initiating) {
    // Initiating tracks are scored component by component; `combined` is not used for them.
    p.init = fs(tr).init;
    predict(p.init, cfg_.imm.models.front(), dt);
  } else {
    p.imm = fs(tr).imm;
    imm_.predict(p.imm, dt);
    p.combined = p.imm.combined();
  }
  return p;
}

// ---- gating ---------------------------------------------------------------------------------

// Cartesian spread of a measurement: trace of J R J' for polar, of R for positions.
double Tracker::cartesian_spread2(const MeasurementModel& m) const {
  if (m.kind == MeasKind::Polar) {
    const double r = m.z(0);
    const double el_var = m.has_elevation ? m.R(2, 2) : 0.0;
    const double z_var =
        m.has_elevation ? 0.0 : cfg_.height_prior_sigma_m * cfg_.height_prior_sigma_m;
    return m.R(0, 0) + r * r * (m.R(1, 1) + el_var) + z_var;
  }
  if (m.kind == MeasKind::Position) {
    return m.R(0, 0) + m.R(1, 1) + m.R(2, 2);
  }
  return -1.0;
}

Tracker::Densities Tracker::densities(const SensorModel& s, const MeasurementModel& m) const {
  double lambda = 0.0;
  double beta = 0.0;
  if (m.kind == MeasKind::Bearing) {
    const double span = m.has_elevation ? 2.0 * kPi * (kPi / 2.0) : 2.0 * kPi;
    lambda = cfg_.bearing_clutter_per_scan / span;
  } else if (m.kind == MeasKind::Polar) {
    beta = std::max(s.undetected_density, s.birth_density) * m.density_scale();
    if (m.has_elevation) {  // 2D radars' plots say nothing of height
      // The plot's height from the detection's own sensor position, as start_track places it.
      beta *= s.birth_height.weight(m.sensor.z() + m.z(0) * std::sin(m.z(2)));
    }
    lambda = (m.has_elevation ? s.clutter_polar3 : s.clutter_polar2) + beta;
    if (m.has_range_rate) {
      lambda /= cfg_.range_rate_span_mps;
      beta /= cfg_.range_rate_span_mps;
    }
  } else {
    beta = std::max(s.undetected_density, s.position_birth_density);
    lambda = s.position_clutter_density + beta;
    if (m.has_velocity) {
      lambda /= kVelocitySpanVolume;
      beta /= kVelocitySpanVolume;
    }
  }
  return Densities{std::max(lambda, 1e-300), beta};
}

void Tracker::gate_frame() {
  const std::size_t nd = frame_.size();
  pred_used_ = 0;
  frame_models_.clear();
  frame_lambda_.assign(nd, 0.0);
  frame_beta_.assign(nd, 0.0);
  frame_sigma2_.assign(nd, -1.0);
  frame_update_model_.assign(nd, -1);
  frame_update_models_.clear();
  pairs_.clear();
  // The sensor's undetected-target density: starts at the prior density of targets, and each
  // scan keeps the undetected share (1 - Pd) and adds the births. For sweeping sensors a frame is
  // part of a scan, so the decay is scaled by the frame's share of the scan period.
  SensorModel& fs = sensors_.at(frame_.front().sensor);
  if (cfg_.births_balance_deaths && fs.coverage_m3 > 0.0) {
    fs.birth_density = births_per_s() * fs.info.scan_period_s / fs.coverage_m3;
  }
  if (!fs.started) {
    fs.started = true;
    fs.undetected_density = cfg_.initial_targets_per_km3 * 1e-9;
  } else {
    const double share =
        fs.info.plots_share_scan_time
            ? 1.0
            : std::clamp((frame_.back().time - last_frame_end_[fs.info.id]).seconds() /
                             fs.info.scan_period_s,
                         0.0, 1.0);
    fs.undetected_density =
        fs.undetected_density * std::pow(1.0 - fs.info.pd, share) + share * fs.birth_density;
  }
  last_frame_end_[fs.info.id] = frame_.back().time;
  for (std::size_t i = 0; i < nd; ++i) {
    const Detection& d = frame_[i];
    const SensorModel& s = sensor_model(d.sensor);
    frame_models_.push_back(make_measurement_model(d));
    const MeasurementModel& m = frame_models_.back();
    if (auto u = decorrelated(d, m)) {
      frame_update_model_[i] = static_cast<std::int32_t>(frame_update_models_.size());
      frame_update_models_.push_back(std::move(*u));
    }
    const Densities dens = densities(s, m);
    frame_lambda_[i] = dens.lambda;
    frame_beta_[i] = dens.beta;
    frame_sigma2_[i] = cartesian_spread2(m);
  }

  for (std::uint32_t i = 0; i < nd; ++i) {
    const Detection& d = frame_[i];
    const MeasurementModel& m = frame_models_[i];
    candidates_.clear();
    // A cooperative report goes to the track that already carries its identity, if it fits.
    const std::string key = identity_key(d.identity);
    bool owned = false;
    if (!key.empty()) {
      auto it = identity_owner_.find(key);
      if (it != identity_owner_.end()) {
        for (std::uint32_t k = 0; k < tracks_.size(); ++k) {
          if (tracks_[k].serial == it->second && !tracks_[k].dead) {
            candidates_.push_back(k);
            owned = true;
            break;
          }
        }
      }
    }
    if (!owned) {
      if (m.has_point()) {
        const Vec3 pt = m.point();
        // Horizontal spread of the measurement (the index is 2D).
        double var = 0.0;
        if (m.kind == MeasKind::Polar) {
          const double r = m.z(0);
          var = m.R(0, 0) + r * r * m.R(1, 1);
        } else {
          var = m.R(0, 0) + m.R(1, 1);
        }
        index_.query(SpatialIndex::Disc{pt.head<2>(), std::sqrt(chi2_gate(m.dim) * var)},
                     candidates_);
      } else {
        for (std::uint32_t k = 0; k < tracks_.size(); ++k) {
          candidates_.push_back(k);
        }
      }
    }
    stats_.candidate_pairs += candidates_.size();
    // Pre-gate: a Mahalanobis gate in measurement space implies a Euclidean bound in space,
    // |d|^2 <= gamma * (trace P_pos(t) + trace R_cart), up to linearisation (20 % margin). It
    // spares the full innovation for candidates the index proposes but that are far away.
    const bool pregate = frame_sigma2_[i] >= 0.0;
    const Vec3 dpt = m.point();
    const bool use_z = !(m.kind == MeasKind::Polar && !m.has_elevation);
    const double gamma = kPregateMargin * chi2_gate(m.dim);
    for (std::uint32_t k : candidates_) {
      if (k >= tracks_.size() || tracks_[k].dead || tracks_[k].time > d.time) {
        continue;
      }
      if (pregate) {
        const GateSummary& g = tracks_[k].summary;
        const double dt = (d.time - tracks_[k].time).seconds();
        Vec3 diff = g.position + dt * g.velocity - dpt;
        if (!use_z) {
          diff.z() = 0.0;
        }
        const double s2 = g.trace_pp + dt * dt * g.trace_vv + 2.0 * dt * std::abs(g.trace_pv) +
                          max_q_ * dt * dt * dt + frame_sigma2_[i];
        if (diff.squaredNorm() > gamma * s2) {
          continue;
        }
      }
      GatedPair p;
      ++stats_.scored_pairs;
      if (score_pair(k, i, p)) {
        pairs_.push_back(p);
      }
    }
  }
  stats_.gated_pairs += pairs_.size();
}

Tracker::PairRatios Tracker::pair_ratios(double r, double pd, double pdpg, double log_likelihood,
                                         double lambda) {
  const double log_lr = std::log(pd) + log_likelihood - std::log(lambda);
  return PairRatios{std::log(std::max(r, 1e-300)) + log_lr - std::log(1.0 - r * pdpg),
                    log_lr - std::log(1.0 - pdpg)};
}

double Tracker::existence_after_scan(double r, double pdpg, double beta) {
  const double r_miss = r * (1.0 - pdpg) / (1.0 - r * pdpg);
  return (1.0 - beta) + beta * r_miss;
}

// A sensor cannot have seen a target beyond its reach. That matters for bearings, which say
// nothing about range: a track living on one sensor's bearings at a wrong range can drift past
// every sensor's coverage and keep taking that sensor's bearings (passive_only seed 102: a track
// 11 km out, sensors of 3-4 km, for the whole run; GOSPA 120 -> 56 with this test).
bool Tracker::beyond_reach(const TrackRecord& tr, const Detection& d, const SensorModel& s) const {
  if (!(s.info.range_max_m > 0.0)) {
    return false;
  }
  const double dt = (d.time - tr.time).seconds();
  const Vec3 pos = tr.summary.position + dt * tr.summary.velocity;
  return (pos - d.sensor_position_m).squaredNorm() >
         cfg_.coverage_margin * cfg_.coverage_margin * s.info.range_max_m * s.info.range_max_m;
}

bool Tracker::score_pair(std::uint32_t k, std::uint32_t i, GatedPair& out) {
  const TrackRecord& tr = tracks_[k];
  const Detection& d = frame_[i];
  const MeasurementModel& m = frame_models_[i];
  const SensorModel& s = sensor_model(d.sensor);
  const UpdateMethod method = m.kind == MeasKind::Position ? UpdateMethod::Ekf : cfg_.radar_update;
  // A bearing says nothing about range: anything on its ray fits it. It must not confirm a
  // tentative track that a range-measuring sensor started (mostly clutter: the ray would confirm
  // whatever clutter falls on it); it sustains confirmed tracks and those born from bearings.
  if (m.kind == MeasKind::Bearing && !tr.confirmed && !tr.from_bearings) {
    return false;
  }
  if (beyond_reach(tr, d, s)) {
    return false;
  }
  const double gate = chi2_gate(m.dim);
  double loglik = 0.0;
  const Prediction& p = predicted(k, d.time);
  if (tr.initiating) {
    const MixtureScore sc = score(p.init, m, method, gate);
    if (!sc.inside) {
      return false;
    }
    loglik = sc.log_likelihood;
  } else {
    const GateScore in = gate_score_for(m, p.combined, method, gate);
    if (!in.valid || in.mahalanobis2 > gate) {
      const GateScore wide = widest_model_gate(p, i, method, gate);
      if (!wide.valid || wide.mahalanobis2 > gate) {
        return false;
      }
      loglik = wide.log_likelihood;
    } else {
      loglik = in.log_likelihood;
    }
  }
  if (cfg_.class_aided_association && tr.has_class) {
    if (const auto said = class_opinion(d, s.info.kind)) {
      loglik += std::log(class_compatibility(tr.class_opinion, said));
    }
  }
  const double r = existence_after_survival(tr, d.time);
  const double pd = s.info.pd;
  const double pdpg = pd * cfg_.gate_probability;
  out.track = k;
  out.det = i;
  out.log_likelihood = loglik;
  out.track_confirmed = tr.confirmed;
  const PairRatios ratios = pair_ratios(r, pd, pdpg, loglik, frame_lambda_[i]);
  out.log_ratio = ratios.log_ratio;
  out.log_assoc = ratios.log_assoc;
  return true;
}

// The IMM's moment-matched prediction is dominated by its quiet models, whose gate a target that
// has just begun to manoeuvre leaves: a drone pitching over into its dive is 15-20 m off a level
// prediction after 1-2 s, many sigma of the combined Gaussian, and its plots then start a new
// track while the old one coasts on (test TrackerVertical.*). As in the IMM-PDAF, which validates
// a measurement in the union of the model-conditioned gates (Bar-Shalom & Li, "Multitarget-
// Multisensor Tracking: Principles and Techniques", 1995), the combined gate stands for all but
// the widest model, which is tried when the combined one refuses the plot. The score there is that
// model's share of the mixture likelihood, mu_j N(nu_j; 0, S_j), a lower bound of the mixture's.
GateScore Tracker::widest_model_gate(const Prediction& p, std::uint32_t i, UpdateMethod method,
                                     double gate) const {
  const MeasurementModel& m = frame_models_[i];
  // Not for bearings: they fix no range, so the widest model's gate reaches far along the line of
  // sight, and on passive sites tracks took other targets' bearings through it (passive_only seed
  // 47: GOSPA 59.8 -> 91.8; held-out seeds 101-103 summed 172.1 -> 183.2).
  if (!cfg_.imm_union_gate || m.kind == MeasKind::Bearing) {
    return GateScore{};
  }
  // The model whose predicted position spreads widest, among those not negligible.
  std::size_t widest = p.imm.count;
  double spread = 0.0;
  for (std::size_t j = 0; p.imm.count > 1 && j < p.imm.count; ++j) {
    const double spread_j = p.imm.model[j].P.topLeftCorner<3, 3>().trace();
    if (p.imm.mu[j] > kMinWidestModelProbability && spread_j > spread) {
      spread = spread_j;
      widest = j;
    }
  }
  if (widest == p.imm.count) {
    return GateScore{};
  }
  const Gaussian& g = p.imm.model[widest];
  // The Euclidean pre-gate of gate_frame, for this model's prediction: most plots the combined
  // gate refuses are far from every model (the 10,000-target scene: 11 % more time without it).
  if (frame_sigma2_[i] >= 0.0) {
    Vec3 diff = g.x.head<3>() - m.point();
    if (m.kind == MeasKind::Polar && !m.has_elevation) {
      diff.z() = 0.0;
    }
    const double s2 = g.P.topLeftCorner<3, 3>().trace() + frame_sigma2_[i];
    if (diff.squaredNorm() > kPregateMargin * gate * s2) {
      return GateScore{};
    }
  }
  GateScore out = gate_score_for(m, g, method, gate);
  if (out.valid && out.mahalanobis2 <= gate) {
    out.log_likelihood += std::log(p.imm.mu[widest]);
  }
  return out;
}

// ---- association ----------------------------------------------------------------------------

void Tracker::associate_frame() {
  const auto nd = static_cast<std::uint32_t>(frame_.size());
  det_assigned_.assign(nd, -1);
  clusterer_.build(pairs_, static_cast<std::uint32_t>(tracks_.size()), nd, clusters_);
  stats_.clusters += clusters_.size();
  std::vector<double> weights;
  std::vector<double> miss;
  for (const Cluster& c : clusters_) {
    stats_.max_cluster_tracks = std::max<std::uint64_t>(stats_.max_cluster_tracks, c.tracks.size());
    bool done = false;
    // Bearing frames may be associated by JPDA under a GNN default (tracker_config.hpp).
    const bool jpda = cfg_.association == Association::Jpda ||
                      (cfg_.bearing_association == Association::Jpda &&
                       frame_models_[c.dets.front()].kind == MeasKind::Bearing);
    if (jpda && (c.tracks.size() > 1 || c.pairs.size() > 1)) {
      if (solve_jpda(c, pairs_, cfg_.jpda_max_hypotheses, weights, miss)) {
        for (std::size_t t = 0; t < c.tracks.size(); ++t) {
          std::vector<std::uint32_t> dets;
          std::vector<double> w;
          for (std::size_t q = 0; q < c.pairs.size(); ++q) {
            const GatedPair& p = pairs_[c.pairs[q]];
            if (p.track == c.tracks[t] && weights[q] > 1e-6) {
              dets.push_back(p.det);
              w.push_back(weights[q]);
            }
          }
          update_track_jpda(c.tracks[t], dets, w, miss[t]);
        }
        // A detection belongs to nobody when its total association weight is small: it may
        // start a track of its own. Otherwise it is marked with the track of its largest
        // weight (re-anchoring pairs claimed bearings with their track: tracker_reanchor.cpp).
        for (std::uint32_t d : c.dets) {
          double sum = 0.0;
          double top = -1.0;
          std::uint32_t owner = 0;
          for (std::size_t q = 0; q < c.pairs.size(); ++q) {
            if (pairs_[c.pairs[q]].det == d) {
              sum += weights[q];
              if (weights[q] > top) {
                top = weights[q];
                owner = pairs_[c.pairs[q]].track;
              }
            }
          }
          if (sum > 0.5) {
            det_assigned_[d] = static_cast<std::int32_t>(owner);
          }
        }
        done = true;
      } else {
        ++stats_.jpda_fallbacks;
      }
    }
    if (!done) {
      solve_gnn(c, pairs_, cfg_.tentative_min_log_lr, gnn_scratch_, chosen_scratch_);
      const std::vector<std::int32_t> chosen = chosen_scratch_;
      sum_unassigned_claims(c, chosen);
      for (std::size_t t = 0; t < c.tracks.size(); ++t) {
        if (chosen[t] < 0) {
          continue;
        }
        const GatedPair& p = pairs_[static_cast<std::size_t>(chosen[t])];
        update_track(p.track, p.det, existence_log_ratio(p));
        det_assigned_[p.det] = static_cast<std::int32_t>(p.track);
      }
    }
  }
  for (std::uint32_t i = 0; i < nd; ++i) {
    if (det_assigned_[i] >= 0) {
      if (frame_models_[i].kind == MeasKind::Bearing) {
        keep_claimed_bearing(i);
      }
      continue;
    }
    if (frame_models_[i].kind == MeasKind::Bearing) {
      triangulate_or_buffer(frame_[i]);
    } else {
      start_track(frame_[i], frame_models_[i], Densities{frame_lambda_[i], frame_beta_[i]});
      hand_over_identity(frame_[i]);
    }
  }
}

// A report that its identity's track could not take started a track of its own. Either the
// report lies (a broadcast position that jumps) or that track has lost its target: a camera held
// it at a wrong range while the drone flew away along the line of sight (remote_id_spoofing
// seeds 31, 32: a drone broadcasting three identities had no track for 40 s, while each of its
// broadcasts, heard by two receivers, started two more tracks that never got confirmed). A radar
// tells which: when a radar covering the old track has not seen it for 4 of its periods, the new
// track carries the identity from now on. Otherwise the old track keeps it, and a liar's jumped
// positions stay unconfirmed as before.
void Tracker::hand_over_identity(const Detection& d) {
  const std::string key = identity_key(d.identity);
  if (key.empty()) {
    return;
  }
  auto owner = identity_owner_.find(key);
  if (owner == identity_owner_.end() || owner->second == tracks_.back().serial) {
    return;
  }
  const auto old = std::find_if(tracks_.begin(), tracks_.end(), [&](const TrackRecord& tr) {
    return tr.serial == owner->second && !tr.dead;
  });
  if (old == tracks_.end()) {
    return;
  }
  const Vec3 p = old->summary.position + (d.time - old->time).seconds() * old->summary.velocity;
  for (const RadarContact& c : old->radar_contacts) {
    const SensorModel& s = sensor_model(c.sensor);
    if (in_coverage(s, p) &&
        (d.time - c.last_detection).seconds() >= kLostByRadarPeriods * s.info.scan_period_s) {
      owner->second = tracks_.back().serial;
      ++stats_.identities_handed_over;
      return;
    }
  }
}

// GNN gives a detection to one track, but the existence update must not forget the tracks that
// go without one and could have made it: otherwise a track that has lost its target (a hovering
// drone that dashes straight at the site, whose bearings from the site do not move) gains
// existence from detections that the target's new track explains as well. As in LM-IPDA
// (Musicki & La Scala, IEEE TAES 44(3), 2008) their claims join the clutter density in the ratio:
//   rho' = rho / (1 + sum_j rho_j)
// over the tracks j of the cluster that the GNN left without a detection, each rho
// existence-weighted (tracker_update.cpp's header). A track that got a detection of its own claims
// no other, so in a swarm where every track has its plot nothing changes. JPDA needs none of
// this: its weights share the detection.
void Tracker::sum_unassigned_claims(const Cluster& c, const std::vector<std::int32_t>& chosen) {
  if (det_claim_max_.size() < frame_.size()) {
    det_claim_max_.resize(frame_.size());
    det_claim_sum_.resize(frame_.size());
  }
  if (track_chosen_.size() < tracks_.size()) {
    track_chosen_.resize(tracks_.size(), 0);
  }
  for (std::size_t t = 0; t < c.tracks.size(); ++t) {
    track_chosen_[c.tracks[t]] = chosen[t] >= 0 ? 1 : 0;
  }
  for (std::uint32_t d : c.dets) {
    det_claim_max_[d] = -std::numeric_limits<double>::infinity();
    det_claim_sum_[d] = 0.0;
  }
  for (std::uint32_t q : c.pairs) {
    const GatedPair& p = pairs_[q];
    if (track_chosen_[p.track] == 0) {
      det_claim_max_[p.det] = std::max(det_claim_max_[p.det], p.log_ratio);
    }
  }
  for (std::uint32_t q : c.pairs) {
    const GatedPair& p = pairs_[q];
    if (track_chosen_[p.track] == 0) {
      det_claim_sum_[p.det] += std::exp(p.log_ratio - det_claim_max_[p.det]);
    }
  }
}

double Tracker::existence_log_ratio(const GatedPair& p) const {
  if (!(det_claim_sum_[p.det] > 0.0)) {
    return p.log_ratio;
  }
  const double x = det_claim_max_[p.det] + std::log(det_claim_sum_[p.det]);  // ln sum_j rho_j
  const double softplus = x > 30.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
  return p.log_ratio - softplus;
}

namespace {

// Mean and block traces of a Gaussian mixture, without forming its covariance.
template <std::size_t N>
GateSummary mixture_summary(const std::array<Gaussian, N>& comp, const std::array<double, N>& w,
                            std::size_t count) {
  GateSummary s;
  StateVec mean = StateVec::Zero();
  for (std::size_t c = 0; c < count; ++c) {
    mean += w[c] * comp[c].x;
  }
  for (std::size_t c = 0; c < count; ++c) {
    const StateVec d = comp[c].x - mean;
    const StateCov& P = comp[c].P;
    s.trace_pp += w[c] * (P(0, 0) + P(1, 1) + P(2, 2) + d.head<3>().squaredNorm());
    s.trace_vv += w[c] * (P(3, 3) + P(4, 4) + P(5, 5) + d.segment<3>(3).squaredNorm());
    s.trace_pv += w[c] * (P(0, 3) + P(1, 4) + P(2, 5) + d.head<3>().dot(d.segment<3>(3)));
  }
  s.position = mean.head<3>();
  s.velocity = mean.segment<3>(3);
  return s;
}

// The horizontal mean of a Gaussian mixture and its horizontal variance P(0,0) + P(1,1), as the
// moment-matched Gaussian (combined()) has them, without forming its 7x7 covariance.
struct HorizontalMoments {
  Eigen::Vector2d mean;
  double variance = 0.0;
};

template <std::size_t N>
HorizontalMoments horizontal_moments(const std::array<Gaussian, N>& comp,
                                     const std::array<double, N>& w, std::size_t count) {
  if (count == 1) {
    return {comp[0].x.template head<2>(), comp[0].P(0, 0) + comp[0].P(1, 1)};
  }
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (std::size_t c = 0; c < count; ++c) {
    mean += w[c] * comp[c].x.template head<2>();
  }
  double p00 = 0.0;
  double p11 = 0.0;
  for (std::size_t c = 0; c < count; ++c) {
    const Eigen::Vector2d d = comp[c].x.template head<2>() - mean;
    p00 += w[c] * (comp[c].P(0, 0) + d(0) * d(0));
    p11 += w[c] * (comp[c].P(1, 1) + d(1) * d(1));
  }
  return {mean, p00 + p11};
}

}  // namespace

void Tracker::refresh_summary(TrackRecord& tr) const {
  const FilterState& f = fs(tr);
  tr.summary = tr.initiating ? mixture_summary(f.init.comp, f.init.w, f.init.count)
                             : mixture_summary(f.imm.model, f.imm.mu, f.imm.count);
}

// ---- updates --------------------------------------------------------------------------------

void Tracker::note_update(TrackRecord& tr, const Detection& d, bool attribute) {
  const SensorModel& s = sensor_model(d.sensor);
  // Monotone in time: a retrodicted detection may be older than the track's latest update.
  const bool newest = d.time >= tr.last_update;
  ++tr.hits;
  if (newest) {
    tr.consecutive_misses = 0;
    tr.last_update = d.time;
  }
  tr.updated_frame = frame_stamp_;
  tr.revisit_s = std::min(tr.revisit_s, s.info.scan_period_s);
  if (attribute && s.info.kind == SensorKind::RfDetector) {
    ++tr.rf_hits;
    attribute = tr.rf_hits >= cfg_.rf_identity_min_hits;
  }
  if (std::holds_alternative<BearingMeasurement>(d.measurement)) {
    auto c = std::find_if(tr.bearing_contacts.begin(), tr.bearing_contacts.end(),
                          [&](const BearingContact& bc) { return bc.sensor == d.sensor; });
    if (c == tr.bearing_contacts.end()) {
      tr.bearing_contacts.push_back(BearingContact{d.sensor, d.time});
    } else {
      c->last_detection = std::max(c->last_detection, d.time);
    }
  }
  auto it = std::lower_bound(tr.sensors.begin(), tr.sensors.end(), d.sensor);
  if (attribute && (it == tr.sensors.end() || *it != d.sensor)) {
    tr.sensors.insert(it, d.sensor);
  }
  if (s.miss_evidence) {
    auto c = std::find_if(tr.radar_contacts.begin(), tr.radar_contacts.end(),
                          [&](const RadarContact& rc) { return rc.sensor == d.sensor; });
    // Scans of this radar since the detection already counted as misses (none in order; a
    // retrodicted detection's later scans were).
    const double since = now_.ns == INT64_MIN ? 0.0 : std::max(0.0, (now_ - d.time).seconds());
    const auto missed =
        static_cast<std::uint32_t>(std::max(0.0, std::floor(since / s.info.scan_period_s - 0.5)));
    if (c == tr.radar_contacts.end()) {
      tr.radar_contacts.push_back(RadarContact{d.sensor, d.time, missed});
    } else if (d.time >= c->last_detection) {
      c->last_detection = d.time;
      c->misses_applied = missed;
    }
  }
  if (!attribute) {
    return;
  }
  // Identity: a cooperative report names the track for life; fields only fill, never blank.
  const Identity& id = d.identity;
  Identity& ti = tr.identity;
  if (!id.remote_id.empty()) {
    ti.remote_id = id.remote_id;
  }
  if (id.icao24) {
    ti.icao24 = id.icao24;
  }
  if (!id.callsign.empty()) {
    ti.callsign = id.callsign;
  }
  if (id.mode3a) {
    ti.mode3a = id.mode3a;
  }
  if (id.operator_position_m) {
    ti.operator_position_m = id.operator_position_m;
  }
  if (!id.emitter_model.empty()) {
    ti.emitter_model = id.emitter_model;
  }
  if (!id.operator_id.empty()) {
    ti.operator_id = id.operator_id;
  }
  const std::string key = identity_key(id);
  if (!key.empty()) {
    identity_owner_.emplace(key, tr.serial);
  }
  // Sensor class opinions: naive-Bayes accumulation with a floor so that no single report is
  // decisive (assess/ refines this with kinematics).
  if (d.class_probabilities) {
    const ClassProbabilities p = d.class_probabilities->normalized();
    for (std::size_t c = 0; c < kTargetClassCount; ++c) {
      tr.class_log[c] += std::log(std::max(p.p[c], 0.02));
    }
    tr.has_class = true;
    tr.class_opinion = track_opinion(tr.class_log, cfg_.class_opinion_floor);
  }
}

void Tracker::update_track(std::uint32_t k, std::uint32_t i, double log_ratio) {
  const Prediction& p = predicted(k, frame_[i].time);
  apply_update(tracks_[k], frame_[i], update_model(i), log_ratio, p.init, p.imm);
}

void Tracker::apply_update(TrackRecord& tr, const Detection& d, const MeasurementModel& m,
                           double log_ratio, const InitMixture& init_prior,
                           const ImmState& imm_prior) {
  const SensorModel& s = sensor_model(d.sensor);
  const UpdateMethod method = m.kind == MeasKind::Position ? UpdateMethod::Ekf : cfg_.radar_update;
  const double r = existence_after_survival(tr, d.time);
  if (tr.initiating) {
    fs(tr).init = init_prior;
    update(fs(tr).init, m, method);
    // Collapse once one speed class dominates (take it alone: the residue of a ruled-out fast
    // class would only inflate the covariance), or after init_max_hits (moment-match)...
    const bool settled = fs(tr).init.max_weight() >= 0.99;
    // ... or once the classes agree on the velocity: the mixture is then one Gaussian in all but
    // name, and the IMM (which can follow a manoeuvre; a class's quiet CV filter cannot) takes
    // over. Not for a track that bearings started: its range comes only from the geometry of
    // several sensors, and a manoeuvre model lets it wander (passive_only, seed 103: GOSPA 172 ->
    // 273 when it did).
    const bool unimodal = cfg_.init_collapse_spread > 0.0 && !tr.from_bearings &&
                          fs(tr).init.velocity_spread_ratio() <= cfg_.init_collapse_spread;
    if (settled || unimodal || tr.hits + 1 >= cfg_.init_max_hits) {
      Gaussian g = fs(tr).init.combined();
      if (settled) {
        std::size_t best = 0;
        for (std::size_t c = 1; c < fs(tr).init.count; ++c) {
          if (fs(tr).init.w[c] > fs(tr).init.w[best]) {
            best = c;
          }
        }
        g = fs(tr).init.comp[best];
      }
      fs(tr).imm = imm_.init(g);
      tr.initiating = false;
      record_update(tr, d.time, d.sensor, nullptr, method);
    }
  } else {
    fs(tr).imm = imm_prior;
    if (cfg_.sensor_track_fusion == SensorTrackFusion::CovarianceIntersection &&
        is_sensor_track(d, m)) {
      intersect_update(fs(tr).imm, m, method);
      // A replay could not redo the weight it chose: history restarts here.
      record_update(tr, d.time, d.sensor, nullptr, method);
    } else {
      imm_.update(fs(tr).imm, m, method);
      record_update(tr, d.time, d.sensor, &m, method);
    }
  }
  tr.time = d.time;
  refresh_summary(tr);
  // When the detection may not be the track's, what is left is a miss: evidence against the track
  // only from a sensor whose misses are evidence (radars). A passive sensor's detection that other
  // tracks claim as well (existence_log_ratio) says nothing either way.
  const double pdpg_miss = s.miss_evidence ? s.info.pd * cfg_.gate_probability : 0.0;
  tr.existence = existence_after_scan(r, pdpg_miss, miss_probability(log_ratio));
  tr.existence_time = d.time;
  note_update(tr, d);
  confirm_if_due(tr);
}

void Tracker::update_track_jpda(std::uint32_t k, const std::vector<std::uint32_t>& dets,
                                const std::vector<double>& weights, double miss_weight) {
  TrackRecord& tr = tracks_[k];
  if (dets.empty()) {
    const SensorModel& s = sensor_model(frame_.front().sensor);
    miss_track(tr, s, frame_.front().time);
    return;
  }
  if (tr.initiating) {
    // A starting track takes its most likely detection (no weighted mixture update).
    std::size_t best = 0;
    for (std::size_t q = 1; q < dets.size(); ++q) {
      if (weights[q] > weights[best]) {
        best = q;
      }
    }
    const double w = weights[best];
    update_track(k, dets[best], std::log(w / std::max(miss_weight, 1e-12)));
    det_assigned_[dets[best]] = static_cast<std::int32_t>(k);
    return;
  }
  // PDA update per IMM model (all detections of a frame share the sensor): the innovation is
  // the weighted mean, the covariance adds the spread of the innovations (Bar-Shalom & Tse 1975).
  const Time t = frame_[dets.front()].time;
  ImmState s = predicted(k, t).imm;
  const SensorModel& sm = sensor_model(frame_[dets.front()].sensor);
  std::array<double, kMaxModels> model_lik{};
  for (std::size_t j = 0; j < s.count; ++j) {
    Gaussian& g = s.model[j];
    std::vector<Innovation> ins;
    ins.reserve(dets.size());
    for (std::uint32_t i : dets) {
      const MeasurementModel& m = update_model(i);
      ins.push_back(
          innovate(m, g, m.kind == MeasKind::Position ? UpdateMethod::Ekf : cfg_.radar_update));
    }
    MeasVec nu = MeasVec::Zero(ins.front().nu.size());
    double lik = miss_weight;
    bool ok = true;
    for (std::size_t q = 0; q < ins.size(); ++q) {
      if (!ins[q].valid || ins[q].nu.size() != nu.size()) {
        ok = false;
        break;
      }
      nu += weights[q] * ins[q].nu;
      lik += weights[q] * std::exp(std::clamp(ins[q].log_likelihood, -700.0, 700.0));
    }
    if (!ok) {
      continue;
    }
    const Innovation& in0 = ins.front();
    const CrossCov K = in0.Pxz * in0.S_inv;
    MeasCov spread = MeasCov::Zero(nu.size(), nu.size());
    for (std::size_t q = 0; q < ins.size(); ++q) {
      spread += weights[q] * ins[q].nu * ins[q].nu.transpose();
    }
    spread -= nu * nu.transpose();
    const double wsum = 1.0 - miss_weight;
    g.x += K * nu;
    g.P = g.P - wsum * K * in0.S * K.transpose() + K * spread * K.transpose();
    symmetrize(g.P);
    model_lik[j] = lik;
  }
  double norm = 0.0;
  for (std::size_t j = 0; j < s.count; ++j) {
    s.mu[j] *= std::max(model_lik[j], 1e-300);
    norm += s.mu[j];
  }
  for (std::size_t j = 0; j < s.count; ++j) {
    s.mu[j] = norm > 0.0 ? std::max(s.mu[j] / norm, 1e-4) : 1.0 / static_cast<double>(s.count);
  }
  fs(tr).imm = s;
  tr.time = t;
  // A weighted mixture of several detections: a replay cannot redo it, so history restarts here.
  record_update(tr, t, frame_[dets.front()].sensor, nullptr, cfg_.radar_update);
  refresh_summary(tr);
  const double r = existence_after_survival(tr, t);
  // Unlike update_track, the miss part counts for a passive sensor too: miss_weight is the share
  // of this frame's detections that other tracks explain better (JIPDA), not a silence. With it
  // set to no evidence for passive sensors, as in update_track, ghost tracks at crossings of
  // other targets' bearings lived on (passive_only seeds 1 and 103, before the coverage test:
  // 73.4 -> 102.5 and 100 -> 220).
  tr.existence = existence_after_scan(r, sm.info.pd * cfg_.gate_probability, miss_weight);
  tr.existence_time = t;
  std::size_t best = 0;
  for (std::size_t q = 1; q < dets.size(); ++q) {
    if (weights[q] > weights[best]) {
      best = q;
    }
  }
  // The detection's sensor, identity and class opinion are the track's only if the detection
  // more likely is (held-out library: false alerts 26 -> 22, none added elsewhere).
  note_update(tr, frame_[dets[best]], weights[best] >= 0.5);
  confirm_if_due(tr);
}

// ---- initiation -----------------------------------------------------------------------------

void Tracker::start_track(const Detection& d, const MeasurementModel& m, const Densities& dens) {
  const SensorModel& s = sensor_model(d.sensor);
  TrackRecord tr;
  tr.serial = next_serial_++;
  tr.filter = allocate_filter();
  tr.time = d.time;
  tr.first_time = d.time;
  tr.last_update = d.time;
  tr.existence_time = d.time;
  tr.revisit_s = s.info.scan_period_s;
  tr.existence = std::clamp(dens.beta / dens.lambda, 1e-9, 0.99);
  Gaussian g;
  g.x.setZero();
  g.P.setZero();
  if (m.kind == MeasKind::Polar) {
    const double r = m.z(0);
    const double az = m.z(1);
    const double el = m.has_elevation ? m.z(2) : 0.0;
    Vec3 p = m.sensor + polar_to_enu(r, az, el);
    // Polar -> Cartesian covariance, first order: J diag(sr^2, saz^2, sel^2) J'.
    const double ca = std::cos(az);
    const double sa = std::sin(az);
    const double ce = std::cos(el);
    const double se = std::sin(el);
    Mat3 J;
    J << ce * ca, -r * ce * sa, -r * se * ca,  //
        ce * sa, r * ce * ca, -r * se * sa,    //
        se, 0.0, r * ce;
    Mat3 R = Mat3::Zero();
    R(0, 0) = m.R(0, 0);
    R(1, 1) = m.R(1, 1);
    R(2, 2) = m.has_elevation ? m.R(2, 2) : 0.0;
    Mat3 P = J * R * J.transpose();
    if (!m.has_elevation) {
      p.z() = m.sensor.z() + cfg_.height_prior_m;
      P(2, 2) = cfg_.height_prior_sigma_m * cfg_.height_prior_sigma_m;
    }
    g.x.head<3>() = p;
    g.P.topLeftCorner<3, 3>() = P;
  } else {
    g.x.head<3>() = m.z.head<3>();
    g.P.topLeftCorner<3, 3>() = m.R.topLeftCorner(3, 3);
  }
  if (m.kind == MeasKind::Position && m.has_velocity) {
    g.x.segment<3>(3) = m.z.tail<3>();
    g.P.block<3, 3>(3, 3) = m.R.bottomRightCorner(3, 3);
    g.P(6, 6) = 1e-4;
    fs(tr).imm = imm_.init(g);
    tr.initiating = false;
    record_update(tr, d.time, d.sensor, nullptr, UpdateMethod::Ekf);
  } else {
    fs(tr).init = make_init_mixture(g.x.head<3>(), g.P.topLeftCorner<3, 3>(), cfg_.velocity_prior);
    tr.initiating = true;
  }
  ++tr.hits;
  tr.updated_frame = frame_stamp_;
  refresh_summary(tr);
  const std::uint32_t k = static_cast<std::uint32_t>(tracks_.size());
  tracks_.push_back(std::move(tr));
  --tracks_.back().hits;  // note_update counts the hit
  note_update(tracks_.back(), d);
  ++stats_.tracks_created;
  confirm_if_due(tracks_.back());
  // Register in the index for the rest of its validity window.
  const TrackRecord& nt = tracks_.back();
  const HorizontalMoments h =
      nt.initiating ? horizontal_moments(fs(nt).init.comp, fs(nt).init.w, fs(nt).init.count)
                    : horizontal_moments(fs(nt).imm.model, fs(nt).imm.mu, fs(nt).imm.count);
  index_.insert(k, fresh_fix_disc(h.mean, std::sqrt(h.variance), nt.time));
}

}  // namespace dewline::track
