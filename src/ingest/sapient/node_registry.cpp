#include "ingest/sapient/node_registry.hpp"

namespace dewline::ingest::sapient {
namespace {

using R = sapient_pb::Registration;

double speed_factor(sapient_pb::SpeedUnits u) {
  return u == sapient_pb::SPEED_UNITS_KPH ? 1.0 / 3.6 : 1.0;
}

}  // namespace

SensorPose NodeState::pose() const {
  SensorPose p;
  if (position) {
    p.geodetic = *position;
  }
  p.enu_m = position_enu_m;
  p.magnetic_declination_deg = magnetic_declination_deg;
  p.platform_heading_deg = platform_heading_deg;
  return p;
}

SensorKind sensor_kind_of(const std::vector<R::NodeType>& types) {
  for (auto t : types) {
    switch (t) {
      case R::NODE_TYPE_RADAR:
        return SensorKind::EsaRadar;
      case R::NODE_TYPE_PASSIVE_RF:
        return SensorKind::RfDetector;
      case R::NODE_TYPE_ACOUSTIC:
        return SensorKind::Acoustic;
      case R::NODE_TYPE_CAMERA:
      case R::NODE_TYPE_LIDAR:
        return SensorKind::EoIr;
      default:
        break;
    }
  }
  return SensorKind::Other;
}

NodeRegistry::NodeRegistry(const SapientConfig& cfg, const EnuFrame& site)
    : cfg_(cfg), site_(site), next_auto_id_(cfg.first_auto_sensor_id) {
  for (const auto& nc : cfg.nodes) {
    NodeState& n = create(nc.node_id);
    (void)n;
  }
}

NodeState& NodeRegistry::create(std::string_view node_id) {
  auto it = nodes_.find(node_id);
  if (it != nodes_.end()) {
    return it->second;
  }
  NodeState n;
  n.node_id = std::string(node_id);
  const NodeConfig* nc = nullptr;
  for (const auto& c : cfg_.nodes) {
    if (c.node_id == node_id) {
      nc = &c;
    }
  }
  if (nc != nullptr && nc->sensor) {
    n.sensor = *nc->sensor;
  } else {
    n.sensor = SensorId{next_auto_id_++};
  }
  if (nc != nullptr) {
    n.name = nc->name;
    n.magnetic_declination_deg = nc->magnetic_declination_deg;
    n.platform_heading_deg = nc->platform_heading_deg;
    if (nc->position) {
      n.position = nc->position;
      n.position_configured = true;
      n.position_enu_m = site_.to_enu(*nc->position);
    }
  }
  if (n.name.empty()) {
    n.name = n.node_id;
  }
  return nodes_.emplace(n.node_id, std::move(n)).first->second;
}

NodeState* NodeRegistry::find(std::string_view node_id) {
  auto it = nodes_.find(node_id);
  return it == nodes_.end() ? nullptr : &it->second;
}

const NodeState* NodeRegistry::find(std::string_view node_id) const {
  auto it = nodes_.find(node_id);
  return it == nodes_.end() ? nullptr : &it->second;
}

NodeState* NodeRegistry::ensure(std::string_view node_id, Time now) {
  if (find(node_id) == nullptr && nodes_.size() >= cfg_.max_nodes) {
    return nullptr;
  }
  NodeState& n = create(node_id);
  n.last_seen = now;
  return &n;
}

Result<NodeState*, SapientError> NodeRegistry::on_registration(const sapient_pb::SapientMessage& msg,
                                                               Time now) {
  if (find(msg.node_id()) == nullptr && nodes_.size() >= cfg_.max_nodes) {
    return unexpected(SapientError{SapientErrorCode::Invalid, "node_id",
                                   "too many nodes (max_nodes = " +
                                       std::to_string(cfg_.max_nodes) + ")",
                                   0});
  }
  NodeState& n = create(msg.node_id());
  const R& r = msg.registration();
  n.registered = true;
  n.connected = true;
  n.registered_at = now;
  n.last_seen = now;
  n.icd_version = r.icd_version();
  if (!r.name().empty() && n.name == n.node_id) {
    n.name = r.name();
  }
  n.short_name = r.short_name();
  n.node_types.clear();
  for (const auto& nd : r.node_definition()) {
    n.node_types.push_back(nd.node_type());
  }
  n.kind = sensor_kind_of(n.node_types);
  n.capabilities.clear();
  for (const auto& c : r.capabilities()) {
    std::string s = c.category() + ": " + c.type();
    if (c.has_value()) {
      s += " = " + c.value();
      if (c.has_units()) {
        s += " " + c.units();
      }
    }
    n.capabilities.push_back(std::move(s));
  }
  const bool site_north = site_.origin().lat_deg >= 0.0;
  n.utm_zone.reset();
  const auto& sd = r.status_definition();
  if (sd.has_location_definition() && sd.location_definition().has_zone()) {
    n.utm_zone = parse_utm_zone(sd.location_definition().zone(), site_north);
  }
  n.east_north_speed_to_mps = 1.0;
  n.up_speed_to_mps = 1.0;
  for (const auto& m : r.mode_definition()) {
    for (const auto& d : m.detection_definition()) {
      if (!n.utm_zone && d.has_location_type() && d.location_type().has_zone()) {
        n.utm_zone = parse_utm_zone(d.location_type().zone(), site_north);
      }
      if (d.has_velocity_type() && d.velocity_type().has_enu_velocity_units()) {
        const auto& u = d.velocity_type().enu_velocity_units();
        n.east_north_speed_to_mps = speed_factor(u.east_north_rate_units());
        n.up_speed_to_mps =
            u.has_up_rate_units() ? speed_factor(u.up_rate_units()) : n.east_north_speed_to_mps;
      }
    }
  }
  return &n;
}

Result<void, SapientError> NodeRegistry::on_status(NodeState& n, const sapient_pb::StatusReport& s,
                                                   Time now) {
  n.last_seen = now;
  n.system = s.system();
  n.connected = s.system() != sapient_pb::StatusReport::SYSTEM_GOODBYE;
  n.mode = s.mode();
  n.active_task_id = s.active_task_id();
  n.power_level = s.has_power() && s.power().has_level() ? std::optional<int>(s.power().level())
                                                          : std::nullopt;
  if (s.has_field_of_view()) {
    n.field_of_view = s.field_of_view();
  }
  if (s.coverage_size() > 0) {
    n.coverage.assign(s.coverage().begin(), s.coverage().end());
  }
  n.status_items.clear();
  for (const auto& st : s.status()) {
    n.status_items.push_back(sapient_pb::StatusReport::StatusType_Name(st.status_type()) + "=" +
                             st.status_value());
  }
  if (s.has_node_location() && !n.position_configured) {
    const double alt = n.position ? n.position->alt_m : site_.origin().alt_m;
    auto loc = convert_location(s.node_location(), site_, cfg_.conversion, n.utm_zone, alt);
    if (!loc) {
      return unexpected(SapientError{SapientErrorCode::NotConvertible, "status_report.node_location",
                                     loc.error(), 0});
    }
    n.position = loc->geodetic;
    n.position_enu_m = loc->enu_m;
  }
  return {};
}

SensorRegistry NodeRegistry::sensors() const {
  SensorRegistry reg;
  for (const auto& [id, n] : nodes_) {
    SensorInfo s;
    s.id = n.sensor;
    s.name = n.name;
    s.kind = n.kind;
    s.position_m = n.position_enu_m;
    s.sigma_azimuth_rad = cfg_.conversion.default_sigma_azimuth_rad;
    s.sigma_elevation_rad = cfg_.conversion.default_sigma_elevation_rad;
    s.sigma_range_m = cfg_.conversion.default_sigma_range_m;
    s.sigma_position_m = cfg_.conversion.default_sigma_position_m;
    reg.add(std::move(s));
  }
  return reg;
}

}  // namespace dewline::ingest::sapient
