// Vertical manoeuvres through the tracker: a drone that pitches over into its terminal dive, and
// one that pops up from cover. Most things fly level, so the default motion models are quiet in
// the vertical; these tests hold what the defaults and the "diving threats" models
// (docs/tracker.md) do with such targets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>

#include "tests/track/tracker_test_support.hpp"
#include "track/tracker.hpp"

namespace dewline::track {
namespace {

using test::Noise;
using test::plot;
using test::radar;
using test::registry;

struct VerticalRun {
  std::size_t track_ids = 0;  // distinct tracks nearest the target while it was tracked
  double worst_m = 0.0;       // largest distance of the nearest track, once tracked
  int untracked_scans = 0;    // scans with no track within 100 m, once tracked
};

// One target on `path` before a 1 s radar among 5 clutter plots a scan. Pd 0.9 without chance
// runs of misses: one miss in ten scans, at t = 5, 15, 25, 35 ...
template <class Path>
VerticalRun fly(const TrackerConfig& cfg, const Path& path, double t_end, std::uint64_t seed) {
  const SensorInfo r = radar(1);
  Tracker tracker(cfg, registry({r}));
  Noise n(seed);
  std::set<std::uint64_t> ids;
  VerticalRun out;
  for (int k = 0; k <= static_cast<int>(t_end); ++k) {
    const double t = k;
    const Vec3 p = path(t);
    if (k % 10 != 5) {
      tracker.add(plot(r, t, p, n));
    }
    for (int c = 0; c < 5; ++c) {
      tracker.add(test::clutter(r, t, n));
    }
    tracker.advance_to(Time::from_seconds(t));
    double best = std::numeric_limits<double>::infinity();
    std::uint64_t best_id = 0;
    for (const Track& trk : tracker.report(Time::from_seconds(t))) {
      const double e = (trk.position_m - p).norm();
      if (e < best) {
        best = e;
        best_id = to_underlying(trk.id);
      }
    }
    if (k < 4) {  // confirmed on its second plot
      continue;
    }
    if (best > 100.0) {
      ++out.untracked_scans;
    } else {
      ids.insert(best_id);
      out.worst_m = std::max(out.worst_m, best);
    }
  }
  out.track_ids = ids.size();
  return out;
}

// A loitering munition 2 km out at 150 m, inbound at 30 m/s. At t = 30 s it pitches over within
// 2 s (about 1 g) into a 40-degree dive at 31 m/s, 20 m/s down, and flies it to the ground.
Vec3 diving_munition(double t) {
  constexpr double kPitchOver = 30.0;
  constexpr double kRamp = 2.0;
  if (t <= kPitchOver) {
    return Vec3{2000.0 - 30.0 * t, 300.0, 150.0};
  }
  // Velocity ramps linearly from (-30, 0) to (-24, -20) m/s over kRamp seconds.
  const double a = std::min(t - kPitchOver, kRamp);
  const double after = std::max(0.0, t - kPitchOver - kRamp);
  const double x =
      2000.0 - 30.0 * kPitchOver - 30.0 * a + 0.5 * (6.0 / kRamp) * a * a - 24.0 * after;
  const double z = 150.0 - 0.5 * (20.0 / kRamp) * a * a - 20.0 * after;
  return Vec3{x, 300.0, std::max(z, 5.0)};
}

// A quadcopter creeping in at 2 m/s, 20 m up and 1.2 km out, that climbs at 10 m/s from t = 20 s
// to 200 m.
Vec3 pop_up_quadcopter(double t) {
  const double z = std::clamp(20.0 + 10.0 * (t - 20.0), 20.0, 200.0);
  return Vec3{1200.0 - 2.0 * t, -400.0, z};
}

TrackerConfig diving_threat_models() {
  TrackerConfig cfg = TrackerConfig::defaults();
  // docs/tracker.md, "Diving threats": the manoeuvre model as agile in the vertical as in the
  // horizontal, and left sooner.
  cfg.imm.models[2].q_vertical = 20.0;
  cfg.imm.sojourn_s[2] = 2.0;
  return cfg;
}

bool held(const VerticalRun& run) {
  return run.track_ids == 1 && run.untracked_scans == 0;
}

TEST(TrackerVertical, TheDivingThreatModelsHoldATerminalDive) {
  TrackerConfig diving_combined_gate_only = diving_threat_models();
  diving_combined_gate_only.imm_union_gate = false;
  int held_defaults = 0;
  int held_diving = 0;
  int held_diving_combined_gate_only = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const VerticalRun d = fly(TrackerConfig::defaults(), diving_munition, 37.0, seed);
    const VerticalRun v = fly(diving_threat_models(), diving_munition, 37.0, seed);
    const VerticalRun c = fly(diving_combined_gate_only, diving_munition, 37.0, seed);
    std::printf(
        "dive, seed %d: tracks / worst m / scans untracked: defaults %zu / %.1f / %d, "
        "diving-threat models %zu / %.1f / %d, the same without the union gate %zu / %.1f / "
        "%d\n",
        static_cast<int>(seed), d.track_ids, d.worst_m, d.untracked_scans, v.track_ids, v.worst_m,
        v.untracked_scans, c.track_ids, c.worst_m, c.untracked_scans);
    EXPECT_TRUE(held(v)) << "seed " << seed;
    EXPECT_LT(v.worst_m, 30.0) << "seed " << seed;
    held_defaults += held(d) ? 1 : 0;
    held_diving += held(v) ? 1 : 0;
    held_diving_combined_gate_only += held(c) ? 1 : 0;
  }
  // Measured: 6 of 8 with the defaults, 8 with the diving-threat models, 3 without the union gate.
  EXPECT_GE(held_defaults, 5);
  EXPECT_LE(held_diving_combined_gate_only + 3, held_diving);
}

TEST(TrackerVertical, APopUpKeepsItsTrack) {
  for (const TrackerConfig& cfg : {TrackerConfig::defaults(), diving_threat_models()}) {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const VerticalRun run = fly(cfg, pop_up_quadcopter, 50.0, seed);
      EXPECT_TRUE(held(run)) << "seed " << seed;
      EXPECT_LT(run.worst_m, 35.0) << "seed " << seed;
    }
  }
}

}  // namespace
}  // namespace dewline::track
