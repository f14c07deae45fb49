// Tests of the SAPIENT TCP server and client on loopback (port 0): registration -> ack ->
// status -> detection reports -> Detections at the sink; an oversize prefix closes only the
// offending connection.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "ingest/sapient/sapient_client.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_server.hpp"

namespace dewline::ingest::sapient {
namespace {

const Geodetic kSite{51.17, -1.82, 100.0};
const Time kT0 = Time::from_seconds(1.7e9);
constexpr Duration kTimeout = Duration::from_ms(5000);

struct Collector : DetectionSink {
  std::mutex mu;
  std::vector<Detection> got;
  void on_detection(const Detection& d) override {
    std::lock_guard<std::mutex> lock(mu);
    got.push_back(d);
  }
  std::size_t size() {
    std::lock_guard<std::mutex> lock(mu);
    return got.size();
  }
  // Waits (bounded) until `n` detections arrived.
  bool wait_for(std::size_t n) {
    for (int i = 0; i < 500 && size() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return size() >= n;
  }
};

std::unique_ptr<SapientServer> start(Collector& sink) {
  SapientConfig cfg;
  cfg.listen = "tcp://127.0.0.1:0";
  auto s = SapientServer::start(cfg, EnuFrame(kSite), &sink);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error());
  return std::move(*s);
}

SapientClient connect(const SapientServer& server) {
  Endpoint ep;
  ep.scheme = Endpoint::Scheme::Tcp;
  ep.host = "127.0.0.1";
  ep.port = server.port();
  auto c = SapientClient::connect(ep, kTimeout);
  EXPECT_TRUE(c.has_value()) << (c ? "" : c.error());
  return std::move(*c);
}

SensorInfo sensor(std::uint32_t id) {
  SensorInfo s;
  s.id = SensorId{id};
  s.name = "acoustic-" + std::to_string(id);
  s.kind = SensorKind::Acoustic;
  s.position_m = Vec3{100.0 * id, 50.0, 5.0};
  return s;
}

Detection bearing(const SensorInfo& s, double az, std::uint64_t obj, int i) {
  Detection d;
  d.time = kT0 + Duration::from_ms(100 * i);
  d.sensor_position_m = s.position_m;
  d.sensor_object_id = obj;
  d.measurement = BearingMeasurement{az, 0.1, 0.02, 0.03};
  ClassProbabilities p;
  p[TargetClass::DroneMultirotor] = 0.8;
  p[TargetClass::Bird] = 0.2;
  d.class_probabilities = p;
  return d;
}

TEST(SapientServer, RegistersNodesAndTurnsReportsIntoDetections) {
  Collector sink;
  auto server = start(sink);
  const SensorInfo info = sensor(1);
  SapientEncoder enc(info, EnuFrame(kSite));
  SapientClient client = connect(*server);

  auto ack = client.register_node(enc.registration(kT0), kTimeout);
  ASSERT_TRUE(ack.has_value()) << ack.error();
  EXPECT_TRUE(ack->acceptance());
  ASSERT_TRUE(client.send(enc.status_report(kT0)).has_value());
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(client.send(enc.detection_report(bearing(info, 0.05 * i, 7, i))).has_value());
  }
  ASSERT_TRUE(sink.wait_for(20));
  std::lock_guard<std::mutex> lock(sink.mu);
  ASSERT_EQ(sink.got.size(), 20U);
  for (int i = 0; i < 20; ++i) {
    const Detection& d = sink.got[static_cast<std::size_t>(i)];
    EXPECT_EQ(d.time, kT0 + Duration::from_ms(100 * i));
    EXPECT_NEAR(std::get<BearingMeasurement>(d.measurement).azimuth_rad, 0.05 * i, 1e-6);
    EXPECT_NEAR((*d.class_probabilities)[TargetClass::DroneMultirotor], 0.8, 1e-6);
    EXPECT_EQ(d.sensor_object_id, std::optional<std::uint64_t>(7));
    EXPECT_NEAR((d.sensor_position_m - info.position_m).norm(), 0.0, 1e-6);
  }
  const auto nodes = server->nodes();
  ASSERT_EQ(nodes.size(), 1U);
  EXPECT_TRUE(nodes[0].registered);
  EXPECT_EQ(nodes[0].icd_version, "BSI Flex 335 v2.0");
  EXPECT_EQ(nodes[0].kind, SensorKind::Acoustic);
  EXPECT_EQ(nodes[0].detections, 20U);
  server->stop();
}

TEST(SapientServer, OversizePrefixClosesOnlyThatConnection) {
  Collector sink;
  auto server = start(sink);
  const SensorInfo a_info = sensor(2);
  const SensorInfo b_info = sensor(3);
  SapientEncoder a(a_info, EnuFrame(kSite));
  SapientEncoder b(b_info, EnuFrame(kSite));
  SapientClient ca = connect(*server);
  SapientClient cb = connect(*server);
  ASSERT_TRUE(ca.register_node(a.registration(kT0), kTimeout).has_value());
  ASSERT_TRUE(cb.register_node(b.registration(kT0), kTimeout).has_value());
  ASSERT_TRUE(ca.send(a.status_report(kT0)).has_value());
  ASSERT_TRUE(cb.send(b.status_report(kT0)).has_value());

  // Node A sends a 2 GB length prefix: the server closes A's connection.
  const std::vector<std::byte> huge = {std::byte{0}, std::byte{0}, std::byte{0}, std::byte{0x80},
                                       std::byte{1}, std::byte{2}};
  ASSERT_TRUE(ca.send_bytes(huge).has_value());
  sapient_pb::SapientMessage m;
  bool closed = false;
  for (int i = 0; i < 50 && !closed; ++i) {
    auto r = ca.receive(m, Duration::from_ms(100));
    closed = !r.has_value();
  }
  EXPECT_TRUE(closed);
  EXPECT_EQ(server->closed_for_oversize(), 1U);

  // Node B goes on.
  ASSERT_TRUE(cb.send(b.detection_report(bearing(b_info, 1.0, 1, 1))).has_value());
  ASSERT_TRUE(sink.wait_for(1));
  EXPECT_GE(server->rejects().total(), 1U);
  server->stop();
}

TEST(SapientServer, AnswersGarbageWithAnErrorAndKeepsTheConnection) {
  Collector sink;
  auto server = start(sink);
  const SensorInfo info = sensor(4);
  SapientEncoder enc(info, EnuFrame(kSite));
  SapientClient c = connect(*server);
  ASSERT_TRUE(c.register_node(enc.registration(kT0), kTimeout).has_value());
  ASSERT_TRUE(c.send(enc.status_report(kT0)).has_value());
  // A frame of 5 bytes that are not a SapientMessage.
  const std::vector<std::byte> junk = {std::byte{5}, std::byte{0}, std::byte{0}, std::byte{0},
                                       std::byte{0xff}, std::byte{0xff}, std::byte{0xff},
                                       std::byte{0xff}, std::byte{0xff}};
  ASSERT_TRUE(c.send_bytes(junk).has_value());
  sapient_pb::SapientMessage m;
  auto r = c.receive(m, kTimeout);
  ASSERT_TRUE(r.has_value()) << r.error();
  ASSERT_TRUE(*r);
  ASSERT_TRUE(m.has_error());
  EXPECT_NE(m.error().error_message(0).find("malformed"), std::string::npos);
  ASSERT_TRUE(c.send(enc.detection_report(bearing(info, 0.5, 2, 1))).has_value());
  ASSERT_TRUE(sink.wait_for(1));
  server->stop();
}

}  // namespace
}  // namespace dewline::ingest::sapient
