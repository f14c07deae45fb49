#include "sim/emit_sapient.hpp"

#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "ingest/sapient/sapient_client.hpp"
#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "sim/emit_common.hpp"

namespace dewline::sim {
namespace {

namespace sp = ingest::sapient;

constexpr Duration kConnectTimeout = Duration::from_ms(5000);

class SapientEmitter final : public Emitter {
 public:
  SapientEmitter(std::filesystem::path path, std::optional<ingest::Endpoint> to)
      : path_(std::move(path)), to_(std::move(to)) {}

  [[nodiscard]] std::string_view name() const override { return to_ ? "sapient-tcp" : "sapient"; }

  Result<void, std::string> open(const EmitterContext& ctx) override {
    nodes_.clear();
    nodes_.reserve(ctx.sensors.size());
    for (const auto& s : ctx.sensors) {
      nodes_.push_back(std::make_unique<Node>(s, ctx.frame, ctx.seed));
    }
    if (!to_) {
      return file_.open(path_);
    }
    return {};
  }

  Result<void, std::string> detection(const SensorInfo& sensor, const Detection& d,
                                      const ScanRef* /*scan*/) override {
    Node* n = find(sensor.id);
    if (n == nullptr) {
      return {};
    }
    if (!n->registered) {
      if (auto r = register_node(*n, d.time); !r) {
        return r;
      }
    }
    return send(*n, n->encoder.detection_report(d));
  }

  Result<void, std::string> close() override {
    for (auto& n : nodes_) {
      if (n->client) {
        n->client->close();
      }
    }
    return file_.close();
  }

 private:
  struct Node {
    Node(const SensorInfo& s, const EnuFrame& site, std::uint64_t seed)
        : id(s.id), encoder(s, site, "", seed) {}
    SensorId id;
    sp::SapientEncoder encoder;
    bool registered = false;
    std::optional<sp::SapientClient> client;
  };

  Node* find(SensorId id) {
    for (auto& n : nodes_) {
      if (n->id == id) {
        return n.get();
      }
    }
    return nullptr;
  }

  Result<void, std::string> register_node(Node& n, Time t) {
    n.registered = true;
    if (to_) {
      auto c = sp::SapientClient::connect(*to_, kConnectTimeout);
      if (!c) {
        return unexpected(fmt::format("node {}: {}", to_underlying(n.id), c.error()));
      }
      n.client.emplace(std::move(*c));
      auto ack = n.client->register_node(n.encoder.registration(t), kConnectTimeout);
      if (!ack) {
        return unexpected(
            fmt::format("node {}: registration: {}", to_underlying(n.id), ack.error()));
      }
      if (!ack->acceptance()) {
        return unexpected(fmt::format("node {}: registration refused", to_underlying(n.id)));
      }
    } else if (auto r = send(n, n.encoder.registration(t)); !r) {
      return r;
    }
    return send(n, n.encoder.status_report(t));
  }

  Result<void, std::string> send(Node& n, const sapient_pb::SapientMessage& m) {
    if (n.client) {
      return n.client->send(m);
    }
    frame_.clear();
    sp::encode_frame(m, frame_);
    return file_.write(frame_);
  }

  std::filesystem::path path_;
  std::optional<ingest::Endpoint> to_;
  std::vector<std::unique_ptr<Node>> nodes_;
  ByteFile file_;
  std::vector<std::byte> frame_;
};

}  // namespace

std::unique_ptr<Emitter> make_sapient_file_emitter(const std::filesystem::path& path) {
  return std::make_unique<SapientEmitter>(path, std::nullopt);
}

std::unique_ptr<Emitter> make_sapient_tcp_emitter(const ingest::Endpoint& to) {
  return std::make_unique<SapientEmitter>(std::filesystem::path{}, to);
}

}  // namespace dewline::sim
