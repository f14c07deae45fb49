#include "assess/spoof_checks.hpp"

#include <array>
#include <cmath>

#include <gtest/gtest.h>

#include "core/angles.hpp"
#include "tests/assess/test_tracks.hpp"

namespace dewline::assess {
namespace {

constexpr double kRssiAt1Km = -80.0;

SensorRegistry site_sensors() {
  SensorRegistry r;
  SensorInfo radar;
  radar.id = SensorId{1};
  radar.name = "drone-radar";
  radar.kind = SensorKind::RotatingRadar;
  radar.position_m = Vec3{0, 0, 15};
  radar.range_min_m = 30;
  radar.range_max_m = 5000;
  radar.elevation_max_rad = 1.2;
  radar.pd = 0.9;
  r.add(radar);
  for (auto [id, pos] : {std::pair{5U, Vec3{0, 0, 12}}, std::pair{9U, Vec3{900, -100, 8}}}) {
    SensorInfo rx;
    rx.id = SensorId{id};
    rx.kind = SensorKind::RemoteIdReceiver;
    rx.position_m = pos;
    r.add(rx);
  }
  return r;
}

// One broadcast of `serial` claiming `claimed` (velocity `v`), sent from `transmitter`, heard by
// both receivers with free-space levels.
void broadcast(std::vector<Detection>& out, double t, const std::string& serial,
               const Vec3& claimed, const Vec3& v, const Vec3& transmitter) {
  for (auto [id, pos] : {std::pair{5U, Vec3{0, 0, 12}}, std::pair{9U, Vec3{900, -100, 8}}}) {
    Detection d;
    d.time = Time::from_seconds(t);
    d.sensor = SensorId{id};
    d.sensor_position_m = pos;
    PositionMeasurement m;
    m.position_m = claimed;
    m.covariance_m2 = Mat3::Identity() * 9.0;
    m.velocity_mps = v;
    d.measurement = m;
    d.identity.remote_id = serial;
    d.snr_db = kRssiAt1Km - 20.0 * std::log10((transmitter - pos).norm() / 1000.0);
    out.push_back(d);
  }
}

void radar_plot(std::vector<Detection>& out, double t, const Vec3& p) {
  Detection d;
  d.time = Time::from_seconds(t + 0.1);
  d.sensor = SensorId{1};
  d.sensor_position_m = Vec3{0, 0, 15};
  const Polar pol = enu_to_polar(p - d.sensor_position_m);
  PolarMeasurement m;
  m.range_m = pol.range_m;
  m.azimuth_rad = pol.azimuth_rad;
  m.elevation_rad = pol.elevation_rad;
  m.sigma_range_m = 4;
  m.sigma_azimuth_rad = 0.004;
  m.sigma_elevation_rad = 0.007;
  d.measurement = m;
  out.push_back(d);
}

struct World {
  SpoofChecker checker{SpoofConfig{}, site_sensors()};
  // Runs `seconds` one-second steps; `step(t, dets, tracks)` fills each.
  template <class F>
  void run(int seconds, F&& step) {
    for (int i = 0; i < seconds; ++i) {
      std::vector<Detection> dets;
      std::vector<Track> tracks;
      step(static_cast<double>(i), dets, tracks);
      std::stable_sort(dets.begin(), dets.end(), detection_time_order);
      checker.update(Time::from_seconds(i + 0.5), dets, tracks);
    }
  }
};

Vec3 honest_at(double t) {
  return Vec3{-500 + 5 * t, 100, 60};
}

TEST(SpoofChecks, HonestBroadcastSeenByTheRadarIsNotFlagged) {
  World w;
  w.run(120, [](double t, auto& dets, auto&) {
    broadcast(dets, t, "HONEST", honest_at(t), Vec3{5, 0, 0}, honest_at(t));
    radar_plot(dets, t, honest_at(t + 0.1));
  });
  EXPECT_TRUE(w.checker.flags().empty());
}

TEST(SpoofChecks, JumpsNoAirframeCanFly) {
  World w;
  w.run(40, [](double t, auto& dets, auto&) {
    const Vec3 truth = honest_at(t);
    const Vec3 jump = t >= 20 ? Vec3{300, 0, 0} : Vec3::Zero();
    broadcast(dets, t, "JUMPER", truth + jump, Vec3{5, 0, 0}, truth);
    radar_plot(dets, t, honest_at(t + 0.1));
  });
  ASSERT_EQ(w.checker.flags().count("rid:JUMPER"), 1U);
  const SpoofFlag& f = w.checker.flags().at("rid:JUMPER");
  EXPECT_EQ(f.check, "jump");
  EXPECT_EQ(f.since, Time::from_seconds(20));
  EXPECT_NE(f.reason.find("moved 305 m in 1.0 s"), std::string::npos) << f.reason;
}

TEST(SpoofChecks, GhostWhereTheRadarSeesNothing) {
  World w;
  const Vec3 transmitter{1400, 1600, 2};
  w.run(60, [&](double t, auto& dets, auto&) {
    const Vec3 claimed{200 - 4 * t, 300, 60};
    broadcast(dets, t, "GHOST", claimed, Vec3{-4, 0, 0}, transmitter);
    radar_plot(dets, t, Vec3{-1000, -800, 50});  // something else, far away
  });
  ASSERT_EQ(w.checker.flags().count("rid:GHOST"), 1U);
  // The level difference between the receivers gives it away first (10 broadcasts), then the
  // radar (12 expected detections).
  const SpoofFlag& f = w.checker.flags().at("rid:GHOST");
  EXPECT_TRUE(f.check == "signal" || f.check == "radar") << f.check;
  Track k = test::make_track(3, 60, Vec3{-40, 300, 60}, Vec3{-4, 0, 0});
  k.identity.remote_id = "GHOST";
  EXPECT_EQ(w.checker.reason_for(k), f.reason);
}

TEST(SpoofChecks, RadarSilenceAlone) {
  SpoofConfig cfg;
  cfg.rssi_min_reports = 100000;  // only the radar check
  SpoofChecker checker(cfg, site_sensors());
  for (int i = 0; i < 30; ++i) {
    std::vector<Detection> dets;
    const double t = i;
    const Vec3 claimed{200 - 4 * t, 300, 60};
    broadcast(dets, t, "GHOST", claimed, Vec3{-4, 0, 0}, claimed);
    radar_plot(dets, t, Vec3{-1000, -800, 50});
    checker.update(Time::from_seconds(t + 0.5), dets, {});
  }
  ASSERT_EQ(checker.flags().count("rid:GHOST"), 1U);
  EXPECT_EQ(checker.flags().at("rid:GHOST").check, "radar");
  EXPECT_NE(checker.flags().at("rid:GHOST").reason.find("drone-radar covers"), std::string::npos);
}

TEST(SpoofChecks, PositionFarFromTheRadarTrackItMatches) {
  SpoofConfig cfg;
  cfg.rssi_min_reports = 100000;
  cfg.radar_min_looks = 1000;  // keep the radar-silence flag out of the way
  SpoofChecker checker(cfg, site_sensors());
  const Vec3 offset{800, -300, 0};
  for (int i = 0; i < 30; ++i) {
    std::vector<Detection> dets;
    const double t = i;
    const Vec3 truth{-1500 + 6 * t, 1200, 80};
    broadcast(dets, t, "DISPLACED", truth + offset, Vec3{6, 0, 0}, truth);
    radar_plot(dets, t, truth);
    Track radar_track = test::make_track(12, t + 0.5, truth + Vec3{3, 0, 0}, Vec3{6, 0, 0});
    radar_track.sensors = {SensorId{1}};
    checker.update(Time::from_seconds(t + 0.5), dets, {radar_track});
  }
  ASSERT_EQ(checker.flags().count("rid:DISPLACED"), 1U);
  const SpoofFlag& f = checker.flags().at("rid:DISPLACED");
  EXPECT_EQ(f.check, "offset");
  EXPECT_NE(f.reason.find("radar track 12"), std::string::npos) << f.reason;
}

TEST(SpoofChecks, SeveralIdentitiesFromOneEmitter) {
  World w;
  const std::array<std::string, 3> serials = {"MNY04", "MNY05", "MNY06"};
  w.run(30, [&](double t, auto& dets, auto&) {
    const Vec3 p = honest_at(t);
    broadcast(dets, t, serials[static_cast<std::size_t>(t) % 3], p, Vec3{5, 0, 0}, p);
    radar_plot(dets, t, honest_at(t + 0.1));
  });
  EXPECT_EQ(w.checker.flags().count("rid:MNY04"), 1U);
  EXPECT_EQ(w.checker.flags().count("rid:MNY05"), 1U);
  EXPECT_EQ(w.checker.flags().count("rid:MNY06"), 1U);
  EXPECT_EQ(w.checker.flags().at("rid:MNY05").check, "emitter");
}

TEST(SpoofChecks, OneTrackWhoseSerialKeepsChanging) {
  SpoofConfig cfg;
  SpoofChecker checker(cfg, site_sensors());
  Track k = test::make_track(4, 0, Vec3{0, 0, 50}, Vec3{1, 0, 0});
  k.identity.remote_id = "A";
  checker.update(Time::from_seconds(0), {}, {k});
  EXPECT_TRUE(checker.reason_for(k).empty());
  k.identity.remote_id = "B";
  checker.update(Time::from_seconds(1), {}, {k});
  EXPECT_NE(checker.reason_for(k).find("2 serials (A, B)"), std::string::npos)
      << checker.reason_for(k);
}

}  // namespace
}  // namespace dewline::assess
