// state.hpp: the tracker's filter state. Every motion model works on one 7-element state
//   x = [x y z vx vy vz omega]   (metres, metres/second, radians/second; site ENU frame)
// where omega is the horizontal turn rate used by the coordinated-turn model and carried, but not
// used, by the constant-velocity models. One state size for all models keeps IMM mixing exact and
// the code free of per-model conversions; fixed-size Eigen keeps it on the stack.
#pragma once

#include <Eigen/Core>

namespace dewline::track {

inline constexpr int kStateDim = 7;
using StateVec = Eigen::Matrix<double, kStateDim, 1>;
using StateCov = Eigen::Matrix<double, kStateDim, kStateDim>;

// A Gaussian over the state.
struct Gaussian {
  StateVec x = StateVec::Zero();
  StateCov P = StateCov::Identity();
};

// Makes P exactly symmetric (round-off in P - K S K' breaks symmetry slowly).
inline void symmetrize(StateCov& P) {
  for (int c = 1; c < kStateDim; ++c) {  // in place, each off-diagonal pair once
    for (int r = 0; r < c; ++r) {
      const double m = 0.5 * (P(r, c) + P(c, r));
      P(r, c) = m;
      P(c, r) = m;
    }
  }
}

}  // namespace dewline::track
