#include "track/tracker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/angles.hpp"
#include "tests/track/tracker_test_support.hpp"

namespace dewline::track {
namespace {

using test::bearing;
using test::camera;
using test::clutter;
using test::Noise;
using test::plot;
using test::radar;
using test::registry;
using test::rf_detector;

TEST(Tracker, SingleTargetIsConfirmedOnItsSecondPlotAndFollowed) {
  const SensorInfo r = radar(1);
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.early_confirm_cutoff_m = 0.0;  // only the hits rule (early confirmation: the next test)
  Tracker tracker(cfg, registry({r}));
  Noise n(1);
  std::vector<std::uint64_t> ids;
  double err = 0.0;
  int reported = 0;
  for (int k = 0; k < 40; ++k) {
    const double t = k;
    const Vec3 truth{1000.0 + 12.0 * t, 500.0 - 5.0 * t, 120.0};
    tracker.add(plot(r, t, truth, n));
    tracker.advance_to(Time::from_seconds(t));
    const auto rep = tracker.report(Time::from_seconds(t));
    if (k == 0) {
      EXPECT_TRUE(rep.empty()) << "never a track on a single plot";
    }
    if (k >= 1) {
      ASSERT_EQ(rep.size(), 1U) << "scan " << k;
      ids.push_back(to_underlying(rep[0].id));
      err += (rep[0].position_m - truth).norm();
      ++reported;
    }
  }
  EXPECT_TRUE(std::all_of(ids.begin(), ids.end(), [&](auto i) { return i == ids.front(); }));
  EXPECT_LT(err / reported, 10.0);
}

// Scans from a target's first plot until it is reported (0: at its first plot): a radar with 10
// false plots a scan over its 5 km and 1.2 rad of elevation, angles measured to `sigma_rad`, the
// target about `range_m` away and 120 m up.
int scans_to_first_report(const TrackerConfig& cfg, double range_m, double sigma_rad = 0.005) {
  SensorInfo r = radar(1);
  r.sigma_azimuth_rad = sigma_rad;
  r.sigma_elevation_rad = sigma_rad;
  Tracker tracker(cfg, registry({r}));
  Noise n(1);
  for (int k = 0; k < 10; ++k) {
    const double t = k;
    const Vec3 truth{0.9 * range_m + 12.0 * t, 0.45 * range_m - 5.0 * t, 120.0};
    tracker.add(plot(r, t, truth, n));
    tracker.advance_to(Time::from_seconds(t));
    for (const Track& trk : tracker.report(Time::from_seconds(t))) {
      if ((trk.position_m - truth).norm() < 100.0) {
        return k;
      }
    }
  }
  return 99;
}

// Early confirmation (TrackerConfig::early_confirm_cutoff_m): a first plot placed within metres
// where targets far outnumber false plots is reported at once; not with the rule off, not near
// the radar, where false plots are dense in space, not when it is placed 60 m across, and not
// below confirm_existence.
TEST(Tracker, AWellPlacedFirstPlotWhereTargetsOutnumberClutterIsReportedAtOnce) {
  const TrackerConfig on = TrackerConfig::defaults();
  TrackerConfig off = on;
  off.early_confirm_cutoff_m = 0.0;
  EXPECT_EQ(scans_to_first_report(on, 2000.0), 0);  // 10 m across
  EXPECT_EQ(scans_to_first_report(on, 4000.0), 0);  // 20 m across
  EXPECT_EQ(scans_to_first_report(off, 2000.0), 1);
  EXPECT_EQ(scans_to_first_report(on, 800.0), 1);
  EXPECT_EQ(scans_to_first_report(on, 3000.0, 0.02), 1);
  TrackerConfig strict = on;  // the rule never confirms below confirm_existence
  strict.confirm_existence = 0.999;
  EXPECT_GE(scans_to_first_report(strict, 2000.0), 1);
}

// Near a radar, clutter uniform in (range, azimuth, elevation) is dense in space, so a new track
// starts with a tiny existence (~1e-4) and needs three plots. A starting track must still get its
// plots when clutter-born tentative tracks gate them too (regression: radar-s100, a target 400 m
// from the radar, detected every scan, went untracked for 12 s).
int scans_to_confirm_near_radar(const TrackerConfig& cfg) {
  SensorInfo r = radar(1);
  r.clutter_per_scan = 60.0;
  r.range_max_m = 7000.0;
  r.elevation_max_rad = 0.8;
  Tracker tracker(cfg, registry({r}));
  Noise n(11);
  for (int k = 0; k < 20; ++k) {
    const double t = k;
    for (int c = 0; c < 8; ++c) {  // clutter near the radar, around the target
      tracker.add(plot(r, t,
                       r.position_m + polar_to_enu(n.uniform(250, 600), n.uniform(0.9, 1.6),
                                                   n.uniform(0.1, 0.6)),
                       n));
    }
    const Vec3 truth{110.0 + 8.0 * t, 370.0 - 7.0 * t, 145.0};
    if (k >= 2) {  // appears after the radar has been scanning
      tracker.add(plot(r, t, truth, n));
    }
    tracker.advance_to(Time::from_seconds(t));
    for (const Track& trk : tracker.report(Time::from_seconds(t))) {
      if ((trk.position_m - truth).norm() < 30.0 && k >= 2) {
        return k - 1;  // plots of the target so far
      }
    }
  }
  return 99;
}

TEST(Tracker, TargetNearTheRadarAmongClutterIsConfirmedOnItsThirdOrFourthPlot) {
  EXPECT_LE(scans_to_confirm_near_radar(TrackerConfig::defaults()), 4);
}

// Plots of a new target at 2.5 km and `height_m`, among 200 false plots a scan spread over the
// radar's coverage (up to 57 degrees): scans from its first plot until it is reported, mean over
// 20 seeds.
double mean_scans_to_report(const TrackerConfig& cfg, double height_m) {
  SensorInfo r = radar(1);
  r.clutter_per_scan = 200.0;
  double total = 0.0;
  constexpr int kSeeds = 20;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    Tracker tracker(cfg, registry({r}));
    Noise n(static_cast<std::uint64_t>(seed));
    int scans = 30;
    for (int k = 0; k < 30; ++k) {
      const double t = k;
      for (int c = 0; c < 200; ++c) {
        tracker.add(clutter(r, t, n));
      }
      const Vec3 truth{2500.0 + 10.0 * (t - 5.0), 300.0 - 6.0 * (t - 5.0), height_m};
      if (k >= 5 && n.uniform(0.0, 1.0) < r.pd) {
        tracker.add(plot(r, t, truth, n));
      }
      tracker.advance_to(Time::from_seconds(t));
      const auto rep = tracker.report(Time::from_seconds(t));
      if (k >= 5 && std::any_of(rep.begin(), rep.end(), [&](const Track& trk) {
            return (trk.position_m - truth).norm() < 60.0;
          })) {
        scans = k - 5 + 1;
        break;
      }
    }
    total += scans;
  }
  return total / kSeeds;
}

// New targets are denser near the ground (birth_height.hpp): among clutter spread up to 57
// degrees, a low drone is reported sooner than with births uniform in space, and one at 2 km up
// (where only the uniform share of births is) later, never lost.
TEST(Tracker, ALowNewTargetIsReportedSoonerThanAHighOneAmongClutter) {
  TrackerConfig uniform = TrackerConfig::defaults();
  uniform.birth_height_scale_m = 0.0;
  const double low_shaped = mean_scans_to_report(TrackerConfig::defaults(), 80.0);
  const double low_uniform = mean_scans_to_report(uniform, 80.0);
  const double high_shaped = mean_scans_to_report(TrackerConfig::defaults(), 2000.0);
  const double high_uniform = mean_scans_to_report(uniform, 2000.0);
  std::printf("scans to report, shaped / uniform: at 80 m %.2f / %.2f, at 2000 m %.2f / %.2f\n",
              low_shaped, low_uniform, high_shaped, high_uniform);
  EXPECT_LT(low_shaped, low_uniform);
  EXPECT_GE(high_shaped, high_uniform);
  EXPECT_LT(high_shaped, 8.0);
}

// A drone slaloms from its first plot on at 25 m/s, turning at `omega` and changing hand every
// 6 s, seen by a 1 s radar with Pd 0.9 among clutter: the number of track ids it gets in 60 s. A
// starting track's speed classes run quiet constant-velocity filters; kept until init_max_hits
// they lose such a target within a few scans and a new track starts (manoeuvring_drones, radar
// only: 96 track ids for 4 drones, 25 since the IMM takes over once the classes agree).
std::size_t track_ids_on_slalom(const TrackerConfig& cfg, double omega, std::uint64_t seed) {
  SensorInfo r = radar(1);
  r.sigma_azimuth_rad = 0.0044;  // 0.25 degrees, as the scenario's drone radar
  Tracker tracker(cfg, registry({r}));
  Noise n(seed);
  Vec3 p{-600.0, -1200.0, 40.0};
  double heading = 0.3;
  std::set<std::uint64_t> ids;
  constexpr int kSteps = 20;  // truth integrated at 0.05 s
  for (int k = 0; k < 60; ++k) {
    const double t = k;
    if (n.uniform(0.0, 1.0) < 0.9) {
      tracker.add(plot(r, t, p, n));
    }
    for (int c = 0; c < 3; ++c) {
      tracker.add(clutter(r, t, n));
    }
    tracker.advance_to(Time::from_seconds(t));
    for (const Track& trk : tracker.report(Time::from_seconds(t))) {
      if ((trk.position_m - p).norm() < 100.0) {
        ids.insert(to_underlying(trk.id));
      }
    }
    const double w = (k / 6) % 2 == 0 ? omega : -omega;
    for (int s = 0; s < kSteps; ++s) {
      heading += w / kSteps;
      p += 25.0 / kSteps * Vec3{std::cos(heading), std::sin(heading), 0.0};
    }
  }
  return ids.size();
}

TEST(Tracker, SlalomingDroneKeepsOneTrackFromItsFirstPlots) {
  // 0.3 rad/s: 7.5 m/s^2 from birth.
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    EXPECT_EQ(track_ids_on_slalom(TrackerConfig::defaults(), 0.3, seed), 1U) << "seed " << seed;
  }
}

TEST(Tracker, HardSlalomIsRestartedLessOftenOnceTheImmTakesOverFromTheSpeedClasses) {
  // 0.45 rad/s: 11 m/s^2, hand reversed at once; a miss in a turn can still lose it. The IMM's
  // union gate (next test) is off in both, so that this measures the hand-over alone.
  TrackerConfig handed_over = TrackerConfig::defaults();
  handed_over.imm_union_gate = false;
  TrackerConfig quiet_start = handed_over;
  quiet_start.init_collapse_spread = 0.0;  // speed classes kept until init_max_hits
  std::size_t ids = 0;
  std::size_t ids_quiet_start = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    ids += track_ids_on_slalom(handed_over, 0.45, seed);
    ids_quiet_start += track_ids_on_slalom(quiet_start, 0.45, seed);
  }
  // Measured 22 and 39.
  EXPECT_LE(ids * 10, ids_quiet_start * 7) << ids << " ids, " << ids_quiet_start << " before";
}

// Once the speed classes have handed over, a plot outside the gate of the IMM's combined
// prediction is tried against its most agile model's (Tracker::widest_model_gate): the turn that
// reverses hand is 10-20 m off the quiet models' prediction, many sigma of the combined Gaussian.
TEST(Tracker, HardSlalomKeepsItsTrackMoreOftenWithTheImmUnionGate) {
  TrackerConfig combined_only = TrackerConfig::defaults();
  combined_only.imm_union_gate = false;
  std::size_t ids = 0;
  std::size_t ids_combined_only = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    ids += track_ids_on_slalom(TrackerConfig::defaults(), 0.45, seed);
    ids_combined_only += track_ids_on_slalom(combined_only, 0.45, seed);
  }
  // Measured 11 and 22.
  EXPECT_LE(ids * 10, ids_combined_only * 7) << ids << " ids, " << ids_combined_only << " without";
}

// Each track must be scored with its own prediction: a prediction cached for another track in an
// earlier frame must never leak in (regression: tracks jumped between targets on a camera).
TEST(Tracker, EachTrackIsScoredWithItsOwnPredictionWhenFramesComeFast) {
  SensorInfo r = radar(1);
  r.scan_period_s = 0.2;  // frames closer than the index's rebuild period
  Tracker tracker(TrackerConfig::defaults(), registry({r}));
  Noise n(3);
  std::map<std::uint64_t, std::size_t> owner;  // track id -> target it follows
  for (int k = 0; k < 100; ++k) {
    const double t = 0.2 * k;
    const std::array<Vec3, 2> truth{Vec3{800.0 + 10.0 * t, 300.0, 80.0},
                                    Vec3{-900.0, 600.0 - 8.0 * t, 120.0}};
    // Target 0 is missed every other scan, so the two tracks are scored in a different order
    // (and number) from one scan to the next.
    if (k % 2 == 0 || k < 4) {
      tracker.add(plot(r, t, truth[0], n));
    }
    tracker.add(plot(r, t, truth[1], n));
    tracker.advance_to(Time::from_seconds(t));
    for (const Track& tk : tracker.report(Time::from_seconds(t))) {
      const std::size_t near =
          (tk.position_m - truth[0]).norm() < (tk.position_m - truth[1]).norm() ? 0 : 1;
      EXPECT_LT((tk.position_m - truth[near]).norm(), 30.0) << "scan " << k;
      const auto [it, fresh] = owner.emplace(to_underlying(tk.id), near);
      EXPECT_EQ(it->second, near) << "track " << to_underlying(tk.id) << " jumped at scan " << k;
    }
  }
  EXPECT_EQ(owner.size(), 2U);
}

// A busy scene: 20 targets, clutter, missed detections; returns every report.
std::vector<std::vector<Track>> busy_run(TrackerConfig cfg) {
  const SensorInfo r = radar(1);
  Tracker tracker(cfg, registry({r}));
  Noise n(42);
  std::vector<Vec3> pos;
  std::vector<Vec3> vel;
  for (int i = 0; i < 20; ++i) {
    pos.emplace_back(n.uniform(-3000, 3000), n.uniform(-3000, 3000), n.uniform(50, 300));
    vel.emplace_back(n.gauss(10), n.gauss(10), n.gauss(0.5));
  }
  std::vector<std::vector<Track>> out;
  for (int k = 0; k < 30; ++k) {
    for (std::size_t i = 0; i < pos.size(); ++i) {
      pos[i] += vel[i];
      if (n.uniform(0, 1) < 0.9) {
        tracker.add(plot(r, k, pos[i], n));
      }
    }
    for (int c = 0; c < 10; ++c) {
      tracker.add(clutter(r, k, n));
    }
    tracker.advance_to(Time::from_seconds(k));
    out.push_back(tracker.report(Time::from_seconds(k)));
  }
  return out;
}

TEST(Tracker, SameInputGivesBitIdenticalTracks) {
  for (Association a : {Association::Gnn, Association::Jpda}) {
    TrackerConfig cfg = TrackerConfig::defaults();
    cfg.association = a;
    const auto first = busy_run(cfg);
    const auto second = busy_run(cfg);
    ASSERT_EQ(first.size(), second.size());
    std::size_t rows = 0;
    for (std::size_t k = 0; k < first.size(); ++k) {
      ASSERT_EQ(first[k].size(), second[k].size());
      for (std::size_t j = 0; j < first[k].size(); ++j) {
        EXPECT_EQ(first[k][j].id, second[k][j].id);
        // Exact equality, not closeness: replays must reproduce bit for bit.
        EXPECT_TRUE(first[k][j].position_m == second[k][j].position_m);
        EXPECT_TRUE(first[k][j].covariance == second[k][j].covariance);
        ++rows;
      }
    }
    EXPECT_GT(rows, 400U) << "the busy scene must actually be tracked";
  }
}

TEST(Tracker, BadInputIsCountedPerSensorAndReasonAndGoodInputStillTracked) {
  const SensorInfo r = radar(1);
  Tracker tracker(TrackerConfig::defaults(), registry({r}));
  Noise n(5);
  for (int k = 0; k < 10; ++k) {
    const Vec3 truth{800.0 + 10.0 * k, 300.0, 100.0};
    tracker.add(plot(r, k, truth, n));
    Detection nan = plot(r, k, truth, n);
    std::get<PolarMeasurement>(nan.measurement).range_m = std::nan("");
    tracker.add(nan);
    Detection neg = plot(r, k, truth, n);
    std::get<PolarMeasurement>(neg.measurement).range_m = -5.0;
    tracker.add(neg);
    Detection inf = plot(r, k, truth, n);
    std::get<PolarMeasurement>(inf.measurement).azimuth_rad =
        std::numeric_limits<double>::infinity();
    tracker.add(inf);
    Detection noise = plot(r, k, truth, n);
    std::get<PolarMeasurement>(noise.measurement).sigma_range_m = 0.0;
    tracker.add(noise);
    Detection unknown = plot(r, k, truth, n);
    unknown.sensor = SensorId{99};
    tracker.add(unknown);
    tracker.advance_to(Time::from_seconds(k));
    if (k > 6) {
      // Older than the retrodiction horizon (4 s).
      tracker.add(plot(r, k - 6, truth, n));
    }
  }
  const RejectCounter& rej = tracker.rejects();
  EXPECT_EQ(rej.count_of("radar-1", "nan_or_inf"), 20U);
  EXPECT_EQ(rej.count_of("radar-1", "negative_range"), 10U);
  EXPECT_EQ(rej.count_of("radar-1", "bad_noise"), 10U);
  EXPECT_EQ(rej.count_of("sensor-99", "unknown_sensor"), 10U);
  EXPECT_EQ(rej.count_of("radar-1", "late"), 3U);
  EXPECT_EQ(tracker.stats().detections_rejected, rej.total());
  EXPECT_EQ(tracker.report(Time::from_seconds(9)).size(), 1U);
}

TEST(Tracker, TwoBearingOnlySensorsStartAndHoldATrack) {
  const SensorInfo a = rf_detector(10, Vec3{0, 0, 5});
  const SensorInfo b = rf_detector(11, Vec3{2000, 0, 5});
  Tracker tracker(TrackerConfig::defaults(), registry({a, b}));
  Noise n(9);
  std::size_t confirmed_scans = 0;
  double err = 0.0;
  for (int k = 0; k < 30; ++k) {
    const Vec3 truth{1000.0 + 8.0 * k, 1500.0 - 3.0 * k, 80.0};
    tracker.add(bearing(a, k, truth, n));
    tracker.add(bearing(b, k + 0.1, truth, n));
    tracker.advance_to(Time::from_seconds(k + 0.1));
    const auto rep = tracker.report(Time::from_seconds(k + 0.1));
    if (k >= 10) {
      ASSERT_EQ(rep.size(), 1U) << "scan " << k;
      err += (rep[0].position_m - truth).norm();
      ++confirmed_scans;
    }
  }
  EXPECT_GE(tracker.stats().triangulations, 1U);
  EXPECT_LT(err / static_cast<double>(confirmed_scans), 60.0);
}

// An RF detector that hears 2 km hears a drone 1 km out, on the same bearing as an aircraft that
// the radar holds 6 km out. Its bearings fit the aircraft's track as well as any (a bearing says
// nothing about range), but they cannot be the aircraft's: it is three times beyond the
// detector's reach. They must not update that track (nor mark it as heard by an RF detector).
std::vector<SensorId> sensors_of_aircraft_track(double coverage_margin) {
  SensorInfo r = radar(1);
  r.range_max_m = 10000.0;
  SensorInfo rf = rf_detector(10, Vec3{0, 0, 0});
  rf.range_max_m = 2000.0;
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.coverage_margin = coverage_margin;
  Tracker tracker(cfg, registry({r, rf}));
  Noise n(4);
  for (int k = 0; k < 30; ++k) {
    const double t = k;
    const Vec3 aircraft{6000.0 - 30.0 * t, 600.0 - 3.0 * t, 300.0};
    tracker.add(plot(r, t, aircraft, n));
    tracker.add(bearing(rf, t + 0.5, aircraft / 6.0, n));
    tracker.advance_to(Time::from_seconds(t + 0.5));
  }
  const auto rep = tracker.report(Time::from_seconds(29.5));
  return rep.size() == 1 ? rep[0].sensors : std::vector<SensorId>{};
}

TEST(Tracker, BearingsDoNotUpdateATrackBeyondTheirSensorsReach) {
  EXPECT_EQ(sensors_of_aircraft_track(TrackerConfig::defaults().coverage_margin),
            (std::vector<SensorId>{SensorId{1}}));
  // With the test off, the detector's bearings fit the aircraft's track and update it.
  EXPECT_EQ(sensors_of_aircraft_track(1e6), (std::vector<SensorId>{SensorId{1}, SensorId{10}}));
}

// A radar holds a bird 1.2 km out and a drone 1.5 km out. An RF detector hears the drone every
// scan, and for two scans an emitter far beyond the bird on the bird's line of sight (a passing
// drone that the radar does not see). Those two bearings fit the bird's track, and nothing else
// explains them. Returns the emitter models that the bird's and the drone's tracks carry.
std::pair<std::string, std::string> emitter_models(std::uint32_t rf_identity_min_hits) {
  const SensorInfo r = radar(1);
  const SensorInfo rf = rf_detector(10, Vec3{0, 0, 0});
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.rf_identity_min_hits = rf_identity_min_hits;
  Tracker tracker(cfg, registry({r, rf}));
  Noise n(6);
  std::pair<std::string, std::string> out;
  for (int k = 0; k < 20; ++k) {
    const double t = k;
    const Vec3 bird{1200.0 + 2.0 * t, 300.0 - 3.0 * t, 40.0};
    const Vec3 drone{-900.0 + 8.0 * t, -1200.0, 80.0};
    tracker.add(plot(r, t, bird, n));
    tracker.add(plot(r, t, drone, n));
    Detection heard = bearing(rf, t + 0.5, drone, n);
    heard.identity.emitter_model = "quadcopter-A";
    tracker.add(heard);
    if (k == 12 || k == 13) {
      Detection passing = bearing(rf, t + 0.5, 3.0 * bird, n);
      passing.identity.emitter_model = "quadcopter-B";
      tracker.add(passing);
    }
    tracker.advance_to(Time::from_seconds(t + 0.5));
    if (k == 19) {
      for (const Track& trk : tracker.report(Time::from_seconds(t + 0.5))) {
        if ((trk.position_m - bird).norm() < 100.0) {
          out.first = trk.identity.emitter_model;
        } else {
          out.second = trk.identity.emitter_model;
        }
      }
    }
  }
  return out;
}

TEST(Tracker, AFewRfBearingsAlongABirdsLineOfSightDoNotNameItADrone) {
  const auto defaults = emitter_models(TrackerConfig::defaults().rf_identity_min_hits);
  EXPECT_EQ(defaults.first, "");
  EXPECT_EQ(defaults.second, "quadcopter-A");
  // Counting the first RF bearing, the bird carries the passing emitter's model for life.
  EXPECT_EQ(emitter_models(1).first, "quadcopter-B");
}

// Three direction finders round a site, four drones crossing it, 15 % missed bearings and a false
// bearing now and then. GNN gives each bearing to one track, so a second track on a drone can
// live on one sensor's bearings alone, at a wrong range along that sensor's line of sight. JPDA on
// bearing frames shares each bearing between the tracks that could have made it and pulls both
// onto the crossing of the lines. Returns the confirmed track-scans beyond one per drone or far
// from every drone.
std::size_t extra_tracks_on_passive_site(Association bearing_association, std::uint64_t seed,
                                         bool reanchor = false, bool await_third = true,
                                         int count_from = 15) {
  SensorInfo a = rf_detector(1, Vec3{0, 600, 12});
  SensorInfo b = rf_detector(2, Vec3{1300, -500, 10});
  SensorInfo c = rf_detector(3, Vec3{-1300, -500, 10});
  for (SensorInfo* s : {&a, &b, &c}) {
    s->clutter_per_scan = 0.2;
  }
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.bearing_association = bearing_association;
  cfg.bearing_reanchor = reanchor;
  cfg.triangulation_await_third = await_third;
  Tracker tracker(cfg, registry({a, b, c}));
  Noise n(seed);
  std::size_t extra = 0;
  for (int k = 0; k < 120; ++k) {
    const double t = k;
    const std::array<Vec3, 4> drones{
        Vec3{-1500.0 + 12.0 * t, 900.0 - 6.0 * t + 40.0 * std::sin(0.1 * t), 90.0},
        Vec3{1400.0 - 10.0 * t, -900.0 + 9.0 * t, 60.0 + 0.2 * t},
        Vec3{-800.0 + 6.0 * t, -1200.0 + 10.0 * t, 120.0},
        Vec3{300.0 + 60.0 * std::sin(0.05 * t), 1500.0 - 11.0 * t, 50.0}};
    double offset = 0.0;
    for (const SensorInfo* s : {&a, &b, &c}) {
      for (const Vec3& d : drones) {
        if (n.uniform(0.0, 1.0) < 0.85) {
          tracker.add(bearing(*s, t + offset, d, n));
        }
      }
      if (n.uniform(0.0, 1.0) < 0.2) {
        tracker.add(bearing(
            *s, t + offset,
            s->position_m + polar_to_enu(2000.0, n.uniform(-kPi, kPi), n.uniform(0.0, 0.2)), n));
      }
      offset += 0.1;
    }
    tracker.advance_to(Time::from_seconds(t + 0.2));
    const auto rep = tracker.report(Time::from_seconds(t + 0.2));
    std::array<int, 4> near{0, 0, 0, 0};
    for (const Track& trk : rep) {
      bool matched = false;
      for (std::size_t i = 0; i < drones.size(); ++i) {
        if ((trk.position_m - drones[i]).norm() < 150.0) {
          ++near[i];
          matched = true;
          break;
        }
      }
      if (!matched && k >= count_from) {
        ++extra;
      }
    }
    if (k >= count_from) {
      for (int c2 : near) {
        extra += c2 > 1 ? static_cast<std::size_t>(c2 - 1) : 0U;
      }
    }
  }
  return extra;
}

// The association alone, re-anchoring off. Since crossings wait for the third finder
// (tracker_triangulation.cpp) start-up makes no ghost here, and what is left is the second track
// that GNN lets live on one finder's bearings after the drones cross (seeds 3, 5, 6).
TEST(Tracker, BearingFramesSharedByJpdaKeepOneTrackPerDroneOnAPassiveSite) {
  std::size_t gnn = 0;
  std::size_t jpda = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    gnn += extra_tracks_on_passive_site(Association::Gnn, seed);
    jpda += extra_tracks_on_passive_site(Association::Jpda, seed);
  }
  std::printf("extra track-scans: GNN %zu, JPDA %zu\n", gnn, jpda);
  // 6 seeds x 105 scans x 4 drones; measured 55 (GNN) and 42 (JPDA), 7 a seed of them where two
  // drones pass within 150 m of each other (GNN 66 with the velocity prior before 2026-11-27).
  EXPECT_LT(jpda, 50U);
  EXPECT_LT(5 * jpda, 4 * gnn);  // JPDA at least a fifth fewer
}

// Pairing every crossing at once, as before 2026-11-27: on seed 1 the second finder's first
// bearings paired with the first finder's before the third had reported, and the ghosts of
// start-up took the drones' bearings for the rest of the run, under GNN and JPDA alike. Waiting
// for the third finder's bearing through a crossing keeps them away. Counted from the first scan.
TEST(Tracker, AThirdDirectionFinderKeepsStartUpGhostsAway) {
  std::array<std::size_t, 4> extra{};  // GNN at once, GNN waiting, JPDA at once, JPDA waiting
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::size_t gnn_now =
        extra_tracks_on_passive_site(Association::Gnn, seed, false, false, 0);
    const std::size_t gnn_wait =
        extra_tracks_on_passive_site(Association::Gnn, seed, false, true, 0);
    const std::size_t jpda_now =
        extra_tracks_on_passive_site(Association::Jpda, seed, false, false, 0);
    const std::size_t jpda_wait =
        extra_tracks_on_passive_site(Association::Jpda, seed, false, true, 0);
    // Per seed, waiting is not worse beyond a scan or two of one ghost (seed 6: GNN 13 -> 14).
    EXPECT_LE(gnn_wait, gnn_now + 2);
    EXPECT_LE(jpda_wait, jpda_now + 2);
    extra[0] += gnn_now;
    extra[1] += gnn_wait;
    extra[2] += jpda_now;
    extra[3] += jpda_wait;
  }
  std::printf("extra track-scans from the first scan: GNN %zu -> %zu, JPDA %zu -> %zu\n", extra[0],
              extra[1], extra[2], extra[3]);
  // Measured: GNN 468 -> 111, JPDA 420 -> 87 (536 -> 142 and 434 -> 87 with the velocity prior
  // before 2026-11-27).
  EXPECT_LT(3 * extra[1], extra[0]);
  EXPECT_LT(4 * extra[3], extra[2]);
}

// Waiting only where a third bearing may come. One drone, direction finders at t, t + 0.1 and
// t + 0.2 each second; returns when the first crossing started a track, with the counts.
struct FirstCrossing {
  double time_s = -1.0;
  std::uint64_t waited = 0;
  std::uint64_t supported = 0;
};

FirstCrossing first_crossing(bool third_registered, bool third_reports) {
  const SensorInfo a = rf_detector(1, Vec3{0, 600, 12});
  const SensorInfo b = rf_detector(2, Vec3{1300, -500, 10});
  const SensorInfo c = rf_detector(3, Vec3{-1300, -500, 10});
  Tracker tracker(TrackerConfig::defaults(),
                  third_registered ? registry({a, b, c}) : registry({a, b}));
  Noise n(3);
  FirstCrossing out;
  for (int k = 0; k < 5 && out.time_s < 0.0; ++k) {
    const double t = k;
    const Vec3 drone{200.0 + 5.0 * t, 300.0, 80.0};
    tracker.add(bearing(a, t, drone, n));
    tracker.add(bearing(b, t + 0.1, drone, n));
    if (third_reports) {
      tracker.add(bearing(c, t + 0.2, drone, n));
    }
    for (int step = 0; step < 10 && out.time_s < 0.0; ++step) {
      const double now = t + 0.05 + 0.1 * step;
      tracker.advance_to(Time::from_seconds(now));
      if (tracker.stats().triangulations > 0) {
        out.time_s = now;
      }
    }
  }
  out.waited = tracker.stats().bearings_waited;
  out.supported = tracker.stats().triangulations_supported;
  return out;
}

TEST(Tracker, ACrossingWaitsOnlyWhileAThirdBearingMayCome) {
  // Two direction finders: nothing to wait for, the crossing starts at the second bearing.
  const FirstCrossing two = first_crossing(false, false);
  EXPECT_NEAR(two.time_s, 0.15, 1e-9);
  EXPECT_EQ(two.waited, 0U);
  // A third that reports: the crossing waits for its bearing (t = 0.2), which confirms it.
  const FirstCrossing three = first_crossing(true, true);
  EXPECT_NEAR(three.time_s, 0.25, 1e-9);
  EXPECT_GE(three.waited, 1U);
  EXPECT_EQ(three.supported, 1U);
  // A third that is registered but silent: the crossing waits out the pairing window (1 s), no
  // longer, and starts unconfirmed.
  const FirstCrossing silent = first_crossing(true, false);
  EXPECT_GT(silent.time_s, 0.9);
  EXPECT_LT(silent.time_s, 1.3);
  EXPECT_EQ(silent.supported, 0U);
}

// Re-anchoring (tracker_reanchor.cpp) moves the tracks that GNN let drift along one detector's
// line of sight back to the crossing, and costs JPDA nothing. Crossings are paired at once here:
// waiting for the third finder keeps the start-up ghost of seed 1 away (above), and that ghost is
// what drifts.
TEST(Tracker, ReanchoringMendsTracksDriftedAlongALineOfSightOnAPassiveSite) {
  std::array<std::size_t, 4> extra{};  // GNN off, GNN on, JPDA off, JPDA on
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    extra[0] += extra_tracks_on_passive_site(Association::Gnn, seed, false, false);
    extra[1] += extra_tracks_on_passive_site(Association::Gnn, seed, true, false);
    extra[2] += extra_tracks_on_passive_site(Association::Jpda, seed, false, false);
    extra[3] += extra_tracks_on_passive_site(Association::Jpda, seed, true, false);
  }
  std::printf("extra track-scans: GNN %zu -> %zu, JPDA %zu -> %zu\n", extra[0], extra[1], extra[2],
              extra[3]);
  EXPECT_LT(3 * extra[1], extra[0]);
  EXPECT_LE(extra[3], extra[2] + 5);
}

// A 40 km airfield radar turning every 4 s, 20 false plots per scan, one aircraft. A fixed birth
// density per km^3 (the s500 benchmark's) makes that coverage produce 86 new targets a second, so
// two false plots 4 s apart inside a fast target's gate read as a new aircraft
// (airport_traffic: 116 false tracks in 20 minutes). With births balancing deaths the false pairs
// stay tentative and the aircraft is confirmed as soon as before.
struct WideAreaRun {
  std::size_t false_tracks = 0;
  int scans_to_confirm = -1;
};

WideAreaRun wide_area_radar(bool births_balance_deaths) {
  SensorInfo r = radar(1);
  r.range_min_m = 500.0;
  r.range_max_m = 40000.0;
  r.elevation_max_rad = 0.7;
  r.scan_period_s = 4.0;
  r.sigma_range_m = 40.0;
  r.sigma_azimuth_rad = 0.002;
  r.sigma_elevation_rad = 0.004;
  r.clutter_per_scan = 20.0;
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.births_balance_deaths = births_balance_deaths;
  Tracker tracker(cfg, registry({r}));
  Noise n(8);
  std::set<std::uint64_t> false_ids;
  WideAreaRun out;
  for (int k = 0; k < 150; ++k) {
    const double t = 4.0 * k;
    const Vec3 aircraft{-20000.0 + 80.0 * t, 5000.0, 1500.0};
    if (n.uniform(0.0, 1.0) < 0.9) {
      tracker.add(plot(r, t, aircraft, n));
    }
    for (int c = 0; c < 20; ++c) {
      tracker.add(plot(
          r, t, polar_to_enu(n.uniform(500.0, 40000.0), n.uniform(-kPi, kPi), n.uniform(0.0, 0.7)),
          n));
    }
    tracker.advance_to(Time::from_seconds(t));
    for (const Track& trk : tracker.report(Time::from_seconds(t))) {
      if ((trk.position_m - aircraft).norm() < 500.0) {
        if (out.scans_to_confirm < 0) {
          out.scans_to_confirm = k + 1;
        }
      } else {
        false_ids.insert(to_underlying(trk.id));
      }
    }
  }
  out.false_tracks = false_ids.size();
  return out;
}

TEST(Tracker, WideAreaRadarConfirmsFewFalsePairsWhenBirthsBalanceDeaths) {
  // Seed 8: 2 false tracks in 150 scans against 19; the aircraft confirmed at its third scan in
  // both.
  const WideAreaRun balanced = wide_area_radar(true);
  const WideAreaRun fixed = wide_area_radar(false);
  EXPECT_LE(balanced.false_tracks, 4U);
  EXPECT_LE(balanced.false_tracks * 4, fixed.false_tracks);
  ASSERT_GT(balanced.scans_to_confirm, 0);
  EXPECT_EQ(balanced.scans_to_confirm, fixed.scans_to_confirm) << "no later for the aircraft";
}

TEST(Tracker, CooperativeReportsNameTheRadarTrack) {
  const SensorInfo r = radar(1);
  SensorInfo rid;
  rid.id = SensorId{2};
  rid.name = "remote-id";
  rid.kind = SensorKind::RemoteIdReceiver;
  rid.scan_period_s = 1.0;
  rid.range_max_m = 3000;
  Tracker tracker(TrackerConfig::defaults(), registry({r, rid}));
  Noise n(11);
  for (int k = 0; k < 20; ++k) {
    const Vec3 truth{600.0 + 5.0 * k, 200.0, 60.0};
    tracker.add(plot(r, k, truth, n));
    Detection c;
    c.time = Time::from_seconds(k + 0.5);
    c.sensor = rid.id;
    PositionMeasurement p;
    p.position_m = truth + Vec3{5.0 * 0.5 + n.gauss(3), n.gauss(3), n.gauss(3)};
    p.covariance_m2 = Mat3::Identity() * 9.0;
    p.velocity_mps = Vec3{5, 0, 0};
    p.velocity_covariance_m2ps2 = Mat3::Identity();
    c.measurement = p;
    c.identity.remote_id = "1588E040445AC004418";
    tracker.add(c);
    tracker.advance_to(Time::from_seconds(k + 0.5));
  }
  const auto rep = tracker.report(Time::from_seconds(19.5));
  ASSERT_EQ(rep.size(), 1U) << "radar and Remote ID must make one track";
  EXPECT_EQ(rep[0].identity.remote_id, "1588E040445AC004418");
  EXPECT_EQ(rep[0].sensors.size(), 2U);
}

TEST(Tracker, DeadTargetOfASweepingRadarIsDropped) {
  const SensorInfo r = radar(1, /*snapshot=*/false);
  Tracker tracker(TrackerConfig::defaults(), registry({r}));
  Noise n(13);
  for (int k = 0; k < 25; ++k) {
    // Plots timed within the sweep (a quarter of the way round).
    const double t = k + 0.25;
    if (k < 12) {
      tracker.add(plot(r, t, Vec3{1000.0 + 10 * k, 0, 100}, n));
    }
    tracker.advance_to(Time::from_seconds(k + 1));
    const auto rep = tracker.report(Time::from_seconds(k + 1));
    if (k == 8) {
      EXPECT_EQ(rep.size(), 1U);
    }
    if (k == 20) {
      EXPECT_TRUE(rep.empty()) << "eight scans without a plot: the track must be gone";
    }
  }
}

// A drone hovers 700 m from the site's camera and radar, then flies straight away from the
// camera, broadcasting Remote ID under three serials in turn, heard by two receivers. The camera's
// bearings do not move, so they hold the old track where the drone hovered, and it keeps the
// identities; each broadcast then fitted no track but the old one and started a new track per
// receiver, none ever confirmed: the drone went without a track while the radar missed the old
// one scan after scan (remote_id_spoofing seeds 31 and 32). The radar losing the old track lets
// the identity pass to the track the broadcasts started.
struct DashAwayRun {
  std::size_t scans_without = 0;  // of the 80 after t = 80 s
  std::uint64_t identities_handed_over = 0;
};

DashAwayRun hovering_drone_dashes_away_from_the_camera(const TrackerConfig& cfg) {
  SensorInfo cam;
  cam.id = SensorId{3};
  cam.name = "camera";
  cam.kind = SensorKind::EoIr;
  cam.position_m = Vec3{30, -20, 20};
  cam.scan_period_s = 0.5;
  cam.pd = 0.95;
  cam.range_max_m = 2500;
  SensorInfo r = radar(1);
  r.clutter_per_scan = 2.0;
  std::array<SensorInfo, 2> rid{};
  for (std::size_t j = 0; j < rid.size(); ++j) {
    rid[j].id = SensorId{static_cast<std::uint32_t>(5 + j)};
    rid[j].name = "remote-id-" + std::to_string(j);
    rid[j].kind = SensorKind::RemoteIdReceiver;
    rid[j].position_m = Vec3{j == 0 ? 100.0 : -100.0, 0, 2};
    rid[j].scan_period_s = 1.0;
    rid[j].pd = 0.95;
    rid[j].range_max_m = 3000;
  }
  Tracker tracker(cfg, registry({cam, r, rid[0], rid[1]}));
  Noise n(5);
  const Vec3 hover{500, -500, 60};
  const Vec3 away = (hover - cam.position_m).normalized();
  auto drone = [&](double t) { return t < 60.0 ? hover : Vec3(hover + 8.0 * (t - 60.0) * away); };
  const std::array<std::string, 3> serials{"1581F5FJD239C00MNY04", "1581F5FJD239C00MNY05",
                                           "1581F5FJD239C00MNY06"};
  DashAwayRun out;
  for (int k = 0; k < 240; ++k) {
    const double t = 0.5 * k;
    tracker.add(bearing(cam, t, drone(t), n, 0.00087));
    if (k % 2 == 0) {
      tracker.add(plot(r, t + 0.1, drone(t + 0.1), n));
      tracker.add(clutter(r, t + 0.1, n));
      for (const SensorInfo& s : rid) {
        Detection d;
        d.time = Time::from_seconds(t + 0.3);
        d.receive_time = d.time;
        d.sensor = s.id;
        d.sensor_position_m = s.position_m;
        PositionMeasurement m;
        m.position_m = drone(t + 0.3) + Vec3{n.gauss(3.0), n.gauss(3.0), n.gauss(5.0)};
        m.covariance_m2 = Vec3(9.0, 9.0, 25.0).asDiagonal();
        m.velocity_mps = t + 0.3 < 60.0 ? Vec3::Zero() : Vec3(8.0 * away);
        m.velocity_covariance_m2ps2 = Vec3(0.25, 0.25, 0.25).asDiagonal();
        d.measurement = m;
        d.identity.remote_id = serials[static_cast<std::size_t>(k / 2) % serials.size()];
        tracker.add(d);
      }
    }
    tracker.advance_to(Time::from_seconds(t + 0.4));
    if (t < 80.0) {
      continue;
    }
    bool held = false;
    for (const Track& trk : tracker.report(Time::from_seconds(t + 0.4))) {
      held = held || (trk.position_m - drone(t + 0.4)).norm() < 100.0;
    }
    out.scans_without += held ? 0U : 1U;
  }
  out.identities_handed_over = tracker.stats().identities_handed_over;
  return out;
}

// The hand-over alone: with the IMM's union gate off, the old track stays where the drone hovered.
TEST(Tracker, BroadcastIdentityPassesToTheNewTrackWhenTheRadarHasLostTheOldOne) {
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.imm_union_gate = false;
  const DashAwayRun run = hovering_drone_dashes_away_from_the_camera(cfg);
  // Without the hand-over: 27 of these 80 scans without a track on the drone.
  EXPECT_EQ(run.scans_without, 0U);
  EXPECT_GE(run.identities_handed_over, 1U);
}

// With the union gate the old track follows the dash (its agile model takes the radar's plots),
// so no identity needs to pass.
TEST(Tracker, HoveringDroneThatDashesAwayKeepsItsTrack) {
  const DashAwayRun run = hovering_drone_dashes_away_from_the_camera(TrackerConfig::defaults());
  EXPECT_EQ(run.scans_without, 0U);
  EXPECT_EQ(run.identities_handed_over, 0U);
}

// A fixed-wing drone flies in at 50 m/s from 8 km, seen first by a long-range radar (2 s sweep,
// 12 km) and from 5 km on also by the site's drone radar (1 s sweep). The drone radar's scans
// before the target entered its coverage are no misses. Until 2026-11-26 they were all counted at
// once when it entered (the miss count ran from the track's start), and the track was deleted
// there, as fixed_wing_raid showed (70 s without a track on an inbound raider, seed 31).
TEST(Tracker, TargetEnteringASecondRadarsCoverageKeepsItsTrack) {
  SensorInfo far = radar(7, /*snapshot=*/false);
  far.range_min_m = 200.0;
  far.range_max_m = 12000.0;
  far.scan_period_s = 2.0;
  far.sigma_range_m = 12.0;
  far.sigma_azimuth_rad = 0.0087;
  far.sigma_elevation_rad = 0.014;
  SensorInfo near = radar(1, /*snapshot=*/false);
  near.range_max_m = 5000.0;
  Tracker tracker(TrackerConfig::defaults(), registry({far, near}));
  Noise n(23);
  auto target = [](double t) { return Vec3{-8000.0 + 50.0 * t, 300.0, 100.0}; };
  std::set<std::uint64_t> ids;
  std::size_t scans_without = 0;
  for (int k = 0; k < 140; ++k) {
    const double t0 = k;
    // Each radar's plot is timed where its beam passes the target's azimuth.
    std::vector<Detection> due;
    for (const SensorInfo* s : {&far, &near}) {
      const double T = s->scan_period_s;
      const Vec3 p = target(t0);
      const double frac = (std::atan2(p.y(), p.x()) + kPi) / (2.0 * kPi);
      const double t = std::floor(t0 / T) * T + frac * T;
      if (t >= t0 && t < t0 + 1.0 && (target(t) - s->position_m).norm() <= s->range_max_m) {
        due.push_back(plot(*s, t, target(t), n));
      }
    }
    std::sort(due.begin(), due.end(),
              [](const Detection& a, const Detection& b) { return a.time < b.time; });
    for (const Detection& d : due) {
      tracker.add(d);
    }
    tracker.advance_to(Time::from_seconds(t0 + 1.0));
    if (k < 10) {
      continue;
    }
    bool held = false;
    for (const Track& trk : tracker.report(Time::from_seconds(t0 + 1.0))) {
      if ((trk.position_m - target(t0 + 1.0)).norm() < 150.0) {
        held = true;
        ids.insert(to_underlying(trk.id));
      }
    }
    scans_without += held ? 0U : 1U;
  }
  EXPECT_EQ(scans_without, 0U);
  EXPECT_EQ(ids.size(), 1U);
}

// A drone flying straight over a hemispheric radar: at the top of its pass the azimuth turns by
// half a turn within a scan or two and its Jacobian grows as one over the horizontal distance.
// Two passes: one a metre beside the zenith, one 20 m aside and lower, among clutter.
TEST(Tracker, DronesFlyingOverTheRadarKeepOneTrackEach) {
  SensorInfo r = radar(1);
  r.range_min_m = 10.0;
  r.elevation_max_rad = kPi / 2;
  Tracker tracker(TrackerConfig::defaults(), registry({r}));
  Noise n(17);
  std::array<std::set<std::uint64_t>, 2> ids;
  std::array<double, 2> worst{};
  for (int k = 0; k < 80; ++k) {
    const double t = k;
    const std::array<Vec3, 2> truth = {Vec3{-600.0 + 15.0 * t, 1.0, 50.0},
                                       Vec3{20.0, -520.0 + 13.0 * t, 30.0}};
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const Vec3& p = truth[i];
      // Pd 0.9 without chance runs of misses: one miss in ten scans, the first pass's at the scan
      // after its zenith, the second's at its closest approach.
      if (k % 10 != (i == 0 ? 1 : 0)) {
        Detection d = plot(r, t, p, n);
        // Elevation noise past the zenith folds over it, as a real radar reports it.
        auto& m = std::get<PolarMeasurement>(d.measurement);
        if (m.elevation_rad && *m.elevation_rad > kPi / 2) {
          m.elevation_rad = kPi - *m.elevation_rad;
          m.azimuth_rad = wrap_pi(m.azimuth_rad + kPi);
        }
        tracker.add(d);
      }
    }
    for (int c = 0; c < 3; ++c) {
      tracker.add(clutter(r, t, n));
    }
    tracker.advance_to(Time::from_seconds(t));
    const auto rep = tracker.report(Time::from_seconds(t));
    for (std::size_t i = 0; i < truth.size(); ++i) {
      double best = std::numeric_limits<double>::infinity();
      std::uint64_t best_id = 0;
      for (const Track& trk : rep) {
        const double e = (trk.position_m - truth[i]).norm();
        if (e < best) {
          best = e;
          best_id = to_underlying(trk.id);
        }
      }
      if (k >= 4) {  // confirmed on its second plot, or its third after a miss
        ASSERT_LT(best, 100.0) << "pass " << i << " has no track at t = " << t;
        ids[i].insert(best_id);
        worst[i] = std::max(worst[i], best);
      }
    }
  }
  EXPECT_EQ(ids[0].size(), 1U);
  EXPECT_EQ(ids[1].size(), 1U);
  // Radar noise there is a few metres (0.005 rad at 50 m is 0.25 m; range 5 m).
  EXPECT_LT(worst[0], 25.0);
  EXPECT_LT(worst[1], 25.0);
}

// Two cameras 1.4 km apart and a bird flying straight at the first. The second camera loses it
// for 15 s (behind a roof); meanwhile the bird turns back, and from the first camera's bearings
// alone (its line of sight does not move) the track keeps flying in along that line: 180 m from
// the bird when the second camera sees it again. That camera's bearings then fit no track, and
// the first camera's belong to the drifted track, so nothing could triangulate them.
// Re-anchoring moves the track to the fix of the two cameras' bearings (tracker_reanchor.cpp).
struct DriftRun {
  std::size_t far_scans = 0;    // scans after t = 40 s with no track within 50 m of the bird
  std::size_t ghost_scans = 0;  // scans after t = 40 s with a track farther than 50 m from it
  std::set<std::uint64_t> ids;
  std::uint64_t reanchored = 0;
};

DriftRun camera_drift(bool reanchor, std::uint64_t seed) {
  const SensorInfo a = camera(6, Vec3{0, 0, 20});
  const SensorInfo b = camera(7, Vec3{1400, 200, 15});
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.bearing_reanchor = reanchor;
  Tracker tracker(cfg, registry({a, b}));
  Noise n(seed);
  auto look = [&](const SensorInfo& s, double t, const Vec3& p) {
    return bearing(s, t, p, n, 0.001);  // a camera's 0.06 degrees
  };
  // Along the first camera's line of sight: in at 6 m/s until t = 20 s, then out again.
  const Vec3 start{300.0, 900.0, 70.0};
  const Vec3 ray = (start - a.position_m).normalized();
  DriftRun out;
  for (int k = 0; k < 140; ++k) {
    const double t = 0.5 * k;
    const double along = t < 20.0 ? -6.0 * t : -120.0 + 6.0 * (t - 20.0);
    const Vec3 bird = start + along * ray;
    tracker.add(look(a, t, bird));
    if (t < 20.0 || t >= 35.0) {
      tracker.add(look(b, t + 0.25, bird));
    }
    tracker.advance_to(Time::from_seconds(t + 0.25));
    if (t < 40.0) {
      continue;
    }
    bool near = false;
    for (const Track& trk : tracker.report(Time::from_seconds(t + 0.25))) {
      if ((trk.position_m - bird).norm() < 50.0) {
        near = true;
        out.ids.insert(to_underlying(trk.id));
      } else {
        ++out.ghost_scans;
      }
    }
    out.far_scans += near ? 0U : 1U;
  }
  out.reanchored = tracker.stats().reanchored;
  return out;
}

TEST(Tracker, DriftedBearingTrackIsMovedBackToItsTarget) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const DriftRun with = camera_drift(true, seed);
    const DriftRun without = camera_drift(false, seed);
    SCOPED_TRACE("seed " + std::to_string(seed));
    // Without re-anchoring the picture holds the drifted track and misses the bird.
    EXPECT_GT(without.far_scans, 20U);
    EXPECT_GT(without.ghost_scans, 20U);
    EXPECT_GE(with.reanchored, 1U);
    EXPECT_EQ(with.far_scans, 0U);
    EXPECT_EQ(with.ghost_scans, 0U);
    EXPECT_EQ(with.ids.size(), 1U);
  }
}

// Two direction finders hear a drone 3.3 km out, beyond both cameras' reach; the cameras see a
// bird 1 km out and call it a bird. At start-up the first direction finder's bearing waits in
// the triangulation buffer and the first camera bearing of the bird would pair with it: their
// lines cross 1 km beyond the bird, where nothing flies (passive_only seeds 41, 46, 47).
struct StartupGhostRun {
  // Track-scans far from both: 300 m from the bird, 600 m from the drone (two bearings of 2.5
  // degrees at 3 km fix it to a few hundred metres).
  std::size_t ghost_scans = 0;
  std::size_t bird_scans = 0;  // scans with a track within 50 m of the bird
  std::size_t scans = 0;
};

StartupGhostRun rf_and_bird_cameras(double min_class_agreement, std::uint64_t seed,
                                    bool await_third = true) {
  SensorInfo rf_west = rf_detector(3, Vec3{-1300, -500, 10});
  SensorInfo rf_north = rf_detector(1, Vec3{0, 600, 12});
  rf_west.range_max_m = rf_north.range_max_m = 4000;
  const SensorInfo cam_a = camera(6, Vec3{0, 0, 20});
  const SensorInfo cam_b = camera(7, Vec3{1400, 200, 15});
  TrackerConfig cfg = TrackerConfig::defaults();
  cfg.triangulation_min_class_agreement = min_class_agreement;
  cfg.triangulation_await_third = await_third;
  Tracker tracker(cfg, registry({rf_north, rf_west, cam_a, cam_b}));
  Noise n(seed);
  auto rf_bearing = [&](const SensorInfo& s, double t, const Vec3& p) {
    Detection d = bearing(s, t, p, n, 0.0436);  // 2.5 degrees, azimuth only
    std::get<BearingMeasurement>(d.measurement).elevation_rad.reset();
    std::get<BearingMeasurement>(d.measurement).sigma_elevation_rad = 0.0;
    return d;
  };
  auto camera_bearing = [&](const SensorInfo& s, double t, const Vec3& p) {
    Detection d = bearing(s, t, p, n, 0.001);
    ClassProbabilities c;
    c[TargetClass::Bird] = 0.85;
    c[TargetClass::DroneMultirotor] = 0.08;
    c[TargetClass::Unknown] = 0.07;
    d.class_probabilities = c;
    return d;
  };
  StartupGhostRun out;
  for (int k = 0; k < 120; ++k) {
    const double t = 0.5 * k;
    const Vec3 drone = Vec3{-2800, 1800, 100} + t * Vec3{10.8, -7.0, 0.0};
    const Vec3 bird = Vec3{-994, 340, 50} + t * Vec3{8.0, 3.0, 0.0};
    // The frames in time order: a direction finder, the two cameras, the other direction finder.
    if (k % 2 == 0) {
      tracker.add(rf_bearing(rf_west, t, drone));
      tracker.advance_to(Time::from_seconds(t + 0.01));
    }
    tracker.add(camera_bearing(cam_a, t + 0.02, bird));
    tracker.advance_to(Time::from_seconds(t + 0.03));
    tracker.add(camera_bearing(cam_b, t + 0.25, bird));
    tracker.advance_to(Time::from_seconds(t + 0.26));
    if (k % 2 == 0) {
      tracker.add(rf_bearing(rf_north, t + 0.4, drone));
      tracker.advance_to(Time::from_seconds(t + 0.41));
    }
    if (t < 5.0) {
      continue;
    }
    ++out.scans;
    bool bird_seen = false;
    for (const Track& trk : tracker.report(Time::from_seconds(t + 0.41))) {
      const double to_bird = (trk.position_m - bird).norm();
      bird_seen = bird_seen || to_bird < 50.0;
      if (to_bird > 300.0 && (trk.position_m - drone).norm() > 600.0) {
        ++out.ghost_scans;
      }
    }
    out.bird_scans += bird_seen ? 1U : 0U;
  }
  return out;
}

TEST(Tracker, BearingsWhoseSensorsDisagreeOnTheClassDoNotMakeAGhost) {
  std::size_t ghosts_without = 0;
  std::size_t bird_without = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const StartupGhostRun with = rf_and_bird_cameras(1.0, seed, false);
    const StartupGhostRun without = rf_and_bird_cameras(0.0, seed, false);
    ghosts_without += without.ghost_scans;
    bird_without += without.bird_scans;
    EXPECT_EQ(with.ghost_scans, 0U);
    EXPECT_GE(with.bird_scans, with.scans - 2);
    // Waiting for a third sensor's bearing through the crossing keeps this ghost away too: the
    // second camera's bearing of the bird misses the crossing 1 km beyond it. Both are on by
    // default.
    const StartupGhostRun waiting = rf_and_bird_cameras(0.0, seed, true);
    EXPECT_EQ(waiting.ghost_scans, 0U);
    EXPECT_GE(waiting.bird_scans, waiting.scans - 2);
    const StartupGhostRun defaults = rf_and_bird_cameras(1.0, seed, true);
    EXPECT_EQ(defaults.ghost_scans, 0U);
    EXPECT_GE(defaults.bird_scans, defaults.scans - 2);
  }
  // Pairing the direction finder's "drone" with the camera's "bird" at once made the ghost, which
  // took the cameras' bearings of the bird (measured: 53-56 ghost scans of 110 per seed, the bird
  // tracked in 0-6).
  EXPECT_GT(ghosts_without, 150U);
  EXPECT_LT(bird_without, 40U);
}

// A radar tracks a bird and a drone that one direction finder sees on nearly the same line (1
// degree apart, its bearings 3 degrees wide); a camera calls each what it is. Returns, over
// `seeds` runs, how many ended with the bird's track carrying the drone's emitter model and how
// many with the drone's track carrying it.
struct EmitterOwners {
  std::size_t bird = 0;
  std::size_t drone = 0;
};

EmitterOwners rf_bearing_between_bird_and_drone(bool class_aided, std::uint64_t seeds) {
  EmitterOwners out;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    SensorInfo r = radar(1, true);
    r.clutter_per_scan = 2.0;
    const SensorInfo rf = rf_detector(2, Vec3{0, 0, 10});
    const SensorInfo cam = camera(3, Vec3{300, -200, 20});
    TrackerConfig cfg = TrackerConfig::defaults();
    cfg.class_aided_association = class_aided;
    Tracker tracker(cfg, registry({r, rf, cam}));
    Noise n(seed);
    auto says = [](Detection d, bool is_bird) {
      ClassProbabilities c;
      c[TargetClass::Bird] = is_bird ? 0.8 : 0.1;
      c[TargetClass::DroneMultirotor] = is_bird ? 0.1 : 0.8;
      c[TargetClass::Unknown] = 0.1;
      d.class_probabilities = c;
      return d;
    };
    Vec3 drone;
    Vec3 bird;
    for (int k = 0; k < 60; ++k) {
      const double t = k;
      // Both fly across the line of sight at the same angular rate: the drone at 1500 m, the
      // bird at 1000 m, 1 degree apart in azimuth.
      const double az = 0.5 + 0.004 * t;
      drone = Vec3{1500 * std::cos(az), 1500 * std::sin(az), 80};
      bird = Vec3{1000 * std::cos(az + 0.0175), 1000 * std::sin(az + 0.0175), 40};
      tracker.add(plot(r, t, drone, n));
      tracker.add(plot(r, t, bird, n));
      tracker.add(clutter(r, t, n));
      tracker.advance_to(Time::from_seconds(t + 0.01));
      tracker.add(says(bearing(cam, t + 0.2, drone, n, 0.002), false));
      tracker.add(says(bearing(cam, t + 0.2, bird, n, 0.002), true));
      tracker.advance_to(Time::from_seconds(t + 0.21));
      Detection b = bearing(rf, t + 0.5, drone, n, 0.0524);
      std::get<BearingMeasurement>(b.measurement).elevation_rad.reset();
      std::get<BearingMeasurement>(b.measurement).sigma_elevation_rad = 0.0;
      b.identity.emitter_model = "DJI Mavic 3";
      tracker.add(b);
      tracker.advance_to(Time::from_seconds(t + 0.51));
    }
    for (const Track& trk : tracker.report(Time::from_seconds(59.51))) {
      if (trk.identity.emitter_model.empty()) {
        continue;
      }
      out.bird += (trk.position_m - bird).norm() < 50.0 ? 1U : 0U;
      out.drone += (trk.position_m - drone).norm() < 50.0 ? 1U : 0U;
    }
  }
  return out;
}

TEST(Tracker, AnRfBearingGoesToTheDroneAndNotToTheBirdOnItsLine) {
  const EmitterOwners aided = rf_bearing_between_bird_and_drone(true, 8);
  const EmitterOwners kinematic = rf_bearing_between_bird_and_drone(false, 8);
  EXPECT_EQ(aided.bird, 0U);
  EXPECT_EQ(aided.drone, 8U);
  // By kinematics alone the bearing fits both, and the bird took the drone's emitter model in
  // every run (measured: 8 of 8; the drone's track carried it too).
  EXPECT_GE(kinematic.bird, 6U);
}

}  // namespace
}  // namespace dewline::track
