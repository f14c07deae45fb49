#include "ingest/sapient/sapient_session.hpp"

#include "core/log.hpp"
#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/sapient_validator.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace dewline::ingest::sapient {
namespace {

using M = sapient_pb::SapientMessage;

// "invalid:detection_report.classification.sub_class.level": the counter key of an error
// (indices dropped so that counts group by field).
std::string reason_key(const SapientError& e) {
  std::string k(to_string(e.code));
  if (!e.path.empty()) {
    k += ':';
    bool skip = false;
    for (char c : e.path) {
      if (c == '[') {
        skip = true;
      } else if (c == ']') {
        skip = false;
      } else if (!skip) {
        k += c;
      }
    }
  }
  return k;
}

std::string_view content_name(const M& m) {
  switch (m.content_case()) {
    case M::kRegistration:
      return "registration";
    case M::kRegistrationAck:
      return "registration_ack";
    case M::kStatusReport:
      return "status_report";
    case M::kDetectionReport:
      return "detection_report";
    case M::kTask:
      return "task";
    case M::kTaskAck:
      return "task_ack";
    case M::kAlert:
      return "alert";
    case M::kAlertAck:
      return "alert_ack";
    case M::kError:
      return "error";
    case M::CONTENT_NOT_SET:
      break;
  }
  return "none";
}

}  // namespace

void SessionOutput::clear() {
  detections.clear();
  replies.clear();
  errors.clear();
  messages = 0;
  close = false;
}

SapientIngest::SapientIngest(SapientConfig cfg, const EnuFrame& site)
    : cfg_(std::move(cfg)), site_(site), nodes_(cfg_, site_) {}

void SapientIngest::reject(std::string_view source, SapientError e, SessionOutput& out) {
  if (rejects_.count(source, reason_key(e))) {
    log().warn("sapient {}: {} at offset {}: {}", source, to_string(e.code), e.offset, e.message());
  }
  out.errors.push_back(std::move(e));
}

void SapientIngest::reply(const M& m, SessionOutput& out) { encode_frame(m, out.replies); }

void SapientIngest::reply_error(std::string_view to_node, std::span<const std::byte> packet,
                                const SapientError& e, Time now, SessionOutput& out) {
  if (!cfg_.reply_errors) {
    return;
  }
  reply_.Clear();
  set_timestamp(now, *reply_.mutable_timestamp());
  reply_.set_node_id(cfg_.node_id);
  if (!to_node.empty() && is_uuid(to_node)) {
    reply_.set_destination_id(std::string(to_node));
  }
  auto* err = reply_.mutable_error();
  // BSI Flex 335 v2.0 Error: the packet that caused it, and why.
  err->set_packet(packet.empty() ? std::string("-")
                                 : std::string(reinterpret_cast<const char*>(packet.data()),
                                               packet.size()));
  err->add_error_message(std::string(to_string(e.code)) + ": " + e.message());
  reply(reply_, out);
}

void SapientIngest::handle_frame(std::span<const std::byte> payload, std::uint64_t offset,
                                 Time receive_time, std::string_view peer, SessionOutput& out) {
  ++out.messages;
  auto d = decode_message(payload, msg_);
  if (!d) {
    SapientError e = std::move(d).error();
    e.offset = offset;
    reply_error("", payload, e, receive_time, out);
    reject(peer, std::move(e), out);
    return;
  }
  handle_message(msg_, payload, offset, receive_time, peer, out);
}

void SapientIngest::handle_message(const M& msg, std::span<const std::byte> packet,
                                   std::uint64_t offset, Time receive_time, std::string_view peer,
                                   SessionOutput& out) {
  const std::string_view source = msg.node_id().empty() ? peer : std::string_view(msg.node_id());
  auto v = validate(msg);
  if (!v) {
    SapientError e = std::move(v).error();
    e.offset = offset;
    if (NodeState* n = nodes_.find(msg.node_id())) {
      ++n->rejected;
    }
    if (msg.has_registration()) {
      // A refused registration is answered with its reason (RegistrationAck.acceptance false).
      reply_.Clear();
      set_timestamp(receive_time, *reply_.mutable_timestamp());
      reply_.set_node_id(cfg_.node_id);
      if (is_uuid(msg.node_id())) {
        reply_.set_destination_id(msg.node_id());
      }
      reply_.mutable_registration_ack()->set_acceptance(false);
      reply_.mutable_registration_ack()->add_ack_response_reason(e.message());
      reply(reply_, out);
    } else {
      reply_error(msg.node_id(), packet, e, receive_time, out);
    }
    reject(source, std::move(e), out);
    return;
  }
  const Time now = receive_time;
  NodeState* node = nodes_.find(msg.node_id());
  switch (msg.content_case()) {
    case M::kRegistration: {
      auto r = nodes_.on_registration(msg, now);
      reply_.Clear();
      set_timestamp(now, *reply_.mutable_timestamp());
      reply_.set_node_id(cfg_.node_id);
      reply_.set_destination_id(msg.node_id());
      auto* ack = reply_.mutable_registration_ack();
      ack->set_acceptance(r.has_value());
      if (!r) {
        ack->add_ack_response_reason(r.error().message());
        SapientError e = std::move(r).error();
        e.offset = offset;
        reject(source, std::move(e), out);
      } else {
        log().info("sapient: node {} ({}) registered as sensor {}, {}", msg.node_id(),
                   (*r)->name, to_string((*r)->sensor), msg.registration().icd_version());
      }
      reply(reply_, out);
      return;
    }
    case M::kStatusReport:
    case M::kDetectionReport:
    case M::kAlert:
      break;
    default:
      // Task, TaskAck, AlertAck, RegistrationAck, Error: passed through to the log only.
      if (log().should_log(spdlog::level::info)) {
        log().info("sapient: {} from node {} (logged only; dewline never tasks): {}",
                   content_name(msg), msg.node_id(), to_json(msg));
      }
      if (node != nullptr) {
        node->last_seen = now;
      }
      return;
  }
  if (node == nullptr || (!node->registered && cfg_.require_registration)) {
    if (cfg_.require_registration) {
      SapientError e{SapientErrorCode::UnknownNode, "node_id",
                     "node " + msg.node_id() + " has not registered", offset};
      reply_error(msg.node_id(), packet, e, now, out);
      reject(source, std::move(e), out);
      return;
    }
    node = nodes_.ensure(msg.node_id(), now);
    if (node == nullptr) {
      reject(source, SapientError{SapientErrorCode::UnknownNode, "node_id", "too many nodes", offset},
             out);
      return;
    }
  }
  node->last_seen = now;
  switch (msg.content_case()) {
    case M::kStatusReport: {
      auto r = nodes_.on_status(*node, msg.status_report(), now);
      if (!r) {
        SapientError e = std::move(r).error();
        e.offset = offset;
        reject(source, std::move(e), out);
      }
      return;
    }
    case M::kDetectionReport: {
      auto r = to_detection(msg, *node, site_, cfg_.conversion, receive_time, det_);
      if (!r) {
        ++node->rejected;
        SapientError e = std::move(r).error();
        e.offset = offset;
        reject(source, std::move(e), out);
        return;
      }
      ++node->detections;
      ++detections_;
      out.detections.push_back(det_);
      return;
    }
    case M::kAlert:
      on_alert(msg, node);
      return;
    default:
      return;
  }
}

void SapientIngest::on_alert(const M& msg, const NodeState* node) {
  const auto& a = msg.alert();
  SensorAlert s;
  s.time = to_time(msg.timestamp());
  s.node_id = msg.node_id();
  s.sensor = node != nullptr ? node->sensor : SensorId{};
  s.alert_id = a.alert_id();
  s.type = sapient_pb::Alert::AlertType_Name(a.alert_type());
  s.status = sapient_pb::Alert::AlertStatus_Name(a.status());
  s.priority = sapient_pb::Alert::DiscretePriority_Name(a.priority());
  s.description = a.description();
  if (a.has_location()) {
    const double alt = node != nullptr && node->position ? node->position->alt_m : site_.origin().alt_m;
    auto loc = convert_location(a.location(), site_, cfg_.conversion,
                                node != nullptr ? node->utm_zone : std::nullopt, alt);
    if (loc) {
      s.position_m = loc->enu_m;
    }
  }
  log().warn("sapient: alert from node {} ({}): {} {} {} \"{}\"", s.node_id,
             node != nullptr ? node->name : std::string("?"), s.type, s.status, s.priority,
             s.description);
  alerts_.push_back(std::move(s));
  while (alerts_.size() > cfg_.max_alerts_kept) {
    alerts_.pop_front();
  }
}

SapientSession::SapientSession(SapientIngest& ingest, std::string peer)
    : ingest_(ingest),
      peer_(std::move(peer)),
      framer_(FramerConfig{ingest.config().max_message_bytes}) {}

void SapientSession::on_bytes(std::span<const std::byte> bytes, Time receive_time,
                              SessionOutput& out) {
  if (framer_.failed()) {
    out.close = true;
    return;
  }
  framer_.feed(bytes);
  for (;;) {
    FrameResult f = framer_.next();
    if (f.status == FrameStatus::NeedMore) {
      return;
    }
    if (f.status == FrameStatus::Error) {
      if (!out.close) {
        ingest_.reject(peer_, f.error, out);
      }
      out.close = true;
      return;
    }
    ingest_.handle_frame(f.payload, f.offset, receive_time, peer_, out);
  }
}

void SapientSession::on_end(SessionOutput& out) {
  FrameResult f = framer_.finish();
  if (f.status == FrameStatus::Error && !framer_.failed()) {
    ingest_.reject(peer_, f.error, out);
  }
}

}  // namespace dewline::ingest::sapient
