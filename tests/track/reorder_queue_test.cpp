#include "track/reorder_queue.hpp"

#include <gtest/gtest.h>

namespace dewline::track {
namespace {

Detection at(double t, std::uint32_t sensor) {
  Detection d;
  d.time = Time::from_seconds(t);
  d.sensor = SensorId{sensor};
  return d;
}

TEST(ReorderQueue, ReleasesInTimeOrderAfterTheWindow) {
  ReorderQueue q(Duration::from_ms(500));
  std::vector<Detection> out;
  ASSERT_TRUE(q.push(at(1.0, 1)));
  ASSERT_TRUE(q.push(at(0.8, 2)));  // arrives late but within the window
  q.pop_due(out);
  EXPECT_TRUE(out.empty()) << "nothing is older than newest - window yet";
  ASSERT_TRUE(q.push(at(1.6, 1)));
  q.pop_due(out);
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].time, Time::from_seconds(0.8));
  EXPECT_EQ(out[1].time, Time::from_seconds(1.0));
}

TEST(ReorderQueue, LateDetectionsAreRefused) {
  ReorderQueue q(Duration::from_ms(100));
  std::vector<Detection> out;
  ASSERT_TRUE(q.push(at(2.0, 1)));
  q.pop_until(Time::from_seconds(2.0), out);
  EXPECT_FALSE(q.push(at(1.5, 1)));
  EXPECT_TRUE(q.push(at(2.0, 2))) << "the same time as released is not late";
}

TEST(ReorderQueue, TiesKeepArrivalOrder) {
  ReorderQueue q(Duration::from_ms(0));
  std::vector<Detection> out;
  for (std::uint32_t s = 5; s > 0; --s) {
    ASSERT_TRUE(q.push(at(1.0, s)));
  }
  q.pop_all(out);
  ASSERT_EQ(out.size(), 5U);
  for (std::uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(out[i].sensor, SensorId{5 - i});
  }
}

}  // namespace
}  // namespace dewline::track
