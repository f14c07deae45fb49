#include "track/birth_height.hpp"

#include <algorithm>
#include <cmath>

namespace dewline::track {

double BirthHeightShape::weight(double height_m) const {
  if (scale_m <= 0.0) {
    return 1.0;
  }
  const double h = std::max(0.0, height_m);
  return low_share * ground_weight * std::exp(-h / scale_m) + (1.0 - low_share);
}

BirthHeightShape make_birth_height_shape(double scale_m, double low_share, double sensor_height_m,
                                         double range_min_m, double range_max_m,
                                         double elevation_max_rad) {
  BirthHeightShape s;
  if (scale_m <= 0.0 || range_max_m <= range_min_m || elevation_max_rad <= 0.0) {
    return s;
  }
  s.scale_m = scale_m;
  s.low_share = std::clamp(low_share, 0.0, 1.0);
  // Mean of exp(-h / H) over the coverage by the midpoint rule in range and elevation; the
  // volume element is r^2 cos(el) dr d(el) d(az), and nothing depends on azimuth.
  constexpr int kSteps = 256;
  double num = 0.0;
  double den = 0.0;
  for (int i = 0; i < kSteps; ++i) {
    const double r = range_min_m + (range_max_m - range_min_m) * (i + 0.5) / kSteps;
    for (int j = 0; j < kSteps; ++j) {
      const double el = elevation_max_rad * (j + 0.5) / kSteps;
      const double dv = r * r * std::cos(el);
      const double h = std::max(0.0, sensor_height_m + r * std::sin(el));
      num += dv * std::exp(-h / scale_m);
      den += dv;
    }
  }
  s.ground_weight = num > 0.0 ? den / num : 1.0;
  return s;
}

}  // namespace dewline::track
