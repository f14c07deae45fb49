// gospa.hpp: GOSPA and OSPA between the truth and the tracks at one time.
//
// GOSPA (Rahmathullah, Garcia-Fernandez, Svensson, "Generalized optimal sub-pattern assignment
// metric", FUSION 2017), with cut-off c, order p and alpha (2 by default, the only alpha that
// splits into localisation, missed and false parts):
//
//   GOSPA^p = min over assignments of  sum_{assigned} min(d, c)^p + c^p / alpha * (#unassigned)
//
// The parts follow Stone Soup's GOSPAMetric (stonesoup/metricgenerator/ospametric.py): pairs whose
// distance reaches c count as one missed and one false target, `localisation` is the sum of d^p
// over the other pairs, and GOSPA = (localisation + c^p/alpha * (missed + false))^(1/p). With the
// exchange format's p = 1 every part is in metres and they add up.
//
// OSPA (Schuhmacher, Vo, Vo, IEEE TSP 2008) comes from the same optimal assignment:
//   OSPA = ( (sum min(d,c)^p + c^p |m - n|) / max(m, n) )^(1/p).
#pragma once

#include <cstddef>
#include <vector>

#include "core/assignment.hpp"
#include "core/geodesy.hpp"

namespace dewline::eval {

struct GospaParams {
  double c = 100.0;
  double p = 1.0;
  double alpha = 2.0;
};

struct GospaResult {
  double gospa = 0.0;
  double localisation = 0.0;     // sum of d^p over pairs with d < c
  std::size_t missed = 0;        // truths without a track within c
  std::size_t false_tracks = 0;  // tracks without a truth within c
  double ospa = 0.0;
  // truth index -> track index within c, or -1.
  std::vector<int> truth_to_track;
};

class GospaCalculator {
 public:
  explicit GospaCalculator(GospaParams params = {}) : params_(params) {}

  [[nodiscard]] GospaResult compute(const std::vector<Vec3>& truths,
                                    const std::vector<Vec3>& tracks);
  [[nodiscard]] const GospaParams& params() const { return params_; }

 private:
  static constexpr std::size_t kDenseLimit = 10000;  // m * n above which components are solved
  static std::vector<std::size_t> all_rows(std::size_t m);
  static std::vector<std::size_t> all_cols(std::size_t n);
  void solve_block(const std::vector<Vec3>& truths, const std::vector<Vec3>& tracks,
                   const std::vector<std::size_t>& rows, const std::vector<std::size_t>& cols,
                   GospaResult& r, double& assigned_within, std::size_t& pairs_within);
  void solve_by_components(const std::vector<Vec3>& truths, const std::vector<Vec3>& tracks,
                           GospaResult& r, double& assigned_within, std::size_t& pairs_within);

  GospaParams params_;
  AssignmentSolver solver_;
  std::vector<double> cost_;
};

}  // namespace dewline::eval
