// angles.hpp: angle conventions and polar <-> Cartesian helpers.
//
// dewline's azimuth (in Detection and the exchange CSV) is measured counter-clockwise from East
// in the site's ENU axes, in radians: azimuth = atan2(dy, dx). Sensors and standards mostly give
// compass bearings (clockwise from North, degrees); convert at ingest with `compass_deg_to_azimuth`.
// Elevation is asin(dz / range), positive up.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/geodesy.hpp"

namespace dewline {

inline constexpr double kPi = std::numbers::pi;
inline constexpr double kDegToRad = std::numbers::pi / 180.0;
inline constexpr double kRadToDeg = 180.0 / std::numbers::pi;

// Wraps an angle into [-pi, pi).
[[nodiscard]] inline double wrap_pi(double a) {
  a = std::fmod(a + kPi, 2.0 * kPi);
  if (a < 0.0) {
    a += 2.0 * kPi;
  }
  return a - kPi;
}

// Wraps an angle into [0, 2 pi).
[[nodiscard]] inline double wrap_two_pi(double a) {
  a = std::fmod(a, 2.0 * kPi);
  return a < 0.0 ? a + 2.0 * kPi : a;
}

// Compass bearing (degrees clockwise from North) -> dewline azimuth (radians CCW from East).
[[nodiscard]] inline double compass_deg_to_azimuth(double bearing_deg) {
  return wrap_pi(kPi / 2.0 - bearing_deg * kDegToRad);
}
// dewline azimuth (radians CCW from East) -> compass bearing in degrees [0, 360).
[[nodiscard]] inline double azimuth_to_compass_deg(double azimuth_rad) {
  return wrap_two_pi(kPi / 2.0 - azimuth_rad) * kRadToDeg;
}

// Offset from a sensor (range, azimuth CCW from East, elevation) -> ENU offset.
[[nodiscard]] inline Vec3 polar_to_enu(double range_m, double azimuth_rad, double elevation_rad) {
  const double ce = std::cos(elevation_rad);
  return Vec3{range_m * ce * std::cos(azimuth_rad), range_m * ce * std::sin(azimuth_rad),
              range_m * std::sin(elevation_rad)};
}

struct Polar {
  double range_m = 0.0;
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
};

// ENU offset -> (range, azimuth, elevation). At zero range returns zeros.
[[nodiscard]] inline Polar enu_to_polar(const Vec3& d) {
  const double r = d.norm();
  if (r <= 0.0) {
    return {};
  }
  return Polar{r, std::atan2(d.y(), d.x()), std::asin(std::clamp(d.z() / r, -1.0, 1.0))};
}

}  // namespace dewline
