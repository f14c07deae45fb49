#include "track/track_smoother.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <map>
#include <vector>

#include "tests/track/tracker_test_support.hpp"
#include "track/tracker.hpp"

namespace dewline::track {
namespace {

using test::clutter;
using test::Noise;
using test::plot;
using test::radar;
using test::registry;

// A target on a straight line at 12 m/s, 3 km out, seen by one radar with clutter from t = 0
// to t = last_plot_s (its plots stop there: it has landed); reports every second to t = 40.
struct Recording {
  ReportSeries reports;
  std::map<std::int64_t, Vec3> truth;  // by whole second
};

Vec3 target_at(double t) {
  return Vec3(3000.0 - 12.0 * t, 500.0, 120.0);
}

Recording run_tracker(std::uint64_t seed, double last_plot_s,
                      const TrackerConfig& cfg = TrackerConfig::defaults()) {
  const SensorInfo s = radar(1);
  Tracker tracker(cfg, registry({s}));
  Noise n(seed);
  Recording r;
  for (int k = 0; k <= 40; ++k) {
    const double t = k;
    if (t <= last_plot_s && n.uniform(0.0, 1.0) < 0.9) {
      tracker.add(plot(s, t, target_at(t), n));
    }
    for (int c = 0; c < 3; ++c) {
      tracker.add(clutter(s, t, n));
    }
    tracker.advance_to(Time::from_seconds(t));
    r.reports.times.push_back(Time::from_seconds(t));
    r.reports.reports.push_back(tracker.report(Time::from_seconds(t)));
    r.truth[k] = target_at(t);
  }
  return r;
}

// Mean distance to the truth of the rows near it (< 100 m), and how many there were.
std::pair<double, std::size_t> error(const ReportSeries& s, const Recording& r) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t k = 0; k < s.times.size(); ++k) {
    const Vec3& truth = r.truth.at(std::llround(s.times[k].seconds()));
    for (const Track& t : s.reports[k]) {
      const double d = (t.position_m - truth).norm();
      if (d < 100.0) {
        sum += d;
        ++n;
      }
    }
  }
  return {n > 0 ? sum / static_cast<double>(n) : 0.0, n};
}

TEST(TrackSmoother, ASmoothedTrackIsCloserToTheTruthThanTheLiveOne) {
  double live = 0.0;
  double smoothed = 0.0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const Recording r = run_tracker(seed, 40.0);
    const auto [e_live, n_live] = error(r.reports, r);
    const auto [e_smooth, n_smooth] =
        error(smooth_reports(r.reports, TrackerConfig::defaults().imm), r);
    ASSERT_GT(n_live, 30U) << "seed " << seed;
    EXPECT_GE(n_smooth, n_live) << "seed " << seed;
    live += e_live;
    smoothed += e_smooth;
  }
  // At 3 km, 0.005 rad is 15 m across; the smoother uses the later plots as well.
  EXPECT_LT(smoothed, 0.8 * live) << "live " << live / 8 << " m, smoothed " << smoothed / 8;
}

TEST(TrackSmoother, ATrackSpansItsFirstDetectionToItsLast) {
  // The live track: confirmed on a later scan than its first plot (no early confirmation on a
  // single plot), coasting after t = 25.
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.early_confirm_cutoff_m = 0.0;
  const Recording r = run_tracker(3, 25.0, cfg);
  const ReportSeries s = smooth_reports(r.reports, TrackerConfig::defaults().imm);
  std::map<TrackId, std::pair<double, double>> live;
  std::map<TrackId, std::pair<double, double>> smooth;
  std::map<TrackId, std::pair<double, double>> detected;  // first and last detection
  auto span = [](std::map<TrackId, std::pair<double, double>>& m, TrackId id, double t) {
    auto [it, fresh] = m.try_emplace(id, t, t);
    it->second.first = std::min(it->second.first, t);
    it->second.second = std::max(it->second.second, t);
  };
  for (std::size_t k = 0; k < r.reports.times.size(); ++k) {
    for (const Track& t : r.reports.reports[k]) {
      span(live, t.id, t.time.seconds());
      span(detected, t.id, t.first_time.seconds());
      span(detected, t.id, t.last_update_time.seconds());
    }
    for (const Track& t : s.reports[k]) {
      EXPECT_EQ(t.time, s.times[k]);
      span(smooth, t.id, t.time.seconds());
    }
  }
  ASSERT_FALSE(live.empty());
  for (const auto& [id, d] : detected) {
    ASSERT_TRUE(smooth.count(id) == 1) << "track " << to_underlying(id);
    EXPECT_EQ(smooth[id].first, d.first) << "track " << to_underlying(id);
    EXPECT_EQ(smooth[id].second, d.second) << "track " << to_underlying(id);
  }
  // The target's own track: confirmed after its first plot, coasted past its last.
  TrackId target = live.begin()->first;
  for (const auto& [id, span_s] : live) {
    if (span_s.second - span_s.first > live[target].second - live[target].first) {
      target = id;
    }
  }
  EXPECT_GT(live[target].first, detected[target].first);
  EXPECT_GT(live[target].second, 25.0);
  EXPECT_LE(smooth[target].second, 25.0);
}

// A hand-made track reported at 0, 1 and 3 s (the live picture dropped it at 2 s): the smoothed
// series fills 2 s in between, on the line.
TEST(TrackSmoother, AReportTheLivePictureSkippedIsFilledIn) {
  ReportSeries in;
  for (int k = 0; k < 4; ++k) {
    in.times.push_back(Time::from_seconds(k));
    in.reports.emplace_back();
    if (k == 2) {
      continue;
    }
    Track t;
    t.id = TrackId{7};
    t.status = TrackStatus::Confirmed;
    t.time = in.times.back();
    t.first_time = in.times.front();
    t.last_update_time = t.time;
    t.position_m = Vec3(100.0 + 10.0 * k, 0.0, 50.0);
    t.velocity_mps = Vec3(10.0, 0.0, 0.0);
    t.covariance = Mat6::Identity() * 4.0;
    t.model_probabilities = {1.0, 0.0, 0.0};
    in.reports.back().push_back(t);
  }
  const ReportSeries s = smooth_reports(in, TrackerConfig::defaults().imm);
  ASSERT_EQ(s.reports.size(), 4U);
  for (std::size_t k = 0; k < 4; ++k) {
    ASSERT_EQ(s.reports[k].size(), 1U) << k;
    EXPECT_NEAR(s.reports[k][0].position_m.x(), 100.0 + 10.0 * static_cast<double>(k), 1e-6) << k;
    EXPECT_NEAR(s.reports[k][0].velocity_mps.x(), 10.0, 1e-6) << k;
  }
  EXPECT_EQ(s.reports[2][0].status, TrackStatus::Coasting);
  // Less uncertain than the prediction from 1 s alone (4 + 1 s^2 x 4, before process noise): the
  // report at 3 s narrows it.
  EXPECT_LT(s.reports[2][0].covariance(0, 0), 8.0);
}

TEST(TrackSmoother, TheSameReportsSmoothToTheSameBits) {
  const Recording r = run_tracker(5, 30.0);
  const ReportSeries a = smooth_reports(r.reports, TrackerConfig::defaults().imm);
  const ReportSeries b = smooth_reports(r.reports, TrackerConfig::defaults().imm);
  ASSERT_EQ(a.reports.size(), b.reports.size());
  for (std::size_t k = 0; k < a.reports.size(); ++k) {
    ASSERT_EQ(a.reports[k].size(), b.reports[k].size());
    for (std::size_t j = 0; j < a.reports[k].size(); ++j) {
      EXPECT_EQ(a.reports[k][j].id, b.reports[k][j].id);
      EXPECT_EQ(a.reports[k][j].position_m, b.reports[k][j].position_m);
      EXPECT_EQ(a.reports[k][j].covariance, b.reports[k][j].covariance);
    }
  }
}

}  // namespace
}  // namespace dewline::track
