#include "ingest/sapient/sapient_config.hpp"

#include "core/angles.hpp"
#include "ingest/sapient/sapient_ids.hpp"

namespace dewline::ingest::sapient {

void read_sapient_config(ConfigSection s, SapientConfig& cfg) {
  if (!s.exists()) {
    return;
  }
  s.get("listen", cfg.listen);
  std::int64_t max_bytes = static_cast<std::int64_t>(cfg.max_message_bytes);
  s.get("max_message_bytes", max_bytes, Range{64.0, 64.0 * 1024 * 1024});
  cfg.max_message_bytes = static_cast<std::size_t>(max_bytes);
  s.get("node_id", cfg.node_id);
  if (!is_uuid(cfg.node_id)) {
    s.error("node_id", "not a UUID: \"" + cfg.node_id + "\"");
  }
  s.get("require_registration", cfg.require_registration);
  s.get("reply_errors", cfg.reply_errors);
  s.get("first_auto_sensor_id", cfg.first_auto_sensor_id, Range{1.0, 4.0e9});
  std::int64_t max_nodes = static_cast<std::int64_t>(cfg.max_nodes);
  s.get("max_nodes", max_nodes, Range{1.0, 100000.0});
  cfg.max_nodes = static_cast<std::size_t>(max_nodes);
  auto& c = cfg.conversion;
  s.get("geoid_undulation_m", c.geoid_undulation_m, Range{-120.0, 120.0});
  s.get("max_distance_from_site_m", c.max_distance_from_site_m, Range{1.0, 20.0e6});
  s.get("default_sigma_position_m", c.default_sigma_position_m, Range{0.01, 1e5});
  s.get("default_sigma_altitude_m", c.default_sigma_altitude_m, Range{0.01, 1e5});
  s.get("missing_altitude_sigma_m", c.missing_altitude_sigma_m, Range{0.01, 1e5});
  double az_deg = c.default_sigma_azimuth_rad * kRadToDeg;
  double el_deg = c.default_sigma_elevation_rad * kRadToDeg;
  s.get("default_sigma_azimuth_deg", az_deg, Range{0.001, 180.0});
  s.get("default_sigma_elevation_deg", el_deg, Range{0.001, 90.0});
  c.default_sigma_azimuth_rad = az_deg * kDegToRad;
  c.default_sigma_elevation_rad = el_deg * kDegToRad;
  s.get("default_sigma_range_m", c.default_sigma_range_m, Range{0.01, 1e5});
  s.get("default_sigma_velocity_mps", c.default_sigma_velocity_mps, Range{0.01, 1e3});
  for (ConfigSection n : s.sections("node")) {
    NodeConfig nc;
    n.get("node_id", nc.node_id, true);
    if (!nc.node_id.empty() && !is_uuid(nc.node_id)) {
      n.error("node_id", "not a UUID: \"" + nc.node_id + "\"");
    }
    if (n.has("sensor_id")) {
      std::uint32_t id = 0;
      n.get("sensor_id", id, Range{0.0, 4.0e9});
      nc.sensor = SensorId{id};
    }
    n.get("name", nc.name);
    if (n.has("lat_deg") || n.has("lon_deg")) {
      Geodetic g;
      n.get("lat_deg", g.lat_deg, Range{-90.0, 90.0}, true);
      n.get("lon_deg", g.lon_deg, Range{-180.0, 180.0}, true);
      n.get("alt_m", g.alt_m, Range{-1000.0, 20000.0});
      nc.position = g;
    }
    if (n.has("magnetic_declination_deg")) {
      double d = 0.0;
      n.get("magnetic_declination_deg", d, Range{-180.0, 180.0});
      nc.magnetic_declination_deg = d;
    }
    if (n.has("platform_heading_deg")) {
      double d = 0.0;
      n.get("platform_heading_deg", d, Range{-360.0, 360.0});
      nc.platform_heading_deg = d;
    }
    cfg.nodes.push_back(std::move(nc));
  }
}

}  // namespace dewline::ingest::sapient
