#include "publish/webhook_sink.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>

#include "tests/publish/http_test_server.hpp"
#include "tests/publish/test_alert.hpp"
#include "tests/test_paths.hpp"

namespace dewline::publish {
namespace {

using namespace std::chrono_literals;

// A steady clock the test moves by hand.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  WebhookSink::Clock fn() {
    return [this] { return now; };
  }
};

std::size_t lines_in(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::size_t n = 0;
  std::string line;
  while (std::getline(f, line)) {
    n += line.empty() ? 0U : 1U;
  }
  return n;
}

// A loopback port with nobody listening (bound, then closed).
unsigned short closed_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

WebhookConfig config(unsigned short port, const std::filesystem::path& dir) {
  WebhookConfig c;
  c.url = "http://127.0.0.1:" + std::to_string(port) + "/alerts";
  c.outbox = dir / "outbox.jsonl";
  c.timeout_s = 2.0;
  c.backoff_initial_s = 1.0;
  c.backoff_max_s = 8.0;
  return c;
}

TEST(WebhookSink, DeliversAlertsAsJsonPosts) {
  const auto dir = dewline::test::scratch_dir("webhook_delivers");
  test::HttpTestServer server;
  auto sink = WebhookSink::open(config(server.port(), dir));
  ASSERT_TRUE(sink.has_value()) << sink.error();
  (*sink)->publish(test::sample_alert(1));
  (*sink)->publish(test::sample_alert(2, AlertState::Cleared));
  EXPECT_EQ((*sink)->pending(), 0U);
  EXPECT_EQ((*sink)->stats().delivered, 2U);
  server.stop();
  const auto got = server.accepted();
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(got[0])["alert_id"], 1);
  EXPECT_EQ(nlohmann::json::parse(got[1])["state"], "cleared");
  EXPECT_EQ(lines_in(dir / "outbox.jsonl"), 0U);
}

TEST(WebhookSink, RetriesWithBackoffAfterServerErrors) {
  const auto dir = dewline::test::scratch_dir("webhook_backoff");
  test::HttpTestServer server({503, 503});
  FakeClock clock;
  auto sink = WebhookSink::open(config(server.port(), dir), nullptr, clock.fn());
  ASSERT_TRUE(sink.has_value());
  WebhookSink& s = **sink;
  s.publish(test::sample_alert(1));  // 503: backoff 1 s
  s.publish(test::sample_alert(2));  // queued behind it, no attempt during the backoff
  EXPECT_EQ(s.pending(), 2U);
  EXPECT_EQ(server.requests(), 1U);
  EXPECT_EQ(lines_in(dir / "outbox.jsonl"), 2U);
  clock.now += 999ms;
  EXPECT_EQ(s.poll(), 2U);
  EXPECT_EQ(server.requests(), 1U);
  clock.now += 1ms;
  EXPECT_EQ(s.poll(), 2U);  // second 503: backoff 2 s
  EXPECT_EQ(server.requests(), 2U);
  clock.now += 1999ms;
  EXPECT_EQ(s.poll(), 2U);
  EXPECT_EQ(server.requests(), 2U);
  clock.now += 1ms;
  EXPECT_EQ(s.poll(), 0U);  // both delivered, in order
  server.stop();
  const auto got = server.accepted();
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(got[0])["alert_id"], 1);
  EXPECT_EQ(nlohmann::json::parse(got[1])["alert_id"], 2);
  EXPECT_EQ(s.stats().failures, 2U);
  EXPECT_EQ(lines_in(dir / "outbox.jsonl"), 0U);
}

TEST(WebhookSink, NoAlertLostWhileTheReceiverIsDownAcrossARestart) {
  const auto dir = dewline::test::scratch_dir("webhook_outbox");
  const unsigned short port = closed_port();
  {
    auto sink = WebhookSink::open(config(port, dir));
    ASSERT_TRUE(sink.has_value());
    for (std::uint64_t i = 1; i <= 3; ++i) {
      (*sink)->publish(test::sample_alert(i));
    }
    EXPECT_EQ((*sink)->pending(), 3U);
    EXPECT_GE((*sink)->stats().failures, 1U);
  }  // dewline stops with three alerts undelivered
  EXPECT_EQ(lines_in(dir / "outbox.jsonl"), 3U);
  // The receiver comes up (on another port here) and dewline restarts with the same outbox.
  test::HttpTestServer server;
  auto sink = WebhookSink::open(config(server.port(), dir));
  ASSERT_TRUE(sink.has_value());
  EXPECT_EQ((*sink)->pending(), 3U);
  EXPECT_EQ((*sink)->poll(), 0U);
  server.stop();
  const auto got = server.accepted();
  ASSERT_EQ(got.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(nlohmann::json::parse(got[i])["alert_id"], i + 1);
  }
  EXPECT_EQ(lines_in(dir / "outbox.jsonl"), 0U);
}

TEST(WebhookSink, ClientErrorsAreSetAsideNotRetriedForever) {
  const auto dir = dewline::test::scratch_dir("webhook_rejected");
  test::HttpTestServer server({400});
  auto sink = WebhookSink::open(config(server.port(), dir));
  ASSERT_TRUE(sink.has_value());
  (*sink)->publish(test::sample_alert(1));
  (*sink)->publish(test::sample_alert(2));
  EXPECT_EQ((*sink)->pending(), 0U);
  EXPECT_EQ((*sink)->stats().rejected, 1U);
  EXPECT_EQ((*sink)->stats().delivered, 1U);
  EXPECT_EQ(lines_in(dir / "outbox.jsonl.rejected"), 1U);
}

TEST(WebhookSink, BadUrl) {
  WebhookConfig c;
  c.url = "https://example.org/x";
  c.outbox = dewline::test::scratch_dir("webhook_badurl") / "o.jsonl";
  EXPECT_FALSE(WebhookSink::open(c).has_value());
  c.url = "http://127.0.0.1:port/x";
  EXPECT_FALSE(WebhookSink::open(c).has_value());
}

}  // namespace
}  // namespace dewline::publish
