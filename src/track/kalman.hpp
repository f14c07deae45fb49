// kalman.hpp: the measurement update of one Gaussian by one measurement, by EKF (linearised at the
// prediction) or UKF (unscented transform, Julier & Uhlmann 2004; scaled sigma points with
// alpha = 1, beta = 2, kappa = 0 here, which keeps all weights non-negative for n = 7).
//
// `innovate` computes the innovation, its covariance S, the state-measurement cross covariance and
// the log-likelihood ln N(nu; 0, S); `apply` then updates the Gaussian. Splitting the two lets the
// tracker score many candidate pairs and update only the ones it assigns.
#pragma once

#include <cstdint>
#include <limits>
#include <span>

#include "track/measurement_model.hpp"
#include "track/state.hpp"

namespace dewline::track {

enum class UpdateMethod : std::uint8_t { Ekf, Ukf };

struct Innovation {
  MeasVec nu;  // z - h(x), angles wrapped
  MeasCov S;   // innovation covariance
  MeasCov S_inv;
  CrossCov Pxz;  // state-measurement cross covariance (P H' for the EKF)
  double mahalanobis2 = 0.0;
  double log_likelihood = 0.0;  // ln N(nu; 0, S)
  bool valid = false;           // false when S is not positive definite
};

[[nodiscard]] Innovation innovate(const MeasurementModel& m, const Gaussian& g,
                                  UpdateMethod method);

// Gating only: the Mahalanobis distance and log-likelihood of the EKF innovation, computed in
// fixed-size arithmetic without forming the gain (the tracker scores many more pairs than it
// updates).
struct GateScore {
  double mahalanobis2 = 0.0;
  double log_likelihood = 0.0;
  bool valid = false;
};
// With `gate` given, a pair whose Mahalanobis distance exceeds it may come back valid with no
// log-likelihood (-inf; 1-D measurements always get theirs): most scored pairs fail the gate, and
// the determinant's log is then waste.
[[nodiscard]] GateScore gate_score(const MeasurementModel& m, const Gaussian& g,
                                   double gate = std::numeric_limits<double>::infinity());
// The same for several Gaussians (out[c] for g[c]). Neighbours with the same mean share the
// measurement function and its Jacobian: a starting track's speed classes differ only in their
// covariance until its second detection.
void gate_scores(const MeasurementModel& m, std::span<const Gaussian> g, std::span<GateScore> out,
                 double gate = std::numeric_limits<double>::infinity());
void apply(const Innovation& in, Gaussian& g);

}  // namespace dewline::track
