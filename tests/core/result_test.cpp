#include "core/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dewline {
namespace {

Result<int, std::string> parse_positive(int v) {
  if (v <= 0) {
    return unexpected(std::string("not positive"));
  }
  return v;
}

Result<void, std::string> check_twice(int v) {
  DEWLINE_TRY(parse_positive(v));
  DEWLINE_TRY(parse_positive(v - 1));
  return {};
}

TEST(Result, HoldsValueOrError) {
  auto ok = parse_positive(3);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 3);
  auto bad = parse_positive(0);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), "not positive");
  EXPECT_EQ(bad.value_or(7), 7);
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_TRUE(check_twice(2).has_value());
  auto r = check_twice(1);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error(), "not positive");
}

}  // namespace
}  // namespace dewline
