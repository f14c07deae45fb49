#include "sim/pilot_multirotor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dewline::sim {

MultirotorPilot::MultirotorPilot(const TargetSpec& spec, const Vec3& start,
                                 std::uint64_t motion_seed)
    : spec_(spec),
      limits_(limits_of(spec.airframe)),
      rng_(motion_seed),
      gust_(spec.airframe.gust_accel_mps2, 2.0) {
  state_.p = start;
  state_.alive = true;
  if (!spec.waypoints.empty()) {
    Vec3 d = spec.waypoints.front().position_m - start;
    const double n = d.norm();
    if (n > 1e-6) {
      state_.v = d / n * std::min(cruise(spec.waypoints.front()), spec.airframe.max_speed_mps);
      state_.v.z() = std::clamp(state_.v.z(), -limits_.max_descent_mps, limits_.max_climb_mps);
    }
    phase_ = Phase::Transit;
  } else {
    hold_ = start;
    phase_ = Phase::Arrived;
    if (spec.on_arrival == OnArrival::Continue) {
      state_.v = Vec3{std::cos(spec.heading_rad), std::sin(spec.heading_rad), 0.0} * spec.speed_mps;
    }
  }
}

double MultirotorPilot::cruise(const Waypoint& w) const {
  return w.speed_mps > 0.0 ? w.speed_mps : spec_.speed_mps;
}

bool MultirotorPilot::stops_at(std::size_t i) const {
  const Waypoint& w = spec_.waypoints[i];
  if (w.hover_s > 0.0) {
    return true;
  }
  if (i + 1 == spec_.waypoints.size()) {
    return spec_.on_arrival == OnArrival::Hover || spec_.on_arrival == OnArrival::Land;
  }
  return false;
}

void MultirotorPilot::next_waypoint() {
  ++wp_;
  if (wp_ >= spec_.waypoints.size()) {
    phase_ = Phase::Arrived;
    hold_ = state_.p;
    if (!spec_.waypoints.empty() &&
        (stops_at(spec_.waypoints.size() - 1) || spec_.on_arrival == OnArrival::Loiter)) {
      hold_ = spec_.waypoints.back().position_m;
    }
    if (spec_.on_arrival == OnArrival::Vanish) {
      phase_ = Phase::Dead;
      state_.alive = false;
    }
    return;
  }
  phase_ = Phase::Transit;
}

// Position hold: towards `hold` at most at `speed`, braking in time.
Vec3 MultirotorPilot::hold_command(const Vec3& hold, double speed) const {
  const Vec3 d = hold - state_.p;
  const double dist = d.norm();
  if (dist < 1e-9) {
    return Vec3::Zero();
  }
  const double brake = 0.5 * limits_.max_accel_mps2;
  const double v = std::min({dist / 1.5, speed, std::sqrt(2.0 * brake * dist)});
  return d / dist * v;
}

Vec3 MultirotorPilot::command() {
  const Vec3& p = state_.p;
  if (phase_ == Phase::Transit) {
    const Waypoint& w = spec_.waypoints[wp_];
    const Vec3 d = w.position_m - p;
    const double dist = d.norm();
    const double speed = cruise(w);
    if (w.dive) {
      phase_ = Phase::Dive;
      dive_point_ = w.position_m;
      dive_speed_ = std::max(speed, spec_.airframe.max_speed_mps);
    } else if (w.loiter_s > 0.0) {
      if (d.head<2>().norm() <= w.loiter_radius_m + 5.0) {
        phase_ = Phase::Loiter;
        timer_s_ = w.loiter_s;
      } else {
        return dist > 1e-9 ? Vec3(d / dist * speed) : Vec3::Zero();
      }
    } else if (stops_at(wp_)) {
      if (dist < 2.0) {
        hold_ = w.position_m;
        timer_s_ = w.hover_s;
        if (w.hover_s > 0.0) {
          phase_ = Phase::Hover;
        } else {
          next_waypoint();
        }
      } else {
        const double brake = 0.5 * limits_.max_accel_mps2;
        const double v = std::min(speed, std::sqrt(2.0 * brake * dist));
        return d / dist * v;
      }
    } else {
      const double accept = std::max(3.0, speed * speed / limits_.max_accel_mps2);
      if (dist < accept) {
        next_waypoint();
        return command();
      }
      return d / dist * speed;
    }
  }
  switch (phase_) {
    case Phase::Hover:
      return hold_command(hold_, std::max(spec_.speed_mps, 1.0));
    case Phase::Loiter: {
      const Waypoint& w = spec_.waypoints[wp_];
      return orbit_velocity(p, w.position_m, w.loiter_radius_m, cruise(w), w.loiter_clockwise);
    }
    case Phase::Dive: {
      const Vec3 d = dive_point_ - p;
      const double dist = d.norm();
      return dist > 1e-9 ? Vec3(d / dist * dive_speed_) : Vec3::Zero();
    }
    case Phase::Arrived:
      switch (spec_.on_arrival) {
        case OnArrival::Continue: {
          Vec3 v = state_.v;
          v.z() = 0.0;
          const double n = v.norm();
          return n > 0.5 ? Vec3(v / n * spec_.speed_mps) : v;
        }
        case OnArrival::Loiter: {
          const double r = spec_.waypoints.empty() || spec_.waypoints.back().loiter_radius_m <= 0.0
                               ? 50.0
                               : spec_.waypoints.back().loiter_radius_m;
          return orbit_velocity(p, hold_, r, spec_.speed_mps, true);
        }
        case OnArrival::Land: {
          Vec3 v = hold_command(hold_, std::max(spec_.speed_mps, 1.0));
          v.z() = -1.5;
          return v;
        }
        default:
          return hold_command(hold_, std::max(spec_.speed_mps, 1.0));
      }
    default:
      return Vec3::Zero();
  }
}

void MultirotorPilot::step(double dt) {
  if (phase_ == Phase::Dead) {
    return;
  }
  gust_.step(dt, rng_);
  const Vec3 v_cmd = command();
  if (phase_ == Phase::Dead) {
    return;
  }
  PointMassLimits lim = limits_;
  if (phase_ == Phase::Dive) {
    lim.max_accel_mps2 *= 2.0;
    lim.max_speed_mps = std::max(lim.max_speed_mps, dive_speed_);
    lim.max_descent_mps = std::max(lim.max_descent_mps, dive_speed_);
    lim.keep_above_ground = false;
  }
  point_mass_step(state_, v_cmd, lim, dt, gust_.accel());
  if (phase_ == Phase::Hover || phase_ == Phase::Loiter) {
    timer_s_ -= dt;
    if (timer_s_ <= 0.0) {
      next_waypoint();
    }
  } else if (phase_ == Phase::Dive) {
    if ((dive_point_ - state_.p).norm() < 1.5 || state_.p.z() <= dive_point_.z() + 0.3) {
      phase_ = Phase::Dead;  // impact
      state_.alive = false;
    }
  } else if (phase_ == Phase::Arrived && spec_.on_arrival == OnArrival::Land &&
             state_.p.z() <= 0.2) {
    phase_ = Phase::Dead;  // landed: out of the air
    state_.alive = false;
  }
}

}  // namespace dewline::sim
