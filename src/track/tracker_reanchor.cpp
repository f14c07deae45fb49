// Re-anchoring a track that drifted along one bearing sensor's line of sight.
//
// Bearings say nothing about range. A track that two cameras started may go on with one camera's
// bearings alone (the other missed a few frames, or its plot went to another track) and slide
// along that camera's line of sight with its own velocity error: it is then hundreds of metres
// from its target, yet still takes that camera's every bearing, while the other camera's bearings
// of the same target fit no track. They cannot start a new one either, since triangulation pairs
// unclaimed bearings only and the first camera's bearing is claimed. The picture holds a ghost and
// misses the target for as long as it lasts (on the passive_only scene, seeds 31-38, 95 % of the
// false track-scans lay on one camera's line of sight to a true target).
//
// So a bearing that a track took is kept, as unclaimed ones are, for the triangulation window;
// an unclaimed bearing of another sensor that pairs with it into a fix moves that track to the
// fix (its id kept, its filter restarted there as a triangulated track's is) when
// - both bearings carry elevation, so that the fix passed the 3D consistency test and is not a
//   mere crossing of two azimuths (triangulation.cpp);
// - the unclaimed bearing's sensor has not seen the track for kReanchorSilentPeriods of its
//   periods while the track is within its range: a sensor that sees the track still agrees with
//   where it is. A camera sees everything in reach, so its silence counts from the track's start;
//   other bearing sensors (RF: emitters only; acoustic: engines only) must have seen it before;
// - the fix is outside the track's gate: a fix it could have taken is no evidence of drift.
// The test that fails without it: Tracker.DriftedBearingTrackIsMovedBackToItsTarget.

#include <algorithm>
#include <cmath>
#include <variant>

#include <Eigen/Cholesky>

#include "core/angles.hpp"
#include "track/tracker.hpp"

namespace dewline::track {
namespace {

// Periods of the silent sensor without a detection of the track before a fix may move it. At
// a camera's Pd of 0.9, four misses in a row of a target that is where the track says happen
// once in 10^4 frames.
constexpr double kReanchorSilentPeriods = 4.0;

bool has_elevation(const Detection& d) {
  const auto* b = std::get_if<BearingMeasurement>(&d.measurement);
  return b != nullptr && b->elevation_rad.has_value();
}

}  // namespace

void Tracker::keep_claimed_bearing(std::uint32_t i) {
  const Detection& c = frame_[i];
  const std::int32_t owner = det_assigned_[i];
  if (owner < 0 || !has_elevation(c)) {
    return;
  }
  const auto k = static_cast<std::uint32_t>(owner);
  const Time t = c.time;
  claimed_bearings_.erase(std::remove_if(claimed_bearings_.begin(), claimed_bearings_.end(),
                                         [&](const ClaimedBearing& b) {
                                           return (t - b.detection.time).seconds() >
                                                  cfg_.triangulation_window_s;
                                         }),
                          claimed_bearings_.end());
  // An unclaimed bearing of another sensor, buffered earlier, may pair with this one.
  for (std::size_t j = 0; j < bearing_buffer_.size(); ++j) {
    const Detection& b = bearing_buffer_[j].detection;
    if (b.sensor == c.sensor || !has_elevation(b) ||
        std::abs((t - b.time).seconds()) > cfg_.triangulation_window_s) {
      continue;
    }
    const auto fix = pair_bearings(c, b);
    if (fix && try_reanchor(k, *fix, b.sensor, std::max(t, b.time))) {
      bearing_buffer_.erase(bearing_buffer_.begin() + static_cast<std::ptrdiff_t>(j));
      break;
    }
  }
  claimed_bearings_.push_back(ClaimedBearing{c, tracks_[k].serial, k});
}

bool Tracker::reanchor_with_claimed(const Detection& d) {
  if (!has_elevation(d)) {
    return false;
  }
  const Time t = d.time;
  for (const ClaimedBearing& c : claimed_bearings_) {
    const Detection& b = c.detection;
    if (b.sensor == d.sensor || std::abs((t - b.time).seconds()) > cfg_.triangulation_window_s ||
        c.track >= tracks_.size() || tracks_[c.track].serial != c.serial) {
      continue;
    }
    const auto fix = pair_bearings(b, d);
    if (fix && try_reanchor(c.track, *fix, d.sensor, std::max(t, b.time))) {
      return true;
    }
  }
  return false;
}

bool Tracker::try_reanchor(std::uint32_t k, const Fix& f, SensorId silent_sensor, Time t) {
  TrackRecord& tr = tracks_[k];
  if (!cfg_.bearing_reanchor || tr.dead || tr.initiating || t < tr.time) {
    return false;
  }
  const SensorModel& s = sensor_model(silent_sensor);
  auto contact = std::find_if(tr.bearing_contacts.begin(), tr.bearing_contacts.end(),
                              [&](const BearingContact& c) { return c.sensor == silent_sensor; });
  // A camera images whatever is within its reach, so its silence counts from the track's start;
  // an RF detector hears emitters only and an acoustic array engines only, so theirs counts only
  // once they have detected the track.
  Time seen;
  if (contact != tr.bearing_contacts.end()) {
    seen = contact->last_detection;
  } else if (s.info.kind == SensorKind::EoIr) {
    seen = tr.first_time;
  } else {
    return false;
  }
  if ((t - seen).seconds() < kReanchorSilentPeriods * s.info.scan_period_s) {
    return false;
  }
  const Prediction& p = predicted(k, t);
  const Vec3 x = p.combined.x.head<3>();
  if (s.info.range_max_m > 0.0 && (x - s.info.position_m).norm() > s.info.range_max_m) {
    return false;  // out of the silent sensor's reach: its silence says nothing
  }
  const Vec3 dx = f.position - x;
  const Mat3 S = p.combined.P.topLeftCorner<3, 3>() + f.covariance;
  if (dx.dot(S.ldlt().solve(dx)) <= chi2_gate(3)) {
    return false;
  }
  // Restart the filter at the fix, as a triangulated track starts; id, existence and identity
  // stay. The kept history cannot be replayed through the move.
  fs(tr).init = make_init_mixture(f.position, f.covariance, cfg_.velocity_prior);
  fs(tr).history.clear();
  tr.initiating = true;
  tr.from_bearings = true;
  tr.time = t;
  tr.last_update = t;
  tr.existence_time = std::max(tr.existence_time, t);
  if (contact != tr.bearing_contacts.end()) {
    contact->last_detection = t;
  } else {
    tr.bearing_contacts.push_back(BearingContact{silent_sensor, t});
  }
  refresh_summary(tr);
  const double spread = std::sqrt(f.covariance(0, 0) + f.covariance(1, 1));
  index_.insert(k, fresh_fix_disc(f.position.head<2>(), spread, t));
  ++stats_.reanchored;
  return true;
}

}  // namespace dewline::track
