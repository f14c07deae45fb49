// The simulator's own distributions: right moments, reproducible streams.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/random.hpp"

namespace dewline::sim {
namespace {

TEST(Rng, EngineIsTheStandardMt19937_64) {
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64 is 9981545732273789042.
  Rng rng(5489U);
  std::uint64_t x = 0;
  for (int i = 0; i < 10000; ++i) {
    x = rng.bits();
  }
  EXPECT_EQ(x, 9981545732273789042ULL);
}

TEST(Rng, SameSeedSameSequenceAndStreamsDiffer) {
  Rng a(stream_seed(1, StreamKind::SensorTarget, 3, 7));
  Rng b(stream_seed(1, StreamKind::SensorTarget, 3, 7));
  Rng c(stream_seed(1, StreamKind::SensorTarget, 3, 8));
  Rng d(stream_seed(2, StreamKind::SensorTarget, 3, 7));
  int same_c = 0;
  int same_d = 0;
  for (int i = 0; i < 100; ++i) {
    const double x = a.normal();
    EXPECT_EQ(x, b.normal());
    same_c += x == c.normal() ? 1 : 0;
    same_d += x == d.normal() ? 1 : 0;
  }
  EXPECT_EQ(same_c, 0);
  EXPECT_EQ(same_d, 0);
}

struct Moments {
  double mean = 0.0;
  double var = 0.0;
};

template <class F>
Moments moments(int n, F draw) {
  double s = 0.0;
  double s2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    s += x;
    s2 += x * x;
  }
  const double m = s / n;
  return {m, s2 / n - m * m};
}

TEST(Rng, DistributionsHaveTheirMoments) {
  Rng rng(99);
  const int n = 200000;
  // Uniform (0, 1): mean 1/2, variance 1/12; never 0 or 1.
  auto u = moments(n, [&] {
    const double x = rng.uniform();
    EXPECT_TRUE(x > 0.0 && x < 1.0);
    return x;
  });
  EXPECT_NEAR(u.mean, 0.5, 3.0 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(u.var, 1.0 / 12.0, 0.002);
  // Normal: mean 0, variance 1.
  auto g = moments(n, [&] { return rng.normal(); });
  EXPECT_NEAR(g.mean, 0.0, 3.0 / std::sqrt(n));
  EXPECT_NEAR(g.var, 1.0, 0.01);
  // Exponential mean 2: variance 4.
  auto e = moments(n, [&] { return rng.exponential(2.0); });
  EXPECT_NEAR(e.mean, 2.0, 3.0 * 2.0 / std::sqrt(n));
  EXPECT_NEAR(e.var, 4.0, 0.1);
  // Poisson: mean = variance, small and large means.
  for (double lambda : {0.3, 4.0, 37.5, 250.0}) {
    auto p = moments(20000, [&] { return static_cast<double>(rng.poisson(lambda)); });
    EXPECT_NEAR(p.mean, lambda, 3.0 * std::sqrt(lambda / 20000.0)) << lambda;
    EXPECT_NEAR(p.var / lambda, 1.0, 0.05) << lambda;
  }
  EXPECT_EQ(rng.poisson(0.0), 0U);
  // Below n: uniform integers.
  std::vector<int> hist(7, 0);
  for (int i = 0; i < 70000; ++i) {
    ++hist[rng.below(7)];
  }
  for (int h : hist) {
    EXPECT_NEAR(h, 10000, 3.0 * std::sqrt(10000.0 * 6.0 / 7.0));
  }
}

TEST(Rng, CategoricalFollowsItsWeights) {
  Rng rng(3);
  const std::vector<double> w = {0.0, 1.0, 3.0, 0.0, 6.0};
  std::vector<int> hist(w.size(), 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    ++hist[rng.categorical(w)];
  }
  EXPECT_EQ(hist[0], 0);
  EXPECT_EQ(hist[3], 0);
  for (std::size_t k : {1U, 2U, 4U}) {
    const double p = w[k] / 10.0;
    EXPECT_NEAR(hist[k], n * p, 3.0 * std::sqrt(n * p * (1.0 - p)));
  }
}

}  // namespace
}  // namespace dewline::sim
