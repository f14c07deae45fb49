// validator_registration.cpp: rules for Registration and RegistrationAck (BSI Flex 335 v2.0):
// node types, ICD version, capabilities, status definition, dependent nodes and configuration
// data; the mode definitions are in validator_modes.cpp.
#include "ingest/sapient/validator_internal.hpp"

namespace dewline::ingest::sapient::detail {

using R = sapient_pb::Registration;

bool check_duration(Check& c, const Path& p, std::string_view field, bool has,
                    const R::Duration& d, bool mandatory, bool positive) {
  if (!has) {
    return mandatory ? c.fail(p.at(field), kMissing) : true;
  }
  const Path q = p.at(field);
  if (!enum_field(c, q, "units", d.has_units(), d.units(), R::TimeUnits_IsValid, true)) {
    return false;
  }
  if (!d.has_value()) {
    return c.fail(q.at("value"), kMissing);
  }
  const double v = static_cast<double>(d.value());
  if (!std::isfinite(v) || v < 0.0 || (positive && v == 0.0)) {
    return c.fail(q.at("value"), positive ? "must be a finite number > 0"
                                          : "must be a finite number >= 0");
  }
  return true;
}

// can_only_be_location: a node's own location is never range/bearing.
bool check_location_type(Check& c, const Path& p, std::string_view field, bool has,
                         const R::LocationType& t, bool mandatory, bool can_only_be_location) {
  if (!has) {
    return mandatory ? c.fail(p.at(field), kMissing) : true;
  }
  const Path q = p.at(field);
  const bool loc_units = t.coordinates_oneof_case() == R::LocationType::kLocationUnits;
  const bool rb_units = t.coordinates_oneof_case() == R::LocationType::kRangeBearingUnits;
  const bool loc_datum = t.datum_oneof_case() == R::LocationType::kLocationDatum;
  const bool rb_datum = t.datum_oneof_case() == R::LocationType::kRangeBearingDatum;
  if (!loc_units && !rb_units) {
    return c.fail(q.at(can_only_be_location ? "location_units" : "coordinates_oneof"),
                  can_only_be_location ? kMissing
                                       : "neither location_units nor range_bearing_units (one is mandatory)");
  }
  if (can_only_be_location && rb_units) {
    return c.fail(q.at("range_bearing_units"), "a node location must be a location, not range/bearing");
  }
  if (!loc_datum && !rb_datum) {
    return c.fail(q.at(loc_units ? "location_datum" : "range_bearing_datum"), kMissing);
  }
  if (loc_units != loc_datum) {
    return c.fail(q.at(loc_units ? "range_bearing_datum" : "location_datum"),
                  "a location's units need a location datum, a range/bearing's a range/bearing datum");
  }
  if (loc_units) {
    if (!enum_field(c, q, "location_units", true, t.location_units(),
                    sapient_pb::LocationCoordinateSystem_IsValid, true) ||
        !enum_field(c, q, "location_datum", true, t.location_datum(),
                    sapient_pb::LocationDatum_IsValid, true)) {
      return false;
    }
    // UTM needs its zone, except for the node's own location (the standard's harness does
    // not require it there: the StatusReport's Location carries utm_zone itself).
    if (t.location_units() == sapient_pb::LOCATION_COORDINATE_SYSTEM_UTM_M) {
      if (!can_only_be_location && !need_string(c, q, "zone", t.has_zone(), t.zone())) {
        return false;
      }
      if (t.has_zone() && !t.zone().empty() && !utm_zone_ok(t.zone())) {
        return c.fail(q.at("zone"), "not a UTM zone: \"" + t.zone() + "\"");
      }
    }
    return true;
  }
  return enum_field(c, q, "range_bearing_units", true, t.range_bearing_units(),
                    sapient_pb::RangeBearingCoordinateSystem_IsValid, true) &&
         enum_field(c, q, "range_bearing_datum", true, t.range_bearing_datum(),
                    sapient_pb::RangeBearingDatum_IsValid, true);
}

bool check_performance_value(Check& c, const Path& p, const R::PerformanceValue& v) {
  return need_string(c, p, "type", v.has_type(), v.type()) &&
         need_string(c, p, "units", v.has_units(), v.units()) &&
         need_string(c, p, "unit_value", v.has_unit_value(), v.unit_value());
}

namespace {

bool check_config_data(Check& c, const Path& p, const R::ConfigurationData& d, int depth) {
  if (depth > 32) {
    return c.fail(p, "sub-components nested deeper than 32 levels");
  }
  if (!need_string(c, p, "manufacturer", d.manufacturer()) ||
      !need_string(c, p, "model", d.model())) {
    return false;
  }
  for (int i = 0; i < d.sub_components_size(); ++i) {
    if (!check_config_data(c, p.at("sub_components", i), d.sub_components(i), depth + 1)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool check_registration(Check& c, const Path& p, const sapient_pb::Registration& r) {
  if (r.node_definition_size() == 0) {
    return c.fail(p.at("node_definition"), "empty (at least one node definition is mandatory)");
  }
  for (int i = 0; i < r.node_definition_size(); ++i) {
    const auto& nd = r.node_definition(i);
    if (!enum_field(c, p.at("node_definition", i), "node_type", nd.has_node_type(), nd.node_type(),
                    R::NodeType_IsValid, true)) {
      return false;
    }
  }
  if (!need_string(c, p, "icd_version", r.has_icd_version(), r.icd_version())) {
    return false;
  }
  if (r.icd_version() != kIcdVersion) {
    return c.fail(p.at("icd_version"), std::string("must be \"") + kIcdVersion + "\", got \"" +
                                           r.icd_version().substr(0, 64) + "\"");
  }
  if (r.capabilities_size() == 0) {
    return c.fail(p.at("capabilities"), "empty (at least one capability is mandatory)");
  }
  for (int i = 0; i < r.capabilities_size(); ++i) {
    const auto& cap = r.capabilities(i);
    const Path q = p.at("capabilities", i);
    if (!need_string(c, q, "category", cap.has_category(), cap.category()) ||
        !need_string(c, q, "type", cap.has_type(), cap.type())) {
      return false;
    }
  }
  if (!r.has_status_definition()) {
    return c.fail(p.at("status_definition"), kMissing);
  }
  const auto& sd = r.status_definition();
  const Path q = p.at("status_definition");
  if (!check_duration(c, q, "status_interval", sd.has_status_interval(), sd.status_interval(), true,
                      true) ||
      !check_location_type(c, q, "location_definition", sd.has_location_definition(),
                           sd.location_definition(), false, true) ||
      !check_location_type(c, q, "coverage_definition", sd.has_coverage_definition(),
                           sd.coverage_definition(), false, false) ||
      !check_location_type(c, q, "obscuration_definition", sd.has_obscuration_definition(),
                           sd.obscuration_definition(), false, false) ||
      !check_location_type(c, q, "field_of_view_definition", sd.has_field_of_view_definition(),
                           sd.field_of_view_definition(), false, false)) {
    return false;
  }
  for (int i = 0; i < sd.status_report_size(); ++i) {
    const auto& s = sd.status_report(i);
    const Path t = q.at("status_report", i);
    if (!enum_field(c, t, "category", s.has_category(), s.category(),
                    R::StatusReportCategory_IsValid, true) ||
        !need_string(c, t, "type", s.has_type(), s.type())) {
      return false;
    }
  }
  if (r.mode_definition_size() == 0) {
    return c.fail(p.at("mode_definition"), "empty (at least one mode definition is mandatory)");
  }
  for (int i = 0; i < r.mode_definition_size(); ++i) {
    if (!check_mode_definition(c, p.at("mode_definition", i), r.mode_definition(i))) {
      return false;
    }
  }
  for (int i = 0; i < r.dependent_nodes_size(); ++i) {
    if (!uuid_field(c, p.at("dependent_nodes", i), "", true, r.dependent_nodes(i), true)) {
      return false;
    }
  }
  for (int i = 0; i < r.reporting_region_size(); ++i) {
    if (!check_location_or_range_bearing(c, p.at("reporting_region", i), r.reporting_region(i))) {
      return false;
    }
  }
  if (r.config_data_size() == 0) {
    return c.fail(p.at("config_data"), "empty (at least one configuration is mandatory)");
  }
  for (int i = 0; i < r.config_data_size(); ++i) {
    if (!check_config_data(c, p.at("config_data", i), r.config_data(i), 0)) {
      return false;
    }
  }
  return true;
}

bool check_registration_ack(Check& c, const Path& p, const sapient_pb::RegistrationAck& r) {
  if (!r.has_acceptance()) {
    return c.fail(p.at("acceptance"), kMissing);
  }
  return true;
}

}  // namespace dewline::ingest::sapient::detail
