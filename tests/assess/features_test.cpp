#include "assess/features.hpp"

#include <cmath>
#include <functional>

#include <gtest/gtest.h>

namespace dewline::assess {
namespace {

std::deque<TrackSample> path(int n, const std::function<Vec3(double)>& pos) {
  std::deque<TrackSample> s;
  for (int i = 0; i < n; ++i) {
    const double t = i;
    TrackSample x;
    x.time = Time::from_seconds(t);
    x.position_m = pos(t);
    x.velocity_mps = (pos(t + 0.01) - pos(t - 0.01)) / 0.02;
    s.push_back(x);
  }
  return s;
}

TEST(Features, StraightLevelFlight) {
  const auto s = path(30, [](double t) { return Vec3{15.0 * t, 0.0, 80.0}; });
  const KinematicFeatures f = compute_features(s, 20.0);
  EXPECT_EQ(f.samples, 21U);  // the window keeps the last 20 s
  EXPECT_NEAR(f.span_s, 20.0, 1e-9);
  EXPECT_NEAR(f[Feature::Speed], 15.0, 1e-6);
  EXPECT_NEAR(f[Feature::Alt], 80.0, 1e-9);
  EXPECT_NEAR(f[Feature::Straight], 1.0, 1e-9);
  EXPECT_NEAR(f[Feature::Turn], 0.0, 1e-6);
  EXPECT_NEAR(f[Feature::Hover], 0.0, 1e-12);
  EXPECT_NEAR(f[Feature::Climb], 0.0, 1e-9);
  EXPECT_NEAR(f[Feature::SpeedCv], 0.0, 1e-6);
}

TEST(Features, CirclingHasTurnRateAndNoStraightness) {
  // A 60 m circle at 10 m/s: 1/6 rad/s = 9.55 deg/s.
  const auto s = path(40, [](double t) {
    return Vec3{60.0 * std::cos(t / 6.0), 60.0 * std::sin(t / 6.0), 50.0 + 0.5 * t};
  });
  const KinematicFeatures f = compute_features(s, 20.0);
  EXPECT_NEAR(f[Feature::Turn], 9.549, 0.01);
  EXPECT_NEAR(f[Feature::Speed], 10.0, 1e-4);  // chord speed of 1 s samples
  EXPECT_LT(f[Feature::Straight], 0.6);
  EXPECT_NEAR(f[Feature::Climb], 0.5, 1e-6);
  EXPECT_TRUE(f.valid[static_cast<std::size_t>(Feature::TurnStd)]);
}

TEST(Features, HoverAndTooFewSamples) {
  const auto s = path(25, [](double) { return Vec3{100.0, 200.0, 40.0}; });
  const KinematicFeatures f = compute_features(s, 20.0);
  EXPECT_NEAR(f[Feature::Hover], 1.0, 1e-12);
  EXPECT_FALSE(f.valid[static_cast<std::size_t>(Feature::Turn)]);      // never moving
  EXPECT_FALSE(f.valid[static_cast<std::size_t>(Feature::Straight)]);  // no path
  const KinematicFeatures one =
      compute_features(path(1, [](double) { return Vec3::Zero(); }), 20.0);
  EXPECT_EQ(one.samples, 1U);
  EXPECT_FALSE(one.valid[static_cast<std::size_t>(Feature::VzStd)]);
}

TEST(Features, BinsFollowTheEdges) {
  const FeatureSpec& speed = kFeatureSpecs[static_cast<std::size_t>(Feature::Speed)];
  EXPECT_EQ(speed.bin_of(0.5), 0U);
  EXPECT_EQ(speed.bin_of(1.0), 1U);  // [1, 2)
  EXPECT_EQ(speed.bin_of(1000.0), speed.bins() - 1);
  for (const auto& spec : kFeatureSpecs) {
    EXPECT_LE(spec.bins(), 25U) << spec.name;
    for (std::size_t i = 1; i < spec.edge_count; ++i) {
      EXPECT_LT(spec.edges[i - 1], spec.edges[i]) << spec.name;
    }
  }
}

}  // namespace
}  // namespace dewline::assess
