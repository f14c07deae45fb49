#include "eval/gospa.hpp"

#include <gtest/gtest.h>

namespace dewline::eval {
namespace {

TEST(Gospa, EmptySetsCostHalfCutoffEach) {
  GospaCalculator g;
  auto r = g.compute({Vec3{0, 0, 0}, Vec3{1000, 0, 0}}, {});
  EXPECT_DOUBLE_EQ(r.gospa, 100.0);  // 2 missed * c/2
  EXPECT_EQ(r.missed, 2U);
  auto f = g.compute({}, {Vec3{0, 0, 0}});
  EXPECT_DOUBLE_EQ(f.gospa, 50.0);
  EXPECT_EQ(f.false_tracks, 1U);
  EXPECT_DOUBLE_EQ(g.compute({}, {}).gospa, 0.0);
}

TEST(Gospa, SplitsIntoLocalisationMissedAndFalse) {
  GospaCalculator g;
  // Truth 0 has a track 10 m away; truth 1 has none within c; one track is far from all.
  auto r = g.compute({Vec3{0, 0, 0}, Vec3{500, 0, 0}}, {Vec3{10, 0, 0}, Vec3{0, 900, 0}});
  EXPECT_DOUBLE_EQ(r.localisation, 10.0);
  EXPECT_EQ(r.missed, 1U);
  EXPECT_EQ(r.false_tracks, 1U);
  EXPECT_DOUBLE_EQ(r.gospa, 10.0 + 50.0 + 50.0);
  EXPECT_EQ(r.truth_to_track, (std::vector<int>{0, -1}));
}

TEST(Gospa, PicksTheOptimalPairing) {
  GospaCalculator g;
  // Greedy would pair truth 0 with track 0 (d=1) leaving truth 1 with track 1 (d=99): 100.
  // Optimal: truth 0 - track 1 (d=2), truth 1 - track 0 (d=2): 4.
  auto r = g.compute({Vec3{0, 0, 0}, Vec3{3, 0, 0}}, {Vec3{1, 0, 0}, Vec3{-2, 0, 0}});
  EXPECT_NEAR(r.gospa, 4.0, 1e-12);
}

TEST(Gospa, OrderTwo) {
  GospaCalculator g(GospaParams{100.0, 2.0, 2.0});
  auto r = g.compute({Vec3{0, 0, 0}}, {Vec3{3, 4, 0}, Vec3{0, 500, 0}});
  // sqrt(5^2 + 100^2 / 2)
  EXPECT_NEAR(r.gospa, std::sqrt(25.0 + 5000.0), 1e-9);
}

}  // namespace
}  // namespace dewline::eval
