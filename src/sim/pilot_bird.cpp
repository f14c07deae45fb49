#include "sim/pilot_bird.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/angles.hpp"

namespace dewline::sim {

BirdPilot::BirdPilot(const TargetSpec& spec, const Vec3& start, const Vec3& wind,
                     std::uint64_t setup_seed, std::uint64_t motion_seed)
    : spec_(spec), wind_(wind), rng_(motion_seed) {
  Rng setup(setup_seed);
  base_p_ = start;
  heading_ = setup.uniform(-kPi, kPi);
  mean_speed_ = setup.uniform(spec.speed_min_mps, spec.speed_max_mps);
  speed_ = mean_speed_;
  wanted_speed_ = mean_speed_;
  max_accel_ = spec.behaviour == BirdBehaviour::Erratic ? 6.0 : 3.0;
  target_alt_ = start.z();
  alt_timer_ = setup.uniform(20.0, 90.0);
  switch (spec.behaviour) {
    case BirdBehaviour::Flapping:
      sigma_turn_ = 6.0 * kDegToRad;
      tau_turn_ = 5.0;
      max_turn_ = 30.0 * kDegToRad;
      sigma_speed_ = 0.08 * mean_speed_;
      amp_ = setup.uniform(0.2, 0.6);
      omega_ = 2.0 * std::numbers::pi / setup.uniform(2.0, 6.0);
      break;
    case BirdBehaviour::Soaring:
      max_turn_ = 40.0 * kDegToRad;
      sigma_turn_ = 2.0 * kDegToRad;
      tau_turn_ = 10.0;
      sigma_speed_ = 0.05 * mean_speed_;
      thermal_radius_ = setup.uniform(30.0, 80.0);
      climb_ = setup.uniform(1.0, 3.0);
      clockwise_ = setup.bernoulli(0.5);
      thermal_ = setup.bernoulli(0.5);
      phase_timer_ = setup.uniform(30.0, 150.0);
      break;
    case BirdBehaviour::Erratic:
      sigma_turn_ = 50.0 * kDegToRad;
      tau_turn_ = 1.0;
      max_turn_ = 120.0 * kDegToRad;
      sigma_speed_ = 0.25 * mean_speed_;
      amp_ = setup.uniform(0.1, 0.4);
      omega_ = 2.0 * std::numbers::pi / setup.uniform(1.5, 3.0);
      break;
    case BirdBehaviour::Slow:
      sigma_turn_ = 10.0 * kDegToRad;
      tau_turn_ = 3.0;
      max_turn_ = 45.0 * kDegToRad;
      sigma_speed_ = 0.15 * mean_speed_;
      amp_ = setup.uniform(0.1, 0.3);
      omega_ = 2.0 * std::numbers::pi / setup.uniform(2.0, 5.0);
      break;
  }
  phase_ = setup.uniform(0.0, 2.0 * std::numbers::pi);
  // Soaring birds turn at V / R while in a thermal.
  if (spec.behaviour == BirdBehaviour::Soaring && thermal_) {
    turn_ = (clockwise_ ? -1.0 : 1.0) * std::min(speed_ / thermal_radius_, max_turn_);
  }
  update_state(0.0);
}

void BirdPilot::update_state(double t) {
  const double a = omega_ * t + phase_;
  state_.p = base_p_;
  state_.p.z() += amp_ * std::sin(a);
  state_.v = Vec3{speed_ * std::cos(heading_) + wind_.x(), speed_ * std::sin(heading_) + wind_.y(),
                  base_vz_ + amp_ * omega_ * std::cos(a)};
  state_.alive = true;
}

void BirdPilot::step(double t, double dt) {
  const Vec3 v_old = state_.v;
  const double vz_old = base_vz_;
  // Commanded turn rate: OU noise, plus a pull back to the area when outside it.
  const double decay = std::exp(-dt / tau_turn_);
  turn_noise_ = turn_noise_ * decay + sigma_turn_ * std::sqrt(1.0 - decay * decay) * rng_.normal();
  double turn_cmd = turn_noise_;
  double climb_cmd = 0.0;
  const Vec3 to_center = spec_.area_center_m - base_p_;
  const double out = to_center.head<2>().norm() - spec_.area_radius_m;
  if (spec_.behaviour == BirdBehaviour::Soaring) {
    phase_timer_ -= dt;
    if (thermal_) {
      turn_cmd += (clockwise_ ? -1.0 : 1.0) * speed_ / thermal_radius_;
      climb_cmd = base_p_.z() < spec_.altitude_max_m ? climb_ : 0.0;
      if (phase_timer_ <= 0.0 || base_p_.z() >= spec_.altitude_max_m) {
        thermal_ = false;
        phase_timer_ = rng_.uniform(40.0, 120.0);
        climb_ = rng_.uniform(0.7, 1.3);  // now the glide's sink rate
      }
    } else {
      climb_cmd = -climb_;  // gliding: the sink rate drawn when the glide began
      if (phase_timer_ <= 0.0 || base_p_.z() <= spec_.altitude_min_m) {
        thermal_ = true;
        clockwise_ = rng_.bernoulli(0.5);
        thermal_radius_ = rng_.uniform(30.0, 80.0);
        climb_ = rng_.uniform(1.0, 3.0);
        phase_timer_ = rng_.uniform(60.0, 180.0);
      }
    }
  } else {
    alt_timer_ -= dt;
    if (alt_timer_ <= 0.0) {
      target_alt_ = rng_.uniform(spec_.altitude_min_m, spec_.altitude_max_m);
      alt_timer_ = rng_.uniform(20.0, 90.0);
    }
    climb_cmd = std::clamp((target_alt_ - base_p_.z()) / 10.0, -1.5, 1.5);
  }
  if (out > 0.0 && (!thermal_ || spec_.behaviour != BirdBehaviour::Soaring)) {
    const double home = std::atan2(to_center.y(), to_center.x());
    turn_cmd += std::min(out / 200.0, 1.0) * wrap_pi(home - heading_) / 2.0;
  }
  turn_cmd = std::clamp(turn_cmd, -max_turn_, max_turn_);
  // Rate limit: reach the maximum turn rate in 0.5 s at the fastest.
  const double max_change = max_turn_ / 0.5 * dt;
  const double new_turn = turn_ + std::clamp(turn_cmd - turn_, -max_change, max_change);
  heading_ = wrap_pi(heading_ + 0.5 * (turn_ + new_turn) * dt);
  turn_ = new_turn;
  // Speed: follows a wanted speed (OU around the bird's mean, within half to one and a half of
  // it) through a first-order lag with bounded acceleration, so acceleration stays finite.
  const double sdecay = std::exp(-dt / 4.0);
  wanted_speed_ = mean_speed_ + (wanted_speed_ - mean_speed_) * sdecay +
                  sigma_speed_ * std::sqrt(1.0 - sdecay * sdecay) * rng_.normal();
  wanted_speed_ = std::clamp(wanted_speed_, 0.5 * mean_speed_, 1.5 * mean_speed_);
  speed_ += std::clamp((wanted_speed_ - speed_) / 1.0, -max_accel_, max_accel_) * dt;
  // Vertical: first order towards the commanded climb, 2 m/s^2 at most.
  base_vz_ += std::clamp((climb_cmd - base_vz_) / 2.0, -2.0, 2.0) * dt;
  if (base_p_.z() < 2.0 && base_vz_ < 0.0) {
    base_vz_ *= 0.5;
  }
  const Vec3 v_new{speed_ * std::cos(heading_) + wind_.x(), speed_ * std::sin(heading_) + wind_.y(),
                   base_vz_};
  base_p_.head<2>() += 0.5 * (v_old.head<2>() + v_new.head<2>()) * dt;
  base_p_.z() += 0.5 * (vz_old + base_vz_) * dt;
  update_state(t + dt);
}

}  // namespace dewline::sim
