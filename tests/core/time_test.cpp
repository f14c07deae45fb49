#include "core/time.hpp"

#include <gtest/gtest.h>

namespace dewline {
namespace {

TEST(Time, SecondsRoundTripToTheNanosecond) {
  const Time t = Time::from_seconds(12.345678901);
  EXPECT_EQ(t.ns, 12'345'678'901);
  EXPECT_DOUBLE_EQ(seconds_between(Time{}, t), 12.345678901);
  EXPECT_EQ((t + Duration::from_ms(5)).ns, 12'350'678'901);
}

TEST(Time, FormatsIso8601Utc) {
  EXPECT_EQ(to_iso8601(Time{}), "1970-01-01T00:00:00.000Z");
  // 2026-11-25T19:07:17.250Z
  EXPECT_EQ(to_iso8601(Time::from_ns(1'795'633'637'250'000'000)), "2026-11-25T19:07:17.250Z");
  EXPECT_EQ(to_iso8601(Time::from_ns(-1'000'000)), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace dewline
