#include "core/assignment.hpp"

#include <algorithm>
#include <cmath>

namespace dewline {
namespace {

// Forbidden entries are replaced by a finite penalty far above any feasible total so that the
// dual updates stay finite; pairs that end on a penalty are reported unassigned.
double penalty_for(const double* cost, std::size_t count) {
  double max_finite = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    if (cost[i] < kForbidden) {
      max_finite = std::max(max_finite, std::abs(cost[i]));
    }
  }
  return (max_finite + 1.0) * static_cast<double>(count + 1) * 4.0;
}

}  // namespace

const std::vector<int>& AssignmentSolver::solve(const double* cost, std::size_t rows,
                                                std::size_t cols, double* total) {
  result_.assign(rows, -1);
  if (total != nullptr) {
    *total = 0.0;
  }
  if (rows == 0 || cols == 0) {
    return result_;
  }
  const bool transposed = rows > cols;
  const std::size_t n = transposed ? cols : rows;
  const std::size_t m = transposed ? rows : cols;
  solve_wide(cost, n, m, transposed, cols);

  // p_[j] (1-based column j of the n x m problem) holds the matched row (1-based) or 0.
  for (std::size_t j = 1; j <= m; ++j) {
    if (p_[j] == 0) {
      continue;
    }
    const auto i = static_cast<std::size_t>(p_[j] - 1);
    const std::size_t r = transposed ? j - 1 : i;
    const std::size_t c = transposed ? i : j - 1;
    const double x = cost[r * cols + c];
    if (x < kForbidden) {
      result_[r] = static_cast<int>(c);
      if (total != nullptr) {
        *total += x;
      }
    }
  }
  return result_;
}

void AssignmentSolver::solve_wide(const double* cost, std::size_t n, std::size_t m,
                                  bool transposed, std::size_t stride) {
  const double big = penalty_for(cost, transposed ? m * n : n * m);
  auto at = [&](std::size_t i, std::size_t j) {  // 1-based row i of n, column j of m
    const double x = transposed ? cost[(j - 1) * stride + (i - 1)] : cost[(i - 1) * stride + (j - 1)];
    return x < kForbidden ? x : big;
  };
  u_.assign(n + 1, 0.0);
  v_.assign(m + 1, 0.0);
  p_.assign(m + 1, 0);
  way_.assign(m + 1, 0);
  minv_.resize(m + 1);
  used_.resize(m + 1);
  for (std::size_t i = 1; i <= n; ++i) {
    p_[0] = static_cast<int>(i);
    std::size_t j0 = 0;
    std::fill(minv_.begin(), minv_.end(), std::numeric_limits<double>::infinity());
    std::fill(used_.begin(), used_.end(), 0);
    do {
      used_[j0] = 1;
      const auto i0 = static_cast<std::size_t>(p_[j0]);
      double delta = std::numeric_limits<double>::infinity();
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used_[j] != 0) {
          continue;
        }
        const double cur = at(i0, j) - u_[i0] - v_[j];
        if (cur < minv_[j]) {
          minv_[j] = cur;
          way_[j] = static_cast<int>(j0);
        }
        if (minv_[j] < delta) {
          delta = minv_[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used_[j] != 0) {
          u_[static_cast<std::size_t>(p_[j])] += delta;
          v_[j] -= delta;
        } else {
          minv_[j] -= delta;
        }
      }
      j0 = j1;
    } while (p_[j0] != 0);
    do {
      const auto j1 = static_cast<std::size_t>(way_[j0]);
      p_[j0] = p_[j1];
      j0 = j1;
    } while (j0 != 0);
  }
}

}  // namespace dewline
