#include "assess/approach.hpp"

#include <gtest/gtest.h>

#include "tests/assess/test_tracks.hpp"

namespace dewline::assess {
namespace {

TEST(Approach, StraightLineEntryTimeAndClosing) {
  const Zone z = test::plant();
  const Track t = test::make_track(1, 0.0, Vec3{-1250, 0, 50}, Vec3{20, 0, 0});
  const ZoneApproach a = approach(z, t, 600.0, ThreatConfig{});
  EXPECT_FALSE(a.inside);
  ASSERT_TRUE(a.entry_s.has_value());
  EXPECT_NEAR(*a.entry_s, 50.0, 1e-6);  // 1000 m at 20 m/s
  EXPECT_TRUE(a.may_enter);
  EXPECT_NEAR(a.time_to_zone_s, 50.0, 1e-6);
  EXPECT_NEAR(a.distance_m, 1000.0, 1e-6);
  EXPECT_NEAR(a.closing_mps, 20.0, 1e-6);
  EXPECT_EQ(a.cpa_m, 0.0);
  EXPECT_EQ(a.p_enter, 1.0);
  // The along-track spread of the entry time grows with the velocity uncertainty.
  EXPECT_GT(a.entry_sigma_s, 0.0);
}

TEST(Approach, NearMissWithinUncertaintyMayEnter) {
  const Zone z = test::plant();
  // Passes 60 m north of the zone (y = 240 vs the edge at 180).
  const Track sure = test::make_track(1, 0.0, Vec3{-2000, 240, 50}, Vec3{20, 0, 0}, 2.0, 0.01);
  const ZoneApproach a = approach(z, sure, 600.0, ThreatConfig{});
  EXPECT_FALSE(a.entry_s.has_value());
  EXPECT_NEAR(a.cpa_m, 60.0, 0.5);
  EXPECT_FALSE(a.may_enter) << "cpa sigma " << a.cpa_sigma_m;
  // The same path with 1 m/s of velocity noise: the zone is inside its uncertainty cone.
  const Track unsure = test::make_track(2, 0.0, Vec3{-2000, 240, 50}, Vec3{20, 0, 0}, 5.0, 1.0);
  const ZoneApproach b = approach(z, unsure, 600.0, ThreatConfig{});
  EXPECT_NEAR(b.cpa_m, 60.0, 0.5);
  EXPECT_GT(b.cpa_sigma_m, 60.0);
  EXPECT_TRUE(b.may_enter);
  EXPECT_GT(b.p_enter, 0.5);
  // Closest (60 m) all along the zone's north edge, x in [-250, 250]: t in [87.5, 112.5] s.
  EXPECT_GE(b.time_to_zone_s, 87.4);
  EXPECT_LE(b.time_to_zone_s, 112.6);
}

TEST(Approach, InsideAndAboveCeiling) {
  const Zone z = test::plant();
  const ZoneApproach in =
      approach(z, test::make_track(1, 0, Vec3{0, 0, 50}, Vec3{0, 0, 0}), 600.0, ThreatConfig{});
  EXPECT_TRUE(in.inside);
  EXPECT_EQ(in.time_to_zone_s, 0.0);
  const ZoneApproach above =
      approach(z, test::make_track(2, 0, Vec3{0, 0, 400}, Vec3{0, 0, 0}), 600.0, ThreatConfig{});
  EXPECT_FALSE(above.inside);
  EXPECT_NEAR(above.distance_m, 100.0, 1e-9);
  EXPECT_FALSE(above.may_enter);  // hovering: no heading, no predicted entry
}

TEST(Approach, CircleZone) {
  const Zone z = test::perimeter();
  const Track t = test::make_track(1, 0, Vec3{0, -2500, 50}, Vec3{0, 10, 0});
  const ZoneApproach a = approach(z, t, 600.0, ThreatConfig{});
  ASSERT_TRUE(a.entry_s.has_value());
  EXPECT_NEAR(*a.entry_s, 100.0, 1e-6);
}

}  // namespace
}  // namespace dewline::assess
