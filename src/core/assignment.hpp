// assignment.hpp: the linear assignment problem, solved exactly.
//
// Shortest augmenting path with dual potentials (Jonker & Volgenant, "A shortest augmenting path
// algorithm for dense and sparse linear assignment problems", Computing 38, 1987; the O(n^2 m)
// form of Kuhn-Munkres). Minimises the total cost of assigning rows to distinct columns. Any
// shape works: when rows > cols the problem is solved transposed. Entries equal to
// `kForbidden` (or any value >= it) are never assigned: a row whose only options are forbidden
// comes back unassigned (-1).
//
// Used by the tracker (GNN association, per cluster) and by eval (GOSPA), so both agree on what
// "optimal" means. The solver owns its scratch space and reuses it across calls.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace dewline {

inline constexpr double kForbidden = std::numeric_limits<double>::infinity();

class AssignmentSolver {
 public:
  // `cost` is row-major, rows x cols. Returns row -> column (or -1), and writes the total cost
  // of the assigned (non-forbidden) pairs to `total` when given.
  const std::vector<int>& solve(const double* cost, std::size_t rows, std::size_t cols,
                                double* total = nullptr);
  const std::vector<int>& solve(const std::vector<double>& cost, std::size_t rows,
                                std::size_t cols, double* total = nullptr) {
    return solve(cost.data(), rows, cols, total);
  }

 private:
  void solve_wide(const double* cost, std::size_t n, std::size_t m, bool transposed,
                  std::size_t stride);

  std::vector<double> u_, v_, minv_;
  std::vector<int> p_, way_;
  std::vector<char> used_;
  std::vector<int> result_;
};

}  // namespace dewline
