// assessor.hpp: the assess stage — what each track is, which ones threaten, and the alerts.
//
// It runs after every tracker report on the reported tracks (and the detections that arrived
// since the previous report, for the spoof checks). It fills each Track's `assessment` (class
// probabilities, class, threat level with its reason, friendly, time to zone) and
// `spoof_reason`, and drives one state machine per (track, zone) alert whose state changes come
// out as AlertEvents carrying their evidence. The live service and `dewline track` call the same
// code.
//
//   auto a = Assessor::create(cfg, zones, site_frame, sensors);   // rule errors come back here
//   for each report time t:  a->update(t, tracks, new_detections);  events = a->take_events();
//
// Per track it keeps (ordered by TrackId) a sliding window of states for the kinematic
// features, the classifier's memory, the inside/outside state per zone (edge hysteresis) and a
// few snapshots as alert evidence; a track unreported for forget_track_after_s is forgotten.
// Deterministic: no wall clock, ordered containers only.
//
// Change from the first draft: the constructor takes zones with their rules already built
// (zone_rules.hpp), and `create` builds them from plain Zones, returning bad rule properties as
// errors instead of ignoring them silently.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "assess/assess_config.hpp"
#include "assess/features.hpp"
#include "assess/spoof_checks.hpp"
#include "assess/zone_rules.hpp"
#include "core/alert.hpp"
#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "core/track.hpp"
#include "core/zone.hpp"

namespace dewline::assess {

struct AssessorStats {
  std::uint64_t updates = 0;
  std::uint64_t tracks_assessed = 0;
  std::uint64_t alerts_raised = 0;
  std::uint64_t spoof_flags = 0;
};

class Assessor {
 public:
  Assessor(AssessConfig cfg, std::vector<AssessZone> zones, EnuFrame frame, SensorRegistry sensors);
  static Result<Assessor, std::vector<RuleError>> create(AssessConfig cfg,
                                                         const std::vector<Zone>& zones,
                                                         EnuFrame frame, SensorRegistry sensors);
  ~Assessor();
  Assessor(Assessor&&) noexcept;
  Assessor& operator=(Assessor&&) noexcept;

  // Assesses the tracks reported at time t (in place). `detections` are those the tracker took
  // since the previous call.
  void update(Time t, std::vector<Track>& tracks, std::span<const Detection> detections);
  // Alert state changes since the last call, in time order, with their evidence.
  [[nodiscard]] std::vector<AlertEvent> take_events();
  // An operator acknowledges an alert (live service; offline: from a script). False when the
  // alert is not open.
  bool acknowledge(AlertId id, Time t);

  [[nodiscard]] const AssessConfig& config() const;
  [[nodiscard]] const std::vector<AssessZone>& zones() const;
  [[nodiscard]] const EnuFrame& frame() const;
  [[nodiscard]] const AssessorStats& stats() const;
  [[nodiscard]] const SpoofChecker& spoof_checker() const;
  // The kinematic features of a track at its last update (tools, tests); null if unknown.
  [[nodiscard]] const KinematicFeatures* features_of(TrackId id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dewline::assess
