#include "core/sparse_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace dewline {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

const std::vector<int>& SparseAssignmentSolver::solve(const SparseCostMatrix& m, double* total) {
  // Every row also has a private "unassigned" column (index cols + row) at a penalty above any
  // feasible total, so that each row always augments (successive shortest paths are exact only
  // then) and fewer rows end on the penalty than in any other assignment: maximum cardinality
  // first, then minimum cost, as the dense solver's penalty does.
  double max_abs = 0.0;
  for (double x : m.cost) {
    max_abs = std::max(max_abs, std::abs(x));
  }
  penalty_ = (max_abs + 1.0) * static_cast<double>(m.rows + 1) * 4.0;
  const std::size_t n_cols = m.cols + m.rows;
  u_.assign(m.rows, 0.0);
  v_.assign(n_cols, 0.0);
  dist_.assign(n_cols, kInf);
  done_.assign(n_cols, 0);
  row_of_col_.assign(n_cols, -1);
  col_of_row_.assign(m.rows, -1);
  way_.assign(n_cols, -1);
  for (std::uint32_t r = 0; r < m.rows; ++r) {
    augment(m, r);
  }
  for (std::uint32_t r = 0; r < m.rows; ++r) {
    if (col_of_row_[r] >= static_cast<int>(m.cols)) {
      col_of_row_[r] = -1;
    }
  }
  if (total != nullptr) {
    *total = 0.0;
    for (std::uint32_t r = 0; r < m.rows; ++r) {
      const int c = col_of_row_[r];
      if (c < 0) {
        continue;
      }
      for (std::uint32_t e = m.row_start[r]; e < m.row_start[r + 1]; ++e) {
        if (m.col[e] == static_cast<std::uint32_t>(c)) {
          *total += m.cost[e];
          break;
        }
      }
    }
  }
  return col_of_row_;
}

// One Dijkstra from row `start` over reduced costs c_ij - u_i - v_j (>= 0 on every edge, 0 on
// matched edges); columns are the nodes, a matched column leads on to its row. Stops at the
// first free column popped, then moves the potentials of the finalised nodes so that the
// invariant holds again and augments along the path.
void SparseAssignmentSolver::augment(const SparseCostMatrix& m, std::uint32_t start) {
  const std::uint32_t b = m.row_start[start];
  const std::uint32_t e = m.row_start[start + 1];
  const std::size_t own = m.cols + start;  // the row's private penalty column
  // Fresh row: its potential is its cheapest reduced edge, so all its edges become >= 0.
  double umin = penalty_ - v_[own];
  for (std::uint32_t k = b; k < e; ++k) {
    umin = std::min(umin, m.cost[k] - v_[m.col[k]]);
  }
  u_[start] = umin;

  heap_.clear();
  touched_.clear();
  final_cols_.clear();
  auto relax = [&](std::uint32_t r, std::uint32_t c, double x, double base) {
    if (done_[c] != 0) {
      return;
    }
    const double d = base + std::max(0.0, x - u_[r] - v_[c]);
    if (d < dist_[c]) {
      if (dist_[c] == kInf) {
        touched_.push_back(c);
      }
      dist_[c] = d;
      way_[c] = static_cast<int>(r);
      heap_.emplace_back(d, c);
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    }
  };
  auto relax_row = [&](std::uint32_t r, double base) {
    for (std::uint32_t k = m.row_start[r]; k < m.row_start[r + 1]; ++k) {
      relax(r, m.col[k], m.cost[k], base);
    }
    relax(r, static_cast<std::uint32_t>(m.cols + r), penalty_, base);
  };
  relax_row(start, 0.0);
  int free_col = -1;
  double reach = 0.0;
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    const auto [d, c] = heap_.back();
    heap_.pop_back();
    if (done_[c] != 0 || d > dist_[c]) {
      continue;  // a stale entry
    }
    done_[c] = 1;
    final_cols_.push_back(c);
    if (row_of_col_[c] < 0) {
      free_col = static_cast<int>(c);
      reach = d;
      break;
    }
    relax_row(static_cast<std::uint32_t>(row_of_col_[c]), d);
  }

  if (free_col >= 0) {
    // Potentials: every finalised node moves by (its distance - reach); the start row by reach.
    u_[start] += reach;
    for (std::uint32_t c : final_cols_) {
      if (static_cast<int>(c) == free_col) {
        continue;
      }
      const double shift = reach - dist_[c];
      v_[c] -= shift;
      u_[static_cast<std::uint32_t>(row_of_col_[c])] += shift;
    }
    // Augment: walk back from the free column, flipping matched and unmatched edges.
    int c = free_col;
    while (true) {
      const int r = way_[static_cast<std::uint32_t>(c)];
      const int prev = col_of_row_[static_cast<std::uint32_t>(r)];
      row_of_col_[static_cast<std::uint32_t>(c)] = r;
      col_of_row_[static_cast<std::uint32_t>(r)] = c;
      if (r == static_cast<int>(start)) {
        break;
      }
      c = prev;
    }
  }
  for (std::uint32_t c : touched_) {
    dist_[c] = kInf;
    done_[c] = 0;
  }
}

}  // namespace dewline
