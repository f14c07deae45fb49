// track_decorrelation.hpp: what is new in a tracking sensor's latest estimate of an object.
//
// A sensor that runs its own tracker (a SAPIENT node, a radar with its own plot-track output)
// reports filtered estimates: each one repeats most of what the previous ones said. Fused as if
// they were independent measurements, they make a track overconfident — its covariance shrinks
// with every report while its error does not — which is the central problem of track-to-track
// fusion (Bar-Shalom & Campo, IEEE TAES 22(6), 1986). The tracklet method (Drummond, SPIE 3163,
// 1997; Frenkel, 1995) removes the repetition: in information form, the new information of
// estimate k is its information minus that of the previous estimate predicted to time k,
//   I_new = P_k^-1 - P_pred^-1,   i_new = P_k^-1 x_k - P_pred^-1 x_pred,
// with P_pred = F P_(k-1) F' + Q under a constant-velocity model. This is exact when the sensor's
// own filter used that model. Assuming less process noise than the sensor's own credits less new
// information than it gathered (conservative); assuming more credits more (overconfident). With
// q = 0 it is never overconfident, and for filters with small q per revisit nearly exact.
// Directions in which the estimate holds no new information (a sensor that measures position
// only adds none to velocity) are kept with a huge variance, so they change nothing.
#pragma once

#include <optional>

#include <Eigen/Core>

#include "core/time.hpp"

namespace dewline::track {

using Vec6 = Eigen::Matrix<double, 6, 1>;
using Mat6 = Eigen::Matrix<double, 6, 6>;

// One estimate of position and velocity (ENU metres, m/s) with its covariance.
struct SensorTrackEstimate {
  Time time;
  Vec6 x = Vec6::Zero();
  Mat6 P = Mat6::Identity();
};

// The estimate's new information as a measurement of position and velocity.
struct EquivalentMeasurement {
  Vec6 z = Vec6::Zero();
  Mat6 R = Mat6::Identity();
  int informative_dims = 0;  // directions with new information (the rest have a huge variance)
};

// nullopt when `now` is not later than `prev`, a covariance is not positive definite, or the
// estimate holds no new information in any direction: then it is best used as it is.
[[nodiscard]] std::optional<EquivalentMeasurement> equivalent_measurement(
    const SensorTrackEstimate& prev, const SensorTrackEstimate& now, double q);

// Covariance intersection (Julier & Uhlmann, ACC 1997): fusing two estimates whose correlation is
// unknown as  P^-1 = w A^-1 + (1 - w) B^-1  stays consistent for any correlation. Returns the
// weight w of A in (0, 1) that minimises the trace of the fused covariance (golden-section
// search; the trace is convex in w).
[[nodiscard]] double covariance_intersection_weight(const Eigen::Matrix3d& A,
                                                    const Eigen::Matrix3d& B);

}  // namespace dewline::track
