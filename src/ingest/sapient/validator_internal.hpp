// validator_internal.hpp: the building blocks of sapient_validator.cpp and its per-message
// validator_*.cpp files: a field path kept on the stack (turned into a string only on failure),
// the first-error collector, and checks for the field kinds the standard uses. Not a public
// header.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/sapient/sapient_error.hpp"
#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient::detail {

// A path segment: "name" or "name[index]", linked to its parent on the stack.
class Path {
 public:
  Path() = default;
  Path(const Path* parent, std::string_view name, int index = -1)
      : parent_(parent), name_(name), index_(index) {}
  [[nodiscard]] Path at(std::string_view name) const { return Path(this, name); }
  [[nodiscard]] Path at(std::string_view name, int index) const { return Path(this, name, index); }
  [[nodiscard]] std::string str() const;

 private:
  const Path* parent_ = nullptr;
  std::string_view name_;
  int index_ = -1;
};

// Collects the first failure. Every check returns false when it fails, so validators read as
// `return check_a(...) && check_b(...);`.
struct Check {
  std::optional<SapientError> error;
  bool fail(const Path& p, std::string reason);
};

inline constexpr const char* kMissing = "missing (mandatory)";

bool need_string(Check& c, const Path& p, std::string_view field, bool has, const std::string& v);
bool need_string(Check& c, const Path& p, std::string_view field, const std::string& v);
bool ulid_field(Check& c, const Path& p, std::string_view field, bool has, const std::string& v,
                bool mandatory);
bool uuid_field(Check& c, const Path& p, std::string_view field, bool has, const std::string& v,
                bool mandatory);
// An enumeration field: present (when mandatory), not the UNSPECIFIED zero, a defined value.
bool enum_field(Check& c, const Path& p, std::string_view field, bool has, int v,
                bool (*is_valid)(int), bool mandatory);
bool finite_field(Check& c, const Path& p, std::string_view field, bool has, double v,
                  bool mandatory);
// A finite value within [lo, hi] when present.
bool range_field(Check& c, const Path& p, std::string_view field, bool has, double v, double lo,
                 double hi, bool mandatory);
// A confidence / ranking in [0, 1] (floats on the wire).
bool unit_interval(Check& c, const Path& p, std::string_view field, bool has, float v);
bool timestamp_field(Check& c, const Path& p, std::string_view field, bool has,
                     const google::protobuf::Timestamp& t, bool mandatory);
// "30N", "30S", "30U": a zone number 1-60 and a hemisphere or MGRS latitude-band letter.
bool utm_zone_ok(std::string_view zone);

// Shared message types.
bool check_location(Check& c, const Path& p, const sapient_pb::Location& l);
bool check_location_list(Check& c, const Path& p, const sapient_pb::LocationList& l);
bool check_range_bearing(Check& c, const Path& p, const sapient_pb::RangeBearing& rb);
bool check_range_bearing_cone(Check& c, const Path& p, const sapient_pb::RangeBearingCone& rb);
bool check_location_or_range_bearing(Check& c, const Path& p,
                                     const sapient_pb::LocationOrRangeBearing& l);
bool check_associated_file(Check& c, const Path& p, const sapient_pb::AssociatedFile& f);
bool check_associated_detection(Check& c, const Path& p,
                                const sapient_pb::AssociatedDetection& d);

// Registration parts shared by validator_registration.cpp and validator_modes.cpp.
bool check_duration(Check& c, const Path& p, std::string_view field, bool has,
                    const sapient_pb::Registration::Duration& d, bool mandatory, bool positive);
// can_only_be_location: a node's own location is never range/bearing.
bool check_location_type(Check& c, const Path& p, std::string_view field, bool has,
                         const sapient_pb::Registration::LocationType& t, bool mandatory,
                         bool can_only_be_location);
bool check_performance_value(Check& c, const Path& p,
                             const sapient_pb::Registration::PerformanceValue& v);
bool check_mode_definition(Check& c, const Path& p,
                           const sapient_pb::Registration::ModeDefinition& m);

// Per content (validator_registration.cpp, validator_reports.cpp, validator_task.cpp).
bool check_registration(Check& c, const Path& p, const sapient_pb::Registration& r);
bool check_registration_ack(Check& c, const Path& p, const sapient_pb::RegistrationAck& r);
bool check_status_report(Check& c, const Path& p, const sapient_pb::StatusReport& r);
bool check_detection_report(Check& c, const Path& p, const sapient_pb::DetectionReport& r);
bool check_alert(Check& c, const Path& p, const sapient_pb::Alert& a);
bool check_alert_ack(Check& c, const Path& p, const sapient_pb::AlertAck& a);
bool check_task(Check& c, const Path& p, const sapient_pb::Task& t);
bool check_task_ack(Check& c, const Path& p, const sapient_pb::TaskAck& t);
bool check_error(Check& c, const Path& p, const sapient_pb::Error& e);

}  // namespace dewline::ingest::sapient::detail
