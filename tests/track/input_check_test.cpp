#include "track/input_check.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace dewline::track {
namespace {

Detection polar() {
  Detection d;
  PolarMeasurement m;
  m.range_m = 2500.0;
  m.azimuth_rad = 0.7;
  m.elevation_rad = 0.05;
  m.range_rate_mps = -12.0;
  m.sigma_range_m = 5.0;
  m.sigma_azimuth_rad = 0.005;
  m.sigma_elevation_rad = 0.006;
  m.sigma_range_rate_mps = 0.3;
  d.measurement = m;
  return d;
}

Detection bearing() {
  Detection d;
  BearingMeasurement m;
  m.azimuth_rad = -2.0;
  m.elevation_rad = 0.1;
  m.sigma_azimuth_rad = 0.05;
  m.sigma_elevation_rad = 0.05;
  d.measurement = m;
  return d;
}

Detection position() {
  Detection d;
  PositionMeasurement m;
  m.position_m = Vec3(1200.0, -800.0, 90.0);
  m.covariance_m2 = Mat3::Identity() * 25.0;
  m.velocity_mps = Vec3(10.0, 2.0, 0.0);
  m.velocity_covariance_m2ps2 = Mat3::Identity();
  d.measurement = m;
  return d;
}

template <typename M, typename F>
std::string_view with(Detection d, F change) {
  change(std::get<M>(d.measurement));
  return check_detection(d);
}

TEST(InputCheck, PlausibleDetectionsOfEveryKindPass) {
  EXPECT_EQ(check_detection(polar()), "");
  EXPECT_EQ(check_detection(bearing()), "");
  EXPECT_EQ(check_detection(position()), "");
}

TEST(InputCheck, NonFiniteFieldsAreNanOrInf) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(with<PolarMeasurement>(polar(), [&](auto& m) { m.range_m = nan; }), "nan_or_inf");
  EXPECT_EQ(with<BearingMeasurement>(bearing(), [&](auto& m) { m.azimuth_rad = inf; }),
            "nan_or_inf");
  EXPECT_EQ(with<PositionMeasurement>(position(), [&](auto& m) { m.covariance_m2(0, 1) = nan; }),
            "nan_or_inf");
  Detection d = polar();
  d.sensor_position_m.x() = inf;
  EXPECT_EQ(check_detection(d), "nan_or_inf");
}

// Finite but absurd values from a corrupt field: before these bounds a 1e266 m range reached the
// spatial index's integer cell arithmetic (fuzz/tracker_fuzz.cpp found it).
TEST(InputCheck, FiniteButAbsurdMagnitudesAreOutOfRange) {
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.range_m = 1e266; }),
            "range_out_of_range");
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.range_m = 9.9e6; }), "");
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.range_rate_mps = 3e4; }),
            "velocity_out_of_range");
  EXPECT_EQ(with<PositionMeasurement>(position(), [](auto& m) { m.position_m.z() = 2e7; }),
            "position_out_of_range");
  EXPECT_EQ(with<PositionMeasurement>(position(), [](auto& m) { m.velocity_mps->x() = 2e4; }),
            "velocity_out_of_range");
  Detection d = bearing();
  d.sensor_position_m = Vec3(0.0, 5e7, 0.0);
  EXPECT_EQ(check_detection(d), "position_out_of_range");
}

TEST(InputCheck, NoiseOutsideItsBoundsIsBadNoise) {
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.sigma_range_m = 0.0; }), "bad_noise");
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.sigma_range_m = 1e300; }), "bad_noise");
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.sigma_azimuth_rad = 1e-300; }),
            "bad_noise");
  EXPECT_EQ(with<BearingMeasurement>(bearing(), [](auto& m) { m.sigma_azimuth_rad = 4.0; }),
            "bad_noise");
  // Without elevation its sigma is not read.
  EXPECT_EQ(with<BearingMeasurement>(bearing(),
                                     [](auto& m) {
                                       m.elevation_rad.reset();
                                       m.sigma_elevation_rad = 0.0;
                                     }),
            "");
  EXPECT_EQ(with<PositionMeasurement>(position(), [](auto& m) { m.covariance_m2(2, 2) = 1e300; }),
            "bad_noise");
  EXPECT_EQ(with<PositionMeasurement>(position(), [](auto& m) { m.covariance_m2(0, 1) = 10.0; }),
            "bad_noise");  // not symmetric
  EXPECT_EQ(with<PositionMeasurement>(position(),
                                      [](auto& m) {
                                        m.covariance_m2(0, 1) = 100.0;
                                        m.covariance_m2(1, 0) = 100.0;
                                      }),
            "bad_noise");  // not positive definite
  EXPECT_EQ(with<PositionMeasurement>(position(),
                                      [](auto& m) {
                                        m.covariance_m2(0, 1) = 10.0;
                                        m.covariance_m2(1, 0) = 10.0;
                                      }),
            "");
  EXPECT_EQ(
      with<PositionMeasurement>(position(), [](auto& m) { m.velocity_covariance_m2ps2 *= 0.0; }),
      "bad_noise");
}

TEST(InputCheck, AnglesBeyondAFewTurnsOrPastTheZenithAreOutOfRange) {
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.azimuth_rad = 100.0; }),
            "angle_out_of_range");
  EXPECT_EQ(with<BearingMeasurement>(bearing(), [](auto& m) { m.elevation_rad = 1.6; }),
            "angle_out_of_range");
  EXPECT_EQ(with<PolarMeasurement>(polar(), [](auto& m) { m.range_m = -3.0; }), "negative_range");
}

TEST(InputCheck, ClassProbabilitiesMustBeFiniteAndNotNegative) {
  Detection d = bearing();
  ClassProbabilities p;
  p[TargetClass::Bird] = 0.7;
  p[TargetClass::DroneMultirotor] = 0.3;
  d.class_probabilities = p;
  EXPECT_EQ(check_detection(d), "");
  d.class_probabilities->p[1] = -0.2;
  EXPECT_EQ(check_detection(d), "negative_class_probability");
  d.class_probabilities->p[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(check_detection(d), "nan_or_inf");
  d.class_probabilities->p[1] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(check_detection(d), "nan_or_inf");
}

}  // namespace
}  // namespace dewline::track
