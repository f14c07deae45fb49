// node_registry.hpp: what dewline, as a SAPIENT fusion node, knows about each node (ASM): from
// the configuration, its Registration (node types, ICD version, capabilities, UTM zone and
// velocity units it reports in), and its latest StatusReport (health, mode, power, location,
// field of view, coverage). Keyed by the node's UUID; a node keeps its state across reconnects.
//
// Not thread-safe: the server serialises access (sapient_server.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geodesy.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "core/time.hpp"
#include "ingest/sapient/location_convert.hpp"
#include "ingest/sapient/sapient_config.hpp"
#include "ingest/sapient/sapient_error.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

struct NodeState {
  std::string node_id;
  SensorId sensor{};
  std::string name;
  std::string short_name;
  bool registered = false;
  bool connected = false;  // false after a SYSTEM_GOODBYE status
  Time registered_at;
  Time last_seen;
  std::string icd_version;
  std::vector<sapient_pb::Registration::NodeType> node_types;
  std::vector<std::string> capabilities;  // "category: type = value units"
  SensorKind kind = SensorKind::Other;

  // How its reports are written (from the Registration's definitions).
  std::optional<UtmZone> utm_zone;
  double east_north_speed_to_mps = 1.0;  // SPEED_UNITS_KPH -> 1 / 3.6
  double up_speed_to_mps = 1.0;

  // Where it is: configured, else the latest StatusReport.node_location.
  bool position_configured = false;
  std::optional<Geodetic> position;
  Vec3 position_enu_m = Vec3::Zero();
  std::optional<double> magnetic_declination_deg;
  std::optional<double> platform_heading_deg;

  // Latest StatusReport.
  sapient_pb::StatusReport::System system = sapient_pb::StatusReport::SYSTEM_UNSPECIFIED;
  std::string mode;
  std::optional<int> power_level;
  std::string active_task_id;
  std::optional<sapient_pb::LocationOrRangeBearing> field_of_view;
  std::vector<sapient_pb::LocationOrRangeBearing> coverage;
  std::vector<std::string> status_items;  // "STATUS_TYPE_WEATHER=Rain"

  std::uint64_t detections = 0;
  std::uint64_t rejected = 0;

  [[nodiscard]] SensorPose pose() const;
};

class NodeRegistry {
 public:
  NodeRegistry(const SapientConfig& cfg, const EnuFrame& site);

  [[nodiscard]] NodeState* find(std::string_view node_id);
  [[nodiscard]] const NodeState* find(std::string_view node_id) const;
  // Registers (or re-registers) the sender of a validated Registration message.
  Result<NodeState*, SapientError> on_registration(const sapient_pb::SapientMessage& msg, Time now);
  // A node known only from the configuration or a report (require_registration = false).
  NodeState* ensure(std::string_view node_id, Time now);
  // Applies a validated StatusReport to its (known) node. Returns an error when the reported
  // node location cannot be placed (the rest of the status is applied).
  Result<void, SapientError> on_status(NodeState& node, const sapient_pb::StatusReport& s, Time now);

  [[nodiscard]] const std::map<std::string, NodeState, std::less<>>& nodes() const { return nodes_; }
  // The nodes as dewline sensors (id, name, kind, position), sorted by sensor id.
  [[nodiscard]] SensorRegistry sensors() const;

 private:
  NodeState& create(std::string_view node_id);
  const SapientConfig& cfg_;
  EnuFrame site_;
  std::map<std::string, NodeState, std::less<>> nodes_;
  std::uint32_t next_auto_id_;
};

// SensorKind for SAPIENT node types (first one that maps).
[[nodiscard]] SensorKind sensor_kind_of(const std::vector<sapient_pb::Registration::NodeType>& t);

}  // namespace dewline::ingest::sapient
