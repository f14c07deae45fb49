#include "track/track_decorrelation.hpp"

#include <gtest/gtest.h>

#include "tests/track/tracker_test_support.hpp"

namespace dewline::track {
namespace {

using test::NodeFilter;

const auto kTruth = [](double t) { return Vec3{500.0 + 10.0 * t, -200.0 + 4.0 * t, 80.0}; };

TEST(TrackDecorrelation, RecoversTheMeasurementAKalmanFilterUsed) {
  test::Noise n(4);
  NodeFilter node;
  node.run(20, n, kTruth);
  for (std::size_t k = 5; k < node.estimates.size(); ++k) {
    const auto eq = equivalent_measurement(node.estimates[k - 1], node.estimates[k], node.q);
    ASSERT_TRUE(eq.has_value()) << k;
    EXPECT_EQ(eq->informative_dims, 3) << "position only was measured";
    EXPECT_LT((eq->z.head<3>() - node.measurements[k]).norm(), 1e-4) << k;
    EXPECT_LT((eq->R.topLeftCorner<3, 3>() - node.R).norm(), 1e-4) << k;
    const double min_velocity_var = eq->R.bottomRightCorner<3, 3>().diagonal().minCoeff();
    EXPECT_GT(min_velocity_var, 1e8) << "no new velocity information";
  }
}

TEST(TrackDecorrelation, AssumingLessProcessNoiseThanTheSensorIsConservative) {
  test::Noise n(5);
  NodeFilter node;
  node.q = 0.5;
  node.run(20, n, kTruth);
  // Less process noise than the sensor's: less new information is credited than it gathered.
  const auto less = equivalent_measurement(node.estimates[14], node.estimates[15], 0.0);
  ASSERT_TRUE(less.has_value());
  const double less_trace = less->R.topLeftCorner<3, 3>().trace();
  EXPECT_GT(less_trace, node.R.trace());
  // More: more is credited than it gathered (overconfident), hence the default of 0.
  const auto more = equivalent_measurement(node.estimates[14], node.estimates[15], 2.0);
  ASSERT_TRUE(more.has_value());
  const double more_trace = more->R.topLeftCorner<3, 3>().trace();
  EXPECT_LT(more_trace, node.R.trace());
}

TEST(TrackDecorrelation, NothingNewOrNotLaterGivesNothing) {
  SensorTrackEstimate a;
  a.time = Time::from_seconds(1.0);
  a.P = Mat6::Identity() * 25.0;
  SensorTrackEstimate b = a;
  EXPECT_FALSE(equivalent_measurement(a, b, 0.5).has_value()) << "same time";
  b.time = Time::from_seconds(2.0);
  // The later estimate is as uncertain as the earlier one predicted: it adds nothing.
  Mat6 F = Mat6::Identity();
  F.topRightCorner<3, 3>() = Eigen::Matrix3d::Identity();
  b.P = F * a.P * F.transpose() + Mat6::Identity() * 10.0;
  EXPECT_FALSE(equivalent_measurement(a, b, 0.5).has_value());
}

}  // namespace
}  // namespace dewline::track
