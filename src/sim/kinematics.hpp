// kinematics.hpp: the state of a simulated body and cubic Hermite interpolation between states.
//
// The simulator advances every body in fixed steps; sensors sample bodies at any time inside a
// step by cubic Hermite interpolation between the states at the step's two ends, which matches
// both positions and velocities there. The sampled path is therefore C1 (continuous position and
// velocity), and its velocity is the exact derivative of its position.
//
// Recorded trajectories (ADS-B replay) are stored as knots (time, position, velocity) and
// evaluated the same way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/geodesy.hpp"

namespace dewline::sim {

struct BodyState {
  Vec3 p = Vec3::Zero();  // position, site ENU, m
  Vec3 v = Vec3::Zero();  // velocity, m/s
  bool alive = false;
};

// Cubic Hermite between (p0, v0) at s = 0 and (p1, v1) at s = 1 over an interval of `h` seconds;
// `s` in [0, 1]. Returns the position and the velocity (d/dt) at s.
[[nodiscard]] inline BodyState hermite(const Vec3& p0, const Vec3& v0, const Vec3& p1,
                                       const Vec3& v1, double h, double s) {
  const double s2 = s * s;
  const double s3 = s2 * s;
  const double h00 = 2.0 * s3 - 3.0 * s2 + 1.0;
  const double h10 = s3 - 2.0 * s2 + s;
  const double h01 = -2.0 * s3 + 3.0 * s2;
  const double h11 = s3 - s2;
  const double d00 = 6.0 * s2 - 6.0 * s;
  const double d10 = 3.0 * s2 - 4.0 * s + 1.0;
  const double d01 = -6.0 * s2 + 6.0 * s;
  const double d11 = 3.0 * s2 - 2.0 * s;
  BodyState out;
  out.p = h00 * p0 + h10 * h * v0 + h01 * p1 + h11 * h * v1;
  out.v = (d00 * p0 + d10 * h * v0 + d01 * p1 + d11 * h * v1) / h;
  out.alive = true;
  return out;
}

// The state at time t inside [t0, t0 + h] between two step states.
[[nodiscard]] inline BodyState interpolate(const BodyState& a, const BodyState& b, double t0,
                                           double h, double t) {
  const double s = h > 0.0 ? (t - t0) / h : 0.0;
  return hermite(a.p, a.v, b.p, b.v, h, s < 0.0 ? 0.0 : (s > 1.0 ? 1.0 : s));
}

struct Knot {
  double t_s = 0.0;  // scenario seconds
  Vec3 p = Vec3::Zero();
  Vec3 v = Vec3::Zero();
};

// A recorded flight in the site frame, ready to interpolate.
struct ReplayTrack {
  std::uint32_t icao24 = 0;
  std::string callsign;
  std::vector<Knot> knots;  // strictly increasing t_s, at least 2

  [[nodiscard]] double start_s() const { return knots.front().t_s; }
  [[nodiscard]] double end_s() const { return knots.back().t_s; }
  // State at t (clamped to the recorded span). Exact at the knots.
  [[nodiscard]] BodyState at(double t) const;
  // Closest horizontal distance of any knot to the origin.
  [[nodiscard]] double min_horizontal_distance_m() const;
};

}  // namespace dewline::sim
