#include "publish/sapient_alert_sink.hpp"

#include <algorithm>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "core/log.hpp"
#include "ingest/sapient/sapient_client.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_framer.hpp"
#include "publish/sapient_alert.hpp"

namespace dewline::publish {

namespace {
// dewline's default SAPIENT node UUID (a fixed version-4 UUID; config can override it).
constexpr const char* kDefaultNodeId = "6d2f1c9e-0b7a-4e4f-9a51-3c8d2e7b4a10";

Time wall_clock() {
  return Time::from_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count());
}
}  // namespace

SapientAlertSink::SapientAlertSink(SapientAlertConfig cfg, EnuFrame site, ingest::Endpoint ep)
    : cfg_(std::move(cfg)),
      site_(site),
      endpoint_(std::move(ep)),
      node_id_(cfg_.node_id.empty() ? std::string(kDefaultNodeId) : cfg_.node_id) {}

SapientAlertSink::~SapientAlertSink() = default;

Result<std::unique_ptr<SapientAlertSink>, std::string> SapientAlertSink::open(
    const SapientAlertConfig& cfg, const EnuFrame& site) {
  auto ep = ingest::parse_endpoint(cfg.endpoint);
  if (!ep) {
    return unexpected(fmt::format("sapient alerts: {}", ep.error()));
  }
  if (ep->scheme != ingest::Endpoint::Scheme::Tcp) {
    return unexpected(fmt::format("sapient alerts: \"{}\": SAPIENT runs over TCP (tcp://HOST:PORT)",
                                  cfg.endpoint));
  }
  if (cfg.timeout_s <= 0.0 || cfg.retry_initial_s <= 0.0 || cfg.retry_max_s < cfg.retry_initial_s ||
      cfg.max_pending == 0) {
    return unexpected(std::string("sapient alerts: timeouts and max_pending must be positive"));
  }
  return std::unique_ptr<SapientAlertSink>(new SapientAlertSink(cfg, site, std::move(*ep)));
}

void SapientAlertSink::publish(const AlertEvent& e) {
  sapient_pb::SapientMessage msg;
  sapient_alert_from_event(e, site_, node_id_, cfg_.destination_id, msg);
  if (pending_.size() >= cfg_.max_pending) {
    pending_.pop_front();
    ++dropped_;
    log().warn("sapient alerts: outbox full ({}), dropped the oldest alert", cfg_.max_pending);
  }
  pending_.push_back(msg.SerializeAsString());
  if (std::chrono::steady_clock::now() >= next_try_) {
    flush();
  }
}

std::size_t SapientAlertSink::poll() {
  if (!pending_.empty() && std::chrono::steady_clock::now() >= next_try_) {
    flush();
  }
  return pending_.size();
}

void SapientAlertSink::fail(const std::string& what) {
  ++errors_;
  if (client_) {
    client_->close();
    client_.reset();
  }
  backoff_s_ =
      backoff_s_ <= 0.0 ? cfg_.retry_initial_s : std::min(2.0 * backoff_s_, cfg_.retry_max_s);
  next_try_ = std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(backoff_s_));
  log().warn("sapient alerts: {} ({} pending, retry in {:.0f} s)", what, pending_.size(),
             backoff_s_);
}

bool SapientAlertSink::ensure_connected() {
  if (client_) {
    return true;
  }
  const Duration timeout = Duration::from_seconds(cfg_.timeout_s);
  auto c = ingest::sapient::SapientClient::connect(endpoint_, timeout);
  if (!c) {
    fail(fmt::format("connect to {} failed: {}", cfg_.endpoint, c.error()));
    return false;
  }
  client_ = std::make_unique<ingest::sapient::SapientClient>(std::move(*c));
  // Registration: dewline as one node that reports alerts (no detections of its own).
  SensorInfo self;
  self.name = cfg_.name;
  self.kind = SensorKind::Other;
  ingest::sapient::SapientEncoder enc(self, site_, node_id_);
  enc.set_destination(cfg_.destination_id);
  auto ack = client_->register_node(enc.registration(wall_clock()), timeout);
  if (!ack) {
    fail(fmt::format("registration with {} failed: {}", cfg_.endpoint, ack.error()));
    return false;
  }
  if (!ack->acceptance()) {
    fail(fmt::format("{} refused the registration", cfg_.endpoint));
    return false;
  }
  log().info("sapient alerts: registered with {} as node {}", cfg_.endpoint, node_id_);
  return true;
}

void SapientAlertSink::flush() {
  if (!ensure_connected()) {
    return;
  }
  std::vector<std::byte> frame;
  while (!pending_.empty()) {
    const std::string& m = pending_.front();
    frame.clear();
    ingest::sapient::append_frame(
        std::span<const std::byte>(reinterpret_cast<const std::byte*>(m.data()), m.size()), frame);
    if (auto w = client_->send_bytes(frame); !w) {
      fail(fmt::format("send to {} failed: {}", cfg_.endpoint, w.error()));
      return;
    }
    pending_.pop_front();
    ++sent_;
  }
  backoff_s_ = 0.0;
}

}  // namespace dewline::publish
