// sapient_server.hpp: dewline's SAPIENT fusion-node endpoint on TCP (BSI Flex 335 v2.0): nodes
// (ASMs) connect, register, and send status, detection and alert reports. Built on ingest/net's
// blocking TcpListener/TcpConnection: one thread accepts, one thread serves each connection
// (a site has tens of sensors, not thousands); all protocol state lives in one SapientIngest
// behind a mutex, so handling is serialised and deterministic per connection order.
//
//   struct Sink : DetectionSink { void on_detection(const Detection& d) override { queue.push(d); } };
//   auto server = SapientServer::start(cfg, site, &sink);   // cfg.listen = "tcp://0.0.0.0:5020"
//   ... (*server)->port(), (*server)->nodes(), (*server)->alerts() ...
//   (*server)->stop();
//
// A frame whose length prefix exceeds max_message_bytes closes its connection with a logged
// reason; every other bad message is counted, logged and answered with a SAPIENT Error, and the
// connection goes on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/reject_counter.hpp"
#include "core/result.hpp"
#include "ingest/sapient/sapient_config.hpp"
#include "ingest/sapient/sapient_session.hpp"

namespace dewline::ingest::sapient {

// Receives detections. Called from connection threads (one call at a time per connection,
// possibly concurrently across connections): implementations must be thread-safe.
class DetectionSink {
 public:
  virtual ~DetectionSink() = default;
  virtual void on_detection(const Detection& d) = 0;
};

class SapientServer {
 public:
  static Result<std::unique_ptr<SapientServer>, std::string> start(SapientConfig cfg,
                                                                   const EnuFrame& site,
                                                                   DetectionSink* sink);
  ~SapientServer();
  SapientServer(const SapientServer&) = delete;
  SapientServer& operator=(const SapientServer&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  // Stops accepting, closes every connection and joins the threads (within ~0.5 s).
  void stop();

  // Snapshots, taken under the server's lock.
  [[nodiscard]] std::vector<NodeState> nodes() const;
  [[nodiscard]] std::vector<SensorAlert> alerts() const;
  [[nodiscard]] RejectCounter rejects() const;
  [[nodiscard]] std::uint64_t detections() const;
  [[nodiscard]] std::size_t open_connections() const;
  [[nodiscard]] std::uint64_t closed_for_oversize() const;

  struct Impl;

 private:
  explicit SapientServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dewline::ingest::sapient
