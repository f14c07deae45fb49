// pilot_multirotor.hpp: flies a multirotor or a helicopter along waypoints (point_mass.hpp):
// transit at a speed, stop and hover, loiter (orbit) a point, and a final attack dive onto a
// point, where the body ends. After the last waypoint it hovers, loiters, continues straight,
// lands or vanishes (`OnArrival`).
//
// Guidance: the commanded velocity points at the waypoint; before a stop it is limited to
// sqrt(2 a d) with half the airframe's acceleration, so the vehicle brakes in time; a
// pass-through waypoint is accepted within v^2 / a, so turns are rounded by the acceleration
// limit. A dive commands the dive speed straight at the point with twice the acceleration.
#pragma once

#include <vector>

#include "sim/point_mass.hpp"

namespace dewline::sim {

class MultirotorPilot {
 public:
  MultirotorPilot(const TargetSpec& spec, const Vec3& start, std::uint64_t motion_seed);

  void step(double dt);
  [[nodiscard]] const BodyState& state() const { return state_; }
  [[nodiscard]] bool alive() const { return phase_ != Phase::Dead; }
  [[nodiscard]] bool diving() const { return phase_ == Phase::Dive; }
  [[nodiscard]] const Vec3& dive_point() const { return dive_point_; }
  [[nodiscard]] double dive_speed() const { return dive_speed_; }

 private:
  enum class Phase : std::uint8_t { Transit, Hover, Loiter, Dive, Arrived, Dead };

  void next_waypoint();
  [[nodiscard]] Vec3 command();
  [[nodiscard]] Vec3 hold_command(const Vec3& hold, double speed) const;
  [[nodiscard]] double cruise(const Waypoint& w) const;
  [[nodiscard]] bool stops_at(std::size_t i) const;

  const TargetSpec& spec_;
  PointMassLimits limits_;
  Rng rng_;
  Gust gust_;
  BodyState state_;
  Phase phase_ = Phase::Transit;
  std::size_t wp_ = 0;
  double timer_s_ = 0.0;
  Vec3 hold_ = Vec3::Zero();
  Vec3 dive_point_ = Vec3::Zero();
  double dive_speed_ = 0.0;
};

}  // namespace dewline::sim
