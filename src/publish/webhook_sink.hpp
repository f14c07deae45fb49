// webhook_sink.hpp: alerts as HTTP POSTs of JSON (alert_json.hpp) to a webhook, with retry and
// exponential backoff, and a persistent outbox so that no alert is lost while the receiver is
// down — not even across a restart of dewline.
//
// Every alert is first appended to the outbox file (one JSON body per line), then sent in order.
// A 2xx answer delivers it and it leaves the outbox (rewritten through a temporary file and a
// rename, so a crash leaves either the old or the new outbox). A connection failure, a timeout,
// a 5xx, 408 or 429 keeps it and retries after a backoff that doubles from backoff_initial_s up to
// backoff_max_s; other 4xx answers move it to `<outbox>.rejected` (the receiver will never take
// it, and it must not block the alerts behind it). Opening a sink whose outbox holds bodies from
// a previous run sends those first. Plain HTTP/1.1 (no TLS); one connection per delivery.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "publish/alert_sink.hpp"

namespace dewline::publish {

struct WebhookConfig {
  std::string url;               // http://host[:port]/path
  std::filesystem::path outbox;  // pending bodies, one per line (created if absent)
  double timeout_s = 5.0;        // per delivery attempt (connect + write + read)
  double backoff_initial_s = 1.0;
  double backoff_max_s = 60.0;
  std::size_t max_per_poll = 100;  // deliveries per poll() at most
};

struct WebhookStats {
  std::uint64_t delivered = 0;
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;  // attempts that will be retried
  std::uint64_t rejected = 0;  // moved to <outbox>.rejected
};

class WebhookSink final : public AlertSink {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // Fails on a bad URL or an outbox that cannot be read or created. `frame` (optional) adds WGS84
  // positions to the bodies; `clock` (tests) replaces the steady clock for the backoff.
  static Result<std::unique_ptr<WebhookSink>, std::string> open(WebhookConfig cfg,
                                                                const EnuFrame* frame = nullptr,
                                                                Clock clock = {});

  [[nodiscard]] std::string_view name() const override { return "webhook"; }
  void publish(const AlertEvent& e) override;
  // Queues a ready-made JSON body (one line).
  void publish_body(std::string body);
  std::size_t poll() override;

  [[nodiscard]] std::size_t pending() const { return pending_.size(); }
  [[nodiscard]] const WebhookStats& stats() const { return stats_; }

 private:
  WebhookSink(WebhookConfig cfg, std::string host, std::string port, std::string target,
              std::optional<EnuFrame> frame, Clock clock);
  enum class Outcome { Delivered, Retry, Rejected };
  Outcome post(const std::string& body);
  void rewrite_outbox();
  void append_outbox(const std::string& line, const std::filesystem::path& path);

  WebhookConfig cfg_;
  std::string host_;
  std::string port_;
  std::string target_;
  std::optional<EnuFrame> frame_;
  Clock clock_;
  std::deque<std::string> pending_;
  std::chrono::steady_clock::time_point next_attempt_{};
  std::uint32_t consecutive_failures_ = 0;
  WebhookStats stats_;
};

}  // namespace dewline::publish
