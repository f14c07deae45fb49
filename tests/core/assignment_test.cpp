#include "core/assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace dewline {
namespace {

// Brute force over all injections of the smaller side into the larger; forbidden pairs may be
// left unassigned. Returns the best (max feasible pairs, then min cost) like the solver's rule.
std::pair<std::size_t, double> brute_force(const std::vector<double>& c, std::size_t rows,
                                           std::size_t cols) {
  std::vector<std::size_t> perm(std::max(rows, cols));
  std::iota(perm.begin(), perm.end(), 0);
  std::size_t best_pairs = 0;
  double best_cost = 0.0;
  bool first = true;
  do {
    std::size_t pairs = 0;
    double cost = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::size_t k = perm[r];
      if (k >= cols) {
        continue;
      }
      const double x = c[r * cols + k];
      if (x < kForbidden) {
        ++pairs;
        cost += x;
      }
    }
    if (first || pairs > best_pairs || (pairs == best_pairs && cost < best_cost - 1e-12)) {
      best_pairs = pairs;
      best_cost = cost;
      first = false;
    }
  } while (std::next_permutation(perm.begin(), perm.end()));
  return {best_pairs, best_cost};
}

TEST(AssignmentSolver, MatchesBruteForceOnRandomMatrices) {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> u(0.0, 100.0);
  std::uniform_int_distribution<int> dim(1, 7);
  AssignmentSolver solver;
  for (int trial = 0; trial < 400; ++trial) {
    const auto rows = static_cast<std::size_t>(dim(rng));
    const auto cols = static_cast<std::size_t>(dim(rng));
    std::vector<double> c(rows * cols);
    for (auto& x : c) {
      x = (u(rng) < 20.0 && trial % 2 == 0) ? kForbidden : u(rng);
    }
    double total = 0.0;
    const auto& a = solver.solve(c, rows, cols, &total);
    ASSERT_EQ(a.size(), rows);
    std::vector<int> used(cols, 0);
    std::size_t pairs = 0;
    double check = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      if (a[r] < 0) {
        continue;
      }
      ASSERT_LT(static_cast<std::size_t>(a[r]), cols);
      ASSERT_EQ(used[static_cast<std::size_t>(a[r])]++, 0) << "column used twice";
      ASSERT_LT(c[r * cols + static_cast<std::size_t>(a[r])], kForbidden);
      ++pairs;
      check += c[r * cols + static_cast<std::size_t>(a[r])];
    }
    const auto [bp, bc] = brute_force(c, rows, cols);
    EXPECT_EQ(pairs, bp) << "trial " << trial;
    EXPECT_NEAR(check, bc, 1e-9) << "trial " << trial;
    EXPECT_NEAR(total, check, 1e-9);
  }
}

TEST(AssignmentSolver, EmptyAndAllForbidden) {
  AssignmentSolver solver;
  EXPECT_TRUE(solver.solve(std::vector<double>{}, 0, 3).empty());
  const std::vector<double> c(6, kForbidden);
  const auto& a = solver.solve(c, 2, 3);
  EXPECT_EQ(a, (std::vector<int>{-1, -1}));
}

TEST(AssignmentSolver, TallMatrixIsSolvedTransposed) {
  // 3 rows, 2 columns: rows 0 and 2 are cheapest on distinct columns.
  const std::vector<double> c = {1, 9,  //
                                 5, 5,  //
                                 9, 1};
  AssignmentSolver solver;
  double total = 0.0;
  const auto& a = solver.solve(c, 3, 2, &total);
  EXPECT_EQ(a, (std::vector<int>{0, -1, 1}));
  EXPECT_DOUBLE_EQ(total, 2.0);
}

}  // namespace
}  // namespace dewline
