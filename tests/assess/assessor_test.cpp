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
