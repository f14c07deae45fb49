#include "eval/siap.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace dewline::eval {
namespace {

ingest::TruthRow truth(double t, std::int64_t id, const Vec3& p, const Vec3& v = Vec3{10, 0, 0}) {
  ingest::TruthRow r;
  r.time_s = t;
  r.target_id = id;
  r.position_m = p;
  r.velocity_mps = v;
  return r;
}
ingest::TrackRow track(double t, std::uint64_t id, const Vec3& p, const Vec3& v = Vec3{10, 0, 0}) {
  ingest::TrackRow r;
  r.time_s = t;
  r.track_id = id;
  r.position_m = p;
  r.velocity_mps = v;
  return r;
}

TEST(Siap, PerfectTracksScoreTheTargets) {
  std::vector<ingest::TruthRow> tr;
  std::vector<ingest::TrackRow> tk;
  for (int k = 0; k < 5; ++k) {
    const double t = k;
    tr.push_back(truth(t, 1, Vec3{10.0 * k, 0, 50}));
    tr.push_back(truth(t, 2, Vec3{0, 500, 50}, Vec3::Zero()));
    tk.push_back(track(t, 7, Vec3{10.0 * k + 3, 4, 50}));  // 5 m off
    tk.push_back(track(t, 8, Vec3{0, 500, 50}, Vec3::Zero()));
  }
  const SiapScore s = score_siap(tr, tk);
  EXPECT_DOUBLE_EQ(s.completeness, 1.0);
  EXPECT_DOUBLE_EQ(s.ambiguity, 1.0);
  EXPECT_DOUBLE_EQ(s.spuriousness, 0.0);
  EXPECT_DOUBLE_EQ(s.position_accuracy_m, 2.5);
  EXPECT_DOUBLE_EQ(s.velocity_accuracy_mps, 0.0);
  EXPECT_DOUBLE_EQ(s.track_number_changes_per_s, 0.0);
  EXPECT_DOUBLE_EQ(s.longest_segment, 1.0);
}

// Truth 1 lives 0-4 s. Track A holds it at 0 and 1 s, track D as well at 1 s (ambiguity), nothing
// at 2 s but a spurious track C far away, track B at 3 and 4 s. Truth 2 is never tracked.
TEST(Siap, HandWorkedRunGivesEachMeasure) {
  std::vector<ingest::TruthRow> tr;
  for (int k = 0; k < 5; ++k) {
    tr.push_back(truth(k, 1, Vec3{10.0 * k, 0, 50}));
    tr.push_back(truth(k, 2, Vec3{5000, 0, 50}));
  }
  const std::vector<ingest::TrackRow> tk = {
      track(0, 1, Vec3{3, 0, 50}),                   // A, 3 m
      track(1, 1, Vec3{13, 0, 50}),                  // A, 3 m
      track(1, 4, Vec3{10, 4, 50}, Vec3{10, 0, 2}),  // D, 4 m, 2 m/s
      track(2, 3, Vec3{-2000, 0, 50}),               // C, nothing near
      track(3, 2, Vec3{30, 0, 50}),                  // B, exact
      track(4, 2, Vec3{40, 0, 50}),                  // B, exact
      track(4, 5, Vec3{40, 100.5, 50}),              // beyond 100 m: spurious
  };
  const SiapScore s = score_siap(tr, tk);
  EXPECT_EQ(s.truth_scans, 10U);
  EXPECT_EQ(s.truth_scans_tracked, 4U);  // truth 1 at 0, 1, 3, 4 s
  EXPECT_EQ(s.track_scans, 7U);
  EXPECT_EQ(s.track_scans_associated, 5U);
  EXPECT_DOUBLE_EQ(s.completeness, 0.4);
  EXPECT_DOUBLE_EQ(s.ambiguity, 5.0 / 4.0);
  EXPECT_DOUBLE_EQ(s.spuriousness, 2.0 / 7.0);
  EXPECT_DOUBLE_EQ(s.position_accuracy_m, (3.0 + 3.0 + 4.0) / 5.0);
  EXPECT_DOUBLE_EQ(s.velocity_accuracy_mps, 2.0 / 5.0);
  // Segments A 0-1 s, D 1-1 s, B 3-4 s: two needed (A, B), one change over 2 s held.
  EXPECT_DOUBLE_EQ(s.track_number_changes_per_s, 0.5);
  // Longest segment 1 s over lifetimes 4 + 4 s.
  EXPECT_DOUBLE_EQ(s.longest_segment, 1.0 / 8.0);
}

// The grid that spares the 10,000-target scenes a comparison with every truth finds what a
// comparison with every truth finds, across cell edges and with ties.
TEST(Siap, NearestTruthMatchesAnExhaustiveSearch) {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> pos(-400, 400);
  std::uniform_real_distribution<double> off(-120, 120);
  std::vector<ingest::TruthRow> tr;
  std::vector<ingest::TrackRow> tk;
  for (int id = 0; id < 60; ++id) {
    tr.push_back(truth(0, id, Vec3{pos(rng), pos(rng), 50}));
  }
  tr.push_back(truth(0, 60, tr[0].position_m + Vec3{0, 0, 20}));  // a tie for a track between
  tk.push_back(track(0, 1000, tr[0].position_m + Vec3{0, 0, 10}));
  for (std::uint64_t k = 0; k < 200; ++k) {
    const Vec3& base = tr[k % 60].position_m;
    tk.push_back(track(0, k, base + Vec3{off(rng), off(rng), off(rng) / 4}));
  }
  const double threshold = 50.0;
  double error = 0.0;
  std::size_t associated = 0;
  for (const auto& k : tk) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& t : tr) {
      best = std::min(best, (t.position_m - k.position_m).norm());
    }
    if (best <= threshold) {
      ++associated;
      error += best;
    }
  }
  const SiapScore s = score_siap(tr, tk, threshold);
  EXPECT_EQ(s.track_scans_associated, associated);
  EXPECT_NEAR(s.position_accuracy_m, error / static_cast<double>(associated), 1e-9);
}

TEST(Siap, NoTracksOrABadThresholdGiveTheEmptyScores) {
  const std::vector<ingest::TruthRow> tr = {truth(0, 1, Vec3::Zero())};
  const SiapScore none = score_siap(tr, {});
  EXPECT_DOUBLE_EQ(none.completeness, 0.0);
  EXPECT_DOUBLE_EQ(none.ambiguity, 1.0);
  EXPECT_DOUBLE_EQ(none.spuriousness, 0.0);
  EXPECT_EQ(none.truth_scans, 1U);
  const SiapScore bad = score_siap(tr, {track(0, 1, Vec3::Zero())}, -1.0);
  EXPECT_EQ(bad.truth_scans, 0U);
}

}  // namespace
}  // namespace dewline::eval
