#include "track/class_compatibility.hpp"

#include <gtest/gtest.h>

namespace dewline::track {
namespace {

Detection camera_says(double bird, double multirotor, double unknown) {
  Detection d;
  ClassProbabilities p;
  p[TargetClass::Bird] = bird;
  p[TargetClass::DroneMultirotor] = multirotor;
  p[TargetClass::Unknown] = unknown;
  d.class_probabilities = p;
  return d;
}

TEST(ClassCompatibility, ADirectionFinderSaysDroneAndNothingElse) {
  const auto rf = class_opinion(Detection{}, SensorKind::RfDetector);
  ASSERT_TRUE(rf.has_value());
  EXPECT_DOUBLE_EQ((*rf)[TargetClass::DroneMultirotor] + (*rf)[TargetClass::DroneFixedWing], 1.0);
  EXPECT_FALSE(class_opinion(Detection{}, SensorKind::RotatingRadar).has_value());
  EXPECT_FALSE(class_opinion(Detection{}, SensorKind::Acoustic).has_value());
}

TEST(ClassCompatibility, UnknownIsSpreadOverTheRealClasses) {
  const auto o = class_opinion(camera_says(0.0, 0.0, 1.0), SensorKind::EoIr);
  ASSERT_TRUE(o.has_value());
  EXPECT_DOUBLE_EQ((*o)[TargetClass::Unknown], 0.0);
  EXPECT_NEAR((*o)[TargetClass::Bird], 1.0 / 6.0, 1e-12);
  // "Don't know" agrees with anything exactly as much as no opinion does.
  EXPECT_NEAR(class_compatibility(o, class_opinion(Detection{}, SensorKind::RfDetector)), 1.0,
              1e-12);
}

TEST(ClassCompatibility, BirdAndDroneContradictDroneAndDroneAgree) {
  const auto rf = class_opinion(Detection{}, SensorKind::RfDetector);
  const auto bird = class_opinion(camera_says(0.85, 0.08, 0.07), SensorKind::EoIr);
  const auto drone = class_opinion(camera_says(0.05, 0.9, 0.05), SensorKind::EoIr);
  EXPECT_LT(class_compatibility(rf, bird), 0.5);
  EXPECT_GT(class_compatibility(rf, drone), 2.5);
  EXPECT_GT(class_compatibility(bird, bird), 4.0);
  EXPECT_LT(class_compatibility(bird, drone), 1.0);
  // No opinion on either side: neutral.
  EXPECT_DOUBLE_EQ(class_compatibility(bird, std::nullopt), 1.0);
  EXPECT_DOUBLE_EQ(class_compatibility(std::nullopt, std::nullopt), 1.0);
}

}  // namespace
}  // namespace dewline::track
