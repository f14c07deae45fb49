#include "track/class_compatibility.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

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

TEST(ClassCompatibility, ATracksOpinionKeepsEveryClassPossible) {
  // Forty camera reports of "bird" summed as log-probabilities: the sum alone all but rules out a
  // drone; the opinion association reads holds every real class at the floor.
  std::array<double, kTargetClassCount> log{};
  for (int k = 0; k < 40; ++k) {
    log[static_cast<std::size_t>(TargetClass::Bird)] += std::log(0.85);
    log[static_cast<std::size_t>(TargetClass::DroneMultirotor)] += std::log(0.08);
    log[static_cast<std::size_t>(TargetClass::DroneFixedWing)] += std::log(0.02);
    log[static_cast<std::size_t>(TargetClass::AircraftFixedWing)] += std::log(0.02);
    log[static_cast<std::size_t>(TargetClass::Unknown)] += std::log(0.03);
    // The tracker floors each report's probabilities at 0.02 before summing.
    log[static_cast<std::size_t>(TargetClass::Helicopter)] += std::log(0.02);
    log[static_cast<std::size_t>(TargetClass::Glider)] += std::log(0.02);
  }
  const ClassProbabilities a = track_opinion(log, 0.05);
  EXPECT_DOUBLE_EQ(a[TargetClass::Unknown], 0.0);
  double sum = 0.0;
  for (double v : a.p) {
    sum += v;
  }
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_GT(a[TargetClass::Bird], 0.75);
  EXPECT_GT(a[TargetClass::DroneMultirotor], 0.035);
  // An RF bearing fits this track about four times worse than no opinion, not a billion times.
  const double rf = class_compatibility(a, class_opinion(Detection{}, SensorKind::RfDetector));
  EXPECT_GT(rf, 0.15);
  EXPECT_LT(rf, 0.3);
  // Only "unknown" reports: no class is favoured.
  std::array<double, kTargetClassCount> unsure{};
  unsure[static_cast<std::size_t>(TargetClass::Unknown)] = 5.0;
  const ClassProbabilities u = track_opinion(unsure, 0.05);
  EXPECT_NEAR(u[TargetClass::Bird], u[TargetClass::DroneMultirotor], 0.02);
}


TEST(ClassCompatibility, AnOpinionWhoseSumOverflowsSaysNothing) {
  // Each value is finite (input checks refuse others) but their sum is not.
  Detection d;
  ClassProbabilities p;
  p[TargetClass::Bird] = 1e308;
  p[TargetClass::DroneMultirotor] = 1e308;
  d.class_probabilities = p;
  const auto o = class_opinion(d, SensorKind::EoIr);
  ASSERT_TRUE(o.has_value());
  EXPECT_NEAR((*o)[TargetClass::Bird], 1.0 / 6.0, 1e-12);
  const auto rf = class_opinion(Detection{}, SensorKind::RfDetector);
  EXPECT_NEAR(class_compatibility(o, rf), 1.0, 1e-12);
}

}  // namespace
}  // namespace dewline::track
