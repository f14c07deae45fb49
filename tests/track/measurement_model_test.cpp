#include "track/measurement_model.hpp"

#include <gtest/gtest.h>

#include "core/angles.hpp"

namespace dewline::track {
namespace {

Detection polar_detection(bool elevation, bool range_rate) {
  Detection d;
  d.sensor_position_m = Vec3{10, -20, 5};
  PolarMeasurement p;
  p.range_m = 1000;
  p.azimuth_rad = 0.7;
  p.sigma_range_m = 5;
  p.sigma_azimuth_rad = 0.005;
  if (elevation) {
    p.elevation_rad = 0.1;
    p.sigma_elevation_rad = 0.005;
  }
  if (range_rate) {
    p.range_rate_mps = -3.0;
    p.sigma_range_rate_mps = 0.5;
  }
  d.measurement = p;
  return d;
}

TEST(MeasurementModel, PolarJacobianMatchesFiniteDifferences) {
  const MeasurementModel m = make_measurement_model(polar_detection(true, true));
  ASSERT_EQ(m.dim, 4);
  StateVec x;
  x << 600, 750, 120, 8, -3, 1, 0;
  const MeasJac H = m.jacobian(x);
  const double h = 1e-5;
  for (int j = 0; j < kStateDim; ++j) {
    StateVec xp = x;
    StateVec xm = x;
    xp(j) += h;
    xm(j) -= h;
    const MeasVec num = m.residual(m.h(xp), m.h(xm)) / (2 * h);
    for (int i = 0; i < m.dim; ++i) {
      EXPECT_NEAR(H(i, j), num(i), 1e-6) << "row " << i << " col " << j;
    }
  }
}

TEST(MeasurementModel, PolarPredictionIsRangeAzimuthElevation) {
  const MeasurementModel m = make_measurement_model(polar_detection(true, false));
  StateVec x;
  x << 10 + 300, -20 + 400, 5 + 0, 0, 0, 0, 0;
  const MeasVec z = m.h(x);
  EXPECT_NEAR(z(0), 500.0, 1e-9);
  EXPECT_NEAR(z(1), std::atan2(400.0, 300.0), 1e-12);
  EXPECT_NEAR(z(2), 0.0, 1e-12);
}

TEST(MeasurementModel, AzimuthResidualWraps) {
  const MeasurementModel m = make_measurement_model(polar_detection(false, false));
  MeasVec a(2);
  MeasVec b(2);
  a << 100, kPi - 0.01;
  b << 100, -kPi + 0.01;
  EXPECT_NEAR(m.residual(a, b)(1), -0.02, 1e-12);
}

TEST(MeasurementModel, BearingHasNoRangeAndPositionIsLinear) {
  Detection d;
  BearingMeasurement b;
  b.azimuth_rad = 1.0;
  b.sigma_azimuth_rad = 0.02;
  d.measurement = b;
  const MeasurementModel m = make_measurement_model(d);
  EXPECT_EQ(m.kind, MeasKind::Bearing);
  EXPECT_EQ(m.dim, 1);
  EXPECT_FALSE(m.has_point());

  PositionMeasurement p;
  p.position_m = Vec3{1, 2, 3};
  p.velocity_mps = Vec3{4, 5, 6};
  d.measurement = p;
  const MeasurementModel pm = make_measurement_model(d);
  EXPECT_EQ(pm.dim, 6);
  StateVec x;
  x << 1, 2, 3, 4, 5, 6, 0;
  EXPECT_NEAR(pm.residual(pm.z, pm.h(x)).norm(), 0.0, 1e-12);
}

}  // namespace
}  // namespace dewline::track
