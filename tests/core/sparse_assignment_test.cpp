#include "core/sparse_assignment.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/assignment.hpp"

namespace dewline {
namespace {

// A random sparse problem, as both a SparseCostMatrix and the dense matrix with kForbidden.
struct Problem {
  SparseCostMatrix sparse;
  std::vector<double> dense;
};

Problem random_problem(std::mt19937_64& rng, std::size_t rows, std::size_t cols, double density,
                       double lo, double hi) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uniform_real_distribution<double> cost(lo, hi);
  Problem p;
  p.sparse.clear(cols);
  p.dense.assign(rows * cols, kForbidden);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      if (u(rng) < density) {
        const double x = cost(rng);
        p.sparse.add(static_cast<std::uint32_t>(c), x);
        p.dense[r * cols + c] = x;
      }
    }
    p.sparse.end_row();
  }
  return p;
}

// Checks that `a` is a valid assignment using only edges of the problem and returns the
// number of pairs.
std::size_t check_valid(const Problem& p, const std::vector<int>& a) {
  std::vector<int> used(p.sparse.cols, 0);
  std::size_t pairs = 0;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r] < 0) {
      continue;
    }
    const auto c = static_cast<std::size_t>(a[r]);
    EXPECT_LT(p.dense[r * p.sparse.cols + c], kForbidden) << "row " << r << " on a missing edge";
    EXPECT_EQ(used[c]++, 0) << "column " << c << " used twice";
    ++pairs;
  }
  return pairs;
}

std::size_t dense_pairs(const std::vector<int>& a) {
  std::size_t n = 0;
  for (int x : a) {
    n += x >= 0 ? 1 : 0;
  }
  return n;
}

TEST(SparseAssignmentSolver, MatchesTheDenseSolverOnRandomSparseProblems) {
  std::mt19937_64 rng(777);
  std::uniform_int_distribution<int> dim(1, 40);
  std::uniform_real_distribution<double> dens(0.02, 0.6);
  AssignmentSolver dense;
  SparseAssignmentSolver sparse;
  for (int trial = 0; trial < 600; ++trial) {
    const auto rows = static_cast<std::size_t>(dim(rng));
    const auto cols = static_cast<std::size_t>(dim(rng));
    // Half the trials have negative costs, as the tracker's -log likelihood ratios do.
    const double lo = trial % 2 == 0 ? -50.0 : 0.0;
    const Problem p = random_problem(rng, rows, cols, dens(rng), lo, 100.0);
    double dense_total = 0.0;
    const std::vector<int> da = dense.solve(p.dense, rows, cols, &dense_total);
    double sparse_total = 0.0;
    const std::vector<int>& sa = sparse.solve(p.sparse, &sparse_total);
    ASSERT_EQ(sa.size(), rows);
    EXPECT_EQ(check_valid(p, sa), dense_pairs(da)) << "trial " << trial;
    EXPECT_NEAR(sparse_total, dense_total, 1e-6 * (1.0 + std::abs(dense_total)))
        << "trial " << trial << " " << rows << "x" << cols;
  }
}

TEST(SparseAssignmentSolver, TrackerShapeWithPrivateMissColumnsAssignsEveryRow) {
  // The tracker's form: each row (track) has a private zero-cost "miss" column beside its gated
  // plots, so every row is assigned, and a plot is taken only when it beats the miss.
  std::mt19937_64 rng(99);
  const std::size_t tracks = 300;
  const std::size_t plots = 280;
  std::uniform_int_distribution<std::uint32_t> plot(0, plots - 1);
  std::uniform_real_distribution<double> cost(-12.0, 4.0);
  Problem p;
  p.sparse.clear(plots + tracks);
  p.dense.assign(tracks * (plots + tracks), kForbidden);
  for (std::size_t t = 0; t < tracks; ++t) {
    std::vector<std::uint32_t> cs;
    for (int k = 0; k < 6; ++k) {
      const std::uint32_t c = plot(rng);
      if (std::find(cs.begin(), cs.end(), c) == cs.end()) {
        cs.push_back(c);
      }
    }
    cs.push_back(static_cast<std::uint32_t>(plots + t));
    for (std::uint32_t c : cs) {
      const double x = c >= plots ? 0.0 : cost(rng);
      p.sparse.add(c, x);
      p.dense[t * (plots + tracks) + c] = x;
    }
    p.sparse.end_row();
  }
  AssignmentSolver dense;
  SparseAssignmentSolver sparse;
  double dense_total = 0.0;
  double sparse_total = 0.0;
  dense.solve(p.dense, tracks, plots + tracks, &dense_total);
  const std::vector<int>& a = sparse.solve(p.sparse, &sparse_total);
  EXPECT_EQ(check_valid(p, a), tracks);
  EXPECT_NEAR(sparse_total, dense_total, 1e-9 * std::abs(dense_total));
  for (std::size_t t = 0; t < tracks; ++t) {
    if (a[t] >= 0 && static_cast<std::size_t>(a[t]) < plots) {
      EXPECT_LT(p.dense[t * (plots + tracks) + static_cast<std::size_t>(a[t])], 0.0)
          << "a plot that costs more than missing it was taken";
    }
  }
}

TEST(SparseAssignmentSolver, EmptyRowsAndEmptyProblems) {
  SparseAssignmentSolver s;
  SparseCostMatrix m;
  m.clear(3);
  EXPECT_TRUE(s.solve(m).empty());
  m.end_row();  // a row with no edge
  m.add(1, 5.0);
  m.end_row();
  double total = 0.0;
  const std::vector<int>& a = s.solve(m, &total);
  ASSERT_EQ(a.size(), 2U);
  EXPECT_EQ(a[0], -1);
  EXPECT_EQ(a[1], 1);
  EXPECT_DOUBLE_EQ(total, 5.0);
}

TEST(SparseAssignmentSolver, PrefersMoreAssignmentsOverLowerCost) {
  // Row 0 alone would take column 0 (cost 1); taking column 1 (cost 9) lets row 1 have column 0.
  SparseCostMatrix m;
  m.clear(2);
  m.add(0, 1.0);
  m.add(1, 9.0);
  m.end_row();
  m.add(0, 1.0);
  m.end_row();
  SparseAssignmentSolver s;
  double total = 0.0;
  const std::vector<int>& a = s.solve(m, &total);
  EXPECT_EQ(a[0], 1);
  EXPECT_EQ(a[1], 0);
  EXPECT_DOUBLE_EQ(total, 10.0);
}

}  // namespace
}  // namespace dewline
