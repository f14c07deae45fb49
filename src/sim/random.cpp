#include "sim/random.hpp"

#include <cmath>
#include <numbers>

namespace dewline::sim {

double Rng::uniform() {
  // (k + 0.5) / 2^53 for k in [0, 2^53): never 0, never 1.
  const std::uint64_t k = engine_() >> 11U;
  return (static_cast<double>(k) + 0.5) * 0x1.0p-53;
}

std::uint64_t Rng::below(std::uint64_t n) {
  if (n <= 1) {
    return 0;
  }
  // Reject the lowest (2^64 mod n) values so that the remainder is unbiased.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t r = engine_();
    if (r >= threshold) {
      return r % n;
    }
  }
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  // Box and Muller (1958): two independent N(0,1) from two uniforms.
  const double u1 = uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double a = 2.0 * std::numbers::pi * u2;
  spare_normal_ = r * std::sin(a);
  has_spare_ = true;
  return r * std::cos(a);
}

double Rng::exponential(double mean) {
  return -mean * std::log(uniform());
}

std::uint64_t Rng::poisson(double mean) {
  if (!(mean > 0.0)) {
    return 0;
  }
  std::uint64_t n = 0;
  double t = -std::log(uniform());
  while (t < mean) {
    ++n;
    t -= std::log(uniform());
  }
  return n;
}

std::size_t Rng::categorical(std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) {
    total += w > 0.0 ? w : 0.0;
  }
  if (!(total > 0.0)) {
    return 0;
  }
  const double x = uniform() * total;
  double acc = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    acc += weights[i] > 0.0 ? weights[i] : 0.0;
    if (x < acc) {
      return i;
    }
  }
  // Rounding: the last index with a positive weight.
  for (std::size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0.0) {
      return i;
    }
  }
  return 0;
}

}  // namespace dewline::sim
