// Location + emitter state -> core Detection (to_detection.hpp) and the whole receiver
// (remoteid_ingest.hpp) on the real Parrot Anafi capture.
#include <gtest/gtest.h>

#include <cmath>

#include "core/angles.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/remoteid_ingest.hpp"
#include "tests/ingest/remoteid/test_messages.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::remoteid {
namespace {

const EnuFrame kSite(Geodetic{47.1986, 8.7302, 400.0});

FrameInfo drone() {
  FrameInfo i;
  i.transmitter = *MacAddress::parse("90:3a:e6:5b:c8:a8");
  i.rssi_dbm = -47;
  return i;
}

TEST(ToDetection, PositionAccuracyAndVelocityInTheSiteFrame) {
  RemoteIdConfig cfg;
  cfg.sensor = SensorId{7};
  cfg.position_m = Vec3(1, 2, 3);
  const DetectionBuilder b(cfg, kSite);
  EmitterTable t;
  t.update(drone(), Time{}, sample::basic_id("1588E040445AC004418"));
  t.update(drone(), Time{}, sample::operator_id("CHE-OP-1"));
  const Message m = sample::location(47.1996, 8.7302, 450.0, 50.0, 10.0, 90.0, 2.0);
  EmitterState& e = t.update(drone(), Time{}, m);
  const Time rx = Time::from_seconds(3600.0 * 400000 + 1234.6);  // timestamp 1234.5 s
  auto d = b.build(std::get<Location>(m.body), e, drone(), rx);
  ASSERT_TRUE(d.has_value());
  const auto& pm = std::get<PositionMeasurement>(d->measurement);
  // 0.001 deg north of the origin = 111.2 m; 50 m above it (geodetic altitude used).
  EXPECT_NEAR(pm.position_m.x(), 0.0, 0.05);
  EXPECT_NEAR(pm.position_m.y(), 111.2, 0.3);
  EXPECT_NEAR(pm.position_m.z(), 50.0, 0.05);
  // h_acc 10 (< 10 m at 95 %) -> 4.085 m per axis; v_acc 4 (< 10 m) -> 5.102 m.
  EXPECT_NEAR(std::sqrt(pm.covariance_m2(0, 0)), 10.0 / 2.4477, 1e-3);
  EXPECT_NEAR(std::sqrt(pm.covariance_m2(2, 2)), 10.0 / 1.96, 1e-2);
  ASSERT_TRUE(pm.velocity_mps.has_value());
  EXPECT_NEAR(pm.velocity_mps->x(), 10.0, 1e-3);  // course 090: east
  EXPECT_NEAR(pm.velocity_mps->y(), 0.0, 1e-2);
  EXPECT_NEAR(pm.velocity_mps->z(), 2.0, 1e-3);
  EXPECT_NEAR(std::sqrt(pm.velocity_covariance_m2ps2(0, 0)), 1.0 / 1.96, 1e-3);
  EXPECT_EQ(d->identity.remote_id, "1588E040445AC004418");
  EXPECT_EQ(d->identity.operator_id, "CHE-OP-1");
  EXPECT_EQ(d->sensor, SensorId{7});
  EXPECT_EQ(d->sensor_position_m, Vec3(1, 2, 3));
  EXPECT_EQ(d->snr_db, -47.0);
  EXPECT_EQ(d->sensor_object_id, drone().transmitter.key());
  EXPECT_EQ(d->receive_time, rx);
  EXPECT_NEAR((rx - d->time).seconds(), 0.1, 1e-9);  // Location timestamp 12345 = 1234.5 s
  ASSERT_TRUE(d->class_probabilities.has_value());
  EXPECT_EQ(d->class_probabilities->most_likely(), TargetClass::DroneMultirotor);
}

TEST(ToDetection, UnknownAccuracyUsesTheDocumentedDefaults) {
  RemoteIdConfig cfg;
  const DetectionBuilder b(cfg, kSite);
  Message m = sample::location(47.1986, 8.7302, std::nullopt, 11.0);
  auto& l = std::get<Location>(m.body);
  l.horizontal_accuracy = 0;
  l.vertical_accuracy = 0;
  l.speed_accuracy = 0;
  EmitterTable t;
  auto d = b.build(l, t.update(drone(), Time{}, m), drone(), Time{});
  ASSERT_TRUE(d.has_value());
  const auto& pm = std::get<PositionMeasurement>(d->measurement);
  EXPECT_NEAR(std::sqrt(pm.covariance_m2(0, 0)), cfg.default_sigma_h_m, 1e-6);
  // Height above takeoff + site origin height (no geodetic, no baro, no System altitude).
  EXPECT_NEAR(pm.position_m.z(), 11.0, 1e-3);
  EXPECT_NEAR(std::sqrt(pm.covariance_m2(2, 2)),
              std::hypot(cfg.default_sigma_v_m, cfg.height_reference_sigma_m), 1e-6);
  EXPECT_NEAR(std::sqrt(pm.velocity_covariance_m2ps2(0, 0)), cfg.default_sigma_speed_mps, 1e-6);
  EXPECT_TRUE(d->identity.remote_id.empty());  // no Basic ID heard yet
}

TEST(ToDetection, HeightAboveTakeoffUsesTheOperatorTakeoffAltitude) {
  const DetectionBuilder b(RemoteIdConfig{}, kSite);
  EmitterTable t;
  t.update(drone(), Time{}, sample::system_msg(47.1986, 8.7302, 420.0));
  const Message m = sample::location(47.1986, 8.7302, std::nullopt, 30.0);
  auto d = b.build(std::get<Location>(m.body), t.update(drone(), Time{}, m), drone(), Time{});
  ASSERT_TRUE(d.has_value());
  EXPECT_NEAR(std::get<PositionMeasurement>(d->measurement).position_m.z(), 50.0, 1e-3);
  ASSERT_TRUE(d->identity.operator_position_m.has_value());
  EXPECT_NEAR(d->identity.operator_position_m->z(), 20.0, 1e-3);
}

TEST(ToDetection, NoPositionAndUnknownSpeedAreHandled) {
  const DetectionBuilder b(RemoteIdConfig{}, kSite);
  EmitterTable t;
  Message m = sample::location(0.0, 0.0);
  auto d = b.build(std::get<Location>(m.body), t.update(drone(), Time{}, m), drone(), Time{});
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error(), "no_position");

  Message n = sample::location(47.1986, 8.7302);
  set_speed_horizontal(std::get<Location>(n.body), std::nullopt);
  auto e = b.build(std::get<Location>(n.body), t.update(drone(), Time{}, n), drone(), Time{});
  ASSERT_TRUE(e.has_value());
  EXPECT_FALSE(std::get<PositionMeasurement>(e->measurement).velocity_mps.has_value());
}

TEST(ToDetection, TimestampIsPlacedInTheNearestHourOrIgnoredWhenFar) {
  const DetectionBuilder b(RemoteIdConfig{}, kSite);
  Location l;
  l.timestamp = 35995;  // 3599.5 s: just before the full hour
  const Time rx = Time::from_seconds(7200.0 + 0.3);  // just after it
  EXPECT_NEAR(b.measurement_time(l, rx).seconds(), 7199.5, 1e-9);
  l.timestamp = 18000;  // half an hour away: not trusted
  EXPECT_EQ(b.measurement_time(l, rx), rx);
  l.timestamp = 0xFFFF;
  EXPECT_EQ(b.measurement_time(l, rx), rx);
}

TEST(RemoteIdIngest, ParrotCaptureGivesOneDetectionPerLocationWithItsSerial) {
  auto reader = PcapReader::open_file(test::real_data("remoteid/parrot_anafi4_real.pcapng"));
  ASSERT_TRUE(reader.has_value());
  RemoteIdConfig cfg;
  cfg.name = "rid-test";
  RemoteIdIngest rid(cfg, kSite);
  std::vector<Detection> dets;
  while (auto f = reader->next()) {
    rid.on_frame(f->link_type, f->time, f->bytes, f->number, dets);
  }
  EXPECT_EQ(dets.size(), 1140U);
  EXPECT_EQ(rid.stats().detections, 1140U);
  // The first Locations precede the first Basic ID (they carry no serial); from the first one
  // with the serial on, every detection carries it.
  std::size_t without = 0;
  bool seen = false;
  for (const Detection& d : dets) {
    if (d.identity.remote_id.empty()) {
      EXPECT_FALSE(seen) << "serial lost after it was known";
      ++without;
    } else {
      seen = true;
      EXPECT_EQ(d.identity.remote_id, "1588E040445AC004418");
    }
    EXPECT_LT(std::abs((d.time - d.receive_time).seconds()), 3.0);
    const auto& pm = std::get<PositionMeasurement>(d.measurement);
    EXPECT_LT(pm.position_m.head<2>().norm(), 100.0);  // hovering near the site origin
  }
  EXPECT_GT(without, 0U);
  EXPECT_LT(without, 30U);
  const EmitterState* e = rid.emitters().find(*MacAddress::parse("90:3a:e6:5b:c8:a8"));
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->several_identities());
  EXPECT_EQ(rid.emitters().all().size(), 1U);
  ASSERT_TRUE(dets.back().identity.operator_position_m.has_value());
}

TEST(RemoteIdIngest, Bt5SampleLocationsWithoutPositionAreCounted) {
  auto reader = PcapReader::open_file(test::real_data("remoteid/odid_bt5_lr_sample.pcapng"));
  ASSERT_TRUE(reader.has_value());
  RemoteIdIngest rid(RemoteIdConfig{}, kSite);
  std::vector<Detection> dets;
  while (auto f = reader->next()) {
    rid.on_frame(f->link_type, f->time, f->bytes, f->number, dets);
  }
  EXPECT_TRUE(dets.empty());  // lat/lon unknown in every CRC-good Location (README)
  EXPECT_EQ(rid.stats().locations_without_detection, 222U);
  EXPECT_EQ(rid.rejects().count_of("remoteid", "no_position"), 222U);
  EXPECT_EQ(rid.rejects().count_of("remoteid", "bad_crc"), rid.frame_stats().malformed_frames);
}

}  // namespace
}  // namespace dewline::ingest::remoteid
