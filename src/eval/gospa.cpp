#include "eval/gospa.hpp"

#include <algorithm>
#include <cmath>

namespace dewline::eval {

GospaResult GospaCalculator::compute(const std::vector<Vec3>& truths,
                                     const std::vector<Vec3>& tracks) {
  const double c = params_.c;
  const double p = params_.p;
  const double cp = std::pow(c, p);
  const double dummy = cp / params_.alpha;
  const std::size_t m = truths.size();
  const std::size_t n = tracks.size();

  GospaResult r;
  r.truth_to_track.assign(m, -1);
  if (m == 0 || n == 0) {
    r.missed = m;
    r.false_tracks = n;
    const double total = dummy * static_cast<double>(m + n);
    r.gospa = std::pow(total, 1.0 / p);
    r.ospa = (m + n == 0) ? 0.0 : c;
    return r;
  }

  cost_.resize(m * n);
  const bool linear = p == 1.0;  // the exchange format's order: no pow per pair
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double d = std::min((truths[i] - tracks[j]).norm(), c);
      cost_[i * n + j] = linear ? d : std::pow(d, p);
    }
  }
  double assigned_cost = 0.0;
  const std::vector<int>& a = solver_.solve(cost_, m, n, &assigned_cost);

  std::size_t pairs_within = 0;
  for (std::size_t i = 0; i < m; ++i) {
    if (a[i] < 0) {
      continue;
    }
    const double x = cost_[i * n + static_cast<std::size_t>(a[i])];
    if (x < cp) {
      r.localisation += x;
      r.truth_to_track[i] = a[i];
      ++pairs_within;
    }
  }
  r.missed = m - pairs_within;
  r.false_tracks = n - pairs_within;
  r.gospa = std::pow(r.localisation + dummy * static_cast<double>(r.missed + r.false_tracks),
                     1.0 / p);
  const double card = static_cast<double>(std::max(m, n) - std::min(m, n));
  r.ospa = std::pow((assigned_cost + cp * card) / static_cast<double>(std::max(m, n)), 1.0 / p);
  return r;
}

}  // namespace dewline::eval
