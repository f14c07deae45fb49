// mixture_step.hpp: one step of the IMM's motion models between two reported track states, for
// the offline smoother and stitcher (track_smoother.hpp, track_stitcher.hpp), which see only the
// tracker's reports (a combined 6-D state, covariance and model probabilities), not its filters.
//
// The model probabilities are frozen over the step: each model j moves the state by F_j (a
// coordinated turn at a given turn rate, a CV model straight) with its own acceleration noise Q_j
// (motion_model.cpp's discretisation). Moment-matched, the next state has mean F x with
// F = sum mu_j F_j, covariance sum mu_j (F_j P F_j' + Q_j + d_j d_j') with d_j = F_j x - F x, and
// covariance P F' with the state before it (Bar-Shalom, Li, Kirubarajan 2001, section 11.6).
#pragma once

#include <array>
#include <cstddef>

#include <Eigen/Core>

#include "core/track.hpp"
#include "track/imm.hpp"

namespace dewline::track {

using Mat6 = Eigen::Matrix<double, 6, 6>;
using Vec6 = Eigen::Matrix<double, 6, 1>;

// The constant-velocity transition over dt (negative dt predicts back).
[[nodiscard]] Mat6 transition(double dt);

// The coordinated-turn transition over dt at a known turn rate w (rad/s): the horizontal
// velocity turns by w dt, height follows vz (the CT model of motion_model.hpp with omega fixed,
// which makes it linear in the other six).
[[nodiscard]] Mat6 turn_transition(double dt, double w);

// The horizontal turn rate that takes velocity a to velocity b in dt, the rate a
// coordinated-turn model would have (0 while hovering: no heading to turn).
[[nodiscard]] double turn_rate(const Vec3& a, const Vec3& b, double dt);

struct Step {
  Mat6 F = Mat6::Identity();  // sum mu_j F_j
  Vec6 x = Vec6::Zero();      // predicted mean
  Mat6 P = Mat6::Zero();      // predicted covariance
};

class StepModel {
 public:
  explicit StepModel(const ImmConfig& imm) : imm_(imm) {}

  // The step of dt seconds (negative: back) from (x, P), with the model probabilities of `at`
  // and the coordinated turn at rate w.
  [[nodiscard]] Step operator()(const Track& at, const Vec6& x, const Mat6& P, double dt, double w);

 private:
  [[nodiscard]] std::array<double, kMaxModels> weights(const Track& at) const;
  // Model j's acceleration noise over |dt| as a CV model (its turn is in F_j).
  const Mat6& noise(std::size_t j, double dt);

  const ImmConfig& imm_;
  double cached_dt_ = -1.0;
  std::array<Mat6, kMaxModels> cached_{};
};

// A track's reported state as one vector [position; velocity], and back.
[[nodiscard]] Vec6 state_of(const Track& t);
void set_state(Track& t, const Vec6& x, const Mat6& P);

}  // namespace dewline::track
