// tracker_triangulation.cpp: tracks started from the bearings of passive sensors (RF direction
// finders, acoustic arrays, cameras) that no track took.
//
// Two bearings of different sensors that cross make a fix (triangulation.hpp). With N targets
// seen by two sensors there are up to N^2 crossings and only N of them are targets: the ghosts of
// passive location. A third sensor's bearing through a crossing tells the real ones apart (the
// multi-sensor bearings-only association problem; Pattipati et al., IEEE TAC 37(2), 1992, solve
// it as an S-D assignment). This file does it greedily, as bearings come:
//  - crossings that buffered bearings of further sensors pass through (bearing_fit within the
//    gate, the target's motion between the bearings' times allowed for) go first: most such
//    bearings first, then the best fit; those bearings refine the fix and are used up with it;
//  - a crossing no bearing passes through yet waits while a third bearing sensor that covers it
//    has not looked since the pair's older bearing and may still do so within the pairing window
//    and about one of its periods; a waiting bearing is tried again after every frame;
//  - otherwise (a site of two sensors, or the third has looked and seen nothing there, as RF
//    detectors and cameras miss) the tightest crossing starts the track, as every pair did before.
// Until 2026-11-27 every bearing paired on arrival with the tightest crossing. On a site of three
// direction finders the second finder's first bearings paired before the third had reported, and
// start-up made ghosts (test Tracker.AThirdDirectionFinderKeepsStartUpGhostsAway).
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "core/angles.hpp"
#include "track/class_compatibility.hpp"
#include "track/tracker.hpp"
#include "track/triangulation.hpp"

namespace dewline::track {
namespace {

// Existence of a track started from crossing bearings: the crossing may still be a ghost of two
// other targets' lines; later bearings decide.
constexpr double kTriangulatedExistence = 0.2;
// A third sensor that has not reported for this many of its periods is silent, not pending.
constexpr double kSilentPeriods = 1.25;

[[nodiscard]] bool bearing_sensor(SensorKind k) {
  return k == SensorKind::RfDetector || k == SensorKind::Acoustic || k == SensorKind::EoIr;
}

}  // namespace

double Tracker::motion_var_m2(double dt) const {
  double w = 0.0;
  double v = 0.0;
  for (const VelocityPrior& p : cfg_.velocity_prior) {
    w += p.weight;
    v += p.weight * p.sigma_h_mps * p.sigma_h_mps;
  }
  return w > 0.0 ? dt * dt * v / w : 0.0;
}

bool Tracker::bearings_may_share_object(const Detection& a, const Detection& b) const {
  // A direction finder hears drones only; a camera that calls the object a bird makes the pair
  // less likely one object than two. Until 2026-11-27 such pairs made fixes, and at start-up a
  // direction finder's bearing of a drone and a camera's of a bird 1 km nearer made a ghost
  // track that lived 40-84 s (passive_only seeds 41, 46, 47). Only pairs with a direction finder
  // are judged so: its opinion is what it is, not a call. Two cameras' calls are each noisy
  // frame to frame, and refusing their contradicting pairs too cost passive_only seed 31 4.3
  // GOSPA and gained nothing on 16 other seeds.
  const SensorKind ka = sensor_model(a.sensor).info.kind;
  const SensorKind kb = sensor_model(b.sensor).info.kind;
  const bool one_is_rf = ka == SensorKind::RfDetector || kb == SensorKind::RfDetector;
  return !one_is_rf || cfg_.triangulation_min_class_agreement <= 0.0 ||
         class_compatibility(class_opinion(a, ka), class_opinion(b, kb)) >=
             cfg_.triangulation_min_class_agreement;
}

std::optional<Fix> Tracker::pair_bearings(const Detection& a, const Detection& b) const {
  if (!bearings_may_share_object(a, b)) {
    return std::nullopt;
  }
  TriangulationParams p;
  p.min_crossing_angle_rad = cfg_.triangulation_min_angle_deg * kDegToRad;
  p.max_range_a_m = sensor_model(a.sensor).info.range_max_m;
  p.max_range_b_m = sensor_model(b.sensor).info.range_max_m;
  p.height_prior_m = cfg_.height_prior_m;
  p.height_prior_sigma_m = cfg_.height_prior_sigma_m;
  return triangulate(a, b, p);
}

std::optional<Tracker::PairChoice> Tracker::best_bearing_pair(const Detection& d) const {
  const double window = cfg_.triangulation_window_s;
  std::optional<PairChoice> best;
  // Ranks a choice: more supporting bearings, then a better mean fit, then a tighter fix.
  const auto better = [](const PairChoice& x, const PairChoice& y) {
    if (x.support.size() != y.support.size()) {
      return x.support.size() > y.support.size();
    }
    if (!x.support.empty() && x.support_fit != y.support_fit) {
      return x.support_fit < y.support_fit;
    }
    return x.spread_m2 < y.spread_m2;
  };
  for (std::size_t j = 0; j < bearing_buffer_.size(); ++j) {
    const Detection& b = bearing_buffer_[j].detection;
    // A late bearing (retrodiction) may be older than buffered ones: pair within the window only.
    if (b.sensor == d.sensor || std::abs((d.time - b.time).seconds()) > window) {
      continue;
    }
    auto fix = pair_bearings(d, b);
    if (!fix) {
      continue;
    }
    PairChoice c;
    c.partner = j;
    c.fix = *fix;
    // Bearings taken apart in time cross where the target was at neither time: their fix is
    // wider by the target's motion in between, so simultaneous pairs go first.
    c.spread_m2 = fix->covariance(0, 0) + fix->covariance(1, 1) +
                  2.0 * motion_var_m2(std::abs((d.time - b.time).seconds()));
    if (cfg_.triangulation_await_third) {
      // The best-fitting bearing of each further sensor that passes through the fix.
      double fit_sum = 0.0;
      for (std::size_t q = 0; q < bearing_buffer_.size(); ++q) {
        const Detection& e = bearing_buffer_[q].detection;
        if (q == j || e.sensor == d.sensor || e.sensor == b.sensor ||
            std::abs((d.time - e.time).seconds()) > window ||
            std::abs((b.time - e.time).seconds()) > window || !bearings_may_share_object(d, e) ||
            !bearings_may_share_object(b, e)) {
          continue;
        }
        const double dt =
            std::max(std::abs((e.time - d.time).seconds()), std::abs((e.time - b.time).seconds()));
        const auto f = bearing_fit(*fix, e, motion_var_m2(dt));
        if (!f || f->chi2 > chi2_gate(f->dim)) {
          continue;
        }
        const double norm = f->chi2 / f->dim;
        auto same = std::find_if(c.support.begin(), c.support.end(), [&](std::size_t s) {
          return bearing_buffer_[s].detection.sensor == e.sensor;
        });
        if (same == c.support.end()) {
          c.support.push_back(q);
          c.support_norm.push_back(norm);
          fit_sum += norm;
        } else {
          const auto at = static_cast<std::size_t>(same - c.support.begin());
          if (norm < c.support_norm[at]) {
            fit_sum += norm - c.support_norm[at];
            *same = q;
            c.support_norm[at] = norm;
          }
        }
      }
      c.support_fit = c.support.empty() ? 0.0 : fit_sum / static_cast<double>(c.support.size());
    }
    if (!best || better(c, *best)) {
      best = std::move(c);
    }
  }
  return best;
}

bool Tracker::third_sensor_pending(const Detection& a, const Detection& b, const Fix& f) const {
  const Time oldest = std::min(a.time, b.time);
  const Time now = clock();
  if ((now - oldest).seconds() >= cfg_.triangulation_window_s) {
    return false;
  }
  for (const auto& [id, s] : sensors_) {
    if (id == a.sensor || id == b.sensor || !bearing_sensor(s.info.kind)) {
      continue;
    }
    const auto it = last_frame_end_.find(id);
    const bool reported = it != last_frame_end_.end();
    if (reported && it->second >= oldest) {
      continue;  // it has looked since, and none of its bearings passes through the fix
    }
    // A sensor reports a frame only when it detects something: one that has never reported
    // may be about to (at start-up) or may have nothing to report (an acoustic array far from
    // every drone). It is given one period from the tracker's first frame.
    const Time since = reported ? it->second : first_frame_;
    if ((now - since).seconds() > kSilentPeriods * s.info.scan_period_s) {
      continue;  // silent
    }
    if (!in_coverage(s, f.position)) {
      continue;
    }
    // A direction finder does not hear what two cameras call a bird: its bearing could not
    // support the pair (the class test of the support), so there is nothing to wait for.
    Detection probe;
    probe.sensor = id;
    if (bearings_may_share_object(a, probe) && bearings_may_share_object(b, probe)) {
      return true;
    }
  }
  return false;
}

void Tracker::triangulate_or_buffer(const Detection& d) {
  const Time t = d.time;
  // Forget bearings that are too old to pair; waiting ones are resolve_waiting_bearings' to
  // decide.
  bearing_buffer_.erase(std::remove_if(bearing_buffer_.begin(), bearing_buffer_.end(),
                                       [&](const BufferedBearing& b) {
                                         return !b.waiting && (t - b.detection.time).seconds() >
                                                                  cfg_.triangulation_window_s;
                                       }),
                        bearing_buffer_.end());
  const auto choice = best_bearing_pair(d);
  if (!choice) {
    if (!reanchor_with_claimed(d)) {
      bearing_buffer_.push_back(BufferedBearing{d, false, resolve_round_});
    }
    return;
  }
  if (choice->support.empty() && cfg_.triangulation_await_third &&
      third_sensor_pending(d, bearing_buffer_[choice->partner].detection, choice->fix)) {
    bearing_buffer_.push_back(BufferedBearing{d, true, resolve_round_});
    ++stats_.bearings_waited;
    return;
  }
  start_triangulated_track(d, *choice);
}

void Tracker::resolve_waiting_bearings() {
  if (std::none_of(bearing_buffer_.begin(), bearing_buffer_.end(),
                   [](const BufferedBearing& b) { return b.waiting; })) {
    return;
  }
  ++resolve_round_;
  for (;;) {
    const auto it = std::find_if(
        bearing_buffer_.begin(), bearing_buffer_.end(),
        [&](const BufferedBearing& b) { return b.waiting && b.round != resolve_round_; });
    if (it == bearing_buffer_.end()) {
      return;
    }
    const Detection d = std::move(it->detection);
    bearing_buffer_.erase(it);
    // Pairs now, waits again (marked with this round) or stays as an unpaired bearing.
    triangulate_or_buffer(d);
  }
}

void Tracker::start_triangulated_track(const Detection& d, const PairChoice& c) {
  std::vector<std::size_t> used = c.support;
  used.push_back(c.partner);
  std::vector<Detection> dets{d};
  for (std::size_t j : used) {
    dets.push_back(bearing_buffer_[j].detection);
  }
  std::sort(used.begin(), used.end(), std::greater<>());
  for (std::size_t j : used) {
    bearing_buffer_.erase(bearing_buffer_.begin() + static_cast<std::ptrdiff_t>(j));
  }
  // dets: d, its supporters, its partner; the supporters refine the pair's fix.
  Fix fix = c.fix;
  const Time pair_time = std::max(d.time, dets.back().time);
  for (std::size_t k = 1; k + 1 < dets.size(); ++k) {
    refine_fix(fix, dets[k], motion_var_m2(std::abs((dets[k].time - pair_time).seconds())));
  }
  std::stable_sort(dets.begin(), dets.end(),
                   [](const Detection& x, const Detection& y) { return x.time < y.time; });
  ++stats_.triangulations;
  stats_.triangulations_supported += c.support.empty() ? 0U : 1U;
  TrackRecord tr;
  tr.serial = next_serial_++;
  tr.filter = allocate_filter();
  tr.time = dets.back().time;
  tr.first_time = dets.front().time;
  tr.last_update = tr.time;
  tr.existence_time = tr.time;
  tr.existence = kTriangulatedExistence;
  tr.from_bearings = true;
  tr.revisit_s = std::numeric_limits<double>::infinity();
  for (const Detection& x : dets) {
    tr.revisit_s = std::min(tr.revisit_s, sensor_model(x.sensor).info.scan_period_s);
  }
  fs(tr).init = make_init_mixture(fix.position, fix.covariance, cfg_.velocity_prior);
  tr.initiating = true;
  refresh_summary(tr);
  tracks_.push_back(std::move(tr));
  for (const Detection& x : dets) {
    note_update(tracks_.back(), x);
  }
  ++stats_.tracks_created;
  const auto k = static_cast<std::uint32_t>(tracks_.size() - 1);
  index_.insert(k, fresh_fix_disc(fix.position.head<2>(),
                                  std::sqrt(fix.covariance(0, 0) + fix.covariance(1, 1)),
                                  tracks_.back().time));
}

}  // namespace dewline::track
