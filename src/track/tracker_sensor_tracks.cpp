// tracker_sensor_tracks.cpp: reports of sensors that run their own tracker (track-to-track
// fusion). See track_decorrelation.hpp for the method.
//
// A report is a sensor track when it carries the sensor's object number and a velocity, and the
// sensor is not a cooperative receiver (Remote ID and ADS-B report the target's own navigation
// fix, which dewline treats as a measurement). The report itself gates and associates (it says
// where the sensor believes the object is); the update is by covariance intersection (default) or
// with its new information only (tracklet). For the tracklet, the first report of an object, one
// after a gap longer than sensor_track_memory_s and one not later than the object's previous
// report are used as they are.
#include <algorithm>
#include <cmath>

#include "track/tracker.hpp"

namespace dewline::track {

bool Tracker::is_sensor_track(const Detection& d, const MeasurementModel& m) const {
  if (!d.sensor_object_id || m.kind != MeasKind::Position || !m.has_velocity) {
    return false;
  }
  return !is_cooperative(sensor_model(d.sensor).info.kind);
}

std::optional<MeasurementModel> Tracker::decorrelated(const Detection& d,
                                                      const MeasurementModel& m) {
  if (cfg_.sensor_track_fusion != SensorTrackFusion::Tracklet || !is_sensor_track(d, m)) {
    return std::nullopt;
  }
  SensorTrackEstimate now;
  now.time = d.time;
  now.x = m.z.head<6>();
  now.P = m.R.topLeftCorner<6, 6>();
  const auto key = std::make_pair(to_underlying(d.sensor), *d.sensor_object_id);
  auto it = sensor_tracks_.find(key);
  if (it == sensor_tracks_.end()) {
    sensor_tracks_.emplace(key, now);
    return std::nullopt;
  }
  SensorTrackEstimate& prev = it->second;
  if (now.time <= prev.time) {
    return std::nullopt;  // out of order: the memory stays with the latest
  }
  std::optional<EquivalentMeasurement> eq;
  if ((now.time - prev.time).seconds() <= cfg_.sensor_track_memory_s) {
    eq = equivalent_measurement(prev, now, cfg_.sensor_track_q);
  }
  prev = now;
  if (!eq) {
    return std::nullopt;
  }
  MeasurementModel u = m;
  u.z = eq->z;
  u.R = eq->R;
  ++stats_.sensor_track_reports_decorrelated;
  return u;
}

void Tracker::intersect_update(ImmState& s, const MeasurementModel& m, UpdateMethod method) {
  const Gaussian prior = s.combined();
  // Kept inside [0.05, 0.95]: any weight gives a consistent result, and the prior's inflation by
  // 1 / w stays moderate (near 0 the report alone would be taken and the prior blown up).
  const double w = std::clamp(
      covariance_intersection_weight(prior.P.topLeftCorner<3, 3>(), m.R.topLeftCorner<3, 3>()),
      0.05, 0.95);
  // CI as a Kalman update: the prior's covariance divided by w, the report's by (1 - w). Only the
  // position-velocity block, which the report measures, is inflated (S P S, S = diag(w^-1/2 x 6,
  // 1)): the turn rate is not in the report, and inflating it at every report would blow it up.
  const double a = 1.0 / std::sqrt(w);
  for (std::size_t j = 0; j < s.count; ++j) {
    StateCov& P = s.model[j].P;
    P.topLeftCorner<6, 6>() *= 1.0 / w;
    P.topRightCorner<6, 1>() *= a;
    P.bottomLeftCorner<1, 6>() *= a;
  }
  MeasurementModel inflated = m;
  inflated.R /= (1.0 - w);
  imm_.update(s, inflated, method);
  ++stats_.sensor_track_reports_intersected;
}

void Tracker::forget_sensor_tracks(Time t) {
  if (sensor_tracks_.empty() ||
      (sensor_tracks_pruned_.ns != INT64_MIN &&
       (t - sensor_tracks_pruned_).seconds() < cfg_.sensor_track_memory_s)) {
    return;
  }
  sensor_tracks_pruned_ = t;
  const Time limit = t - Duration::from_seconds(cfg_.sensor_track_memory_s);
  for (auto it = sensor_tracks_.begin(); it != sensor_tracks_.end();) {
    it = it->second.time < limit ? sensor_tracks_.erase(it) : std::next(it);
  }
}

}  // namespace dewline::track
