// Detections later than the reorder window (tracker_retrodiction.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "tests/track/tracker_test_support.hpp"
#include "track/tracker.hpp"

namespace dewline::track {
namespace {

using test::bearing;
using test::Noise;
using test::plot;
using test::radar;
using test::registry;
using test::rf_detector;

SensorInfo position_sensor() {
  SensorInfo s;
  s.id = SensorId{2};
  s.name = "node-2";
  s.kind = SensorKind::Other;
  s.scan_period_s = 1.0;
  s.range_max_m = 5000;
  return s;
}

Vec3 truth_at(double t) {
  return Vec3{900.0 + 11.0 * t, 400.0 - 6.0 * t, 120.0};
}

// A networked node's position report at t (no identity, no velocity).
Detection report_at(const SensorInfo& s, double t, Noise& n) {
  Detection d;
  d.time = Time::from_seconds(t);
  d.receive_time = d.time;
  d.sensor = s.id;
  PositionMeasurement p;
  p.position_m = truth_at(t) + Vec3{n.gauss(4), n.gauss(4), n.gauss(4)};
  p.covariance_m2 = Mat3::Identity() * 16.0;
  d.measurement = p;
  return d;
}

struct Outcome {
  Track last;
  TrackerStats stats;
  std::uint64_t rejected_late = 0;
};

// A radar scans every second; the node reports at k + 0.5. The report of `late_at` (if any) is
// held back and delivered after the tracker has processed up to `deliver_after`.
Outcome run(TrackerConfig cfg, std::optional<double> late_at, double deliver_after) {
  const SensorInfo r = radar(1);
  const SensorInfo node = position_sensor();
  Tracker tracker(cfg, registry({r, node}));
  Noise n(3);
  std::optional<Detection> held;
  for (int k = 0; k < 20; ++k) {
    tracker.add(plot(r, k, truth_at(k), n));
    tracker.advance_to(Time::from_seconds(k));
    Detection rep = report_at(node, k + 0.5, n);
    if (late_at && k + 0.5 == *late_at) {
      held = rep;
    } else {
      tracker.add(rep);
    }
    tracker.advance_to(Time::from_seconds(k + 0.5));
    if (held && k + 0.5 >= deliver_after) {
      tracker.add(*held);
      held.reset();
    }
  }
  const auto rep = tracker.report(Time::from_seconds(19.5));
  EXPECT_EQ(rep.size(), 1U);
  Outcome out;
  if (!rep.empty()) {
    out.last = rep.front();
  }
  out.stats = tracker.stats();
  out.rejected_late = tracker.rejects().count_of("node-2", "late");
  return out;
}

TEST(Retrodiction, LateReportIsSlottedInAndGivesTheInOrderState) {
  const TrackerConfig cfg = TrackerConfig::defaults();
  const Outcome in_order = run(cfg, std::nullopt, 0.0);
  // Report of t = 10.5 arrives after the radar scans of 11, 12 and 13 were processed: 3 s late.
  const Outcome late = run(cfg, 10.5, 13.5);
  EXPECT_EQ(late.stats.detections_retrodicted, 1U);
  EXPECT_EQ(late.rejected_late, 0U);
  EXPECT_EQ(late.stats.detections_late_started, 0U);
  // The replay redoes the updates after it in the same order: the same filter state.
  EXPECT_EQ(late.last.position_m, in_order.last.position_m);
  EXPECT_EQ(late.last.velocity_mps, in_order.last.velocity_mps);
  EXPECT_EQ(late.last.covariance, in_order.last.covariance);
  EXPECT_EQ(late.last.hits, in_order.last.hits);

  // Without retrodiction the report is lost, and the state shows it.
  TrackerConfig off = cfg;
  off.retrodiction_horizon_s = 0.0;
  const Outcome lost = run(off, 10.5, 13.5);
  EXPECT_EQ(lost.stats.detections_retrodicted, 0U);
  EXPECT_EQ(lost.rejected_late, 1U);
  EXPECT_EQ(lost.last.hits + 1, in_order.last.hits);
  EXPECT_NE(lost.last.position_m, in_order.last.position_m);
}

TEST(Retrodiction, ReportOlderThanTheHorizonIsRejectedAsLate) {
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.retrodiction_horizon_s = 2.0;
  const Outcome late = run(cfg, 10.5, 13.5);  // 3 s late
  EXPECT_EQ(late.stats.detections_retrodicted, 0U);
  EXPECT_EQ(late.rejected_late, 1U);
}

TEST(Retrodiction, TrackKeepsOnlyItsCappedHistory) {
  // Two updates a second; a cap of 4 entries keeps about 1.5 s: a report 3 s late is older than
  // what the track keeps, so it fits no track and starts one of its own (never confirmed).
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.retrodiction_max_updates = 4;
  const Outcome late = run(cfg, 10.5, 13.5);
  EXPECT_EQ(late.stats.detections_retrodicted, 0U);
  EXPECT_EQ(late.stats.detections_late_started, 1U);
  EXPECT_EQ(late.rejected_late, 0U);
  // 1 s late is still inside the kept history.
  const Outcome recent = run(cfg, 10.5, 11.5);
  EXPECT_EQ(recent.stats.detections_retrodicted, 1U);
}

TEST(Retrodiction, LateReportFarFromEveryTrackStartsATentativeTrack) {
  const SensorInfo r = radar(1);
  const SensorInfo node = position_sensor();
  TrackerConfig cfg = TrackerConfig::defaults();
  // A lone cooperative report is likely real and well placed: early confirmation would report it
  // at once (TrackerConfig::early_confirm_cutoff_m); this test is about the track it starts.
  cfg.early_confirm_cutoff_m = 0.0;
  Tracker tracker(cfg, registry({r, node}));
  Noise n(5);
  for (int k = 0; k < 10; ++k) {
    tracker.add(plot(r, k, truth_at(k), n));
    tracker.advance_to(Time::from_seconds(k));
  }
  Detection far = report_at(node, 7.5, n);
  std::get<PositionMeasurement>(far.measurement).position_m += Vec3{-2000.0, 1500.0, 0.0};
  const std::size_t before = tracker.live_tracks();
  tracker.add(far);
  EXPECT_EQ(tracker.stats().detections_late_started, 1U);
  EXPECT_EQ(tracker.stats().detections_rejected, 0U);
  EXPECT_EQ(tracker.live_tracks(), before + 1);
  EXPECT_EQ(tracker.report(Time::from_seconds(9)).size(), 1U) << "one report starts no target";
}

TEST(Retrodiction, RadarWhosePlotsAllArriveLateStillStartsAndHoldsItsTrack) {
  // Every plot arrives 1.5 s after its time, past the 0.5 s reorder window: the first starts a
  // track at its own time, the next ones update it forward.
  const SensorInfo r = radar(1);
  Tracker tracker(TrackerConfig::defaults(), registry({r}));
  Noise n(7);
  double err = 0.0;
  int reported = 0;
  for (int k = 0; k < 30; ++k) {
    tracker.advance_to(Time::from_seconds(k));  // the clock runs ahead of the plots
    if (k >= 2) {
      const double t = k - 1.5;
      tracker.add(plot(r, t, truth_at(t), n));
    }
    if (k >= 6) {
      const auto rep = tracker.report(Time::from_seconds(k));
      ASSERT_EQ(rep.size(), 1U) << "at " << k;
      err += (rep.front().position_m - truth_at(k)).norm();
      ++reported;
    }
  }
  EXPECT_EQ(tracker.rejects().total(), 0U);
  EXPECT_EQ(tracker.stats().detections_late_started, 1U);
  EXPECT_EQ(tracker.stats().detections_retrodicted, 27U);
  EXPECT_LT(err / reported, 30.0);  // reported 1.5 s ahead of its last plot
}

TEST(Retrodiction, BearingsThatAllArriveLateStillTriangulateAndHoldATrack) {
  const SensorInfo a = rf_detector(10, Vec3{0, 0, 5});
  const SensorInfo b = rf_detector(11, Vec3{2000, 0, 5});
  Tracker tracker(TrackerConfig::defaults(), registry({a, b}));
  Noise n(9);
  auto target = [](double t) { return Vec3{1000.0 + 8.0 * t, 1500.0 - 3.0 * t, 80.0}; };
  std::size_t reported = 0;
  double err = 0.0;
  for (int k = 0; k < 30; ++k) {
    tracker.advance_to(Time::from_seconds(k + 0.5));
    if (k >= 2) {  // a radio link: each bearing arrives about 2 s after its time
      tracker.add(bearing(a, k - 2, target(k - 2), n));
      tracker.add(bearing(b, k - 1.9, target(k - 1.9), n));
    }
    const auto rep = tracker.report(Time::from_seconds(k + 0.5));
    if (k >= 14) {
      ASSERT_EQ(rep.size(), 1U) << "at " << k;
      err += (rep.front().position_m - target(k + 0.5)).norm();
      ++reported;
    }
  }
  EXPECT_GE(tracker.stats().triangulations, 1U);
  EXPECT_EQ(tracker.rejects().total(), 0U);
  EXPECT_LT(err / static_cast<double>(reported), 80.0);
}

// Late detections must keep a track alive as detections in order do. Their existence update once
// left the track's existence time where the last detection in order had put it, so on a site
// whose every sensor is late the survival decay ran from the track's start: every track fell
// below keep_existence after about 315 s (mean_lifetime_s 300) and was dropped, detections or not
// (passive_only with 1-3 s latency on every sensor: GOSPA 179 -> 94).
TEST(Retrodiction, TrackFedOnlyByLateBearingsOutlivesTheMeanLifetime) {
  const SensorInfo a = rf_detector(10, Vec3{0, 0, 5});
  const SensorInfo b = rf_detector(11, Vec3{2000, 0, 5});
  const TrackerConfig cfg = TrackerConfig::defaults();
  Tracker tracker(cfg, registry({a, b}));
  Noise n(5);
  auto target = [](double t) {
    return Vec3{1000.0 + 100.0 * std::sin(0.01 * t), 1500.0 + 100.0 * std::cos(0.01 * t), 80.0};
  };
  const int end = static_cast<int>(2.0 * cfg.mean_lifetime_s);
  for (int k = 0; k < end; ++k) {
    tracker.advance_to(Time::from_seconds(k + 0.5));
    if (k >= 2) {
      tracker.add(bearing(a, k - 2, target(k - 2), n));
      tracker.add(bearing(b, k - 1.9, target(k - 1.9), n));
    }
    if (k >= 14) {
      const auto rep = tracker.report(Time::from_seconds(k + 0.5));
      ASSERT_EQ(rep.size(), 1U) << "at " << k;
      EXPECT_GT(rep.front().existence_probability, 0.9) << "at " << k;
    }
  }
}

}  // namespace
}  // namespace dewline::track
