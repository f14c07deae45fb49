#include "core/zone.hpp"

#include <gtest/gtest.h>

namespace dewline {
namespace {

Zone square() {
  Zone z;
  z.name = "sq";
  z.floor_m = 0.0;
  z.ceiling_m = 100.0;
  z.polygon = {Vec2{0, 0}, Vec2{100, 0}, Vec2{100, 100}, Vec2{0, 100}};
  return z;
}

TEST(Zone, ContainsRespectsFootprintFloorAndCeiling) {
  const Zone z = square();
  EXPECT_TRUE(z.contains(Vec3{50, 50, 50}));
  EXPECT_FALSE(z.contains(Vec3{150, 50, 50}));
  EXPECT_FALSE(z.contains(Vec3{50, 50, 150}));
  EXPECT_DOUBLE_EQ(z.horizontal_distance(Vec2{130, 50}), 30.0);
}

TEST(Zone, EntryTimeOfStraightLine) {
  const Zone z = square();
  auto t = z.entry_time(Vec3{-100, 50, 50}, Vec3{10, 0, 0}, 60.0);
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(*t, 10.0, 1e-9);
  EXPECT_FALSE(z.entry_time(Vec3{-100, 50, 50}, Vec3{-10, 0, 0}, 60.0).has_value());
  // Above the ceiling and descending: enters when it crosses 100 m over the footprint.
  auto d = z.entry_time(Vec3{50, 50, 200}, Vec3{0, 0, -10}, 60.0);
  ASSERT_TRUE(d.has_value());
  EXPECT_NEAR(*d, 10.0, 1e-9);
}

TEST(Zone, CircleEntry) {
  Zone z;
  z.circle_center = Vec2{0, 0};
  z.circle_radius_m = 50.0;
  auto t = z.entry_time(Vec3{-150, 0, 10}, Vec3{20, 0, 0}, 60.0);
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(*t, 5.0, 1e-9);
}

}  // namespace
}  // namespace dewline
