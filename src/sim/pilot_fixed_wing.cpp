#include "sim/pilot_fixed_wing.hpp"

#include <algorithm>
#include <cmath>

#include "core/angles.hpp"

namespace dewline::sim {
namespace {

constexpr double kHeadingGainS = 2.0;   // heading error -> turn rate time constant
constexpr double kRollTimeS = 1.0;      // time to roll to the maximum turn rate
constexpr double kAltitudeGainS = 4.0;  // altitude error -> climb rate time constant
constexpr double kWanderTauS = 20.0;

}  // namespace

FixedWingPilot::FixedWingPilot(const TargetSpec& spec, const Vec3& start, std::uint64_t motion_seed)
    : spec_(spec), rng_(motion_seed) {
  state_.p = start;
  state_.alive = true;
  heading_ = spec.heading_rad;
  speed_ = std::clamp(spec.speed_mps, spec.airframe.min_speed_mps, spec.airframe.max_speed_mps);
  cruise_altitude_ = start.z();
  leg_start_ = start;
  state_.v = Vec3{speed_ * std::cos(heading_), speed_ * std::sin(heading_), 0.0};
  phase_ = spec.waypoints.empty() ? Phase::Arrived : Phase::Transit;
  hold_ = start;
}

double FixedWingPilot::turn_rate_max() const {
  return kGravity * std::tan(spec_.airframe.max_bank_rad) / std::max(speed_, 1.0);
}

double FixedWingPilot::turn_radius() const {
  return speed_ / turn_rate_max();
}

void FixedWingPilot::next_waypoint() {
  cruise_altitude_ = spec_.waypoints[wp_].position_m.z();
  hold_ = spec_.waypoints[wp_].position_m;
  leg_start_ = state_.p;
  ++wp_;
  if (wp_ >= spec_.waypoints.size()) {
    phase_ = Phase::Arrived;
    if (spec_.on_arrival == OnArrival::Vanish) {
      phase_ = Phase::Dead;
      state_.alive = false;
    }
  } else {
    phase_ = Phase::Transit;
  }
}

void FixedWingPilot::guidance(double& heading, double& speed, double& altitude, double& climb_cmd) {
  const Vec3& p = state_.p;
  heading = heading_;
  speed = spec_.speed_mps;
  altitude = cruise_altitude_;
  climb_cmd = std::nan("");
  if (phase_ == Phase::Transit) {
    const Waypoint& w = spec_.waypoints[wp_];
    const Vec3 d = w.position_m - p;
    const double dh = d.head<2>().norm();
    speed = w.speed_mps > 0.0 ? w.speed_mps : spec_.speed_mps;
    heading = std::atan2(d.y(), d.x());
    if (w.dive) {
      altitude = cruise_altitude_;
      const double start = spec_.dive_distance_m > 0.0
                               ? spec_.dive_distance_m
                               : 4.0 * std::max(p.z() - w.position_m.z(), 10.0);
      if (dh <= start) {
        phase_ = Phase::Dive;
      }
    } else if (w.loiter_s > 0.0) {
      altitude = w.position_m.z();
      const double radius = std::max(w.loiter_radius_m, 1.2 * turn_radius());
      if (dh <= radius + 10.0) {
        phase_ = Phase::Loiter;
        timer_s_ = w.loiter_s;
      }
    } else {
      // Altitude changes evenly along the leg (a constant flight-path angle, e.g. a glide slope).
      const Vec3 leg = w.position_m - leg_start_;
      const double leg_h = leg.head<2>().norm();
      const double frac = leg_h > 1.0 ? std::clamp(1.0 - dh / leg_h, 0.0, 1.0) : 1.0;
      altitude = leg_start_.z() + frac * leg.z();
      // Turns are anticipated at intermediate waypoints; the last one is flown to (or passed).
      const bool last = wp_ + 1 == spec_.waypoints.size();
      const bool behind = d.x() * std::cos(heading_) + d.y() * std::sin(heading_) < 0.0;
      const bool reached = last ? (dh < 30.0 || (behind && dh < 2.0 * turn_radius()))
                                : dh < std::max(30.0, 1.2 * turn_radius());
      if (reached) {
        next_waypoint();
        guidance(heading, speed, altitude, climb_cmd);
        return;
      }
    }
  }
  switch (phase_) {
    case Phase::Loiter:
    case Phase::Arrived: {
      if (phase_ == Phase::Arrived && spec_.on_arrival != OnArrival::Loiter) {
        break;  // continue: hold heading, speed and altitude
      }
      const Waypoint* w = phase_ == Phase::Loiter ? &spec_.waypoints[wp_] : nullptr;
      const Vec3 center = w != nullptr ? w->position_m : hold_;
      const double r0 = w != nullptr ? w->loiter_radius_m : 0.0;
      const double radius = std::max(r0, 1.5 * turn_radius());
      const bool cw = w == nullptr || w->loiter_clockwise;
      const Vec3 v = orbit_velocity(p, center, radius, 1.0, cw);
      heading = std::atan2(v.y(), v.x());
      altitude = center.z();
      if (w != nullptr && w->speed_mps > 0.0) {
        speed = w->speed_mps;
      }
      break;
    }
    case Phase::Dive: {
      const Waypoint& w = spec_.waypoints[wp_];
      const Vec3 d = w.position_m - p;
      const double dh = std::max(d.head<2>().norm(), 1.0);
      heading = std::atan2(d.y(), d.x());
      speed = spec_.airframe.max_speed_mps;
      // Fly the straight line to the point: sink rate = height to lose per metre ahead x speed.
      climb_cmd = d.z() / dh * speed_;
      break;
    }
    default:
      break;
  }
}

void FixedWingPilot::step(double dt) {
  if (phase_ == Phase::Dead) {
    return;
  }
  const Airframe& a = spec_.airframe;
  double heading = 0.0;
  double speed = 0.0;
  double altitude = 0.0;
  double climb_cmd = 0.0;
  guidance(heading, speed, altitude, climb_cmd);
  if (phase_ == Phase::Dead) {
    return;
  }
  const bool dive = phase_ == Phase::Dive;
  // Heading: a turn rate towards the desired heading, bank-limited and rolled in smoothly.
  const double wmax = turn_rate_max();
  const double wander_sigma = a.gust_accel_mps2 / std::max(speed_, 1.0);
  const double decay = std::exp(-dt / kWanderTauS);
  wander_ = wander_ * decay + wander_sigma * std::sqrt(1.0 - decay * decay) * rng_.normal();
  const double rate_cmd =
      std::clamp(wrap_pi(heading - heading_) / kHeadingGainS + wander_, -wmax, wmax);
  const double max_change = wmax / kRollTimeS * dt;
  const double new_rate = turn_rate_ + std::clamp(rate_cmd - turn_rate_, -max_change, max_change);
  heading_ = wrap_pi(heading_ + 0.5 * (turn_rate_ + new_rate) * dt);
  turn_rate_ = new_rate;
  // Speed: first order, limited longitudinal acceleration.
  const double vmax = a.max_speed_mps;
  const double dv = std::clamp((speed - speed_) / a.response_s, -a.max_accel_mps2,
                               a.max_accel_mps2 * (dive ? 2.0 : 1.0));
  speed_ = std::clamp(speed_ + dv * dt, a.min_speed_mps, vmax);
  // Vertical: a climb rate towards the altitude (or the dive's glide path), with 0.3 g.
  double vz_cmd = std::isnan(climb_cmd) ? (altitude - state_.p.z()) / kAltitudeGainS : climb_cmd;
  vz_cmd = std::clamp(vz_cmd, -a.max_descent_mps, a.max_climb_mps);
  if (!dive && state_.p.z() < 5.0) {
    vz_cmd = std::max(vz_cmd, 0.0);
  }
  const double az_max = 0.3 * kGravity * (dive ? 2.0 : 1.0);
  const double vz = state_.v.z() + std::clamp((vz_cmd - state_.v.z()) / 1.0, -az_max, az_max) * dt;
  const Vec3 v{speed_ * std::cos(heading_), speed_ * std::sin(heading_), vz};
  state_.p += 0.5 * (state_.v + v) * dt;
  state_.v = v;
  if (phase_ == Phase::Loiter) {
    timer_s_ -= dt;
    if (timer_s_ <= 0.0) {
      next_waypoint();
    }
  } else if (dive) {
    const Vec3& target = spec_.waypoints[wp_].position_m;
    if ((target - state_.p).norm() < 3.0 || state_.p.z() <= target.z() + 0.3) {
      phase_ = Phase::Dead;  // impact
      state_.alive = false;
    }
  }
}

}  // namespace dewline::sim
