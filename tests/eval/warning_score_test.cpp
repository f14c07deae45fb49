#include "eval/warning_score.hpp"

#include <gtest/gtest.h>

#include "eval/alerts_jsonl.hpp"

namespace dewline::eval {
namespace {

Zone plant() {
  Zone z;
  z.name = "plant";
  z.level = ZoneLevel::Protected;
  z.floor_m = 0.0;
  z.ceiling_m = 300.0;
  z.polygon = {Vec2{-255, -180}, Vec2{255, -180}, Vec2{255, 180}, Vec2{-255, 180}};
  return z;
}

struct Fixture {
  std::vector<ingest::TruthRow> truth;
  std::vector<ingest::TrackRow> tracks;
  std::vector<ingest::LabelRow> labels;
  std::vector<AlertRow> alerts;
  TrackingScore tracking;

  Fixture() {
    // Target 1 (hostile drone) flies east from x = -1000 at 10 m/s: in the plant at t = 75 s.
    // Target 2 (bird) sits 2 km north. Track 10 follows target 1 from t = 5 s, track 20 the bird.
    for (int t = 0; t <= 100; ++t) {
      ingest::TruthRow a;
      a.time_s = t;
      a.target_id = 1;
      a.position_m = Vec3{-1000.0 + 10.0 * t, 0.0, 50.0};
      truth.push_back(a);
      ingest::TruthRow b;
      b.time_s = t;
      b.target_id = 2;
      b.position_m = Vec3{0.0, 2000.0, 50.0};
      truth.push_back(b);
      if (t >= 5) {
        ingest::TrackRow k;
        k.time_s = t;
        k.track_id = 10;
        k.position_m = a.position_m + Vec3{3, 0, 0};
        tracks.push_back(k);
      }
      ingest::TrackRow kb;
      kb.time_s = t;
      kb.track_id = 20;
      kb.position_m = b.position_m;
      tracks.push_back(kb);
    }
    labels.push_back(ingest::LabelRow{1, CoarseClass::Drone, "multirotor", true});
    labels.push_back(ingest::LabelRow{2, CoarseClass::Bird, "slow", false});
    tracking = score_tracking(truth, tracks);
  }

  WarningScore score() {
    WarningInputs in;
    in.truth = &truth;
    in.tracks = &tracks;
    in.labels = &labels;
    in.tracking = &tracking;
    in.alerts = &alerts;
    in.zones = {plant()};
    in.first_opportunity[1] = {2.0, "meta.json"};
    return score_warnings(in);
  }
};

AlertRow alert(double t, std::uint64_t id, std::uint64_t track, AlertState s) {
  AlertRow r;
  r.time_s = t;
  r.alert_id = id;
  r.track_id = track;
  r.state = s;
  r.zone = "plant";
  r.level = ZoneLevel::Protected;
  return r;
}

TEST(WarningScore, WarningTimeRatioAndFalseAlerts) {
  Fixture f;
  f.alerts = {alert(20, 1, 10, AlertState::Raised), alert(30, 2, 20, AlertState::Raised),
              alert(50, 2, 20, AlertState::Cleared), alert(90, 1, 10, AlertState::Cleared)};
  const WarningScore w = f.score();
  EXPECT_EQ(w.hostile_count, 1U);
  EXPECT_EQ(w.hostile_total, 1U);
  EXPECT_EQ(w.hostile_alerted_before_entry, 1U);
  ASSERT_EQ(w.hostiles.size(), 1U);
  const HostileWarning& h = w.hostiles[0];
  EXPECT_EQ(h.target_id, 1);
  ASSERT_TRUE(h.zone_entry_s.has_value());
  EXPECT_EQ(*h.zone_entry_s, 75.0);
  EXPECT_EQ(h.zone, "plant");
  EXPECT_EQ(*h.first_alert_s, 20.0);
  EXPECT_EQ(h.warning_s, 55.0);
  EXPECT_EQ(h.available_s, 73.0);
  EXPECT_NEAR(w.warning_ratio_median, 55.0 / 73.0, 1e-12);
  EXPECT_EQ(w.alerts, 2U);
  EXPECT_EQ(w.false_alerts, 1U);
  EXPECT_EQ(w.false_alert_ids, std::vector<std::uint64_t>{2});
  // Alert 1 was about the hostile drone, alert 2 about the bird (false, but on a real target).
  EXPECT_EQ(w.alert_targets, (std::vector<std::int64_t>{1, 2}));
  EXPECT_NEAR(w.duration_h, 100.0 / 3600.0, 1e-12);
  EXPECT_NEAR(w.false_alerts_per_hour, 36.0, 1e-9);
}

TEST(WarningScore, AlertAfterEntryIsAMissedThreat) {
  Fixture f;
  f.alerts = {alert(80, 1, 10, AlertState::Raised)};
  const WarningScore w = f.score();
  EXPECT_EQ(w.hostile_total, 1U);
  EXPECT_EQ(w.hostile_alerted_before_entry, 0U);
  EXPECT_EQ(w.hostiles[0].ratio, 0.0);
  EXPECT_EQ(w.false_alerts, 0U);  // late, but about the right target
}

TEST(WarningScore, WithoutOpportunityFallsBackToRadarCoverageThenTruth) {
  Fixture f;
  f.alerts = {alert(20, 1, 10, AlertState::Raised)};
  WarningInputs in;
  in.truth = &f.truth;
  in.tracks = &f.tracks;
  in.labels = &f.labels;
  in.tracking = &f.tracking;
  in.alerts = &f.alerts;
  in.zones = {plant()};
  SensorInfo radar;
  radar.range_max_m = 902.0;  // the target (50 m up) enters coverage at x = -900, t = 10 s
  in.radars = {radar};
  const WarningScore w = score_warnings(in);
  EXPECT_EQ(w.hostiles[0].first_opportunity_s, 10.0);
  EXPECT_EQ(w.hostiles[0].opportunity_source, "sensors.csv");
  in.radars.clear();
  EXPECT_EQ(score_warnings(in).hostiles[0].opportunity_source, "truth.csv");
}

TEST(AlertsJsonl, ReadsTheExchangeKeysAndNamesLineAndField) {
  const std::string good =
      R"({"time_s":12.5,"alert_id":3,"track_id":7,"state":"raised","zone":"plant","level":"protected","reason":"r","extra":1})"
      "\n\n"
      R"({"time_s":40,"alert_id":3,"track_id":7,"state":"cleared","zone":"plant","level":"protected","reason":"r"})"
      "\n";
  auto rows = parse_alerts_jsonl(good, "alerts.jsonl");
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].time_s, 12.5);
  EXPECT_EQ((*rows)[0].alert_id, 3U);
  EXPECT_EQ((*rows)[1].state, AlertState::Cleared);
  const std::string bad =
      R"({"time_s":1,"alert_id":1,"track_id":1,"state":"raised","zone":"z","level":"warning"})"
      "\n"
      R"({"time_s":2,"alert_id":1,"track_id":1,"state":"snoozed","zone":"z","level":"warning"})"
      "\n";
  auto err = parse_alerts_jsonl(bad, "alerts.jsonl");
  ASSERT_FALSE(err.has_value());
  EXPECT_EQ(err.error().line, 2U);
  EXPECT_EQ(err.error().column, "state");
  auto missing = parse_alerts_jsonl(R"({"time_s":1})", "a.jsonl");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message(), "a.jsonl:1: column 'alert_id': missing");
  EXPECT_FALSE(parse_alerts_jsonl("not json\n", "a.jsonl").has_value());
}

}  // namespace
}  // namespace dewline::eval
