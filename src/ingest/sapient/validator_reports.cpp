// validator_reports.cpp: rules for what nodes report (BSI Flex 335 v2.0): StatusReport,
// DetectionReport, Alert, AlertAck and Error.
#include <array>
#include <cctype>

#include "ingest/sapient/validator_internal.hpp"

namespace dewline::ingest::sapient::detail {
namespace {

using D = sapient_pb::DetectionReport;

bool check_sub_class(Check& c, const Path& p, const D::SubClass& s, int depth) {
  if (depth > 32) {
    return c.fail(p, "sub-classes nested deeper than 32 levels");
  }
  if (!need_string(c, p, "type", s.has_type(), s.type()) ||
      !unit_interval(c, p, "confidence", s.has_confidence(), s.confidence())) {
    return false;
  }
  if (!s.has_level()) {
    return c.fail(p.at("level"), kMissing);
  }
  if (s.level() < 0) {
    return c.fail(p.at("level"), "negative level " + std::to_string(s.level()));
  }
  for (int i = 0; i < s.sub_class_size(); ++i) {
    if (!check_sub_class(c, p.at("sub_class", i), s.sub_class(i), depth + 1)) {
      return false;
    }
  }
  return true;
}

// The behaviours of the standard's taxonomy (case-insensitive), as its harness checks them.
bool known_behaviour(std::string_view t) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "walking", "running", "crawling", "climbing", "digging",
      "throwing", "loitering", "active", "passive", "other"};
  for (std::string_view n : kNames) {
    if (n.size() == t.size()) {
      bool eq = true;
      for (std::size_t i = 0; i < n.size() && eq; ++i) {
        eq = std::tolower(static_cast<unsigned char>(t[i])) == n[i];
      }
      if (eq) {
        return true;
      }
    }
  }
  return false;
}

bool check_track_object_info(Check& c, const Path& p, const D::TrackObjectInfo& t) {
  return need_string(c, p, "type", t.has_type(), t.type()) &&
         need_string(c, p, "value", t.has_value(), t.value()) &&
         finite_field(c, p, "error", t.has_error(), static_cast<double>(t.error()), false);
}

bool check_detection_location(Check& c, const Path& p, const D& r) {
  switch (r.location_oneof_case()) {
    case D::kRangeBearing:
      return check_range_bearing(c, p.at("range_bearing"), r.range_bearing());
    case D::kLocation:
      return check_location(c, p.at("location"), r.location());
    default:
      return c.fail(p.at("location_oneof"), "neither location nor range_bearing (one is mandatory)");
  }
}

}  // namespace

bool check_status_report(Check& c, const Path& p, const sapient_pb::StatusReport& r) {
  using S = sapient_pb::StatusReport;
  if (!ulid_field(c, p, "report_id", r.has_report_id(), r.report_id(), true) ||
      !enum_field(c, p, "system", r.has_system(), r.system(), S::System_IsValid, true) ||
      !enum_field(c, p, "info", r.has_info(), r.info(), S::Info_IsValid, true) ||
      !ulid_field(c, p, "active_task_id", r.has_active_task_id(), r.active_task_id(), false) ||
      !need_string(c, p, "mode", r.has_mode(), r.mode())) {
    return false;
  }
  if (r.has_power()) {
    const auto& pw = r.power();
    const Path q = p.at("power");
    if (!range_field(c, q, "level", pw.has_level(), pw.level(), 0.0, 100.0, false) ||
        !enum_field(c, q, "source", true, pw.source(), S::PowerSource_IsValid, false) ||
        !enum_field(c, q, "status", true, pw.status(), S::PowerStatus_IsValid, false)) {
      return false;
    }
  }
  if (r.has_node_location() && !check_location(c, p.at("node_location"), r.node_location())) {
    return false;
  }
  if (r.has_field_of_view() &&
      !check_location_or_range_bearing(c, p.at("field_of_view"), r.field_of_view())) {
    return false;
  }
  for (int i = 0; i < r.coverage_size(); ++i) {
    if (!check_location_or_range_bearing(c, p.at("coverage", i), r.coverage(i))) {
      return false;
    }
  }
  for (int i = 0; i < r.obscuration_size(); ++i) {
    if (!check_location_or_range_bearing(c, p.at("obscuration", i), r.obscuration(i))) {
      return false;
    }
  }
  for (int i = 0; i < r.status_size(); ++i) {
    const auto& s = r.status(i);
    const Path q = p.at("status", i);
    if (!enum_field(c, q, "status_type", s.has_status_type(), s.status_type(),
                    S::StatusType_IsValid, true) ||
        !enum_field(c, q, "status_level", s.has_status_level(), s.status_level(),
                    S::StatusLevel_IsValid, false)) {
      return false;
    }
  }
  return true;
}

bool check_detection_report(Check& c, const Path& p, const sapient_pb::DetectionReport& r) {
  if (!ulid_field(c, p, "report_id", r.has_report_id(), r.report_id(), true) ||
      !ulid_field(c, p, "object_id", r.has_object_id(), r.object_id(), true) ||
      !ulid_field(c, p, "task_id", r.has_task_id(), r.task_id(), false) ||
      !check_detection_location(c, p, r) ||
      !unit_interval(c, p, "detection_confidence", r.has_detection_confidence(),
                     r.detection_confidence())) {
    return false;
  }
  for (int i = 0; i < r.track_info_size(); ++i) {
    if (!check_track_object_info(c, p.at("track_info", i), r.track_info(i))) {
      return false;
    }
  }
  if (r.has_prediction_location()) {
    const auto& pl = r.prediction_location();
    const Path q = p.at("prediction_location");
    switch (pl.predicted_location_oneof_case()) {
      case D::PredictedLocation::kRangeBearing:
        if (!check_range_bearing(c, q.at("range_bearing"), pl.range_bearing())) {
          return false;
        }
        break;
      case D::PredictedLocation::kLocation:
        if (!check_location(c, q.at("location"), pl.location())) {
          return false;
        }
        break;
      default:
        return c.fail(q.at("predicted_location_oneof"),
                      "neither location nor range_bearing (one is mandatory)");
    }
    if (!timestamp_field(c, q, "predicted_timestamp", pl.has_predicted_timestamp(),
                         pl.predicted_timestamp(), false)) {
      return false;
    }
  }
  for (int i = 0; i < r.object_info_size(); ++i) {
    if (!check_track_object_info(c, p.at("object_info", i), r.object_info(i))) {
      return false;
    }
  }
  for (int i = 0; i < r.classification_size(); ++i) {
    const auto& cl = r.classification(i);
    const Path q = p.at("classification", i);
    if (!need_string(c, q, "type", cl.has_type(), cl.type()) ||
        !unit_interval(c, q, "confidence", cl.has_confidence(), cl.confidence())) {
      return false;
    }
    for (int j = 0; j < cl.sub_class_size(); ++j) {
      if (!check_sub_class(c, q.at("sub_class", j), cl.sub_class(j), 1)) {
        return false;
      }
    }
  }
  for (int i = 0; i < r.behaviour_size(); ++i) {
    const auto& b = r.behaviour(i);
    const Path q = p.at("behaviour", i);
    if (!need_string(c, q, "type", b.has_type(), b.type()) ||
        !unit_interval(c, q, "confidence", b.has_confidence(), b.confidence())) {
      return false;
    }
    if (!known_behaviour(b.type())) {
      return c.fail(q.at("type"), "not a behaviour of the standard's taxonomy: \"" +
                                      b.type().substr(0, 64) + "\"");
    }
  }
  for (int i = 0; i < r.associated_file_size(); ++i) {
    if (!check_associated_file(c, p.at("associated_file", i), r.associated_file(i))) {
      return false;
    }
  }
  for (int i = 0; i < r.signal_size(); ++i) {
    const auto& s = r.signal(i);
    const Path q = p.at("signal", i);
    if (!finite_field(c, q, "amplitude", s.has_amplitude(), static_cast<double>(s.amplitude()),
                      true) ||
        !range_field(c, q, "centre_frequency", s.has_centre_frequency(),
                     static_cast<double>(s.centre_frequency()), 0.0, HUGE_VAL, true) ||
        !range_field(c, q, "start_frequency", s.has_start_frequency(),
                     static_cast<double>(s.start_frequency()), 0.0, HUGE_VAL, false) ||
        !range_field(c, q, "stop_frequency", s.has_stop_frequency(),
                     static_cast<double>(s.stop_frequency()), 0.0, HUGE_VAL, false) ||
        !range_field(c, q, "pulse_duration", s.has_pulse_duration(),
                     static_cast<double>(s.pulse_duration()), 0.0, HUGE_VAL, false)) {
      return false;
    }
    if (s.centre_frequency() == 0.0F) {
      return c.fail(q.at("centre_frequency"), "zero (mandatory, must be > 0)");
    }
  }
  for (int i = 0; i < r.associated_detection_size(); ++i) {
    if (!check_associated_detection(c, p.at("associated_detection", i),
                                    r.associated_detection(i))) {
      return false;
    }
  }
  for (int i = 0; i < r.derived_detection_size(); ++i) {
    const auto& d = r.derived_detection(i);
    const Path q = p.at("derived_detection", i);
    if (!timestamp_field(c, q, "timestamp", d.has_timestamp(), d.timestamp(), true) ||
        !uuid_field(c, q, "node_id", d.has_node_id(), d.node_id(), true) ||
        !ulid_field(c, q, "object_id", d.has_object_id(), d.object_id(), true)) {
      return false;
    }
  }
  if (r.has_enu_velocity()) {
    const auto& v = r.enu_velocity();
    const Path q = p.at("enu_velocity");
    if (!finite_field(c, q, "east_rate", v.has_east_rate(), v.east_rate(), true) ||
        !finite_field(c, q, "north_rate", v.has_north_rate(), v.north_rate(), true) ||
        !finite_field(c, q, "up_rate", v.has_up_rate(), v.up_rate(), false) ||
        !range_field(c, q, "east_rate_error", v.has_east_rate_error(), v.east_rate_error(), 0.0,
                     HUGE_VAL, false) ||
        !range_field(c, q, "north_rate_error", v.has_north_rate_error(), v.north_rate_error(), 0.0,
                     HUGE_VAL, false) ||
        !range_field(c, q, "up_rate_error", v.has_up_rate_error(), v.up_rate_error(), 0.0,
                     HUGE_VAL, false)) {
      return false;
    }
  }
  return true;
}

bool check_alert(Check& c, const Path& p, const sapient_pb::Alert& a) {
  using A = sapient_pb::Alert;
  if (!ulid_field(c, p, "alert_id", a.has_alert_id(), a.alert_id(), true) ||
      !enum_field(c, p, "alert_type", a.has_alert_type(), a.alert_type(), A::AlertType_IsValid,
                  false) ||
      !enum_field(c, p, "status", a.has_status(), a.status(), A::AlertStatus_IsValid, false) ||
      !enum_field(c, p, "priority", a.has_priority(), a.priority(), A::DiscretePriority_IsValid,
                  false) ||
      !ulid_field(c, p, "region_id", a.has_region_id(), a.region_id(), false) ||
      !unit_interval(c, p, "ranking", a.has_ranking(), a.ranking()) ||
      !unit_interval(c, p, "confidence", a.has_confidence(), a.confidence())) {
    return false;
  }
  if (a.has_location() && !check_location(c, p.at("location"), a.location())) {
    return false;
  }
  if (a.has_range_bearing() && !check_range_bearing(c, p.at("range_bearing"), a.range_bearing())) {
    return false;
  }
  for (int i = 0; i < a.associated_file_size(); ++i) {
    if (!check_associated_file(c, p.at("associated_file", i), a.associated_file(i))) {
      return false;
    }
  }
  for (int i = 0; i < a.associated_detection_size(); ++i) {
    if (!check_associated_detection(c, p.at("associated_detection", i),
                                    a.associated_detection(i))) {
      return false;
    }
  }
  return true;
}

bool check_alert_ack(Check& c, const Path& p, const sapient_pb::AlertAck& a) {
  return ulid_field(c, p, "alert_id", a.has_alert_id(), a.alert_id(), true) &&
         enum_field(c, p, "alert_ack_status", a.has_alert_ack_status(), a.alert_ack_status(),
                    sapient_pb::AlertAck::AlertAckStatus_IsValid, true);
}

bool check_error(Check& c, const Path& p, const sapient_pb::Error& e) {
  if (!e.has_packet() || e.packet().empty()) {
    return c.fail(p.at("packet"), e.has_packet() ? "empty (mandatory)" : kMissing);
  }
  if (e.error_message_size() == 0) {
    return c.fail(p.at("error_message"), "empty (at least one error message is mandatory)");
  }
  for (int i = 0; i < e.error_message_size(); ++i) {
    if (!need_string(c, p.at("error_message", i), "", true, e.error_message(i))) {
      return false;
    }
  }
  return true;
}

}  // namespace dewline::ingest::sapient::detail
