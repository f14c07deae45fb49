// chi2.hpp: quantiles of the chi-square distribution, for innovation gates: a measurement of
// dimension n falls inside the gate nu' S^-1 nu <= chi2_quantile(P_G, n) with probability P_G.
#pragma once

namespace dewline::track {

// Regularised lower incomplete gamma P(a, x) (series / continued fraction, Numerical Recipes
// 3rd ed., section 6.2).
[[nodiscard]] double regularized_gamma_p(double a, double x);
// The p-quantile of chi-square with `dof` degrees of freedom (bisection on P(dof/2, x/2)).
[[nodiscard]] double chi2_quantile(double p, int dof);

}  // namespace dewline::track
