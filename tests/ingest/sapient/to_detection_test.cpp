// Tests of DetectionReport -> Detection: measurement kind by location form, the node's position
// for range/bearing, velocity units from the registration, object ids, classification.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/angles.hpp"
#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/to_detection.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::sapient {
namespace {

const Geodetic kSite{51.17, -1.82, 100.0};

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

sapient_pb::SapientMessage report_with_location(double lat, double lon, double alt) {
  sapient_pb::SapientMessage m;
  set_timestamp(Time::from_seconds(1.7e9), *m.mutable_timestamp());
  m.set_node_id("a8654cdf-4328-47de-81fa-c495589e30c8");
  auto& r = *m.mutable_detection_report();
  r.set_report_id("01GGYFBAXGDG7AGAHRZ6XSNY12");
  r.set_object_id("01GGYFBAXH4VYRQYEX7S3XGK3H");
  auto& l = *r.mutable_location();
  l.set_x(lon);
  l.set_y(lat);
  l.set_z(alt);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  return m;
}

TEST(ToDetection, LocationGivesAPositionWithVelocityInRegisteredUnits) {
  const EnuFrame site(kSite);
  auto m = report_with_location(51.18, -1.82, 200.0);
  auto& v = *m.mutable_detection_report()->mutable_enu_velocity();
  v.set_east_rate(36.0);
  v.set_north_rate(0.0);
  v.set_up_rate(3.6);
  NodeState node;
  node.sensor = SensorId{9};
  node.east_north_speed_to_mps = 1.0 / 3.6;  // registered SPEED_UNITS_KPH
  node.up_speed_to_mps = 1.0 / 3.6;
  Detection d;
  ASSERT_TRUE(to_detection(m, node, site, {}, Time::from_seconds(1.7e9 + 0.5), d).has_value());
  EXPECT_EQ(d.time, Time::from_seconds(1.7e9));
  EXPECT_EQ(d.receive_time, Time::from_seconds(1.7e9 + 0.5));
  EXPECT_EQ(d.sensor, SensorId{9});
  EXPECT_EQ(d.sensor_object_id, ulid_to_u64("01GGYFBAXH4VYRQYEX7S3XGK3H"));
  const auto& p = std::get<PositionMeasurement>(d.measurement);
  EXPECT_NEAR((p.position_m - site.to_enu(Geodetic{51.18, -1.82, 200.0})).norm(), 0.0, 1e-6);
  ASSERT_TRUE(p.velocity_mps.has_value());
  EXPECT_NEAR(p.velocity_mps->x(), 10.0, 1e-3);
  EXPECT_NEAR(p.velocity_mps->y(), 0.0, 1e-3);
  EXPECT_NEAR(p.velocity_mps->z(), 1.0, 1e-3);
  EXPECT_FALSE(d.class_probabilities.has_value());
}

TEST(ToDetection, RangeBearingNeedsTheNodesPosition) {
  const EnuFrame site(kSite);
  sapient_pb::SapientMessage m;
  ASSERT_TRUE(parse_json(read_text(test::real_data(
                             "sapient/valid/DetectionReport.RangeBearing.FullMessage.json")),
                         m)
                  .has_value());
  NodeState node;
  node.sensor = SensorId{4};
  Detection d;
  auto r = to_detection(m, node, site, {}, Time{}, d);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().path, "detection_report.range_bearing");
  EXPECT_EQ(r.error().code, SapientErrorCode::NotConvertible);

  // The standard's example: azimuth 1 deg (grid), elevation 1 deg, range 1 m, all errors 1.
  node.position = kSite;
  node.position_enu_m = Vec3::Zero();
  ASSERT_TRUE(to_detection(m, node, site, {}, Time{}, d).has_value());
  const auto& p = std::get<PolarMeasurement>(d.measurement);
  EXPECT_NEAR(p.range_m, 1.0, 1e-12);
  EXPECT_NEAR(azimuth_to_compass_deg(p.azimuth_rad), 1.0 + grid_convergence_deg(kSite), 1e-6);
  EXPECT_NEAR(*p.elevation_rad, kDegToRad, 1e-9);
  EXPECT_NEAR(p.sigma_azimuth_rad, kDegToRad, 1e-12);
  // Its classification, "Human" with sub-class "Male", is nothing dewline tracks.
  ASSERT_TRUE(d.class_probabilities.has_value());
  EXPECT_NEAR((*d.class_probabilities)[TargetClass::Unknown], 1.0, 1e-9);
}

TEST(ToDetection, TheStandardsUtmExampleIsValidButCannotBePlaced) {
  // DetectionReport.FullMessage.json writes lat/lng numbers into a UTM location.
  const EnuFrame site(kSite);
  sapient_pb::SapientMessage m;
  ASSERT_TRUE(parse_json(read_text(test::real_data("sapient/valid/DetectionReport.FullMessage.json")),
                         m)
                  .has_value());
  NodeState node;
  Detection d;
  auto r = to_detection(m, node, site, {}, Time{}, d);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().path, "detection_report.location");
}

TEST(ToDetection, ReusesTheOutputDetection) {
  const EnuFrame site(kSite);
  NodeState node;
  Detection d;
  d.truth_id = 5;
  d.snr_db = 3.0;
  auto m = report_with_location(51.17, -1.82, 100.0);
  ASSERT_TRUE(to_detection(m, node, site, {}, Time{}, d).has_value());
  EXPECT_FALSE(d.truth_id.has_value());
  EXPECT_FALSE(d.snr_db.has_value());
}

}  // namespace
}  // namespace dewline::ingest::sapient
