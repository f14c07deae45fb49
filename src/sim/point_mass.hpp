// point_mass.hpp: the integrator shared by the rotorcraft-like motion models (multirotors,
// helicopters, swarm and flock members): a point mass whose velocity follows a commanded
// velocity through a first-order lag, with acceleration, speed, climb and descent limits, plus a
// random gust acceleration (an Ornstein-Uhlenbeck process).
//
// Velocity is the integral of a bounded acceleration, so it is continuous; position is
// integrated with the trapezoidal rule, so the sampled path's velocity is consistent with it.
#pragma once

#include "sim/kinematics.hpp"
#include "sim/random.hpp"
#include "sim/scenario.hpp"

namespace dewline::sim {

inline constexpr double kGravity = 9.80665;

struct PointMassLimits {
  double max_accel_mps2 = 4.0;
  double max_speed_mps = 20.0;  // horizontal
  double max_climb_mps = 5.0;
  double max_descent_mps = 5.0;
  double response_s = 1.0;
  bool keep_above_ground = true;  // z >= 0
};

[[nodiscard]] PointMassLimits limits_of(const Airframe& a);

// Random acceleration, per axis OU with time constant `tau_s` and standard deviation `sigma`.
class Gust {
 public:
  Gust(double sigma_mps2, double tau_s) : sigma_(sigma_mps2), tau_(tau_s) {}
  void step(double dt, Rng& rng);
  [[nodiscard]] const Vec3& accel() const { return a_; }

 private:
  double sigma_;
  double tau_;
  Vec3 a_ = Vec3::Zero();
};

// One step of `dt` towards `v_cmd`.
void point_mass_step(BodyState& s, const Vec3& v_cmd, const PointMassLimits& lim, double dt,
                     const Vec3& extra_accel);

// The commanded velocity to orbit `center` (horizontal) at `radius` and `speed`, holding the
// centre's altitude: tangential, with a radial correction over a `radius`-scaled distance.
[[nodiscard]] Vec3 orbit_velocity(const Vec3& p, const Vec3& center, double radius, double speed,
                                  bool clockwise, double climb_gain = 0.5);

}  // namespace dewline::sim
