// Tests of dewline as a SAPIENT fusion node, without sockets: registration and its ack,
// status, detections, alerts, tasks passed through, and bad input counted and answered while
// good messages around it still come through.
#include <gtest/gtest.h>

#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_session.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace dewline::ingest::sapient {
namespace {

const Geodetic kSite{51.17, -1.82, 100.0};
const Time kT0 = Time::from_seconds(1.7e9);

struct Node {
  EnuFrame site{kSite};
  SensorInfo info;
  SapientEncoder enc;
  explicit Node(std::uint32_t id, SensorKind kind = SensorKind::RfDetector)
      : info(make_info(id, kind)), enc(info, site) {}
  static SensorInfo make_info(std::uint32_t id, SensorKind kind) {
    SensorInfo s;
    s.id = SensorId{id};
    s.name = "node-" + std::to_string(id);
    s.kind = kind;
    s.position_m = Vec3{500.0, -200.0, 10.0};
    return s;
  }
  std::vector<std::byte> frame(const sapient_pb::SapientMessage& m) {
    std::vector<std::byte> out;
    encode_frame(m, out);
    return out;
  }
  Detection bearing(double az, std::uint64_t obj) {
    Detection d;
    d.time = kT0 + Duration::from_ms(100);
    d.sensor_position_m = info.position_m;
    d.sensor_object_id = obj;
    d.measurement = BearingMeasurement{az, std::nullopt, 0.02, 0.0};
    return d;
  }
};

std::vector<sapient_pb::SapientMessage> replies(const SessionOutput& out) {
  std::vector<sapient_pb::SapientMessage> msgs;
  SapientFramer f;
  f.feed(out.replies);
  for (auto r = f.next(); r.status == FrameStatus::Frame; r = f.next()) {
    msgs.emplace_back();
    EXPECT_TRUE(decode_message(r.payload, msgs.back()).has_value());
  }
  return msgs;
}

TEST(SapientSession, RegistrationIsAcknowledgedAndDetectionsFollow) {
  SapientIngest ingest(SapientConfig{}, EnuFrame(kSite));
  SapientSession s(ingest, "peer-1");
  Node n(7);
  SessionOutput out;

  // A detection before registering is refused and answered with an Error.
  s.on_bytes(n.frame(n.enc.detection_report(n.bearing(1.0, 1))), kT0, out);
  EXPECT_TRUE(out.detections.empty());
  ASSERT_EQ(out.errors.size(), 1U);
  EXPECT_EQ(out.errors[0].code, SapientErrorCode::UnknownNode);
  auto r = replies(out);
  ASSERT_EQ(r.size(), 1U);
  EXPECT_TRUE(r[0].has_error());
  EXPECT_EQ(r[0].destination_id(), n.enc.node_id());

  out.clear();
  s.on_bytes(n.frame(n.enc.registration(kT0)), kT0, out);
  r = replies(out);
  ASSERT_EQ(r.size(), 1U);
  ASSERT_TRUE(r[0].has_registration_ack());
  EXPECT_TRUE(r[0].registration_ack().acceptance());
  EXPECT_EQ(r[0].node_id(), SapientConfig{}.node_id);
  EXPECT_EQ(r[0].destination_id(), n.enc.node_id());

  out.clear();
  std::vector<std::byte> stream = n.frame(n.enc.status_report(kT0));
  const auto det = n.frame(n.enc.detection_report(n.bearing(0.25, 99)));
  stream.insert(stream.end(), det.begin(), det.end());
  s.on_bytes(stream, kT0 + Duration::from_ms(150), out);
  EXPECT_TRUE(out.errors.empty());
  ASSERT_EQ(out.detections.size(), 1U);
  const Detection& d = out.detections[0];
  const NodeState* node = ingest.nodes().find(n.enc.node_id());
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(d.sensor, node->sensor);
  EXPECT_EQ(node->kind, SensorKind::RfDetector);
  EXPECT_NEAR((d.sensor_position_m - n.info.position_m).norm(), 0.0, 1e-6);
  EXPECT_NEAR(std::get<BearingMeasurement>(d.measurement).azimuth_rad, 0.25, 1e-6);
  EXPECT_EQ(d.sensor_object_id, std::optional<std::uint64_t>(99));
  EXPECT_EQ(d.receive_time, kT0 + Duration::from_ms(150));
  EXPECT_EQ(ingest.detections(), 1U);
  EXPECT_EQ(node->system, sapient_pb::StatusReport::SYSTEM_OK);
}

TEST(SapientSession, InvalidRegistrationIsRefusedWithTheReason) {
  SapientIngest ingest(SapientConfig{}, EnuFrame(kSite));
  SapientSession s(ingest, "peer");
  Node n(8);
  sapient_pb::SapientMessage reg = n.enc.registration(kT0);
  reg.mutable_registration()->set_icd_version("BSI Flex 335 v1.0");
  SessionOutput out;
  s.on_bytes(n.frame(reg), kT0, out);
  auto r = replies(out);
  ASSERT_EQ(r.size(), 1U);
  ASSERT_TRUE(r[0].has_registration_ack());
  EXPECT_FALSE(r[0].registration_ack().acceptance());
  ASSERT_EQ(r[0].registration_ack().ack_response_reason_size(), 1);
  EXPECT_NE(r[0].registration_ack().ack_response_reason(0).find("registration.icd_version"),
            std::string::npos);
  EXPECT_EQ(ingest.rejects().count_of(n.enc.node_id(), "invalid:registration.icd_version"), 1U);
}

TEST(SapientSession, GoodMessagesAroundBadOnesStillComeThrough) {
  SapientIngest ingest(SapientConfig{}, EnuFrame(kSite));
  SapientSession s(ingest, "peer");
  Node n(9);
  SessionOutput out;
  s.on_bytes(n.frame(n.enc.registration(kT0)), kT0, out);
  s.on_bytes(n.frame(n.enc.status_report(kT0)), kT0, out);
  out.clear();
  std::vector<std::byte> stream = n.frame(n.enc.detection_report(n.bearing(0.1, 1)));
  // A frame whose payload is not protobuf, and a valid-looking report with a bad object id.
  const std::vector<std::byte> junk = {std::byte{3}, std::byte{0}, std::byte{0}, std::byte{0},
                                       std::byte{0xff}, std::byte{0xff}, std::byte{0xff}};
  stream.insert(stream.end(), junk.begin(), junk.end());
  sapient_pb::SapientMessage bad = n.enc.detection_report(n.bearing(0.2, 2));
  bad.mutable_detection_report()->set_object_id("AAA");
  const auto badf = n.frame(bad);
  stream.insert(stream.end(), badf.begin(), badf.end());
  const auto last = n.frame(n.enc.detection_report(n.bearing(0.3, 3)));
  stream.insert(stream.end(), last.begin(), last.end());
  s.on_bytes(stream, kT0, out);
  ASSERT_EQ(out.detections.size(), 2U);
  EXPECT_EQ(out.detections[0].sensor_object_id, std::optional<std::uint64_t>(1));
  EXPECT_EQ(out.detections[1].sensor_object_id, std::optional<std::uint64_t>(3));
  ASSERT_EQ(out.errors.size(), 2U);
  EXPECT_EQ(out.errors[0].code, SapientErrorCode::Malformed);
  EXPECT_EQ(out.errors[1].code, SapientErrorCode::Invalid);
  EXPECT_EQ(out.errors[1].path, "detection_report.object_id");
  EXPECT_FALSE(out.close);
  const auto r = replies(out);
  ASSERT_EQ(r.size(), 2U);  // one SAPIENT Error per bad message
  EXPECT_TRUE(r[0].has_error());
  EXPECT_EQ(r[1].error().packet(), std::string(reinterpret_cast<const char*>(badf.data() + 4),
                                               badf.size() - 4));
  EXPECT_EQ(ingest.rejects().count_of("peer", "malformed"), 1U);
  EXPECT_EQ(ingest.rejects().count_of(n.enc.node_id(), "invalid:detection_report.object_id"), 1U);
}

TEST(SapientSession, OversizePrefixClosesTheConnection) {
  SapientIngest ingest(SapientConfig{}, EnuFrame(kSite));
  SapientSession s(ingest, "peer");
  Node n(10);
  SessionOutput out;
  std::vector<std::byte> stream = n.frame(n.enc.registration(kT0));
  for (int b : {0x00, 0x00, 0x00, 0x80}) {  // 2 GB
    stream.push_back(static_cast<std::byte>(b));
  }
  s.on_bytes(stream, kT0, out);
  EXPECT_TRUE(out.close);
  ASSERT_EQ(out.errors.size(), 1U);
  EXPECT_EQ(out.errors[0].code, SapientErrorCode::Oversize);
  EXPECT_EQ(replies(out).size(), 1U);  // the registration before it was still answered
  out.clear();
  s.on_bytes(n.frame(n.enc.status_report(kT0)), kT0, out);
  EXPECT_TRUE(out.close);
  EXPECT_TRUE(out.errors.empty());
}

TEST(SapientSession, AlertsAreKeptTasksOnlyLogged) {
  SapientIngest ingest(SapientConfig{}, EnuFrame(kSite));
  SapientSession s(ingest, "peer");
  Node n(11);
  SessionOutput out;
  s.on_bytes(n.frame(n.enc.registration(kT0)), kT0, out);
  sapient_pb::SapientMessage a;
  set_timestamp(kT0, *a.mutable_timestamp());
  a.set_node_id(n.enc.node_id());
  auto& al = *a.mutable_alert();
  al.set_alert_id("01H4R63D7NVN8444Z5M77WEBY7");
  al.set_alert_type(sapient_pb::Alert::ALERT_TYPE_WARNING);
  al.set_description("drone launched");
  auto& loc = *al.mutable_location();
  loc.set_x(-1.81);
  loc.set_y(51.18);
  loc.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  loc.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  out.clear();
  s.on_bytes(n.frame(a), kT0, out);
  ASSERT_EQ(ingest.alerts().size(), 1U);
  EXPECT_EQ(ingest.alerts()[0].type, "ALERT_TYPE_WARNING");
  EXPECT_EQ(ingest.alerts()[0].description, "drone launched");
  ASSERT_TRUE(ingest.alerts()[0].position_m.has_value());
  EXPECT_NEAR(ingest.alerts()[0].position_m->y(), 1112.0, 5.0);

  sapient_pb::SapientMessage t;
  set_timestamp(kT0, *t.mutable_timestamp());
  t.set_node_id(n.enc.node_id());
  t.mutable_task_ack()->set_task_id("01H4R63D7NVN8444Z5M77WEBY7");
  t.mutable_task_ack()->set_task_status(sapient_pb::TaskAck::TASK_STATUS_ACCEPTED);
  s.on_bytes(n.frame(t), kT0, out);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_TRUE(out.detections.empty());
  EXPECT_TRUE(replies(out).empty());
}

TEST(SapientSession, ConfiguredNodesKeepTheirSensorIdAndPosition) {
  SapientConfig cfg;
  Node n(12);
  NodeConfig nc;
  nc.node_id = n.enc.node_id();
  nc.sensor = SensorId{42};
  nc.position = Geodetic{51.171, -1.821, 90.0};
  cfg.nodes.push_back(nc);
  SapientIngest ingest(cfg, EnuFrame(kSite));
  SapientSession s(ingest, "peer");
  SessionOutput out;
  s.on_bytes(n.frame(n.enc.registration(kT0)), kT0, out);
  s.on_bytes(n.frame(n.enc.status_report(kT0)), kT0, out);  // its node_location is ignored
  s.on_bytes(n.frame(n.enc.detection_report(n.bearing(0.0, 5))), kT0, out);
  ASSERT_EQ(out.detections.size(), 1U);
  EXPECT_EQ(out.detections[0].sensor, SensorId{42});
  EXPECT_NEAR((out.detections[0].sensor_position_m - EnuFrame(kSite).to_enu(*nc.position)).norm(),
              0.0, 1e-6);
}

}  // namespace
}  // namespace dewline::ingest::sapient
