#include "track/track_stitcher.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
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

// A hand-made series of reports every second, t = 0..40.
ReportSeries empty_series() {
  ReportSeries s;
  for (int k = 0; k <= 40; ++k) {
    s.times.push_back(Time::from_seconds(k));
    s.reports.emplace_back();
  }
  return s;
}

// Track `id` reported from t0 to t1 on the line p0 + v t (10 m position and 2 m/s velocity
// sigmas, the quiet CV model's probability 1).
void add_track(ReportSeries& s, std::uint64_t id, int t0, int t1, const Vec3& p0, const Vec3& v,
               const std::string& remote_id = {}) {
  for (int k = t0; k <= t1; ++k) {
    Track t;
    t.id = TrackId{id};
    t.status = TrackStatus::Confirmed;
    t.time = s.times[static_cast<std::size_t>(k)];
    t.first_time = s.times[static_cast<std::size_t>(t0)];
    t.last_update_time = t.time;
    t.position_m = p0 + static_cast<double>(k) * v;
    t.velocity_mps = v;
    t.covariance = Mat6::Zero();
    t.covariance.topLeftCorner<3, 3>() = Eigen::Matrix3d::Identity() * 100.0;
    t.covariance.bottomRightCorner<3, 3>() = Eigen::Matrix3d::Identity() * 4.0;
    t.model_probabilities = {1.0, 0.0, 0.0};
    t.identity.remote_id = remote_id;
    s.reports[static_cast<std::size_t>(k)].push_back(t);
  }
}

const ImmConfig& imm() {
  static const ImmConfig cfg = TrackerConfig::defaults().imm;
  return cfg;
}

TEST(TrackStitcher, AFragmentOnTheSameCourseJoinsItsPredecessorAndTheGapIsFilled) {
  ReportSeries s = empty_series();
  const Vec3 p0(0.0, 0.0, 100.0);
  const Vec3 v(12.0, 0.0, 0.0);
  add_track(s, 1, 0, 10, p0, v);
  add_track(s, 2, 16, 40, p0, v);                        // the same drone, 5 s later
  add_track(s, 3, 16, 40, Vec3(0.0, 2000.0, 100.0), v);  // another one, 2 km off
  add_track(s, 4, 3, 40, Vec3(-500.0, -800.0, 50.0), Vec3(0.0, 10.0, 0.0));  // always there
  const auto links = find_stitches(s, imm());
  ASSERT_EQ(links.size(), 1U);
  EXPECT_EQ(links[0].earlier, TrackId{1});
  EXPECT_EQ(links[0].later, TrackId{2});
  EXPECT_DOUBLE_EQ(links[0].gap_s, 6.0);

  const ReportSeries out = apply_stitches(s, links, imm());
  std::set<std::uint64_t> ids;
  for (std::size_t k = 0; k < out.times.size(); ++k) {
    for (const Track& t : out.reports[k]) {
      ids.insert(to_underlying(t.id));
      if (t.id == TrackId{1}) {
        EXPECT_NEAR((t.position_m - (p0 + static_cast<double>(k) * v)).norm(), 0.0, 1e-6) << k;
      }
    }
  }
  EXPECT_EQ(ids, (std::set<std::uint64_t>{1, 3, 4}));
  for (std::size_t k = 11; k <= 15; ++k) {  // the gap, filled on the line
    ASSERT_EQ(out.reports[k].size(), 2U) << k;
    EXPECT_EQ(out.reports[k][0].id, TrackId{1});
    EXPECT_EQ(out.reports[k][0].status, TrackStatus::Coasting);
  }
}

TEST(TrackStitcher, TwoFragmentsThatFitEquallyWellAreNotGuessedBetween) {
  ReportSeries s = empty_series();
  const Vec3 v(12.0, 0.0, 0.0);
  add_track(s, 1, 0, 10, Vec3(0.0, 0.0, 100.0), v);
  add_track(s, 2, 16, 40, Vec3(0.0, 4.0, 100.0), v);  // two birds of a flock, 8 m apart
  add_track(s, 3, 16, 40, Vec3(0.0, -4.0, 100.0), v);
  EXPECT_TRUE(find_stitches(s, imm()).empty());
  // ... nor when the other bird's track never broke.
  ReportSeries t = empty_series();
  add_track(t, 1, 0, 10, Vec3(0.0, 0.0, 100.0), v);
  add_track(t, 2, 16, 40, Vec3(0.0, 4.0, 100.0), v);
  add_track(t, 3, 0, 40, Vec3(0.0, -4.0, 100.0), v);
  EXPECT_TRUE(find_stitches(t, imm()).empty());
}

TEST(TrackStitcher, NoLinkAcrossACourseChangeALongGapOrTwoBroadcastIdentities) {
  const Vec3 p0(0.0, 0.0, 100.0);
  const Vec3 v(12.0, 0.0, 0.0);
  ReportSeries turned = empty_series();
  add_track(turned, 1, 0, 10, p0, v);
  add_track(turned, 2, 16, 40, p0 + 16.0 * v - 16.0 * Vec3(0.0, 12.0, 0.0), Vec3(0.0, 12.0, 0.0));
  EXPECT_TRUE(find_stitches(turned, imm()).empty());

  ReportSeries late = empty_series();
  add_track(late, 1, 0, 5, p0, v);
  add_track(late, 2, 37, 40, p0, v);  // 32 s later: beyond max_gap_s
  EXPECT_TRUE(find_stitches(late, imm()).empty());

  ReportSeries serials = empty_series();
  add_track(serials, 1, 0, 10, p0, v, "1581F5FJD229E00A0001");
  add_track(serials, 2, 16, 40, p0, v, "1581F5FJD229E00A0002");
  EXPECT_TRUE(find_stitches(serials, imm()).empty());
}

// The tracker on a drone that a radar loses for 12 s (behind a building): two tracks live, one
// after smoothing and stitching, and the gap filled near the truth.
TEST(TrackStitcher, ADroneLostBehindABuildingKeepsOneIdOffline) {
  const SensorInfo s = radar(1);
  Tracker tracker(TrackerConfig::defaults(), registry({s}));
  Noise n(11);
  ReportSeries live;
  auto truth = [](double t) { return Vec3(2500.0 - 12.0 * t, 300.0 + 3.0 * t, 80.0); };
  for (int k = 0; k <= 60; ++k) {
    const double t = k;
    const bool hidden = t >= 20.0 && t < 32.0;
    if (!hidden && n.uniform(0.0, 1.0) < 0.9) {
      tracker.add(plot(s, t, truth(t), n));
    }
    for (int c = 0; c < 3; ++c) {
      tracker.add(clutter(s, t, n));
    }
    tracker.advance_to(Time::from_seconds(t));
    live.times.push_back(Time::from_seconds(t));
    live.reports.push_back(tracker.report(Time::from_seconds(t)));
  }
  auto ids_near_truth = [&](const ReportSeries& r) {
    std::set<std::uint64_t> ids;
    for (std::size_t k = 0; k < r.times.size(); ++k) {
      for (const Track& t : r.reports[k]) {
        if ((t.position_m - truth(static_cast<double>(k))).norm() < 50.0) {
          ids.insert(to_underlying(t.id));
        }
      }
    }
    return ids;
  };
  ASSERT_GE(ids_near_truth(live).size(), 2U) << "the live tracker should lose it";
  const ReportSeries smoothed = smooth_reports(live, imm());
  const auto links = find_stitches(smoothed, imm());
  const ReportSeries out = apply_stitches(smoothed, links, imm());
  EXPECT_EQ(ids_near_truth(out).size(), 1U);
  std::size_t filled = 0;
  for (std::size_t k = 20; k < 32; ++k) {
    for (const Track& t : out.reports[k]) {
      if ((t.position_m - truth(static_cast<double>(k))).norm() < 50.0) {
        ++filled;
      }
    }
  }
  EXPECT_GE(filled, 6U) << "the gap is drawn near the truth";
}

}  // namespace
}  // namespace dewline::track
