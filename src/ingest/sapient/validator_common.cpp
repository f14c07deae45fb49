// validator_common.cpp: field checks and the validators of SAPIENT's shared types (Location,
// LocationList, RangeBearing, RangeBearingCone, LocationOrRangeBearing, AssociatedFile,
// AssociatedDetection), BSI Flex 335 v2.0.
#include <array>
#include <numbers>

#include "ingest/sapient/validator_internal.hpp"

namespace dewline::ingest::sapient::detail {
namespace {

constexpr double kPi = std::numbers::pi;

std::string quoted(std::string_view v) {
  constexpr std::size_t kMax = 64;
  std::string s = "\"";
  s.append(v.substr(0, kMax));
  if (v.size() > kMax) {
    s += "...";
  }
  s += "\"";
  return s;
}

std::string num(double v) {
  std::array<char, 32> b{};
  std::snprintf(b.data(), b.size(), "%.10g", v);
  return std::string(b.data());
}

bool blank(std::string_view s) {
  for (char ch : s) {
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string Path::str() const {
  std::string head = parent_ != nullptr ? parent_->str() : std::string();
  if (name_.empty()) {
    return head;
  }
  if (!head.empty()) {
    head += '.';
  }
  head.append(name_);
  if (index_ >= 0) {
    head += '[' + std::to_string(index_) + ']';
  }
  return head;
}

bool Check::fail(const Path& p, std::string reason) {
  if (!error) {
    error = SapientError{SapientErrorCode::Invalid, p.str(), std::move(reason), 0};
  }
  return false;
}

bool need_string(Check& c, const Path& p, std::string_view field, bool has,
                 const std::string& v) {
  if (!has) {
    return c.fail(p.at(field), kMissing);
  }
  if (blank(v)) {
    return c.fail(p.at(field), "empty (mandatory)");
  }
  return true;
}

bool need_string(Check& c, const Path& p, std::string_view field, const std::string& v) {
  return need_string(c, p, field, !v.empty(), v);
}

bool ulid_field(Check& c, const Path& p, std::string_view field, bool has, const std::string& v,
                bool mandatory) {
  if (!has || blank(v)) {
    return mandatory ? need_string(c, p, field, has, v) : true;
  }
  if (!is_ulid(v)) {
    return c.fail(p.at(field), "not a ULID: " + quoted(v));
  }
  return true;
}

bool uuid_field(Check& c, const Path& p, std::string_view field, bool has, const std::string& v,
                bool mandatory) {
  if (!has || blank(v)) {
    return mandatory ? need_string(c, p, field, has, v) : true;
  }
  if (!is_uuid(v)) {
    return c.fail(p.at(field), "not a UUID: " + quoted(v));
  }
  return true;
}

bool enum_field(Check& c, const Path& p, std::string_view field, bool has, int v,
                bool (*is_valid)(int), bool mandatory) {
  if (!has) {
    return mandatory ? c.fail(p.at(field), kMissing) : true;
  }
  if (!is_valid(v)) {
    return c.fail(p.at(field), "unknown value " + std::to_string(v));
  }
  if (v == 0 && mandatory) {
    return c.fail(p.at(field), "unspecified (mandatory)");
  }
  return true;
}

bool finite_field(Check& c, const Path& p, std::string_view field, bool has, double v,
                  bool mandatory) {
  if (!has) {
    return mandatory ? c.fail(p.at(field), kMissing) : true;
  }
  if (!std::isfinite(v)) {
    return c.fail(p.at(field), "not a finite number");
  }
  return true;
}

bool range_field(Check& c, const Path& p, std::string_view field, bool has, double v, double lo,
                 double hi, bool mandatory) {
  if (!finite_field(c, p, field, has, v, mandatory)) {
    return false;
  }
  if (has && (v < lo || v > hi)) {
    return c.fail(p.at(field), "out of range: " + num(v) + " is not in [" + num(lo) + ", " +
                                   num(hi) + "]");
  }
  return true;
}

bool unit_interval(Check& c, const Path& p, std::string_view field, bool has, float v) {
  return range_field(c, p, field, has, static_cast<double>(v), 0.0, 1.0, false);
}

bool timestamp_field(Check& c, const Path& p, std::string_view field, bool has,
                     const google::protobuf::Timestamp& t, bool mandatory) {
  if (!has) {
    return mandatory ? c.fail(p.at(field), kMissing) : true;
  }
  // dewline's Time spans 1678..2262; SAPIENT times are UTC since 1970.
  constexpr std::int64_t kMaxSeconds = 9'223'372'036LL - 1;
  if (t.seconds() < 0 || t.seconds() > kMaxSeconds || t.nanos() < 0 || t.nanos() > 999'999'999) {
    return c.fail(p.at(field), "out of range: " + std::to_string(t.seconds()) + " s, " +
                                   std::to_string(t.nanos()) + " ns");
  }
  return true;
}

bool utm_zone_ok(std::string_view z) {
  std::size_t i = 0;
  int zone = 0;
  while (i < z.size() && i < 2 && z[i] >= '0' && z[i] <= '9') {
    zone = zone * 10 + (z[i] - '0');
    ++i;
  }
  if (i == 0 || zone < 1 || zone > 60) {
    return false;
  }
  std::string_view rest = z.substr(i);
  while (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  if (rest.size() != 1) {
    return rest == "north" || rest == "south" || rest == "North" || rest == "South";
  }
  const char b = static_cast<char>(rest[0] >= 'a' && rest[0] <= 'z' ? rest[0] - 'a' + 'A' : rest[0]);
  // Hemisphere letter N/S, or an MGRS latitude band C..X without I and O.
  return b >= 'C' && b <= 'X' && b != 'I' && b != 'O';
}

bool check_location(Check& c, const Path& p, const sapient_pb::Location& l) {
  if (!finite_field(c, p, "x", l.has_x(), l.x(), true) ||
      !finite_field(c, p, "y", l.has_y(), l.y(), true) ||
      !finite_field(c, p, "z", l.has_z(), l.z(), false) ||
      !range_field(c, p, "x_error", l.has_x_error(), l.x_error(), 0.0, HUGE_VAL, false) ||
      !range_field(c, p, "y_error", l.has_y_error(), l.y_error(), 0.0, HUGE_VAL, false) ||
      !range_field(c, p, "z_error", l.has_z_error(), l.z_error(), 0.0, HUGE_VAL, false) ||
      !enum_field(c, p, "coordinate_system", l.has_coordinate_system(), l.coordinate_system(),
                  sapient_pb::LocationCoordinateSystem_IsValid, true) ||
      !enum_field(c, p, "datum", l.has_datum(), l.datum(), sapient_pb::LocationDatum_IsValid,
                  true)) {
    return false;
  }
  // By meaning: x is the longitude and y the latitude of the lat/lng systems.
  switch (l.coordinate_system()) {
    case sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M:
      return range_field(c, p, "y", true, l.y(), -90.0, 90.0, true) &&
             range_field(c, p, "x", true, l.x(), -180.0, 360.0, true);
    case sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_RAD_M:
      return range_field(c, p, "y", true, l.y(), -kPi / 2.0, kPi / 2.0, true) &&
             range_field(c, p, "x", true, l.x(), -kPi, 2.0 * kPi, true);
    case sapient_pb::LOCATION_COORDINATE_SYSTEM_UTM_M:
      if (l.has_utm_zone() && !l.utm_zone().empty() && !utm_zone_ok(l.utm_zone())) {
        return c.fail(p.at("utm_zone"), "not a UTM zone: " + quoted(l.utm_zone()));
      }
      return true;
    default:
      return true;
  }
}

bool check_location_list(Check& c, const Path& p, const sapient_pb::LocationList& l) {
  if (l.locations_size() == 0) {
    return c.fail(p.at("locations"), "empty (at least one location is mandatory)");
  }
  for (int i = 0; i < l.locations_size(); ++i) {
    if (!check_location(c, p.at("locations", i), l.locations(i))) {
      return false;
    }
  }
  return true;
}

namespace {

// Angles and ranges shared by RangeBearing and RangeBearingCone.
template <class RB>
bool check_rb_common(Check& c, const Path& p, const RB& rb) {
  if (!enum_field(c, p, "coordinate_system", rb.has_coordinate_system(), rb.coordinate_system(),
                  sapient_pb::RangeBearingCoordinateSystem_IsValid, true) ||
      !enum_field(c, p, "datum", rb.has_datum(), rb.datum(),
                  sapient_pb::RangeBearingDatum_IsValid, true)) {
    return false;
  }
  const bool radians = rb.coordinate_system() == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_M ||
                       rb.coordinate_system() == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_KM;
  const double right = radians ? kPi / 2.0 : 90.0;
  const double full = radians ? 2.0 * kPi : 360.0;
  return range_field(c, p, "elevation", rb.has_elevation(), rb.elevation(), -right, right, false) &&
         range_field(c, p, "azimuth", rb.has_azimuth(), rb.azimuth(), -full, full, false) &&
         range_field(c, p, "range", rb.has_range(), rb.range(), 0.0, HUGE_VAL, false) &&
         range_field(c, p, "elevation_error", rb.has_elevation_error(), rb.elevation_error(), 0.0,
                     HUGE_VAL, false) &&
         range_field(c, p, "azimuth_error", rb.has_azimuth_error(), rb.azimuth_error(), 0.0,
                     HUGE_VAL, false) &&
         range_field(c, p, "range_error", rb.has_range_error(), rb.range_error(), 0.0, HUGE_VAL,
                     false);
}

}  // namespace

bool check_range_bearing(Check& c, const Path& p, const sapient_pb::RangeBearing& rb) {
  return check_rb_common(c, p, rb);
}

bool check_range_bearing_cone(Check& c, const Path& p, const sapient_pb::RangeBearingCone& rb) {
  return check_rb_common(c, p, rb) &&
         range_field(c, p, "horizontal_extent", rb.has_horizontal_extent(), rb.horizontal_extent(),
                     0.0, 360.0, false) &&
         range_field(c, p, "vertical_extent", rb.has_vertical_extent(), rb.vertical_extent(), 0.0,
                     180.0, false) &&
         range_field(c, p, "horizontal_extent_error", rb.has_horizontal_extent_error(),
                     rb.horizontal_extent_error(), 0.0, HUGE_VAL, false) &&
         range_field(c, p, "vertical_extent_error", rb.has_vertical_extent_error(),
                     rb.vertical_extent_error(), 0.0, HUGE_VAL, false);
}

bool check_location_or_range_bearing(Check& c, const Path& p,
                                     const sapient_pb::LocationOrRangeBearing& l) {
  switch (l.fov_oneof_case()) {
    case sapient_pb::LocationOrRangeBearing::kRangeBearing:
      return check_range_bearing_cone(c, p.at("range_bearing"), l.range_bearing());
    case sapient_pb::LocationOrRangeBearing::kLocationList:
      return check_location_list(c, p.at("location_list"), l.location_list());
    default:
      return c.fail(p, "neither range_bearing nor location_list (one is mandatory)");
  }
}

bool check_associated_file(Check& c, const Path& p, const sapient_pb::AssociatedFile& f) {
  return need_string(c, p, "type", f.has_type(), f.type()) &&
         need_string(c, p, "url", f.has_url(), f.url());
}

bool check_associated_detection(Check& c, const Path& p,
                                const sapient_pb::AssociatedDetection& d) {
  return timestamp_field(c, p, "timestamp", d.has_timestamp(), d.timestamp(), false) &&
         uuid_field(c, p, "node_id", d.has_node_id(), d.node_id(), true) &&
         ulid_field(c, p, "object_id", d.has_object_id(), d.object_id(), true) &&
         enum_field(c, p, "association_type", d.has_association_type(), d.association_type(),
                    sapient_pb::AssociationRelation_IsValid, false);
}

}  // namespace dewline::ingest::sapient::detail
