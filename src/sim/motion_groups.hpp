// motion_groups.hpp: bodies that move together. A swarm is N multirotors holding a formation
// (wedge, line, column, grid or circle at `spacing_m`) behind a virtual leader that flies the
// waypoints; the formation turns with the leader's heading, each member jitters around its slot
// by about `jitter_m`, and when the leader dives each member dives onto the point offset by a
// fifth of its slot. A flock is N birds following a virtual leader bird loosely: each keeps a
// slot that drifts randomly within a few `spacing_m` of the leader.
//
// Members are point masses (point_mass.hpp) tracking their slot, so their motion is smooth.
#pragma once

#include <memory>

#include "sim/motion.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<Motion> make_swarm(const TargetSpec& spec, std::uint64_t seed);
[[nodiscard]] std::unique_ptr<Motion> make_flock(const TargetSpec& spec, const Vec3& wind,
                                                 std::uint64_t seed);

// Formation slot of member i of n in the leader's body axes (x forward, y left), metres.
[[nodiscard]] Vec3 formation_offset(const std::string& formation, std::size_t i, std::size_t n,
                                    double spacing_m);

}  // namespace dewline::sim
