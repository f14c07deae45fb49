// triangulation.hpp: a position from two bearings taken by passive sensors at different places
// (RF direction finders, acoustic arrays, cameras), to start tracks that no radar sees.
//
// The two lines of sight are intersected in the horizontal plane; height comes from the
// elevations when the sensors give them (weighted by their range-scaled noise) or from a prior.
// The covariance is the first-order propagation of the angular noise through the intersection
// (numerical Jacobian). Geometry that cannot give a fix is refused: nearly parallel lines (crossing
// angle below a minimum), an intersection behind either sensor or beyond its range, elevations
// that disagree beyond their noise.
#pragma once

#include <optional>

#include "core/detection.hpp"
#include "track/state.hpp"

namespace dewline::track {

struct TriangulationParams {
  double min_crossing_angle_rad = 0.05;
  double max_range_a_m = 0.0;  // 0: unlimited
  double max_range_b_m = 0.0;
  double height_prior_m = 100.0;  // above the first sensor when no elevation is given
  double height_prior_sigma_m = 300.0;
  double elevation_consistency_chi2 = 9.0;
};

struct Fix {
  Vec3 position = Vec3::Zero();
  Mat3 covariance = Mat3::Identity();
  double range_a_m = 0.0;
  double range_b_m = 0.0;
};

// Both detections must carry BearingMeasurement (or PolarMeasurement, whose range is ignored).
[[nodiscard]] std::optional<Fix> triangulate(const Detection& a, const Detection& b,
                                             const TriangulationParams& p);

// A third sensor's bearing against a fix: the chi-square of its residual (azimuth, and elevation
// when it has one) and that residual's dimension. The fix's covariance is widened by
// `extra_var_m2` on each horizontal axis for the target's motion between the bearings' times.
// nullopt: `c` is no bearing, or its sensor stands under the fix.
struct BearingFit {
  double chi2 = 0.0;
  int dim = 0;
};
[[nodiscard]] std::optional<BearingFit> bearing_fit(const Fix& f, const Detection& c,
                                                    double extra_var_m2);

// The fix after one extended-Kalman update of its position by that bearing (the same widening);
// unchanged when bearing_fit would give nullopt.
void refine_fix(Fix& f, const Detection& c, double extra_var_m2);

}  // namespace dewline::track
