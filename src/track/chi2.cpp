#include "track/chi2.hpp"

#include <cmath>

namespace dewline::track {

double regularized_gamma_p(double a, double x) {
  if (x <= 0.0) {
    return 0.0;
  }
  const double gln = std::lgamma(a);
  if (x < a + 1.0) {
    double sum = 1.0 / a;
    double del = sum;
    double ap = a;
    for (int n = 0; n < 500; ++n) {
      ap += 1.0;
      del *= x / ap;
      sum += del;
      if (std::abs(del) < std::abs(sum) * 1e-15) {
        break;
      }
    }
    return sum * std::exp(-x + a * std::log(x) - gln);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  double b = x + 1.0 - a;
  double c = 1.0 / 1e-300;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < 500; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < 1e-300) {
      d = 1e-300;
    }
    c = b + an / c;
    if (std::abs(c) < 1e-300) {
      c = 1e-300;
    }
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::abs(del - 1.0) < 1e-15) {
      break;
    }
  }
  return 1.0 - std::exp(-x + a * std::log(x) - gln) * h;
}

double chi2_quantile(double p, int dof) {
  const double a = 0.5 * dof;
  double lo = 0.0;
  double hi = 10.0 * dof + 100.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (regularized_gamma_p(a, 0.5 * mid) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace dewline::track
