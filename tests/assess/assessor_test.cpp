#include "assess/assessor.hpp"

#include <gtest/gtest.h>

#include "tests/assess/test_tracks.hpp"

namespace dewline::assess {
namespace {

SensorRegistry radar_only() {
  SensorRegistry r;
  SensorInfo radar;
  radar.id = SensorId{1};
  radar.kind = SensorKind::RotatingRadar;
  radar.range_max_m = 5000;
  r.add(radar);
  return r;
}

ClassProbabilities camera_says(TargetClass c) {
  ClassProbabilities p;
  p[c] = 0.97;
  p[TargetClass::Unknown] = 0.03;
  return p;
}

struct Flight {
  std::uint64_t id;
  Vec3 start;
  Vec3 velocity;
  TargetClass camera;
  std::string remote_id;
};

std::vector<AlertEvent> fly(Assessor& a, const std::vector<Flight>& flights, int seconds,
                            std::vector<Track>* last = nullptr) {
  std::vector<AlertEvent> events;
  for (int i = 0; i <= seconds; ++i) {
    const double t = i;
    std::vector<Track> tracks;
    for (const Flight& f : flights) {
      Track k = test::make_track(f.id, t, f.start + f.velocity * t, f.velocity, 5.0, 0.5);
      k.sensor_class_probabilities = camera_says(f.camera);
      k.sensors = {SensorId{1}};
      k.identity.remote_id = f.remote_id;
      tracks.push_back(k);
    }
    a.update(Time::from_seconds(t), tracks, {});
    for (auto& e : a.take_events()) {
      events.push_back(std::move(e));
    }
    if (last != nullptr) {
      *last = tracks;
    }
  }
  return events;
}

Assessor make(AssessConfig cfg = AssessConfig::defaults()) {
  auto a = Assessor::create(cfg, {test::plant(), test::perimeter()}, EnuFrame{}, radar_only());
  EXPECT_TRUE(a.has_value());
  return std::move(*a);
}

TEST(Assessor, InboundDroneAlertedEarlyThenCriticalInside) {
  Assessor a = make();
  // From 2.75 km west at 15 m/s: 2500 m to the plant's edge, entry at 166.7 s.
  std::vector<Track> last;
  const auto events = fly(
      a, {{1, Vec3{-2750, 0, 60}, Vec3{15, 0, 0}, TargetClass::DroneMultirotor, ""}}, 200, &last);
  ASSERT_FALSE(events.empty());
  const AlertEvent& first = events.front();
  EXPECT_EQ(first.state, AlertState::Raised);
  EXPECT_EQ(first.zone, "plant");
  EXPECT_EQ(first.level, ZoneLevel::Protected);
  EXPECT_LT(first.time.seconds(), 10.0);  // long before the entry at 167 s
  EXPECT_NE(first.reason.find("drone"), std::string::npos);
  EXPECT_NE(first.reason.find("plant"), std::string::npos);
  // Evidence: the track snapshot with its assessment, and its recent history.
  EXPECT_EQ(first.track.id, TrackId{1});
  EXPECT_GT(first.track.assessment.class_probabilities.coarse(CoarseClass::Drone), 0.7);
  EXPECT_FALSE(first.history.empty());
  EXPECT_LE(first.history.back().time, first.time);
  // One alert per zone: plant (predicted, then inside) and perimeter (inside).
  std::size_t raised = 0;
  for (const auto& e : events) {
    raised += e.state == AlertState::Raised ? 1U : 0U;
  }
  EXPECT_EQ(raised, 2U);
  ASSERT_EQ(last.size(), 1U);
  EXPECT_EQ(last[0].assessment.threat, ThreatLevel::Critical);  // inside at 200 s
  EXPECT_NE(last[0].assessment.threat_reason.find("inside protected zone plant"),
            std::string::npos);
  EXPECT_EQ(coarse_of(last[0].assessment.target_class), CoarseClass::Drone);
}

TEST(Assessor, BirdsOverThePlantRaiseNothing) {
  Assessor a = make();
  const auto events = fly(a, {{2, Vec3{-600, 0, 40}, Vec3{8, 0, 0}, TargetClass::Bird, ""}}, 150);
  EXPECT_TRUE(events.empty());
}

TEST(Assessor, AllowListedCooperativeDroneRaisesNothing) {
  AssessConfig cfg = AssessConfig::defaults();
  cfg.allow.remote_ids = {"1581F5FJD239C00HOB01"};
  Assessor a = make(cfg);
  std::vector<Track> last;
  const auto events = fly(
      a,
      {{3, Vec3{-600, 0, 40}, Vec3{8, 0, 0}, TargetClass::DroneMultirotor, "1581F5FJD239C00HOB01"}},
      150, &last);
  EXPECT_TRUE(events.empty());
  EXPECT_TRUE(last[0].assessment.friendly);
  EXPECT_EQ(last[0].assessment.threat, ThreatLevel::None);
  // The same drone, not on the list, is alerted once inside the plant.
  Assessor b = make();
  const auto others = fly(
      b,
      {{3, Vec3{-600, 0, 40}, Vec3{8, 0, 0}, TargetClass::DroneMultirotor, "1581F5FJD239C00HOB01"}},
      150);
  ASSERT_FALSE(others.empty());
  EXPECT_EQ(others.front().zone, "plant");
  // Only once about to enter: 350 m at 8 m/s, entry at 43.75 s, within 30 s from 13.75 s.
  EXPECT_GT(others.front().time.seconds(), 13.0);
  EXPECT_LT(others.front().time.seconds(), 20.0);
}

TEST(Assessor, LostTrackAlertExpiresAndStateIsForgotten) {
  Assessor a = make();
  fly(a, {{1, Vec3{-1000, 0, 60}, Vec3{15, 0, 0}, TargetClass::DroneMultirotor, ""}}, 20);
  std::vector<Track> none;
  std::vector<AlertEvent> events;
  for (int i = 21; i <= 100; ++i) {
    a.update(Time::from_seconds(i), none, {});
    for (auto& e : a.take_events()) {
      events.push_back(e);
    }
  }
  ASSERT_FALSE(events.empty());
  for (const auto& e : events) {
    EXPECT_EQ(e.state, AlertState::Expired);
    EXPECT_EQ(e.time, Time::from_seconds(30));  // 10 s after its last report
  }
  EXPECT_EQ(a.features_of(TrackId{1}), nullptr);  // forgotten after 60 s
}

TEST(Assessor, BadZoneRuleIsAnError) {
  Zone p = test::plant();
  p.properties = {{"alert_classes", "[\"drones\"]"}};
  auto a = Assessor::create(AssessConfig::defaults(), {p}, EnuFrame{}, radar_only());
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().front().field, "properties.alert_classes");
}

// A Remote ID broadcast that jumps 800 m every 10 s (no airframe flies so), heading for the
// plant; the only sensor that ever fed its track is the Remote ID receiver.
std::vector<AlertEvent> fly_lying_broadcast(const SensorRegistry& sensors,
                                            std::vector<Track>& last) {
  auto made = Assessor::create(AssessConfig::defaults(), {test::plant(), test::perimeter()},
                               EnuFrame{}, sensors);
  EXPECT_TRUE(made.has_value());
  Assessor& a = *made;
  std::vector<AlertEvent> events;
  const Vec3 v{12, 0, 0};
  for (int i = 0; i <= 150; ++i) {
    const double t = i;
    const Vec3 claimed = Vec3{-2000, 0, 60} + v * t + Vec3{(i / 10) % 2 == 0 ? 0.0 : 800.0, 0, 0};
    Detection d;
    d.time = Time::from_seconds(t);
    d.sensor = SensorId{5};
    PositionMeasurement m;
    m.position_m = claimed;
    m.covariance_m2 = Mat3::Identity() * 9.0;
    m.velocity_mps = v;
    d.measurement = m;
    d.identity.remote_id = "1581F5FJD239C00JMP02";
    std::vector<Track> tracks{test::make_track(7, t, claimed, v, 5.0, 0.5)};
    tracks[0].sensors = {SensorId{5}};
    tracks[0].identity.remote_id = d.identity.remote_id;
    const std::vector<Detection> dets{d};
    a.update(Time::from_seconds(t), tracks, dets);
    for (auto& e : a.take_events()) {
      events.push_back(std::move(e));
    }
    last = tracks;
  }
  return events;
}

TEST(Assessor, LyingBroadcastNoRadarSeesRaisesNoZoneAlertInRadarCoverage) {
  SensorRegistry sensors = radar_only();
  SensorInfo rx;
  rx.id = SensorId{5};
  rx.kind = SensorKind::RemoteIdReceiver;
  sensors.add(rx);
  std::vector<Track> last;
  const auto events = fly_lying_broadcast(sensors, last);
  EXPECT_TRUE(events.empty()) << events.front().reason;
  ASSERT_EQ(last.size(), 1U);
  EXPECT_FALSE(last[0].spoof_reason.empty());
  EXPECT_EQ(last[0].assessment.threat, ThreatLevel::None);
  EXPECT_NE(last[0].assessment.threat_reason.find("phantom"), std::string::npos);

  // Where no radar watches, the broadcast is all there is: it is assessed and alerted on.
  SensorRegistry rid_only;
  rid_only.add(rx);
  const auto alone = fly_lying_broadcast(rid_only, last);
  ASSERT_FALSE(alone.empty());
  EXPECT_NE(alone.front().reason.find("spoofed broadcast"), std::string::npos);
}

TEST(Assessor, CoinTossBetweenBirdAndDroneRaisesNothingButAnUnlikelyBirdDoes) {
  // Only the camera's opinion and the prior (drone 0.15 + 0.05, bird 0.6) decide here, so the
  // posterior is set exactly: camera drone c, bird 1 - c.
  AssessConfig cfg = AssessConfig::defaults();
  cfg.classifier.kinematic_weight = 0.0;
  cfg.classifier.sensor_weight = 1.0;
  auto run = [&](double c, double* p_drone, double* p_bird) {
    Assessor a = make(cfg);
    std::vector<AlertEvent> events;
    for (int i = 0; i <= 60; ++i) {
      const double t = i;
      const Vec3 v{10, 0, 0};
      Track k = test::make_track(4, t, Vec3{-1500, 0, 60} + v * t, v, 5.0, 0.5);
      ClassProbabilities p;
      p[TargetClass::DroneMultirotor] = c;
      p[TargetClass::Bird] = 1.0 - c;
      k.sensor_class_probabilities = p;
      k.sensors = {SensorId{1}};
      std::vector<Track> tracks{k};
      a.update(Time::from_seconds(t), tracks, {});
      for (auto& e : a.take_events()) {
        events.push_back(std::move(e));
      }
      *p_drone = tracks[0].assessment.class_probabilities.coarse(CoarseClass::Drone);
      *p_bird = tracks[0].assessment.class_probabilities.coarse(CoarseClass::Bird);
    }
    return events;
  };
  double pd = 0.0;
  double pb = 0.0;
  // Drone 0.55, bird 0.45: a coin toss, heading for the plant. Nothing.
  EXPECT_TRUE(run(0.83, &pd, &pb).empty());
  EXPECT_NEAR(pd, 0.55, 0.02);
  EXPECT_NEAR(pb, 0.45, 0.02);
  // Drone 0.65, bird 0.35: not sure enough for "drone" (0.7), but a bird is unlikely (<= 0.4):
  // "unknown", alerted as early as a drone would be.
  const auto unknown = run(0.881, &pd, &pb);
  EXPECT_NEAR(pd, 0.65, 0.02);
  ASSERT_FALSE(unknown.empty());
  EXPECT_EQ(unknown.front().zone, "plant");
  EXPECT_NE(unknown.front().reason.find("unknown"), std::string::npos);
  EXPECT_LT(unknown.front().time.seconds(), 5.0);
}

TEST(Assessor, KinematicsWaitForTheTrackToSettle) {
  // settle_s = 5: a track's first 5 s are its filter settling, not the target's motion.
  Assessor a = make();
  fly(a, {{1, Vec3{-2750, 0, 60}, Vec3{15, 0, 0}, TargetClass::DroneMultirotor, ""}}, 4);
  const KinematicFeatures* young = a.features_of(TrackId{1});
  ASSERT_NE(young, nullptr);
  EXPECT_EQ(young->samples, 0U);
  fly(a, {{1, Vec3{-2750, 0, 60}, Vec3{15, 0, 0}, TargetClass::DroneMultirotor, ""}}, 9);
  const KinematicFeatures* settled = a.features_of(TrackId{1});
  ASSERT_NE(settled, nullptr);
  EXPECT_EQ(settled->samples, 5U);  // reports at 5, 6, 7, 8 and 9 s
}

TEST(Assessor, Deterministic) {
  auto run = [] {
    Assessor a = make();
    const auto ev = fly(a,
                        {{1, Vec3{-2750, 0, 60}, Vec3{15, 0, 0}, TargetClass::DroneMultirotor, ""},
                         {2, Vec3{-600, 50, 40}, Vec3{8, 1, 0}, TargetClass::Bird, ""}},
                        120);
    std::string s;
    for (const auto& e : ev) {
      s += std::to_string(e.time.ns) + std::string(to_string(e.state)) + e.zone + e.reason + "\n";
    }
    return s;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace dewline::assess
