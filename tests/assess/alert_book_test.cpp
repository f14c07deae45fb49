#include "assess/alert_book.hpp"

#include <gtest/gtest.h>

namespace dewline::assess {
namespace {

AlertCondition cond(std::uint64_t track, const char* zone = "plant",
                    ThreatLevel t = ThreatLevel::High) {
  return AlertCondition{TrackId{track}, zone, ZoneLevel::Protected, t, "rule"};
}

struct BookRun {
  AlertConfig cfg;
  AlertBook book{cfg};
  std::map<TrackId, Time> seen;
  std::vector<AlertEvent> events;
  void step(double t_s, const std::vector<AlertCondition>& active,
            const std::vector<std::uint64_t>& reported) {
    const Time t = Time::from_seconds(t_s);
    for (auto id : reported) {
      seen[TrackId{id}] = t;
    }
    book.update(t, active, [&](TrackId id) { return seen.count(id) ? seen[id] : Time{}; });
    for (auto& e : book.take_events()) {
      events.push_back(e);
    }
  }
};

TEST(AlertBook, RaisesAfterTheConditionHoldsThenClears) {
  BookRun r;
  r.step(0, {cond(1)}, {1});
  r.step(1, {cond(1)}, {1});
  EXPECT_TRUE(r.events.empty());  // raise_after_s = 2.5
  r.step(2, {cond(1)}, {1});
  r.step(3, {cond(1)}, {1});
  ASSERT_EQ(r.events.size(), 1U);
  EXPECT_EQ(r.events[0].state, AlertState::Raised);
  EXPECT_EQ(r.events[0].alert_id, AlertId{1});
  EXPECT_EQ(r.events[0].time, Time::from_seconds(3));
  EXPECT_EQ(r.events[0].zone, "plant");
  for (int t = 4; t < 23; ++t) {
    r.step(t, {}, {1});
  }
  EXPECT_EQ(r.events.size(), 1U);
  r.step(23, {}, {1});  // 20 s after the last true report
  ASSERT_EQ(r.events.size(), 2U);
  EXPECT_EQ(r.events[1].state, AlertState::Cleared);
  EXPECT_EQ(r.events[1].alert_id, AlertId{1});
}

TEST(AlertBook, FlickeringOnAZoneEdgeRaisesOneAlert) {
  BookRun r;
  // In for 2 s, out for 2 s, for five minutes.
  for (int t = 0; t < 300; ++t) {
    const bool in = (t / 2) % 2 == 0;
    r.step(t, in ? std::vector<AlertCondition>{cond(1)} : std::vector<AlertCondition>{}, {1});
  }
  std::size_t raised = 0;
  for (const auto& e : r.events) {
    raised += e.state == AlertState::Raised ? 1U : 0U;
  }
  EXPECT_EQ(raised, 1U);
  EXPECT_EQ(r.book.open_alerts(), 1U);
}

TEST(AlertBook, ShortBlipsNeverRaise) {
  BookRun r;
  for (int t = 0; t < 100; ++t) {
    r.step(t, t % 10 == 0 ? std::vector<AlertCondition>{cond(1)} : std::vector<AlertCondition>{},
           {1});
  }
  EXPECT_TRUE(r.events.empty());
}

TEST(AlertBook, ExpiresWhenTheTrackIsLostAndAcknowledges) {
  BookRun r;
  for (int t = 0; t <= 3; ++t) {
    r.step(t, {cond(7), cond(8, "perimeter", ThreatLevel::Medium)}, {7, 8});
  }
  ASSERT_EQ(r.events.size(), 2U);
  const AlertId a7 = r.events[0].alert_id;
  EXPECT_TRUE(r.book.acknowledge(a7, Time::from_seconds(4)));
  EXPECT_FALSE(r.book.acknowledge(a7, Time::from_seconds(4)));  // already acknowledged
  EXPECT_FALSE(r.book.acknowledge(AlertId{99}, Time::from_seconds(4)));
  for (auto& e : r.book.take_events()) {
    r.events.push_back(e);
  }
  ASSERT_EQ(r.events.size(), 3U);
  EXPECT_EQ(r.events[2].state, AlertState::Acknowledged);
  // Track 7 is no longer reported; track 8 is, with its condition still true.
  for (int t = 4; t <= 13; ++t) {
    r.step(t, {cond(8, "perimeter", ThreatLevel::Medium)}, {8});
  }
  ASSERT_EQ(r.events.size(), 4U);
  EXPECT_EQ(r.events[3].state, AlertState::Expired);
  EXPECT_EQ(r.events[3].alert_id, a7);
  EXPECT_EQ(r.events[3].time, Time::from_seconds(13));
  EXPECT_EQ(r.book.open_alerts(), 1U);
}

TEST(AlertBook, KeepsTheWorstLevelWhileOpen) {
  BookRun r;
  for (int t = 0; t <= 3; ++t) {
    r.step(t, {cond(1, "plant", ThreatLevel::Medium)}, {1});
  }
  r.step(4, {cond(1, "plant", ThreatLevel::Critical)}, {1});
  for (int t = 5; t <= 30; ++t) {
    r.step(t, {}, {1});
  }
  ASSERT_EQ(r.events.size(), 2U);
  EXPECT_EQ(r.events[0].threat, ThreatLevel::Medium);
  EXPECT_EQ(r.events[1].threat, ThreatLevel::Critical);
}

}  // namespace
}  // namespace dewline::assess
