// validator_modes.cpp: rules for a Registration's mode definitions (BSI Flex 335 v2.0): each
// mode's settle time and parameters, its detection definitions (location type, performance,
// reported fields, class taxonomy, velocity type, geometric error) and its task definition
// (regions, class and behaviour filters, commands).
#include "ingest/sapient/validator_internal.hpp"

namespace dewline::ingest::sapient::detail {
namespace {

using R = sapient_pb::Registration;

bool check_sub_class(Check& c, const Path& p, const R::SubClass& s, int depth) {
  if (depth > 32) {
    return c.fail(p, "sub-classes nested deeper than 32 levels");
  }
  if (!need_string(c, p, "type", s.has_type(), s.type())) {
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

bool check_class_definition(Check& c, const Path& p, const R::DetectionClassDefinition& d) {
  if (!enum_field(c, p, "confidence_definition", d.has_confidence_definition(),
                  d.confidence_definition(), R::ConfidenceDefinition_IsValid, false)) {
    return false;
  }
  for (int i = 0; i < d.class_performance_size(); ++i) {
    if (!check_performance_value(c, p.at("class_performance", i), d.class_performance(i))) {
      return false;
    }
  }
  for (int i = 0; i < d.class_definition_size(); ++i) {
    const Path q = p.at("class_definition", i);
    const auto& cd = d.class_definition(i);
    if (!need_string(c, q, "type", cd.has_type(), cd.type())) {
      return false;
    }
    for (int j = 0; j < cd.sub_class_size(); ++j) {
      if (!check_sub_class(c, q.at("sub_class", j), cd.sub_class(j), 1)) {
        return false;
      }
    }
  }
  for (int i = 0; i < d.taxonomy_dock_definition_size(); ++i) {
    const Path q = p.at("taxonomy_dock_definition", i);
    const auto& t = d.taxonomy_dock_definition(i);
    if (!need_string(c, q, "Dock_class_namespace", t.has_dock_class_namespace(),
                     t.dock_class_namespace()) ||
        !need_string(c, q, "Dock_class", t.has_dock_class(), t.dock_class())) {
      return false;
    }
    for (int j = 0; j < t.extension_subclass_size(); ++j) {
      const auto& e = t.extension_subclass(j);
      const Path r = q.at("Extension_subclass", j);
      if (!need_string(c, r, "Subclass_namespace", e.has_subclass_namespace(),
                       e.subclass_namespace()) ||
          !need_string(c, r, "Subclass_name", e.has_subclass_name(), e.subclass_name())) {
        return false;
      }
    }
  }
  return true;
}

bool check_velocity_type(Check& c, const Path& p, const R::VelocityType& v) {
  if (!v.has_enu_velocity_units()) {
    return c.fail(p.at("enu_velocity_units"), kMissing);
  }
  const auto& u = v.enu_velocity_units();
  const Path q = p.at("enu_velocity_units");
  if (!enum_field(c, q, "east_north_rate_units", u.has_east_north_rate_units(),
                  u.east_north_rate_units(), sapient_pb::SpeedUnits_IsValid, true) ||
      !enum_field(c, q, "up_rate_units", u.has_up_rate_units(), u.up_rate_units(),
                  sapient_pb::SpeedUnits_IsValid, false)) {
    return false;
  }
  switch (v.datum_oneof_case()) {
    case R::VelocityType::kLocationDatum:
      return enum_field(c, p, "location_datum", true, v.location_datum(),
                        sapient_pb::LocationDatum_IsValid, true);
    case R::VelocityType::kRangeBearingDatum:
      return enum_field(c, p, "range_bearing_datum", true, v.range_bearing_datum(),
                        sapient_pb::RangeBearingDatum_IsValid, true);
    default:
      return c.fail(p.at("datum_oneof"),
                    "neither location_datum nor range_bearing_datum (one is mandatory)");
  }
}

bool check_detection_definition(Check& c, const Path& p, const R::DetectionDefinition& d) {
  if (!check_location_type(c, p, "location_type", d.has_location_type(), d.location_type(), true,
                           false)) {
    return false;
  }
  for (int i = 0; i < d.detection_performance_size(); ++i) {
    if (!check_performance_value(c, p.at("detection_performance", i), d.detection_performance(i))) {
      return false;
    }
  }
  for (int i = 0; i < d.detection_report_size(); ++i) {
    const auto& r = d.detection_report(i);
    const Path q = p.at("detection_report", i);
    if (!enum_field(c, q, "category", r.has_category(), r.category(),
                    R::DetectionReportCategory_IsValid, true) ||
        !need_string(c, q, "type", r.has_type(), r.type()) ||
        !need_string(c, q, "units", r.has_units(), r.units())) {
      return false;
    }
  }
  for (int i = 0; i < d.detection_class_definition_size(); ++i) {
    if (!check_class_definition(c, p.at("detection_class_definition", i),
                                d.detection_class_definition(i))) {
      return false;
    }
  }
  for (int i = 0; i < d.behaviour_definition_size(); ++i) {
    const auto& b = d.behaviour_definition(i);
    if (!need_string(c, p.at("behaviour_definition", i), "type", b.has_type(), b.type())) {
      return false;
    }
  }
  if (d.has_velocity_type() && !check_velocity_type(c, p.at("velocity_type"), d.velocity_type())) {
    return false;
  }
  if (d.has_geometric_error()) {
    const auto& g = d.geometric_error();
    const Path q = p.at("geometric_error");
    if (!need_string(c, q, "type", g.has_type(), g.type()) ||
        !need_string(c, q, "units", g.has_units(), g.units()) ||
        !need_string(c, q, "variation_type", g.has_variation_type(), g.variation_type())) {
      return false;
    }
    for (int i = 0; i < g.performance_value_size(); ++i) {
      if (!check_performance_value(c, q.at("performance_value", i), g.performance_value(i))) {
        return false;
      }
    }
  }
  return true;
}

bool check_filter_parameters(Check& c, const Path& p,
                             const google::protobuf::RepeatedPtrField<R::FilterParameter>& f) {
  for (int i = 0; i < f.size(); ++i) {
    const Path q = p.at("filter_parameter", i);
    if (!need_string(c, q, "parameter", f[i].has_parameter(), f[i].parameter())) {
      return false;
    }
    if (f[i].operators_size() == 0) {
      return c.fail(q.at("operators"), "empty (at least one operator is mandatory)");
    }
    for (int j = 0; j < f[i].operators_size(); ++j) {
      if (!enum_field(c, q.at("operators", j), "", true, f[i].operators(j),
                      sapient_pb::Operator_IsValid, true)) {
        return false;
      }
    }
  }
  return true;
}

bool check_sub_class_filter(Check& c, const Path& p, const R::SubClassFilterDefinition& s,
                            int depth) {
  if (depth > 32) {
    return c.fail(p, "sub-class filters nested deeper than 32 levels");
  }
  if (!need_string(c, p, "type", s.has_type(), s.type())) {
    return false;
  }
  if (!s.has_level()) {
    return c.fail(p.at("level"), kMissing);
  }
  if (!check_filter_parameters(c, p, s.filter_parameter())) {
    return false;
  }
  for (int i = 0; i < s.sub_class_definition_size(); ++i) {
    if (!check_sub_class_filter(c, p.at("sub_class_definition", i), s.sub_class_definition(i),
                                depth + 1)) {
      return false;
    }
  }
  return true;
}

bool check_task_definition(Check& c, const Path& p, const R::TaskDefinition& t) {
  // The standard's harness requires concurrent_tasks, although the .proto does not mark it.
  if (!t.has_concurrent_tasks()) {
    return c.fail(p.at("concurrent_tasks"), kMissing);
  }
  if (t.concurrent_tasks() < 0) {
    return c.fail(p.at("concurrent_tasks"), "negative");
  }
  if (!t.has_region_definition()) {
    return c.fail(p.at("region_definition"), kMissing);
  }
  const auto& r = t.region_definition();
  const Path q = p.at("region_definition");
  if (r.region_type_size() == 0) {
    return c.fail(q.at("region_type"), "empty (at least one region type is mandatory)");
  }
  for (int i = 0; i < r.region_type_size(); ++i) {
    if (!enum_field(c, q.at("region_type", i), "", true, r.region_type(i), R::RegionType_IsValid,
                    true)) {
      return false;
    }
  }
  if (!check_duration(c, q, "settle_time", r.has_settle_time(), r.settle_time(), false, false)) {
    return false;
  }
  if (r.region_area_size() == 0) {
    return c.fail(q.at("region_area"), "empty (at least one region area type is mandatory)");
  }
  for (int i = 0; i < r.region_area_size(); ++i) {
    if (!check_location_type(c, q.at("region_area", i), "", true, r.region_area(i), true, false)) {
      return false;
    }
  }
  for (int i = 0; i < r.class_filter_definition_size(); ++i) {
    const auto& f = r.class_filter_definition(i);
    const Path s = q.at("class_filter_definition", i);
    if (!need_string(c, s, "type", f.has_type(), f.type()) ||
        !check_filter_parameters(c, s, f.filter_parameter())) {
      return false;
    }
    for (int j = 0; j < f.sub_class_definition_size(); ++j) {
      if (!check_sub_class_filter(c, s.at("sub_class_definition", j), f.sub_class_definition(j),
                                  1)) {
        return false;
      }
    }
  }
  for (int i = 0; i < r.behaviour_filter_definition_size(); ++i) {
    const auto& f = r.behaviour_filter_definition(i);
    const Path s = q.at("behaviour_filter_definition", i);
    if (!need_string(c, s, "type", f.has_type(), f.type()) ||
        !check_filter_parameters(c, s, f.filter_parameter())) {
      return false;
    }
  }
  for (int i = 0; i < t.command_size(); ++i) {
    const auto& cmd = t.command(i);
    const Path s = p.at("command", i);
    if (!need_string(c, s, "units", cmd.has_units(), cmd.units()) ||
        !check_duration(c, s, "completion_time", cmd.has_completion_time(), cmd.completion_time(),
                        true, false) ||
        !enum_field(c, s, "type", cmd.has_type(), cmd.type(), R::CommandType_IsValid, true)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool check_mode_definition(Check& c, const Path& p, const R::ModeDefinition& m) {
  if (!need_string(c, p, "mode_name", m.has_mode_name(), m.mode_name()) ||
      !enum_field(c, p, "mode_type", m.has_mode_type(), m.mode_type(), R::ModeType_IsValid, true) ||
      !check_duration(c, p, "settle_time", m.has_settle_time(), m.settle_time(), true, false) ||
      !check_duration(c, p, "maximum_latency", m.has_maximum_latency(), m.maximum_latency(), false,
                      false) ||
      !check_duration(c, p, "duration", m.has_duration(), m.duration(), false, false) ||
      !enum_field(c, p, "scan_type", m.has_scan_type(), m.scan_type(), R::ScanType_IsValid,
                  false) ||
      !enum_field(c, p, "tracking_type", m.has_tracking_type(), m.tracking_type(),
                  R::TrackingType_IsValid, false)) {
    return false;
  }
  for (int i = 0; i < m.mode_parameter_size(); ++i) {
    const auto& mp = m.mode_parameter(i);
    const Path q = p.at("mode_parameter", i);
    if (!need_string(c, q, "type", mp.has_type(), mp.type()) ||
        !need_string(c, q, "value", mp.has_value(), mp.value())) {
      return false;
    }
  }
  for (int i = 0; i < m.detection_definition_size(); ++i) {
    if (!check_detection_definition(c, p.at("detection_definition", i), m.detection_definition(i))) {
      return false;
    }
  }
  if (!m.has_task()) {
    return c.fail(p.at("task"), kMissing);
  }
  return check_task_definition(c, p.at("task"), m.task());
}

}  // namespace dewline::ingest::sapient::detail
