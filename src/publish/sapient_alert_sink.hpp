// sapient_alert_sink.hpp: alerts as SAPIENT Alert messages (BSI Flex 335 v2.0) over TCP to a
// fusion node or C2 — dewline registers there as a node and sends each alert state change
// (sapient_alert.hpp), length-prefixed (ingest/sapient/sapient_framer.hpp).
//
//   auto s = SapientAlertSink::open(SapientAlertConfig{.endpoint = "tcp://10.0.0.5:5020"}, site);
//   fanout.add(std::move(*s));
//
// The connection is made (and the registration sent, its RegistrationAck awaited) on the first
// alert. A connect, registration or send failure keeps the alert in memory (up to max_pending,
// oldest dropped first, counted) and retries from poll() with exponential backoff; alerts go out
// in order. Errors are logged and counted, never thrown.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "ingest/net/socket_io.hpp"
#include "publish/alert_sink.hpp"

namespace dewline::ingest::sapient {
class SapientClient;
}

namespace dewline::publish {

struct SapientAlertConfig {
  std::string endpoint = "tcp://127.0.0.1:5020";  // the fusion node's SAPIENT port
  std::string node_id;                            // dewline's node UUID; empty: a fixed default
  std::string destination_id;                     // the fusion node's UUID, when known
  std::string name = "dewline";                   // registration name
  double timeout_s = 2.0;                         // connect and registration-ack timeout
  double retry_initial_s = 1.0;
  double retry_max_s = 60.0;
  std::size_t max_pending = 10000;
};

class SapientAlertSink final : public AlertSink {
 public:
  // Checks the configuration; does not connect yet.
  static Result<std::unique_ptr<SapientAlertSink>, std::string> open(const SapientAlertConfig& cfg,
                                                                     const EnuFrame& site);
  ~SapientAlertSink() override;
  SapientAlertSink(const SapientAlertSink&) = delete;
  SapientAlertSink& operator=(const SapientAlertSink&) = delete;

  [[nodiscard]] std::string_view name() const override { return "sapient"; }
  void publish(const AlertEvent& e) override;
  std::size_t poll() override;

  [[nodiscard]] const std::string& node_id() const { return node_id_; }
  [[nodiscard]] std::uint64_t sent() const { return sent_; }
  [[nodiscard]] std::uint64_t errors() const { return errors_; }
  [[nodiscard]] std::uint64_t dropped() const { return dropped_; }
  [[nodiscard]] std::size_t pending() const { return pending_.size(); }
  [[nodiscard]] bool connected() const { return client_ != nullptr; }

 private:
  SapientAlertSink(SapientAlertConfig cfg, EnuFrame site, ingest::Endpoint ep);
  void flush();
  bool ensure_connected();
  void fail(const std::string& what);

  SapientAlertConfig cfg_;
  EnuFrame site_;
  ingest::Endpoint endpoint_;
  std::string node_id_;
  std::unique_ptr<ingest::sapient::SapientClient> client_;
  std::deque<std::string> pending_;  // serialised SapientMessages, oldest first
  std::chrono::steady_clock::time_point next_try_{};
  double backoff_s_ = 0.0;
  std::uint64_t sent_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace dewline::publish
