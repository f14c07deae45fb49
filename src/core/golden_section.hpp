// golden_section.hpp: the minimum of a unimodal function on an interval, by golden-section search
// (Kiefer 1953): each step keeps the part of [lo, hi] that must hold the minimum, shrinking it by
// 0.618 for one new evaluation.
#pragma once

#include <cmath>

namespace dewline {

struct GoldenSectionMin {
  double x = 0.0;
  double f = 0.0;
};

template <class F>
GoldenSectionMin golden_section_min(F f, double lo, double hi, int steps) {
  const double g = 0.5 * (std::sqrt(5.0) - 1.0);
  double x1 = hi - g * (hi - lo);
  double x2 = lo + g * (hi - lo);
  double f1 = f(x1);
  double f2 = f(x2);
  for (int i = 0; i < steps; ++i) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 < f2 ? GoldenSectionMin{x1, f1} : GoldenSectionMin{x2, f2};
}

}  // namespace dewline
