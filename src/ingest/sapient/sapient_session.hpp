// sapient_session.hpp: dewline as a SAPIENT fusion node (DMM), without sockets.
//
// SapientIngest holds what all connections share: the configuration, the site frame, the node
// registry, the reject counters and the alerts received. It takes one frame at a time:
// decode -> validate -> act:
//   Registration      -> node registered; reply RegistrationAck (accepted, or refused with the
//                        reason when the Registration breaks a rule)
//   StatusReport      -> node health, mode, location, coverage kept (node_registry.hpp)
//   DetectionReport   -> a Detection (to_detection.hpp)
//   Alert             -> logged and kept (alerts())
//   Task, TaskAck, AlertAck, RegistrationAck, Error -> logged only (dewline never tasks)
// A message that cannot be used is counted per (node, reason), logged at a limited rate and,
// when `reply_errors`, answered with a SAPIENT Error carrying the packet and the reason.
//
// SapientSession is one connection: it frames the byte stream and feeds SapientIngest. An
// Oversize frame sets `close` (the stream cannot be re-synchronised).
//
// Neither is thread-safe; the server serialises calls (sapient_server.hpp).
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/reject_counter.hpp"
#include "ingest/sapient/node_registry.hpp"
#include "ingest/sapient/sapient_config.hpp"
#include "ingest/sapient/sapient_framer.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

// An Alert received from a node, as dewline keeps and shows it.
struct SensorAlert {
  Time time;
  std::string node_id;
  SensorId sensor{};
  std::string alert_id;
  std::string type;      // "ALERT_TYPE_WARNING"
  std::string status;    // "ALERT_STATUS_ACTIVE"
  std::string priority;  // "DISCRETE_PRIORITY_HIGH"
  std::string description;
  std::optional<Vec3> position_m;  // when the alert has a location dewline can place
};

// What handling some input produced. Reused: call clear() between uses.
struct SessionOutput {
  std::vector<Detection> detections;
  std::vector<std::byte> replies;  // framed SapientMessages to send back, in order
  std::vector<SapientError> errors;
  std::uint64_t messages = 0;  // frames handled
  bool close = false;          // the connection must be closed (Oversize)
  void clear();
};

class SapientIngest {
 public:
  SapientIngest(SapientConfig cfg, const EnuFrame& site);

  // One frame's payload. `offset` is the frame's stream offset (for errors); `peer` names the
  // connection in logs until the message names its node.
  void handle_frame(std::span<const std::byte> payload, std::uint64_t offset, Time receive_time,
                    std::string_view peer, SessionOutput& out);
  // One decoded message (validated here).
  void handle_message(const sapient_pb::SapientMessage& msg, std::span<const std::byte> packet,
                      std::uint64_t offset, Time receive_time, std::string_view peer,
                      SessionOutput& out);
  // Counts and logs a problem that is not tied to a decoded message (framing).
  void reject(std::string_view source, SapientError e, SessionOutput& out);

  [[nodiscard]] const SapientConfig& config() const { return cfg_; }
  [[nodiscard]] const EnuFrame& site() const { return site_; }
  [[nodiscard]] NodeRegistry& nodes() { return nodes_; }
  [[nodiscard]] const NodeRegistry& nodes() const { return nodes_; }
  [[nodiscard]] const RejectCounter& rejects() const { return rejects_; }
  [[nodiscard]] const std::deque<SensorAlert>& alerts() const { return alerts_; }
  [[nodiscard]] std::uint64_t detections() const { return detections_; }

 private:
  void reply(const sapient_pb::SapientMessage& m, SessionOutput& out);
  void reply_error(std::string_view to_node, std::span<const std::byte> packet,
                   const SapientError& e, Time now, SessionOutput& out);
  void on_alert(const sapient_pb::SapientMessage& msg, const NodeState* node);

  SapientConfig cfg_;
  EnuFrame site_;
  NodeRegistry nodes_;
  RejectCounter rejects_;
  std::deque<SensorAlert> alerts_;
  std::uint64_t detections_ = 0;
  sapient_pb::SapientMessage msg_;    // reused for decoding
  sapient_pb::SapientMessage reply_;  // reused for replies
  Detection det_;
};

class SapientSession {
 public:
  SapientSession(SapientIngest& ingest, std::string peer);
  // Bytes as received. Handles every complete frame.
  void on_bytes(std::span<const std::byte> bytes, Time receive_time, SessionOutput& out);
  // End of stream: reports a truncated last frame.
  void on_end(SessionOutput& out);
  [[nodiscard]] const std::string& peer() const { return peer_; }
  [[nodiscard]] std::uint64_t stream_offset() const { return framer_.stream_offset(); }

 private:
  SapientIngest& ingest_;
  std::string peer_;
  SapientFramer framer_;
};

}  // namespace dewline::ingest::sapient
