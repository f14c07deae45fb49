#include "assess/threat.hpp"

#include <gtest/gtest.h>

#include "tests/assess/test_tracks.hpp"

namespace dewline::assess {
namespace {

AssessZone with_policy(const Zone& z) {
  auto built = build_zone_rules({z}, AssessConfig::defaults());
  EXPECT_TRUE(built.has_value());
  return (*built)[0];
}

ZoneThreat threat_of(const Zone& zone, const Track& t, CoarseClass c, IdentityCategory id,
                     double closing = 0.0) {
  const AssessZone z = with_policy(zone);
  const ThreatConfig cfg;
  const ZoneApproach a = approach(z.zone, t, z.policy.horizon_s, cfg);
  ThreatInputs in;
  in.coarse = c;
  in.identity = id;
  in.closing_on_protected_mps = closing;
  return zone_threat(z, a, in, cfg, 0.9);
}

TEST(Threat, ProtectedZoneLevelsFollowTimeToZone) {
  const Zone p = test::plant();
  const auto inside = threat_of(p, test::make_track(1, 0, Vec3{0, 0, 50}, Vec3{5, 0, 0}),
                                CoarseClass::Drone, IdentityCategory::NonCooperative);
  EXPECT_EQ(inside.level, ThreatLevel::Critical);
  EXPECT_TRUE(inside.alerting);
  EXPECT_NE(inside.reason.find("inside protected zone plant"), std::string::npos);
  // 20 s, 100 s and 400 s out at 10 m/s.
  const auto soon = threat_of(p, test::make_track(2, 0, Vec3{-450, 0, 50}, Vec3{10, 0, 0}),
                              CoarseClass::Drone, IdentityCategory::NonCooperative);
  EXPECT_EQ(soon.level, ThreatLevel::Critical);
  const auto mid = threat_of(p, test::make_track(3, 0, Vec3{-1250, 0, 50}, Vec3{10, 0, 0}),
                             CoarseClass::Drone, IdentityCategory::NonCooperative);
  EXPECT_EQ(mid.level, ThreatLevel::High);
  EXPECT_NE(mid.reason.find("heading into protected zone plant in 100 s"), std::string::npos)
      << mid.reason;
  const auto far = threat_of(p, test::make_track(4, 0, Vec3{-4250, 0, 50}, Vec3{10, 0, 0}),
                             CoarseClass::Drone, IdentityCategory::NonCooperative);
  EXPECT_EQ(far.level, ThreatLevel::Medium);
  EXPECT_TRUE(far.alerting);
  // Flying away: low, no alert.
  const auto away = threat_of(p, test::make_track(5, 0, Vec3{-1250, 0, 50}, Vec3{-10, 0, 0}),
                              CoarseClass::Drone, IdentityCategory::NonCooperative);
  EXPECT_EQ(away.level, ThreatLevel::Low);
  EXPECT_FALSE(away.alerting);
}

TEST(Threat, IdentityAndClassChangeTheLevel) {
  const Zone p = test::plant();
  const Track inbound = test::make_track(1, 0, Vec3{-1250, 0, 50}, Vec3{10, 0, 0});
  // Allow-listed: none.
  EXPECT_EQ(threat_of(p, inbound, CoarseClass::Drone, IdentityCategory::Friendly).level,
            ThreatLevel::None);
  // Birds and aircraft are not in the default alert classes.
  EXPECT_EQ(threat_of(p, inbound, CoarseClass::Bird, IdentityCategory::NonCooperative).level,
            ThreatLevel::None);
  EXPECT_EQ(threat_of(p, inbound, CoarseClass::Aircraft, IdentityCategory::Cooperative).level,
            ThreatLevel::None);
  // An honest Remote ID drone 100 s out on its straight line: only its entry within 30 s counts.
  const auto coop = threat_of(p, inbound, CoarseClass::Drone, IdentityCategory::Cooperative);
  EXPECT_EQ(coop.level, ThreatLevel::None);
  EXPECT_FALSE(coop.alerting);
  const auto coop_in = threat_of(p, test::make_track(2, 0, Vec3{0, 0, 50}, Vec3{1, 0, 0}),
                                 CoarseClass::Drone, IdentityCategory::Cooperative);
  EXPECT_EQ(coop_in.level, ThreatLevel::High);  // critical, one level lower
  EXPECT_TRUE(coop_in.alerting);
  // A spoofed broadcast counts as non-cooperative.
  EXPECT_EQ(threat_of(p, inbound, CoarseClass::Drone, IdentityCategory::Spoofed).level,
            ThreatLevel::High);
}

TEST(Threat, WarningZoneInsideOnly) {
  const Zone w = test::perimeter();
  const auto inside = threat_of(w, test::make_track(1, 0, Vec3{800, 0, 50}, Vec3{0, 0, 0}),
                                CoarseClass::Drone, IdentityCategory::NonCooperative);
  EXPECT_EQ(inside.level, ThreatLevel::Medium);
  EXPECT_TRUE(inside.alerting);
  const auto closing = threat_of(w, test::make_track(2, 0, Vec3{800, 0, 50}, Vec3{-10, 0, 0}),
                                 CoarseClass::Drone, IdentityCategory::NonCooperative, 10.0);
  EXPECT_EQ(closing.level, ThreatLevel::High);
  // A cooperative drone inside the warning zone: low, and the default policy does not alert.
  const auto coop = threat_of(w, test::make_track(3, 0, Vec3{800, 0, 50}, Vec3{0, 0, 0}),
                              CoarseClass::Drone, IdentityCategory::Cooperative);
  EXPECT_EQ(coop.level, ThreatLevel::Low);
  EXPECT_FALSE(coop.alerting);
}

}  // namespace
}  // namespace dewline::assess
