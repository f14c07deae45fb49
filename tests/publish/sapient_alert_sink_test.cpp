#include "publish/sapient_alert_sink.hpp"

#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/sapient_server.hpp"
#include "ingest/sapient/sapient_validator.hpp"
#include "publish/sapient_alert.hpp"
#include "tests/publish/test_alert.hpp"

namespace dewline::publish {
namespace {

namespace sp = ingest::sapient;

EnuFrame site() {
  return EnuFrame(Geodetic{47.3950, 8.5850, 440.0});
}

struct NoDetections : sp::DetectionSink {
  void on_detection(const Detection& /*d*/) override {}
};

TEST(SapientAlert, MapsStateThreatAndPositionAndPassesTheValidator) {
  sapient_pb::SapientMessage m;
  const AlertEvent e = test::sample_alert(3, AlertState::Raised);
  sapient_alert_from_event(e, site(), "6d2f1c9e-0b7a-4e4f-9a51-3c8d2e7b4a10", "", m);
  ASSERT_TRUE(sp::validate(m).has_value());
  ASSERT_TRUE(m.has_alert());
  const auto& a = m.alert();
  EXPECT_EQ(a.alert_id(), sp::ulid_from_u64(3));
  EXPECT_EQ(a.status(), sapient_pb::Alert::ALERT_STATUS_ACTIVE);
  EXPECT_EQ(a.alert_type(), sapient_pb::Alert::ALERT_TYPE_WARNING);  // threat high
  EXPECT_EQ(a.priority(), sapient_pb::Alert::DISCRETE_PRIORITY_HIGH);
  EXPECT_NE(a.description().find("heading into protected zone plant"), std::string::npos);
  const Geodetic g = site().to_geodetic(e.track.position_m);
  EXPECT_DOUBLE_EQ(a.location().y(), g.lat_deg);
  EXPECT_DOUBLE_EQ(a.location().x(), g.lon_deg);
  EXPECT_NEAR(a.confidence(), 0.97, 1e-6);

  AlertEvent c = test::sample_alert(3, AlertState::Expired);
  c.threat = ThreatLevel::Critical;
  sapient_alert_from_event(c, site(), "6d2f1c9e-0b7a-4e4f-9a51-3c8d2e7b4a10", "", m);
  ASSERT_TRUE(sp::validate(m).has_value());
  EXPECT_EQ(m.alert().alert_id(), sp::ulid_from_u64(3));  // the same alert
  EXPECT_EQ(m.alert().status(), sapient_pb::Alert::ALERT_STATUS_CLEAR);
  EXPECT_EQ(m.alert().alert_type(), sapient_pb::Alert::ALERT_TYPE_CRITICAL);
}

// Polls `sink` until the server holds `n` alerts or 5 s pass.
std::vector<sp::SensorAlert> wait_for(sp::SapientServer& server, SapientAlertSink& sink,
                                      std::size_t n) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::vector<sp::SensorAlert> got;
  while (std::chrono::steady_clock::now() < end) {
    sink.poll();
    got = server.alerts();
    if (got.size() >= n) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return got;
}

TEST(SapientAlertSink, RegistersAndDeliversAlertsToAFusionNodeOnLoopback) {
  NoDetections none;
  sp::SapientConfig scfg;
  scfg.listen = "tcp://127.0.0.1:0";
  auto server = sp::SapientServer::start(scfg, site(), &none);
  ASSERT_TRUE(server.has_value()) << server.error();
  SapientAlertConfig cfg;
  cfg.endpoint = fmt::format("tcp://127.0.0.1:{}", (*server)->port());
  auto sink = SapientAlertSink::open(cfg, site());
  ASSERT_TRUE(sink.has_value()) << sink.error();
  (*sink)->publish(test::sample_alert(7, AlertState::Raised));
  (*sink)->publish(test::sample_alert(7, AlertState::Cleared));
  const auto got = wait_for(**server, **sink, 2);
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ((*sink)->sent(), 2U);
  EXPECT_EQ((*sink)->pending(), 0U);
  EXPECT_EQ(got[0].alert_id, sp::ulid_from_u64(7));
  EXPECT_EQ(got[0].status, "ALERT_STATUS_ACTIVE");
  EXPECT_EQ(got[1].status, "ALERT_STATUS_CLEAR");
  EXPECT_EQ(got[0].priority, "DISCRETE_PRIORITY_HIGH");
  ASSERT_TRUE(got[0].position_m.has_value());
  EXPECT_LT((*got[0].position_m - test::sample_alert().track.position_m).norm(), 0.5);
  EXPECT_EQ((*server)->rejects().total(), 0U);
  (*server)->stop();
}

TEST(SapientAlertSink, KeepsAlertsWhileTheFusionNodeIsDownAndDeliversThemInOrderLater) {
  NoDetections none;
  sp::SapientConfig scfg;
  scfg.listen = "tcp://127.0.0.1:0";
  auto first = sp::SapientServer::start(scfg, site(), &none);
  ASSERT_TRUE(first.has_value()) << first.error();
  const std::uint16_t port = (*first)->port();
  (*first)->stop();
  first->reset();  // nothing listens on `port` now

  SapientAlertConfig cfg;
  cfg.endpoint = fmt::format("tcp://127.0.0.1:{}", port);
  cfg.timeout_s = 0.5;
  cfg.retry_initial_s = 0.05;
  cfg.retry_max_s = 0.1;
  auto sink = SapientAlertSink::open(cfg, site());
  ASSERT_TRUE(sink.has_value()) << sink.error();
  (*sink)->publish(test::sample_alert(1, AlertState::Raised));
  (*sink)->publish(test::sample_alert(2, AlertState::Raised));
  EXPECT_GE((*sink)->errors(), 1U);
  EXPECT_EQ((*sink)->pending(), 2U);
  EXPECT_FALSE((*sink)->connected());

  scfg.listen = fmt::format("tcp://127.0.0.1:{}", port);
  auto second = sp::SapientServer::start(scfg, site(), &none);
  ASSERT_TRUE(second.has_value()) << second.error();
  const auto got = wait_for(**second, **sink, 2);
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got[0].alert_id, sp::ulid_from_u64(1));
  EXPECT_EQ(got[1].alert_id, sp::ulid_from_u64(2));
  EXPECT_EQ((*sink)->pending(), 0U);
  (*second)->stop();
}

TEST(SapientAlertSink, RefusesAUdpOrMalformedEndpoint) {
  SapientAlertConfig cfg;
  cfg.endpoint = "udp://127.0.0.1:5020";
  EXPECT_FALSE(SapientAlertSink::open(cfg, site()).has_value());
  cfg.endpoint = "not a url";
  EXPECT_FALSE(SapientAlertSink::open(cfg, site()).has_value());
}

}  // namespace
}  // namespace dewline::publish
