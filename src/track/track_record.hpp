// track_record.hpp: the tracker's own per-track record — filter internals, existence and the
// bookkeeping that the published core::Track snapshot does not carry. Internal to src/track/.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/detection.hpp"
#include "core/ids.hpp"
#include "core/track.hpp"
#include "track/imm.hpp"
#include "track/init_mixture.hpp"
#include "track/update_history.hpp"

namespace dewline::track {

// Last contact of a track with one radar, for the time-based miss rule of sweeping radars.
struct RadarContact {
  SensorId sensor{};
  Time last_detection;               // or the last time the track was outside the radar's coverage
  std::uint32_t misses_applied = 0;  // misses counted since last_detection
};

// Last detection of a track by one bearing sensor (camera, acoustic array, RF detector): a track
// that a sensor which saw it has long stopped seeing may have drifted along another sensor's line
// of sight (tracker_reanchor.cpp).
struct BearingContact {
  SensorId sensor{};
  Time last_detection;
};

// What the cheap pre-gate needs, refreshed whenever the state changes: mean position and
// velocity and the traces of the covariance blocks.
struct GateSummary {
  Vec3 position = Vec3::Zero();
  Vec3 velocity = Vec3::Zero();
  double trace_pp = 0.0;
  double trace_vv = 0.0;
  double trace_pv = 0.0;
};

// A track's filter state, pooled by the tracker.
struct FilterState {
  InitMixture init;       // while initiating
  ImmState imm;           // afterwards
  UpdateHistory history;  // recent updates for retrodiction; starts with a base entry; empty if off
};

struct TrackRecord {
  std::uint64_t serial = 0;  // creation order (internal)
  TrackId id{};              // public id, given at confirmation; 0 before
  TrackStatus status = TrackStatus::Tentative;
  bool confirmed = false;  // ever confirmed
  bool dead = false;

  // While a track is being started its state is a mixture over the velocity prior's speed
  // classes (init_mixture.hpp); then the IMM takes over. The filter state itself (a few KB) lives
  // in the tracker's pool at index `filter`, so that records stay small and cheap to move.
  bool initiating = true;
  // Started from two crossing bearings (no sensor has measured its range).
  bool from_bearings = false;
  std::uint32_t filter = 0;
  GateSummary summary;

  Time time;  // time of the state
  Time first_time;
  Time last_update;
  double existence = 0.0;
  Time existence_time;  // time `existence` refers to (misses move it without the state)
  std::uint32_t hits = 0;
  std::uint32_t rf_hits = 0;  // detections of RF detectors among them
  std::uint32_t consecutive_misses = 0;
  double revisit_s = 1.0;  // shortest revisit period of the sensors that updated it
  std::uint64_t updated_frame = 0;

  std::vector<SensorId> sensors;  // sorted
  std::vector<RadarContact> radar_contacts;
  std::vector<BearingContact> bearing_contacts;
  Identity identity;
  std::array<double, kTargetClassCount> class_log{};
  bool has_class = false;
  // class_log as association reads it (track_opinion, class_compatibility.hpp), kept with it.
  ClassProbabilities class_opinion{};
};

}  // namespace dewline::track
