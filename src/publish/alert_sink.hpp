// alert_sink.hpp: one interface for everything that takes alerts out of dewline — the webhook,
// Cursor on Target over UDP, and later the live service's WebSocket and the recorder.
//
//   AlertFanout out;
//   out.add(std::move(webhook));  out.add(std::move(cot));
//   for (const AlertEvent& e : assessor.take_events()) out.publish(e);
//   out.poll();   // now and then: sinks retry what they could not deliver
//
// publish() must not block the assessment for long: a sink that cannot deliver now keeps the
// alert (in memory and, for the webhook, in its outbox file) and retries from poll().
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "core/alert.hpp"

namespace dewline::publish {

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Takes one alert state change.
  virtual void publish(const AlertEvent& e) = 0;
  // Retries pending deliveries when the sink's backoff allows; returns how many are pending.
  virtual std::size_t poll() { return 0; }
};

// Every alert to every sink, in the order the sinks were added.
class AlertFanout final : public AlertSink {
 public:
  void add(std::unique_ptr<AlertSink> s) { sinks_.push_back(std::move(s)); }
  [[nodiscard]] std::string_view name() const override { return "fanout"; }
  void publish(const AlertEvent& e) override {
    for (auto& s : sinks_) {
      s->publish(e);
    }
  }
  std::size_t poll() override {
    std::size_t n = 0;
    for (auto& s : sinks_) {
      n += s->poll();
    }
    return n;
  }
  [[nodiscard]] std::size_t size() const { return sinks_.size(); }

 private:
  std::vector<std::unique_ptr<AlertSink>> sinks_;
};

}  // namespace dewline::publish
