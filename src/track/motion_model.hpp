// motion_model.hpp: the motion models the IMM mixes.
//
// - ConstantVelocity: discretised continuous white-noise acceleration, spectral density q per
//   axis (m^2/s^3) horizontally and q_vertical vertically (Bar-Shalom, Li, Kirubarajan,
//   "Estimation with Applications to Tracking and Navigation", 2001, section 6.3.2).
// - CoordinatedTurn: nearly coordinated turn in the horizontal plane with the turn rate omega in
//   the state, constant vertical velocity; EKF linearisation (same book, section 11.7.2; Li &
//   Jilkov, "Survey of maneuvering target tracking, Part I", IEEE TAES 39(4), 2003, section V).
//
// Each model predicts a Gaussian forward by dt seconds (dt >= 0; dt == 0 is a no-op).
#pragma once

#include <cstdint>
#include <string_view>

#include "track/state.hpp"

namespace dewline::track {

enum class MotionKind : std::uint8_t { ConstantVelocity, CoordinatedTurn };

// How acceleration noise enters: continuous white noise (CWNA, section 6.2.2) or discrete white
// noise, piecewise constant over each step (DWNA, section 6.3.3; q is then the acceleration
// variance per step in m^2/s^4).
enum class NoiseKind : std::uint8_t { Continuous, Discrete };

struct MotionModel {
  MotionKind kind = MotionKind::ConstantVelocity;
  NoiseKind noise = NoiseKind::Continuous;
  double q = 0.5;           // horizontal acceleration noise density, m^2/s^3
  double q_vertical = 0.5;  // vertical acceleration noise density, m^2/s^3
  double q_turn = 0.0;      // turn-rate noise density, rad^2/s^3 (coordinated turn)
  // Above this horizontal speed the turn-rate noise falls as 1/v^2: q_turn then stands for a
  // lateral-acceleration noise of q_turn * v_ref^2 (m^2/s^5), since a turn rate omega at speed v
  // takes a lateral acceleration omega * v. A 200 m/s airliner cannot change its turn rate as
  // fast as a 15 m/s drone. 0: q_turn at every speed.
  double turn_reference_speed_mps = 0.0;
};

[[nodiscard]] std::string_view to_string(MotionKind k);

// Predicts g forward by dt seconds under model m.
void predict(const MotionModel& m, double dt, Gaussian& g);

// Position-only prediction (no covariance): where the state will be after dt under model m.
[[nodiscard]] StateVec predict_mean(const MotionModel& m, double dt, const StateVec& x);

}  // namespace dewline::track
