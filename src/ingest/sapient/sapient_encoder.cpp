#include "ingest/sapient/sapient_encoder.hpp"

#include <GeographicLib/Constants.hpp>

#include <cmath>

#include "core/angles.hpp"
#include "ingest/sapient/sapient_classes.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace dewline::ingest::sapient {
namespace {

using R = sapient_pb::Registration;

void radii(double lat_rad, double& m, double& n) {
  const double a = GeographicLib::Constants::WGS84_a();
  const double f = GeographicLib::Constants::WGS84_f();
  const double e2 = f * (2.0 - f);
  const double s = std::sin(lat_rad);
  const double w = 1.0 - e2 * s * s;
  n = a / std::sqrt(w);
  m = a * (1.0 - e2) / (w * std::sqrt(w));
}

void set_lat_lng(const Geodetic& g, sapient_pb::Location& l) {
  l.set_x(g.lon_deg);
  l.set_y(g.lat_deg);
  l.set_z(g.alt_m);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
}

void set_duration(R::Duration& d, R::TimeUnits u, float v) {
  d.set_units(u);
  d.set_value(v);
}

void add_class_definitions(R::DetectionDefinition& dd) {
  auto* cd = dd.add_detection_class_definition();
  cd->set_confidence_definition(R::CONFIDENCE_DEFINITION_MULTI_CLASS);
  auto* air = cd->add_class_definition();
  air->set_type("Air Vehicle");
  air->set_units("probability");
  for (const char* s :
       {"UAV Rotary Wing", "UAV Fixed Wing", "Manned Rotary Wing", "Manned Fixed Wing", "Glider"}) {
    auto* sc = air->add_sub_class();
    sc->set_type(s);
    sc->set_units("probability");
    sc->set_level(1);
  }
  auto* animal = cd->add_class_definition();
  animal->set_type("Animal");
  animal->set_units("probability");
  auto* bird = animal->add_sub_class();
  bird->set_type("Bird");
  bird->set_units("probability");
  bird->set_level(1);
  auto* unknown = cd->add_class_definition();
  unknown->set_type("Unknown");
  unknown->set_units("probability");
}

}  // namespace

R::NodeType node_type_of(SensorKind k) {
  switch (k) {
    case SensorKind::RotatingRadar:
    case SensorKind::EsaRadar:
      return R::NODE_TYPE_RADAR;
    case SensorKind::RfDetector:
    case SensorKind::RemoteIdReceiver:
    case SensorKind::AdsbReceiver:
      return R::NODE_TYPE_PASSIVE_RF;
    case SensorKind::Acoustic:
      return R::NODE_TYPE_ACOUSTIC;
    case SensorKind::EoIr:
      return R::NODE_TYPE_CAMERA;
    case SensorKind::Other:
      break;
  }
  return R::NODE_TYPE_OTHER;
}

SapientEncoder::SapientEncoder(const SensorInfo& sensor, const EnuFrame& site, std::string node_id,
                               std::uint64_t seed)
    : sensor_(sensor),
      site_(site),
      node_id_(node_id.empty() ? node_uuid_for(sensor.id) : std::move(node_id)),
      ids_(seed ^ (static_cast<std::uint64_t>(to_underlying(sensor.id)) << 32U)) {}

void SapientEncoder::envelope(Time t) {
  msg_.Clear();
  set_timestamp(t, *msg_.mutable_timestamp());
  msg_.set_node_id(node_id_);
  if (!destination_.empty()) {
    msg_.set_destination_id(destination_);
  }
}

const sapient_pb::SapientMessage& SapientEncoder::registration(Time t) {
  envelope(t);
  R& r = *msg_.mutable_registration();
  auto* nd = r.add_node_definition();
  nd->set_node_type(node_type_of(sensor_.kind));
  nd->add_node_sub_type(std::string(to_string(sensor_.kind)));
  r.set_icd_version(kIcdVersion);
  r.set_name(sensor_.name.empty() ? node_id_ : sensor_.name);
  r.set_short_name(sensor_.name.substr(0, 16));
  auto* cap = r.add_capabilities();
  cap->set_category("Sensor");
  cap->set_type(std::string(to_string(sensor_.kind)));
  if (sensor_.range_max_m > 0.0) {
    cap->set_value(std::to_string(sensor_.range_max_m));
    cap->set_units("m");
  }
  auto* sd = r.mutable_status_definition();
  set_duration(*sd->mutable_status_interval(), R::TIME_UNITS_SECONDS,
               static_cast<float>(sensor_.scan_period_s > 0.0 ? sensor_.scan_period_s : 1.0));
  sd->mutable_location_definition()->set_location_units(
      sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  sd->mutable_location_definition()->set_location_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  auto* mode = r.add_mode_definition();
  mode->set_mode_name("Default");
  mode->set_mode_type(R::MODE_TYPE_PERMANENT);
  set_duration(*mode->mutable_settle_time(), R::TIME_UNITS_SECONDS, 1.0F);
  mode->set_scan_type(sensor_.kind == SensorKind::RotatingRadar ? R::SCAN_TYPE_SCANNING
                                                                : R::SCAN_TYPE_FIXED);
  mode->set_tracking_type(R::TRACKING_TYPE_TRACKLET);
  // Two detection definitions: range/bearing (true north, degrees, metres) and lat/lng.
  auto* rb = mode->add_detection_definition();
  rb->mutable_location_type()->set_range_bearing_units(
      sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M);
  rb->mutable_location_type()->set_range_bearing_datum(sapient_pb::RANGE_BEARING_DATUM_TRUE);
  add_class_definitions(*rb);
  auto* ll = mode->add_detection_definition();
  ll->mutable_location_type()->set_location_units(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  ll->mutable_location_type()->set_location_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  add_class_definitions(*ll);
  auto* vt = ll->mutable_velocity_type();
  vt->mutable_enu_velocity_units()->set_east_north_rate_units(sapient_pb::SPEED_UNITS_MS);
  vt->mutable_enu_velocity_units()->set_up_rate_units(sapient_pb::SPEED_UNITS_MS);
  vt->set_location_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  auto* ge = ll->mutable_geometric_error();
  ge->set_type("Standard Deviation");
  ge->set_units("coordinate units");
  ge->set_variation_type("per report");
  auto* task = mode->mutable_task();
  task->set_concurrent_tasks(0);
  auto* region = task->mutable_region_definition();
  region->add_region_type(R::REGION_TYPE_AREA_OF_INTEREST);
  auto* area = region->add_region_area();
  area->set_location_units(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  area->set_location_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  auto* cfg = r.add_config_data();
  cfg->set_manufacturer("dewline");
  cfg->set_model("dewline simulated sensor");
  return msg_;
}

const sapient_pb::SapientMessage& SapientEncoder::status_report(
    Time t, sapient_pb::StatusReport::System system) {
  envelope(t);
  auto& s = *msg_.mutable_status_report();
  s.set_report_id(ids_.next(t));
  s.set_system(system);
  s.set_info(first_status_ ? sapient_pb::StatusReport::INFO_NEW
                           : sapient_pb::StatusReport::INFO_UNCHANGED);
  first_status_ = false;
  s.set_mode("Default");
  set_lat_lng(site_.to_geodetic(sensor_.position_m), *s.mutable_node_location());
  return msg_;
}

const sapient_pb::SapientMessage& SapientEncoder::detection_report(const Detection& d) {
  envelope(d.time);
  auto& r = *msg_.mutable_detection_report();
  r.set_report_id(ids_.next(d.time));
  // The sensor's own object number; without one, a new object per report (no tracking).
  r.set_object_id(d.sensor_object_id ? ulid_from_u64(*d.sensor_object_id) : ids_.next(d.time));
  const Geodetic sensor_g = site_.to_geodetic(d.sensor_position_m);
  if (const auto* p = std::get_if<PositionMeasurement>(&d.measurement)) {
    const Geodetic g = site_.to_geodetic(p->position_m);
    auto& l = *r.mutable_location();
    set_lat_lng(g, l);
    // Site-axes covariance -> local east/north/up sigmas -> coordinate units (degrees).
    const Mat3 rot = site_.rotation_from_local(g);
    const Mat3 local = rot.transpose() * p->covariance_m2 * rot;
    double m = 0.0;
    double n = 0.0;
    radii(g.lat_deg * kDegToRad, m, n);
    l.set_x_error(std::sqrt(std::max(0.0, local(0, 0))) /
                  ((n + g.alt_m) * std::cos(g.lat_deg * kDegToRad)) * kRadToDeg);
    l.set_y_error(std::sqrt(std::max(0.0, local(1, 1))) / (m + g.alt_m) * kRadToDeg);
    l.set_z_error(std::sqrt(std::max(0.0, local(2, 2))));
    if (p->velocity_mps) {
      const Vec3 v = rot.transpose() * *p->velocity_mps;
      const Mat3 vc = rot.transpose() * p->velocity_covariance_m2ps2 * rot;
      auto& ev = *r.mutable_enu_velocity();
      ev.set_east_rate(v.x());
      ev.set_north_rate(v.y());
      ev.set_up_rate(v.z());
      ev.set_east_rate_error(std::sqrt(std::max(0.0, vc(0, 0))));
      ev.set_north_rate_error(std::sqrt(std::max(0.0, vc(1, 1))));
      ev.set_up_rate_error(std::sqrt(std::max(0.0, vc(2, 2))));
    }
  } else {
    double az = 0.0;
    std::optional<double> el;
    double saz = 0.0;
    double sel = 0.0;
    std::optional<double> range;
    double srange = 0.0;
    if (const auto* pp = std::get_if<PolarMeasurement>(&d.measurement)) {
      az = pp->azimuth_rad;
      el = pp->elevation_rad;
      saz = pp->sigma_azimuth_rad;
      sel = pp->sigma_elevation_rad;
      range = pp->range_m;
      srange = pp->sigma_range_m;
    } else if (const auto* b = std::get_if<BearingMeasurement>(&d.measurement)) {
      az = b->azimuth_rad;
      el = b->elevation_rad;
      saz = b->sigma_azimuth_rad;
      sel = b->sigma_elevation_rad;
    }
    // Line of sight in site axes -> the sensor's local axes -> compass bearing (true north).
    const Vec3 los_site = polar_to_enu(1.0, az, el.value_or(0.0));
    const Vec3 local = site_.rotation_from_local(sensor_g).transpose() * los_site;
    auto& rb = *r.mutable_range_bearing();
    rb.set_azimuth(azimuth_to_compass_deg(std::atan2(local.y(), local.x())));
    rb.set_azimuth_error(saz * kRadToDeg);
    if (el) {
      rb.set_elevation(std::asin(std::clamp(local.z(), -1.0, 1.0)) * kRadToDeg);
      rb.set_elevation_error(sel * kRadToDeg);
    }
    if (range) {
      rb.set_range(*range);
      rb.set_range_error(srange);
    }
    rb.set_coordinate_system(sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M);
    rb.set_datum(sapient_pb::RANGE_BEARING_DATUM_TRUE);
  }
  if (d.class_probabilities) {
    add_classification(*d.class_probabilities, r);
  }
  return msg_;
}

}  // namespace dewline::ingest::sapient
