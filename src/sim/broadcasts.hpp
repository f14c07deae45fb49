// broadcasts.hpp: what cooperative targets transmit. A drone with a [target.remote_id] table
// broadcasts its position, velocity, serial number and operator position `rate_hz` times a
// second (ASTM F3411 requires at least 1 Hz); an aircraft with an ADS-B transponder broadcasts
// its position and velocity (2 Hz, as DO-260B's airborne position squitter) with its ICAO address,
// callsign and squawk. Each transmitter starts at a random phase.
//
// The content is the true state plus the declared GNSS error (sigma_h_m, sigma_v_m,
// sigma_velocity_mps), drawn once per broadcast so every receiver hears the same message. A
// Remote ID broadcast that lies (RemoteIdSpec's spoof_* keys, from spoof_from_s on) adds a fixed
// offset, jumps by spoof_jump_m every spoof_jump_period_s in a random direction, or cycles its
// serial through spoof_serials (several identities from one emitter). A ghost (physical = false)
// broadcasts its own motion's positions from a transmitter at `emitter_*` (or, without one, from
// where it claims to be).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/motion.hpp"
#include "sim/sensor_model.hpp"

namespace dewline::sim {

class Broadcasters {
 public:
  Broadcasters(const std::vector<BodyInfo>& bodies, std::uint64_t seed);

  // Broadcasts sent in [view.t0, view.t1), in time order, appended to `out`.
  void step(const StepView& view, std::vector<Broadcast>& out);

 private:
  struct Transmitter {
    std::size_t body = 0;
    bool adsb = false;
    double period_s = 1.0;
    double next_s = 0.0;
    std::uint64_t count = 0;
    Vec3 jump = Vec3::Zero();
    double next_jump_s = 0.0;
    Rng rng;
  };
  void send(const StepView& view, Transmitter& tx, double t, std::vector<Broadcast>& out);

  const std::vector<BodyInfo>& bodies_;
  std::vector<Transmitter> transmitters_;
};

}  // namespace dewline::sim
