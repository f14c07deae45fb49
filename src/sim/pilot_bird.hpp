// pilot_bird.hpp: a bird wandering over an area, in one of four behaviours.
//
// - flapping: cruises at 8-20 m/s with gentle random turns and small periodic altitude changes
//   (undulating flight: a sine of 0.2-0.6 m over 2-6 s on top of the slowly varying altitude);
// - soaring: circles in a thermal (radius 30-80 m) climbing 1-3 m/s up to the top of its
//   altitude band, then glides out sinking about 1 m/s, and repeats; drifts with the wind;
// - erratic: sharp random turns (up to 120 deg/s) and speed changes, like swallows hunting;
// - slow: 3-7 m/s with gentle turns (gulls on a breeze, crows).
//
// The wanted turn rate and speed are Ornstein-Uhlenbeck processes; the actual turn rate is
// rate-limited and the speed follows with a bounded acceleration, so acceleration stays finite. A
// bird outside its area turns back towards the centre. Birds drift with the wind.
#pragma once

#include "sim/point_mass.hpp"

namespace dewline::sim {

class BirdPilot {
 public:
  BirdPilot(const TargetSpec& spec, const Vec3& start, const Vec3& wind, std::uint64_t setup_seed,
            std::uint64_t motion_seed);

  void step(double t, double dt);
  [[nodiscard]] const BodyState& state() const { return state_; }
  // Undulation parameters, for flock members that flap in the same way.
  [[nodiscard]] double undulation_amplitude_m() const { return amp_; }

 private:
  void update_state(double t);

  const TargetSpec& spec_;
  Vec3 wind_;
  Rng rng_;
  BodyState state_;
  // Base state (without the undulation).
  Vec3 base_p_ = Vec3::Zero();
  double base_vz_ = 0.0;
  double heading_ = 0.0;
  double speed_ = 0.0;
  double mean_speed_ = 0.0;
  double wanted_speed_ = 0.0;
  double max_accel_ = 3.0;   // longitudinal, m/s^2
  double turn_ = 0.0;        // actual turn rate, rad/s
  double turn_noise_ = 0.0;  // OU part of the commanded turn rate
  double sigma_turn_ = 0.0;
  double tau_turn_ = 1.0;
  double max_turn_ = 1.0;
  double sigma_speed_ = 0.0;
  double target_alt_ = 50.0;
  double alt_timer_ = 0.0;
  // Undulation.
  double amp_ = 0.0;
  double omega_ = 0.0;
  double phase_ = 0.0;
  // Soaring.
  bool thermal_ = true;
  double thermal_radius_ = 50.0;
  double climb_ = 2.0;  // thermal climb rate, or the glide's sink rate, m/s
  double phase_timer_ = 0.0;
  bool clockwise_ = false;
};

}  // namespace dewline::sim
