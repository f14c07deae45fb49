// motion.hpp: how simulated bodies move. A `Motion` advances one body or a group of bodies
// (a swarm, a flock) in fixed steps; the simulator owns the states and passes each motion its
// slice. Motions are deterministic given their seeds.
//
// `TimedMotion` adds a life span: bodies appear at `start_s` (at the first step end at or after
// it) and disappear after `end_s`; a motion may also end a body itself (a dive's impact,
// landing, vanishing after the last waypoint).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "sim/kinematics.hpp"
#include "sim/scenario.hpp"

namespace dewline::sim {

class Motion {
 public:
  virtual ~Motion() = default;
  [[nodiscard]] virtual std::size_t size() const = 0;
  // States at t = 0.
  virtual void init(std::span<BodyState> out) = 0;
  // Advances from t0 to t0 + dt: `out` holds the states at t0 on entry, at t0 + dt on return.
  virtual void advance(double t0, double dt, std::span<BodyState> out) = 0;
};

class TimedMotion : public Motion {
 public:
  void init(std::span<BodyState> out) final;
  void advance(double t0, double dt, std::span<BodyState> out) final;

 protected:
  TimedMotion(double start_s, std::optional<double> end_s) : start_s_(start_s), end_s_(end_s) {}
  // Initial states (all alive) when the motion starts.
  virtual void on_start(std::span<BodyState> out) = 0;
  virtual void on_step(double t0, double dt, std::span<BodyState> out) = 0;

 private:
  double start_s_;
  std::optional<double> end_s_;
  bool started_ = false;
  bool finished_ = false;
};

// Everything the sensors need to know about one body that does not change.
struct BodyInfo {
  std::int64_t target_id = 0;
  std::size_t spec_index = 0;  // into Scenario::targets
  TargetClass target_class = TargetClass::Unknown;
  bool physical = true;
  double rcs_m2 = 0.01;
  bool emitting = false;
  bool acoustic = true;
  std::string model;
  std::optional<Vec3> emitter_position_m;
  std::optional<RemoteIdSpec> remote_id;  // serial made unique per group member
  std::optional<AdsbSpec> adsb;           // address made unique per group member
};

// All bodies of a scenario and the motions that move them.
struct Population {
  std::vector<BodyInfo> bodies;
  struct Slot {
    std::unique_ptr<Motion> motion;
    std::size_t first = 0;  // index of its first body
  };
  std::vector<Slot> motions;
};

// Expands the scenario's targets into bodies and motions (groups, copies, replay flights).
[[nodiscard]] Population build_population(const Scenario& scenario, std::uint64_t seed);

}  // namespace dewline::sim
