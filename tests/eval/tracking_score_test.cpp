#include "eval/tracking_score.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/test_paths.hpp"

namespace dewline::eval {
namespace {

ingest::TruthRow truth(double t, std::int64_t id, double x) {
  ingest::TruthRow r;
  r.time_s = t;
  r.target_id = id;
  r.position_m = Vec3{x, 0, 0};
  return r;
}
ingest::TrackRow track(double t, std::uint64_t id, double x) {
  ingest::TrackRow r;
  r.time_s = t;
  r.track_id = id;
  r.position_m = Vec3{x, 0, 0};
  return r;
}

TEST(TrackingScore, CountsSwitchesFragmentsAndFalseTracks) {
  // Target 1 is tracked by 10, lost at t=2, then picked up by 11: one switch, one fragment.
  // Track 99 never matches anything: a false track.
  std::vector<ingest::TruthRow> tr = {truth(0, 1, 0), truth(1, 1, 0), truth(2, 1, 0),
                                      truth(3, 1, 0)};
  std::vector<ingest::TrackRow> tk = {track(0, 10, 1), track(1, 10, 1), track(3, 11, 2),
                                      track(3, 99, 5000)};
  TrackingScore s = score_tracking(tr, tk);
  EXPECT_EQ(s.scans, 4U);
  EXPECT_EQ(s.id_switches, 1U);
  EXPECT_EQ(s.fragmentations, 1U);
  EXPECT_EQ(s.false_track_ids, 1U);
  // Scans: 1 + 1 + 50 (missed) + (2 + 50 false) = 104, over 4 scans.
  EXPECT_NEAR(s.gospa_mean, 104.0 / 4.0, 1e-12);
}

// The scorer must give the GOSPA that Stone Soup itself computed on its own tracks
// (../shared/scenarios/*/stonesoup-gnn.json), to 1e-6 relative (issue 2).
void expect_matches_stone_soup(const std::string& name) {
  const auto dir = test::shared_scenario(name);
  auto truth_rows = ingest::read_truth_csv(dir / "truth.csv");
  ASSERT_TRUE(truth_rows) << truth_rows.error().message();
  auto track_rows = ingest::read_tracks_csv(dir / "stonesoup-gnn-tracks.csv");
  ASSERT_TRUE(track_rows) << track_rows.error().message();
  std::ifstream in(dir / "stonesoup-gnn.json");
  const auto ref = nlohmann::json::parse(in);

  const TrackingScore s = score_tracking(*truth_rows, *track_rows);
  EXPECT_EQ(s.scans, ref["scans"].get<std::size_t>());
  auto rel = [](double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-12); };
  EXPECT_LT(rel(s.gospa_mean, ref["gospa_mean"].get<double>()), 1e-6) << s.gospa_mean;
  EXPECT_LT(rel(s.gospa_localisation_mean, ref["gospa_localisation_mean"].get<double>()), 1e-6);
  EXPECT_LT(rel(s.missed_mean, ref["missed_mean"].get<double>()), 1e-6);
  EXPECT_LT(rel(s.false_mean, ref["false_mean"].get<double>()), 1e-6);
}

TEST(TrackingScore, MatchesStoneSoupOnRadarS10) { expect_matches_stone_soup("radar-s10"); }
TEST(TrackingScore, MatchesStoneSoupOnRadarS100) { expect_matches_stone_soup("radar-s100"); }

}  // namespace
}  // namespace dewline::eval
