#include "track/update_history.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace dewline::track {
namespace {

std::vector<std::int64_t> times(const UpdateHistory& h) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < h.size(); ++i) {
    out.push_back(h[i].time.ns);
  }
  return out;
}

TEST(UpdateHistory, BehavesAsADequeAcrossWrapsAndGrowth) {
  // Against std::deque over a mixed sequence of pushes, drops from the front and inserts.
  UpdateHistory h;
  std::deque<std::int64_t> ref;
  std::int64_t next = 0;
  for (int step = 0; step < 400; ++step) {
    const int op = (step * 7 + step / 13) % 5;
    if (op <= 2) {
      next += 10;
      h.push_back().time = Time{next};
      ref.push_back(next);
    } else if (op == 3 && !ref.empty()) {
      const std::size_t n = 1 + static_cast<std::size_t>(step) % 3;
      h.pop_front(n);
      ref.erase(ref.begin(), ref.begin() + static_cast<std::ptrdiff_t>(std::min(n, ref.size())));
    } else if (!ref.empty()) {
      const std::size_t i = static_cast<std::size_t>(step) % (ref.size() + 1);
      const std::int64_t t = i == 0 ? ref.front() - 1 : ref[i - 1] + 1;
      UpdateRecord r;
      r.time = Time{t};
      h.insert(i, r);
      ref.insert(ref.begin() + static_cast<std::ptrdiff_t>(i), t);
    }
    ASSERT_EQ(times(h), std::vector<std::int64_t>(ref.begin(), ref.end())) << "step " << step;
  }
}

TEST(UpdateHistory, CountNotAfterFindsTheReplayStart) {
  UpdateHistory h;
  for (std::int64_t t : {10, 20, 20, 30}) {
    h.push_back().time = Time{t};
  }
  h.pop_front();  // wrap the ring's start
  h.push_back().time = Time{40};
  EXPECT_EQ(h.count_not_after(Time{5}), 0U);
  EXPECT_EQ(h.count_not_after(Time{20}), 2U);
  EXPECT_EQ(h.count_not_after(Time{25}), 2U);
  EXPECT_EQ(h.count_not_after(Time{40}), 4U);
  h.clear();
  EXPECT_TRUE(h.empty());
  EXPECT_EQ(h.count_not_after(Time{40}), 0U);
}

}  // namespace
}  // namespace dewline::track
