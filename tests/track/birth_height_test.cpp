#include "track/birth_height.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace dewline::track {
namespace {

// Mean of the weight over points drawn uniformly in the coverage volume (r^2 cos(el) density).
double mean_weight_over_coverage(const BirthHeightShape& s, double sensor_z, double rmin,
                                 double rmax, double elmax) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  double sum = 0.0;
  constexpr int kSamples = 200000;
  for (int i = 0; i < kSamples; ++i) {
    // Inverse CDFs: r^2 on [rmin, rmax], cos(el) on [0, elmax].
    const double r =
        std::cbrt(rmin * rmin * rmin + u(rng) * (rmax * rmax * rmax - rmin * rmin * rmin));
    const double el = std::asin(u(rng) * std::sin(elmax));
    sum += s.weight(sensor_z + r * std::sin(el));
  }
  return sum / kSamples;
}

TEST(BirthHeight, TheShapeKeepsTheNumberOfTargetsOverTheCoverage) {
  for (const double rmax : {2000.0, 7243.0, 13107.0, 60000.0}) {
    for (const double sensor_z : {0.0, 25.0}) {
      const BirthHeightShape s = make_birth_height_shape(300.0, 0.8, sensor_z, 100.0, rmax, 0.785);
      EXPECT_NEAR(mean_weight_over_coverage(s, sensor_z, 100.0, rmax, 0.785), 1.0, 0.01)
          << "range " << rmax << " sensor height " << sensor_z;
    }
  }
}

TEST(BirthHeight, TargetsAreDenserLowAndNeverAbsentHigh) {
  const BirthHeightShape s = make_birth_height_shape(300.0, 0.8, 0.0, 100.0, 7243.0, 0.785);
  EXPECT_GT(s.weight(0.0), 3.0);  // a 45-degree coverage of 7 km is mostly far above 300 m
  EXPECT_GT(s.weight(0.0), s.weight(150.0));
  EXPECT_GT(s.weight(150.0), s.weight(600.0));
  EXPECT_NEAR(s.weight(5000.0), 0.2, 1e-3);   // aircraft: the uniform share remains
  EXPECT_EQ(s.weight(-50.0), s.weight(0.0));  // below the site's origin counts as the ground
  // A coverage that stays low (a radar looking along the ground) gains little from the shape.
  const BirthHeightShape flat = make_birth_height_shape(300.0, 0.8, 0.0, 100.0, 3000.0, 0.02);
  EXPECT_LT(flat.ground_weight, 1.2);
}

TEST(BirthHeight, ScaleZeroIsUniform) {
  const BirthHeightShape s = make_birth_height_shape(0.0, 0.8, 0.0, 100.0, 7243.0, 0.785);
  EXPECT_EQ(s.weight(0.0), 1.0);
  EXPECT_EQ(s.weight(3000.0), 1.0);
}

}  // namespace
}  // namespace dewline::track
