// validator_task.cpp: rules for Task and TaskAck (BSI Flex 335 v2.0). dewline never sends tasks;
// it checks them when it reads them (logs, `dewline decode`) like any other message.
#include "ingest/sapient/validator_internal.hpp"

namespace dewline::ingest::sapient::detail {
namespace {

using T = sapient_pb::Task;

bool check_parameter(Check& c, const Path& p, bool has, const T::Parameter& prm) {
  if (!has) {
    return c.fail(p.at("parameter"), kMissing);
  }
  const Path q = p.at("parameter");
  return need_string(c, q, "name", prm.has_name(), prm.name()) &&
         enum_field(c, q, "operator", prm.has_operator_(), prm.operator_(),
                    sapient_pb::Operator_IsValid, true) &&
         finite_field(c, q, "value", prm.has_value(), static_cast<double>(prm.value()), true);
}

bool check_sub_class_filter(Check& c, const Path& p, const T::SubClassFilter& f, int depth) {
  if (depth > 32) {
    return c.fail(p, "sub-class filters nested deeper than 32 levels");
  }
  if (!check_parameter(c, p, f.has_parameter(), f.parameter()) ||
      !need_string(c, p, "type", f.has_type(), f.type()) ||
      !enum_field(c, p, "priority", f.has_priority(), f.priority(), T::DiscreteThreshold_IsValid,
                  false)) {
    return false;
  }
  for (int i = 0; i < f.sub_class_filter_size(); ++i) {
    if (!check_sub_class_filter(c, p.at("sub_class_filter", i), f.sub_class_filter(i),
                                depth + 1)) {
      return false;
    }
  }
  return true;
}

bool check_region(Check& c, const Path& p, const T::Region& r) {
  if (!enum_field(c, p, "type", r.has_type(), r.type(), T::RegionType_IsValid, true) ||
      !ulid_field(c, p, "region_id", r.has_region_id(), r.region_id(), true) ||
      !need_string(c, p, "region_name", r.has_region_name(), r.region_name())) {
    return false;
  }
  if (!r.has_region_area()) {
    return c.fail(p.at("region_area"), kMissing);
  }
  if (!check_location_or_range_bearing(c, p.at("region_area"), r.region_area())) {
    return false;
  }
  for (int i = 0; i < r.class_filter_size(); ++i) {
    const auto& f = r.class_filter(i);
    const Path q = p.at("class_filter", i);
    if (!check_parameter(c, q, f.has_parameter(), f.parameter()) ||
        !need_string(c, q, "type", f.has_type(), f.type()) ||
        !enum_field(c, q, "priority", f.has_priority(), f.priority(),
                    T::DiscreteThreshold_IsValid, false)) {
      return false;
    }
    for (int j = 0; j < f.sub_class_filter_size(); ++j) {
      if (!check_sub_class_filter(c, q.at("sub_class_filter", j), f.sub_class_filter(j), 1)) {
        return false;
      }
    }
  }
  for (int i = 0; i < r.behaviour_filter_size(); ++i) {
    const auto& f = r.behaviour_filter(i);
    const Path q = p.at("behaviour_filter", i);
    if (!check_parameter(c, q, f.has_parameter(), f.parameter()) ||
        !enum_field(c, q, "priority", f.has_priority(), f.priority(),
                    T::DiscreteThreshold_IsValid, false)) {
      return false;
    }
  }
  return true;
}

bool check_command(Check& c, const Path& p, const T::Command& cmd) {
  switch (cmd.command_case()) {
    case T::Command::kRequest:
      return need_string(c, p, "request", true, cmd.request());
    case T::Command::kDetectionThreshold:
      return enum_field(c, p, "detection_threshold", true, cmd.detection_threshold(),
                        T::DiscreteThreshold_IsValid, true);
    case T::Command::kDetectionReportRate:
      return enum_field(c, p, "detection_report_rate", true, cmd.detection_report_rate(),
                        T::DiscreteThreshold_IsValid, true);
    case T::Command::kClassificationThreshold:
      return enum_field(c, p, "classification_threshold", true, cmd.classification_threshold(),
                        T::DiscreteThreshold_IsValid, true);
    case T::Command::kModeChange:
      return need_string(c, p, "mode_change", true, cmd.mode_change());
    case T::Command::kLookAt:
      return check_location_or_range_bearing(c, p.at("look_at"), cmd.look_at());
    case T::Command::kMoveTo:
      return check_location_list(c, p.at("move_to"), cmd.move_to());
    case T::Command::kPatrol:
      return check_location_list(c, p.at("patrol"), cmd.patrol());
    case T::Command::kFollow:
      return ulid_field(c, p.at("follow"), "follow_object_id", !cmd.follow().follow_object_id().empty(),
                        cmd.follow().follow_object_id(), true);
    default:
      return c.fail(p.at("command"), "no command set (one is mandatory)");
  }
}

}  // namespace

bool check_task(Check& c, const Path& p, const sapient_pb::Task& t) {
  if (!ulid_field(c, p, "task_id", t.has_task_id(), t.task_id(), true) ||
      !timestamp_field(c, p, "task_start_time", t.has_task_start_time(), t.task_start_time(), false) ||
      !timestamp_field(c, p, "task_end_time", t.has_task_end_time(), t.task_end_time(), false) ||
      !enum_field(c, p, "control", t.has_control(), t.control(), T::Control_IsValid, true)) {
    return false;
  }
  for (int i = 0; i < t.region_size(); ++i) {
    if (!check_region(c, p.at("region", i), t.region(i))) {
      return false;
    }
  }
  if (t.has_command() && !check_command(c, p.at("command"), t.command())) {
    return false;
  }
  return true;
}

bool check_task_ack(Check& c, const Path& p, const sapient_pb::TaskAck& t) {
  if (!ulid_field(c, p, "task_id", t.has_task_id(), t.task_id(), true) ||
      !enum_field(c, p, "task_status", t.has_task_status(), t.task_status(),
                  sapient_pb::TaskAck::TaskStatus_IsValid, true)) {
    return false;
  }
  if (t.has_associated_file() &&
      !check_associated_file(c, p.at("associated_file"), t.associated_file())) {
    return false;
  }
  return true;
}

}  // namespace dewline::ingest::sapient::detail
