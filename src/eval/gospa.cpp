#include "eval/gospa.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace dewline::eval {

namespace {

std::vector<std::size_t> iota_vec(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = i;
  }
  return v;
}

}  // namespace

std::vector<std::size_t> GospaCalculator::all_rows(std::size_t m) {
  return iota_vec(m);
}
std::vector<std::size_t> GospaCalculator::all_cols(std::size_t n) {
  return iota_vec(n);
}

void GospaCalculator::solve_block(const std::vector<Vec3>& truths, const std::vector<Vec3>& tracks,
                                  const std::vector<std::size_t>& rows,
                                  const std::vector<std::size_t>& cols, GospaResult& r,
                                  double& assigned_within, std::size_t& pairs_within) {
  const double c = params_.c;
  const double p = params_.p;
  const double cp = std::pow(c, p);
  const bool linear = p == 1.0;  // the exchange format's order: no pow per pair
  const std::size_t m = rows.size();
  const std::size_t n = cols.size();
  if (m == 0 || n == 0) {
    return;
  }
  cost_.resize(m * n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double d = std::min((truths[rows[i]] - tracks[cols[j]]).norm(), c);
      cost_[i * n + j] = linear ? d : std::pow(d, p);
    }
  }
  const std::vector<int>& a = solver_.solve(cost_, m, n);
  for (std::size_t i = 0; i < m; ++i) {
    if (a[i] < 0) {
      continue;
    }
    const double x = cost_[i * n + static_cast<std::size_t>(a[i])];
    if (x < cp) {
      r.localisation += x;
      assigned_within += x;
      r.truth_to_track[rows[i]] = static_cast<int>(cols[static_cast<std::size_t>(a[i])]);
      ++pairs_within;
    }
  }
}

void GospaCalculator::solve_by_components(const std::vector<Vec3>& truths,
                                          const std::vector<Vec3>& tracks, GospaResult& r,
                                          double& assigned_within, std::size_t& pairs_within) {
  const double c = params_.c;
  const std::size_t m = truths.size();
  const std::size_t n = tracks.size();
  // Tracks sorted by a horizontal grid cell of side c: a truth's partners are in the 3 x 3 cells
  // around its own.
  auto cell = [c](const Vec3& v) {
    return std::pair<std::int64_t, std::int64_t>{static_cast<std::int64_t>(std::floor(v.x() / c)),
                                                 static_cast<std::int64_t>(std::floor(v.y() / c))};
  };
  std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::size_t>> grid(n);
  for (std::size_t j = 0; j < n; ++j) {
    grid[j] = {cell(tracks[j]), j};
  }
  std::sort(grid.begin(), grid.end());
  // Union-find over m truths then n tracks.
  std::vector<std::size_t> parent = iota_vec(m + n);
  auto find = [&parent](std::size_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (std::size_t i = 0; i < m; ++i) {
    const auto [cx, cy] = cell(truths[i]);
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      const std::pair<std::int64_t, std::int64_t> lo{cx + dx, cy - 1};
      const std::pair<std::int64_t, std::int64_t> hi{cx + dx, cy + 1};
      auto it = std::lower_bound(grid.begin(), grid.end(), std::make_pair(lo, std::size_t{0}));
      for (; it != grid.end() && it->first <= hi; ++it) {
        if ((truths[i] - tracks[it->second]).norm() < c) {
          const std::size_t a = find(i);
          const std::size_t b = find(m + it->second);
          if (a != b) {
            parent[std::max(a, b)] = std::min(a, b);
          }
        }
      }
    }
  }
  // Components in order of their smallest member (deterministic).
  std::vector<std::vector<std::size_t>> comp_rows(m + n);
  std::vector<std::vector<std::size_t>> comp_cols(m + n);
  for (std::size_t i = 0; i < m; ++i) {
    comp_rows[find(i)].push_back(i);
  }
  for (std::size_t j = 0; j < n; ++j) {
    comp_cols[find(m + j)].push_back(j);
  }
  for (std::size_t k = 0; k < m + n; ++k) {
    if (!comp_rows[k].empty() && !comp_cols[k].empty()) {
      solve_block(truths, tracks, comp_rows[k], comp_cols[k], r, assigned_within, pairs_within);
    }
  }
}

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

  // With alpha = 2, pairs at distance >= c cost c^p whether paired or not ( c^p/2 missed + c^p/2
  // false), so the optimal assignment splits into the connected components of the graph of pairs
  // closer than c, each solved on its own. Large scenes (10,000 targets) need this; small ones
  // keep the one dense problem.
  double assigned_cost = 0.0;
  std::size_t pairs_within = 0;
  if (m * n <= kDenseLimit || params_.alpha != 2.0) {
    solve_block(truths, tracks, all_rows(m), all_cols(n), r, assigned_cost, pairs_within);
  } else {
    solve_by_components(truths, tracks, r, assigned_cost, pairs_within);
  }
  r.missed = m - pairs_within;
  r.false_tracks = n - pairs_within;
  r.gospa =
      std::pow(r.localisation + dummy * static_cast<double>(r.missed + r.false_tracks), 1.0 / p);
  // The full min(m, n) assignment: pairs within c plus pairs at the cut-off.
  const double full = assigned_cost + cp * static_cast<double>(std::min(m, n) - pairs_within);
  const double card = static_cast<double>(std::max(m, n) - std::min(m, n));
  r.ospa = std::pow((full + cp * card) / static_cast<double>(std::max(m, n)), 1.0 / p);
  return r;
}

}  // namespace dewline::eval
