#include "track/chi2.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace dewline::track {
namespace {

TEST(Chi2, QuantilesMatchTables) {
  EXPECT_NEAR(chi2_quantile(0.95, 1), 3.8415, 1e-3);
  EXPECT_NEAR(chi2_quantile(0.99, 2), 9.2103, 1e-3);
  EXPECT_NEAR(chi2_quantile(0.99, 3), 11.3449, 1e-3);
  EXPECT_NEAR(chi2_quantile(0.9999, 3), 21.108, 1e-2);
  EXPECT_NEAR(chi2_quantile(0.999, 6), 22.458, 1e-2);
}

TEST(Chi2, GammaPIsACdf) {
  EXPECT_DOUBLE_EQ(regularized_gamma_p(1.5, 0.0), 0.0);
  EXPECT_NEAR(regularized_gamma_p(1.0, 1.0), 1.0 - std::exp(-1.0), 1e-12);
  EXPECT_NEAR(regularized_gamma_p(3.0, 50.0), 1.0, 1e-12);
}

}  // namespace
}  // namespace dewline::track
