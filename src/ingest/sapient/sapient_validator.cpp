// sapient_validator.cpp: the envelope rules of SapientMessage (BSI Flex 335 v2.0) and dispatch
// to the content's validator (validator_*.cpp).
#include "ingest/sapient/sapient_validator.hpp"

#include "ingest/sapient/validator_internal.hpp"

namespace dewline::ingest::sapient {

Result<void, SapientError> validate(const sapient_pb::SapientMessage& msg) {
  using detail::Check;
  using detail::Path;
  using M = sapient_pb::SapientMessage;
  Check c;
  const Path root;
  bool ok = detail::timestamp_field(c, root, "timestamp", msg.has_timestamp(), msg.timestamp(),
                                    true) &&
            detail::uuid_field(c, root, "node_id", msg.has_node_id(), msg.node_id(), true) &&
            detail::uuid_field(c, root, "destination_id", msg.has_destination_id(),
                               msg.destination_id(), false);
  if (ok) {
    switch (msg.content_case()) {
      case M::kRegistration:
        ok = detail::check_registration(c, root.at("registration"), msg.registration());
        break;
      case M::kRegistrationAck:
        ok = detail::check_registration_ack(c, root.at("registration_ack"), msg.registration_ack());
        break;
      case M::kStatusReport:
        ok = detail::check_status_report(c, root.at("status_report"), msg.status_report());
        break;
      case M::kDetectionReport:
        ok = detail::check_detection_report(c, root.at("detection_report"), msg.detection_report());
        break;
      case M::kTask:
        ok = detail::check_task(c, root.at("task"), msg.task());
        break;
      case M::kTaskAck:
        ok = detail::check_task_ack(c, root.at("task_ack"), msg.task_ack());
        break;
      case M::kAlert:
        ok = detail::check_alert(c, root.at("alert"), msg.alert());
        break;
      case M::kAlertAck:
        ok = detail::check_alert_ack(c, root.at("alert_ack"), msg.alert_ack());
        break;
      case M::kError:
        ok = detail::check_error(c, root.at("error"), msg.error());
        break;
      case M::CONTENT_NOT_SET:
        ok = c.fail(root.at("content"), "no content (one of registration, registration_ack, "
                                        "status_report, detection_report, task, task_ack, alert, "
                                        "alert_ack, error is mandatory)");
        break;
    }
  }
  if (ok) {
    return {};
  }
  return unexpected(std::move(*c.error));
}

}  // namespace dewline::ingest::sapient
