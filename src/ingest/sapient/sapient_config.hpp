// sapient_config.hpp: the [sapient] section of a site configuration: where dewline listens as a
// SAPIENT fusion node, the frame-size limit, its own node id, how gaps in reports are filled,
// and what is known about each node beforehand (its sensor id, position, magnetic declination).
//
//   [sapient]
//   listen = "tcp://0.0.0.0:5020"
//   max_message_bytes = 1048576         # larger length prefixes close the connection
//   node_id = "de411e00-0000-4000-8000-000000000000"   # dewline's own UUID
//   require_registration = true          # reports from unregistered nodes are rejected
//   reply_errors = true                  # answer invalid messages with a SAPIENT Error
//   geoid_undulation_m = 47.5            # site's geoid height N, for WGS84_G altitudes
//   [[sapient.node]]
//   node_id = "a8654cdf-4328-47de-81fa-c495589e30c8"
//   sensor_id = 3
//   name = "rf-north"
//   lat_deg = 51.17   lon_deg = -1.82   alt_m = 120      # WGS84 ellipsoid
//   magnetic_declination_deg = 0.9
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/geodesy.hpp"
#include "core/ids.hpp"
#include "ingest/sapient/location_convert.hpp"
#include "ingest/sapient/sapient_framer.hpp"

namespace dewline::ingest::sapient {

// What the configuration says about one node before it connects.
struct NodeConfig {
  std::string node_id;  // UUID
  std::optional<SensorId> sensor;
  std::string name;
  std::optional<Geodetic> position;  // overrides the StatusReport's node_location
  std::optional<double> magnetic_declination_deg;
  std::optional<double> platform_heading_deg;
};

struct SapientConfig {
  std::string listen = "tcp://0.0.0.0:5020";
  std::size_t max_message_bytes = kDefaultMaxMessageBytes;
  std::string node_id = "de411e00-0000-4000-8000-000000000000";
  bool require_registration = true;
  bool reply_errors = true;
  std::uint32_t first_auto_sensor_id = 1000;  // ids for nodes the configuration does not name
  std::size_t max_nodes = 256;                // registrations beyond this are refused
  std::size_t max_alerts_kept = 256;
  ConversionSettings conversion;
  std::vector<NodeConfig> nodes;
};

// Reads [sapient] into `cfg` (defaults kept for absent keys); errors are recorded in the
// section's ConfigDocument with file:line:column.
void read_sapient_config(ConfigSection s, SapientConfig& cfg);

}  // namespace dewline::ingest::sapient
