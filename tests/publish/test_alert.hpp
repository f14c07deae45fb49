// test_alert.hpp: an AlertEvent with a plausible track, for the publish tests.
#pragma once

#include "core/alert.hpp"

namespace dewline::publish::test {

inline AlertEvent sample_alert(std::uint64_t id = 3, AlertState state = AlertState::Raised) {
  AlertEvent e;
  e.time = Time::from_seconds(125.5);
  e.alert_id = AlertId{id};
  e.track_id = TrackId{42};
  e.state = state;
  e.zone = "plant";
  e.level = ZoneLevel::Protected;
  e.threat = ThreatLevel::High;
  e.reason = "drone (p 0.97), non-cooperative: heading into protected zone plant in 84 s";
  Track& t = e.track;
  t.id = TrackId{42};
  t.time = e.time;
  t.position_m = Vec3{-1250.0, 300.0, 60.0};
  t.velocity_mps = Vec3{15.0, 0.0, 0.0};
  t.covariance = Mat6::Identity() * 4.0;
  t.sensors = {SensorId{1}, SensorId{3}};
  t.assessment.target_class = TargetClass::DroneMultirotor;
  t.assessment.class_probabilities[TargetClass::DroneMultirotor] = 0.97;
  t.assessment.class_probabilities[TargetClass::Bird] = 0.03;
  t.assessment.threat = ThreatLevel::High;
  t.assessment.threat_reason = e.reason;
  t.assessment.time_to_zone_s = 84.0;
  e.history = {t, t};
  return e;
}

}  // namespace dewline::publish::test
