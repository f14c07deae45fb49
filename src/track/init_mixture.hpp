// init_mixture.hpp: the state of a track that is still being started: a Gaussian mixture, one
// component per class of the velocity prior (TrackerConfig::velocity_prior: slow, medium, fast).
//
// One plot gives a position but no velocity. Rather than one wide Gaussian — which at long range,
// where cross-range noise is tens of metres, would keep a 250 m/s velocity spread for many scans —
// each speed class runs as its own constant-velocity Kalman filter and the data re-weight them
// (a Gaussian-sum filter, Alspach & Sorenson, IEEE TAC 17(4), 1972). Components that the data
// rule out are pruned; once one class dominates (or after a few hits) the mixture collapses into
// one Gaussian that starts the IMM.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "track/kalman.hpp"
#include "track/motion_model.hpp"
#include "track/state.hpp"
#include "track/tracker_config.hpp"

namespace dewline::track {

inline constexpr std::size_t kMaxPriorComponents = 4;

struct InitMixture {
  std::array<Gaussian, kMaxPriorComponents> comp{};
  std::array<double, kMaxPriorComponents> w{};
  // ln w, set with w by make_init_mixture and update: scoring a plot against a starting track
  // (every plot near a flock, many times per scan) then takes no logarithm of the weights.
  std::array<double, kMaxPriorComponents> log_w{};
  std::size_t count = 0;

  // Sets log_w from w (after w is set by hand).
  void refresh_log_weights();

  // Moment-matched single Gaussian.
  [[nodiscard]] Gaussian combined() const;
  [[nodiscard]] double max_weight() const;
  // How far apart the components' velocities are: the weighted spread of their means over their
  // mean velocity variance (trace). Moment-matching the mixture inflates its velocity covariance
  // by this fraction; near 0 the speed classes agree and the mixture is in effect one Gaussian.
  [[nodiscard]] double velocity_spread_ratio() const;
};

// A mixture at a known position (velocity from the prior). Uses at most kMaxPriorComponents
// prior classes.
[[nodiscard]] InitMixture make_init_mixture(const Vec3& position, const Mat3& covariance,
                                            const std::vector<VelocityPrior>& prior);
void predict(InitMixture& m, const MotionModel& model, double dt);

struct MixtureScore {
  double log_likelihood = 0.0;  // ln sum_c w_c N(nu_c; 0, S_c)
  bool inside = false;          // some component gates
};
[[nodiscard]] MixtureScore score(const InitMixture& m, const MeasurementModel& z,
                                 UpdateMethod method, double gate);
// Updates every component, re-weights by likelihood, prunes negligible components. Returns the
// log mixture likelihood (-inf when no component could be updated; the mixture is unchanged).
double update(InitMixture& m, const MeasurementModel& z, UpdateMethod method);

}  // namespace dewline::track
