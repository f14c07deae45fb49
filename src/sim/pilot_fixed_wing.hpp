// pilot_fixed_wing.hpp: flies a fixed-wing aircraft (one-way attack drone, aeroplane) along
// waypoints: airspeed between the stall margin and the maximum, heading changed through a
// turn rate limited by the bank angle (turn rate = g tan(bank) / V) and rolled in over about a
// second, altitude through a limited climb or sink rate, changing evenly along each leg (a
// constant flight path angle: approaches follow a glide slope). Turns are anticipated at
// intermediate waypoints (accepted within 1.2 turn radii); the last one is flown to within 30 m
// or passed. A dive waypoint ends the flight in a
// straight dive onto the point, begun `dive_distance_m` before it (horizontally).
//
// The heading wanders slowly (an Ornstein-Uhlenbeck turn rate scaled by the gust setting), so
// long legs are straight-ish rather than ruler-straight. Velocity, acceleration and turn rate
// are all continuous.
#pragma once

#include "sim/point_mass.hpp"

namespace dewline::sim {

class FixedWingPilot {
 public:
  FixedWingPilot(const TargetSpec& spec, const Vec3& start, std::uint64_t motion_seed);

  void step(double dt);
  [[nodiscard]] const BodyState& state() const { return state_; }
  [[nodiscard]] bool alive() const { return phase_ != Phase::Dead; }

 private:
  enum class Phase : std::uint8_t { Transit, Loiter, Dive, Arrived, Dead };

  [[nodiscard]] double turn_rate_max() const;
  [[nodiscard]] double turn_radius() const;
  void next_waypoint();
  // Desired heading (rad), speed (m/s) and altitude (m) for this step.
  void guidance(double& heading, double& speed, double& altitude, double& climb_cmd);

  const TargetSpec& spec_;
  Rng rng_;
  BodyState state_;
  Phase phase_ = Phase::Transit;
  std::size_t wp_ = 0;
  double heading_ = 0.0;  // rad, CCW from East
  double speed_ = 0.0;    // horizontal ground speed
  double turn_rate_ = 0.0;
  double wander_ = 0.0;  // rad/s
  double timer_s_ = 0.0;
  double cruise_altitude_ = 0.0;
  Vec3 hold_ = Vec3::Zero();
  Vec3 leg_start_ = Vec3::Zero();  // where the current leg began (altitude profile)
};

}  // namespace dewline::sim
