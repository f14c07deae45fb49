#include "eval/gospa.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/assignment.hpp"

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

// Large scenes are solved component by component (pairs closer than c); the result must equal
// the one dense assignment over every pair.
TEST(Gospa, ComponentsGiveTheDenseOptimum) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0.0, 2000.0);
  std::normal_distribution<double> jitter(0.0, 40.0);
  for (int round = 0; round < 3; ++round) {
    std::vector<Vec3> truths;
    std::vector<Vec3> tracks;
    for (int i = 0; i < 180; ++i) {
      truths.emplace_back(u(rng), u(rng), 100.0);
      if (i % 5 != 0) {  // some truths without a track, in clusters of near neighbours
        tracks.emplace_back(truths.back() + Vec3{jitter(rng), jitter(rng), jitter(rng)});
      }
    }
    for (int j = 0; j < 30; ++j) {
      tracks.emplace_back(u(rng), u(rng), 100.0);
    }
    GospaCalculator calc;
    const GospaResult r = calc.compute(truths, tracks);
    // Reference: one dense problem.
    std::vector<double> cost(truths.size() * tracks.size());
    for (std::size_t i = 0; i < truths.size(); ++i) {
      for (std::size_t j = 0; j < tracks.size(); ++j) {
        cost[i * tracks.size() + j] = std::min((truths[i] - tracks[j]).norm(), 100.0);
      }
    }
    AssignmentSolver solver;
    const auto& a = solver.solve(cost, truths.size(), tracks.size());
    double loc = 0.0;
    std::size_t pairs = 0;
    for (std::size_t i = 0; i < truths.size(); ++i) {
      if (a[i] >= 0 && cost[i * tracks.size() + static_cast<std::size_t>(a[i])] < 100.0) {
        loc += cost[i * tracks.size() + static_cast<std::size_t>(a[i])];
        ++pairs;
      }
    }
    const double dense =
        loc + 50.0 * static_cast<double>(truths.size() + tracks.size() - 2 * pairs);
    EXPECT_NEAR(r.gospa, dense, 1e-6);
    EXPECT_NEAR(r.localisation, loc, 1e-6);
    EXPECT_EQ(r.missed, truths.size() - pairs);
    EXPECT_EQ(r.false_tracks, tracks.size() - pairs);
  }
}

}  // namespace
}  // namespace dewline::eval
