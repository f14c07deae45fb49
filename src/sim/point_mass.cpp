#include "sim/point_mass.hpp"

#include <algorithm>
#include <cmath>

namespace dewline::sim {

PointMassLimits limits_of(const Airframe& a) {
  PointMassLimits l;
  l.max_accel_mps2 = a.max_accel_mps2;
  l.max_speed_mps = a.max_speed_mps;
  l.max_climb_mps = a.max_climb_mps;
  l.max_descent_mps = a.max_descent_mps;
  l.response_s = a.response_s;
  return l;
}

void Gust::step(double dt, Rng& rng) {
  if (sigma_ <= 0.0) {
    return;
  }
  // Exact OU update over dt: a' = a e^{-dt/tau} + sigma sqrt(1 - e^{-2 dt/tau}) N(0, 1).
  const double decay = std::exp(-dt / tau_);
  const double k = sigma_ * std::sqrt(1.0 - decay * decay);
  for (int i = 0; i < 3; ++i) {
    a_[i] = a_[i] * decay + k * rng.normal() * (i == 2 ? 0.5 : 1.0);
  }
}

void point_mass_step(BodyState& s, const Vec3& v_cmd, const PointMassLimits& lim, double dt,
                     const Vec3& extra_accel) {
  Vec3 a = (v_cmd - s.v) / lim.response_s;
  const double ah = a.head<2>().norm();
  if (ah > lim.max_accel_mps2) {
    a.head<2>() *= lim.max_accel_mps2 / ah;
  }
  a.z() = std::clamp(a.z(), -lim.max_accel_mps2, lim.max_accel_mps2);
  a += extra_accel;
  Vec3 v = s.v + a * dt;
  const double vh = v.head<2>().norm();
  if (vh > lim.max_speed_mps) {
    v.head<2>() *= lim.max_speed_mps / vh;
  }
  v.z() = std::clamp(v.z(), -lim.max_descent_mps, lim.max_climb_mps);
  Vec3 p = s.p + 0.5 * (s.v + v) * dt;
  if (lim.keep_above_ground && p.z() < 0.0) {
    p.z() = 0.0;
    v.z() = std::max(v.z(), 0.0);
  }
  s.p = p;
  s.v = v;
}

Vec3 orbit_velocity(const Vec3& p, const Vec3& center, double radius, double speed, bool clockwise,
                    double climb_gain) {
  Vec3 r = p - center;
  r.z() = 0.0;
  double rn = r.norm();
  if (rn < 1e-6) {
    r = Vec3{1.0, 0.0, 0.0};
    rn = 1.0;
  }
  const Vec3 rhat = r / rn;
  // Counter-clockwise tangent is z x r; clockwise the opposite.
  Vec3 tangent{-rhat.y(), rhat.x(), 0.0};
  if (clockwise) {
    tangent = -tangent;
  }
  // Vector field: converge on the circle over a quarter of its radius (at least 10 m).
  const double lookahead = std::max(10.0, 0.25 * radius);
  Vec3 dir = tangent + ((radius - rn) / lookahead) * rhat;
  dir.normalize();
  Vec3 v = speed * dir;
  v.z() = climb_gain * (center.z() - p.z());
  return v;
}

}  // namespace dewline::sim
