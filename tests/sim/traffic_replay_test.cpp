// Replay of recorded ADS-B trajectories (xoolive/traffic files in ../shared/data/real/adsb,
// MIT licence; see ../shared/data/real/README.md): the truth passes exactly through the recorded
// positions, moves smoothly between them, and the flights are chosen and shifted as asked.
#include <gtest/gtest.h>

#include <map>

#include <fmt/format.h>

#include "sim/traffic_file.hpp"
#include "sim/traffic_replay.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

using test::must_parse;

std::string site_header(double duration_s, double lat, double lon, double alt) {
  return fmt::format(
      "[scenario]\nname = \"replay\"\nduration_s = {}\n[site]\nlat_deg = {}\n"
      "lon_deg = {}\nalt_m = {}\n",
      duration_s, lat, lon, alt);
}

std::map<double, ingest::TruthRow> truth_by_time(const SimResult& r, std::int64_t id) {
  std::map<double, ingest::TruthRow> out;
  for (const auto& t : r.truth) {
    if (t.target_id == id) {
      out[t.time_s] = t;
    }
  }
  return out;
}

TEST(TrafficFile, ReadsTheRegaHelicopterRecording) {
  auto f =
      read_traffic_file(dewline::test::real_data("adsb/traffic_rega_zh_helicopter.json.gz"), 60.0);
  ASSERT_TRUE(f) << f.error();
  EXPECT_EQ(f->records_read, 339U);
  EXPECT_EQ(f->records_skipped, 0U);
  EXPECT_EQ(f->records_stale, 3U);  // three records repeat the previous position
  ASSERT_EQ(f->flights.size(), 1U);
  const TrafficFlight& fl = f->flights[0];
  EXPECT_EQ(fl.records.size(), 336U);
  EXPECT_EQ(fl.icao24, 0x4b43acU);
  EXPECT_EQ(fl.callsign, "REGA1");
  // First and last records as the file holds them (checked with Python's gzip + json); the
  // time is the position's own time, OpenSky's last_position.
  EXPECT_EQ(fl.records.front().timestamp_ms, 1558732718737);
  EXPECT_DOUBLE_EQ(fl.records.front().lat_deg, 47.3665008545);
  EXPECT_DOUBLE_EQ(fl.records.front().lon_deg, 8.5006713867);
  EXPECT_DOUBLE_EQ(fl.records.front().altitude_ft, 1950.0);
  EXPECT_EQ(fl.records.back().timestamp_ms, 1558733056938);
  EXPECT_DOUBLE_EQ(fl.records.back().lat_deg, 47.3968505859);
  EXPECT_DOUBLE_EQ(fl.records.back().altitude_ft, 1450.0);
}

TEST(TrafficFile, RejectsCorruptInputWithAReason) {
  EXPECT_FALSE(parse_traffic_json("{\"not\": \"an array\"}", 60.0));
  EXPECT_FALSE(parse_traffic_json("[{", 60.0));
  auto ok = parse_traffic_json(
      R"([{"timestamp": 1000, "icao24": "abc123", "latitude": 47, "longitude": 8, "altitude": 1000},
          {"timestamp": 2000, "icao24": "abc123", "latitude": 47.001, "longitude": 8, "altitude": 1000},
          {"timestamp": 3000, "icao24": "abc123", "latitude": null, "longitude": 8, "altitude": 1000},
          {"timestamp": 2000, "icao24": "abc123", "latitude": 47.002, "longitude": 8, "altitude": 1000}])",
      60.0);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->records_skipped, 1U);  // no latitude
  ASSERT_EQ(ok->flights.size(), 1U);
  EXPECT_EQ(ok->flights[0].records.size(), 2U);  // the repeated timestamp is dropped
}

Scenario rega_scenario(double smoothing_s) {
  const auto file = dewline::test::real_data("adsb/traffic_rega_zh_helicopter.json.gz");
  return must_parse(site_header(338.0, 47.38, 8.56, 410.0) +
                    fmt::format("[[target]]\nkind = \"adsb_replay\"\nclass = \"helicopter\"\n"
                                "file = \"{}\"\nsmoothing_s = {}\n",
                                file.string(), smoothing_s));
}

TEST(TrafficReplay, ReproducesTheRecordedHelicopterPositionsExactly) {
  // GIVEN the replay without smoothing
  const Scenario sc = rega_scenario(0.0);
  ASSERT_EQ(sc.targets.size(), 1U);
  ASSERT_EQ(sc.targets[0].replay_tracks.size(), 1U);
  const ReplayTrack& track = sc.targets[0].replay_tracks[0];
  auto f =
      read_traffic_file(dewline::test::real_data("adsb/traffic_rega_zh_helicopter.json.gz"), 60.0);
  ASSERT_TRUE(f);
  const auto& records = f->flights[0].records;
  const std::int64_t t0 = records.front().timestamp_ms;
  const EnuFrame frame(Geodetic{47.38, 8.56, 410.0});
  // THEN the trajectory passes through every recorded position at its time
  for (const auto& rec : records) {
    const double t = static_cast<double>(rec.timestamp_ms - t0) / 1000.0;
    const Vec3 want = frame.to_enu(Geodetic{rec.lat_deg, rec.lon_deg, rec.altitude_ft * 0.3048});
    EXPECT_LT((track.at(t).p - want).norm(), 1e-6) << "at " << t;
  }
  // AND the simulated truth is that trajectory, sampled every second
  auto r = test::run(sc, 1);
  const auto truth = truth_by_time(r.result, 1);
  EXPECT_EQ(truth.size(), 339U);  // 0..338 s
  for (const auto& [t, row] : truth) {
    EXPECT_LT((row.position_m - track.at(t).p).norm(), 1e-9) << "at " << t;
    EXPECT_LT((row.velocity_mps - track.at(t).v).norm(), 1e-9) << "at " << t;
  }
  // It is labelled a helicopter and broadcasts its own identity over ADS-B.
  ASSERT_TRUE(r.result.bodies[0].info.adsb.has_value());
  EXPECT_EQ(r.result.bodies[0].info.adsb->icao24, 0x4b43acU);
  EXPECT_EQ(r.result.bodies[0].info.adsb->callsign, "REGA1");
  EXPECT_EQ(r.result.bodies[0].info.target_class, TargetClass::Helicopter);
}

TEST(TrafficReplay, SmoothedReplayStaysOnTheRecordsAndFliesLikeAHelicopter) {
  const Scenario sc = rega_scenario(6.0);
  const ReplayTrack& track = sc.targets[0].replay_tracks[0];
  auto f =
      read_traffic_file(dewline::test::real_data("adsb/traffic_rega_zh_helicopter.json.gz"), 60.0);
  ASSERT_TRUE(f);
  const auto& records = f->flights[0].records;
  const std::int64_t t0 = records.front().timestamp_ms;
  const EnuFrame frame(Geodetic{47.38, 8.56, 410.0});
  double sum2 = 0.0;
  double worst = 0.0;
  for (const auto& rec : records) {
    const double t = static_cast<double>(rec.timestamp_ms - t0) / 1000.0;
    const Vec3 want = frame.to_enu(Geodetic{rec.lat_deg, rec.lon_deg, rec.altitude_ft * 0.3048});
    const double e = (track.at(t).p - want).norm();
    sum2 += e * e;
    worst = std::max(worst, e);
  }
  // Within the recording's own noise (ADS-B positions are good to about 10 m).
  EXPECT_LT(std::sqrt(sum2 / static_cast<double>(records.size())), 5.0);
  EXPECT_LT(worst, 15.0);
  // Accelerations a helicopter can fly (the exact path reaches 50 m/s^2 on this noisy data).
  auto r = test::run(sc, 1);
  const auto truth = truth_by_time(r.result, 1);
  double max_accel = 0.0;
  for (auto it = std::next(truth.begin()); it != truth.end(); ++it) {
    const auto& a = std::prev(it)->second;
    const auto& b = it->second;
    max_accel =
        std::max(max_accel, (b.velocity_mps - a.velocity_mps).norm() / (b.time_s - a.time_s));
    EXPECT_LT(b.velocity_mps.norm(), 90.0);
  }
  EXPECT_LT(max_accel, 8.0);
}

TEST(TrafficReplay, ChoosesAndShiftsFlightsFromTheSwitzerlandCollection) {
  const auto file = dewline::test::real_data("adsb/traffic_switzerland.json.gz");
  auto f = read_traffic_file(file, 60.0);
  ASSERT_TRUE(f) << f.error();
  EXPECT_EQ(f->records_read, 139098U);
  // One Ryanair flight's first segment, put at t = 0 by its own first record.
  const TrafficFlight* seg = nullptr;
  for (const auto& fl : f->flights) {
    if (fl.icao24 == 0x4ca97bU &&
        (seg == nullptr || fl.records.front().timestamp_ms < seg->records.front().timestamp_ms)) {
      seg = &fl;
    }
  }
  ASSERT_NE(seg, nullptr);
  const std::int64_t t0 = seg->records.front().timestamp_ms;
  const double span = static_cast<double>(seg->records.back().timestamp_ms - t0) / 1000.0;
  ASSERT_GT(span, 100.0);
  const double lat = 46.8;
  const double lon = 8.2;
  const Scenario sc =
      must_parse(site_header(span, lat, lon, 500.0) + fmt::format(R"(
[[target]]
id = 100
kind = "adsb_replay"
file = "{}"
icao24 = ["4ca97b"]
record_start_s = {}
time_offset_s = 0
)",
                                                                  file.string(), t0 / 1000));
  ASSERT_GE(sc.targets[0].replay_tracks.size(), 1U);
  auto r = test::run(sc, 1);
  const auto truth = truth_by_time(r.result, 100);
  const EnuFrame frame(Geodetic{lat, lon, 500.0});
  for (const auto& rec : seg->records) {
    const double t = static_cast<double>(rec.timestamp_ms - t0) / 1000.0;
    auto it = truth.find(t);
    ASSERT_NE(it, truth.end()) << "no truth at " << t;
    const Vec3 want = frame.to_enu(Geodetic{rec.lat_deg, rec.lon_deg, rec.altitude_ft * 0.3048});
    EXPECT_LT((it->second.position_m - want).norm(), 1e-5) << "at " << t;
  }
  // Choosing by distance: at most 15 flights, each passing within 40 km of Zurich airport.
  ReplaySpec spec;
  spec.within_m = 40000.0;
  spec.max_flights = 15;
  spec.record_start_s = 1533110400.0;  // 2018-08-01 08:00 UTC
  const EnuFrame zurich(Geodetic{47.4647, 8.5492, 432.0});
  const auto tracks = build_replay_tracks(*f, spec, zurich, 3600.0);
  EXPECT_EQ(tracks.size(), 15U);
  for (const auto& t : tracks) {
    EXPECT_LE(t.min_horizontal_distance_m(), 40000.0);
    EXPECT_LE(t.start_s(), 3600.0);
    EXPECT_GE(t.end_s(), 0.0);
  }
}

}  // namespace
}  // namespace dewline::sim
