#include "publish/sapient_alert.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace dewline::publish {
namespace {

using A = sapient_pb::Alert;

A::AlertStatus status_of(AlertState s) {
  switch (s) {
    case AlertState::Raised:
      return A::ALERT_STATUS_ACTIVE;
    case AlertState::Acknowledged:
      return A::ALERT_STATUS_ACKNOWLEDGE;
    case AlertState::Cleared:
    case AlertState::Expired:
      return A::ALERT_STATUS_CLEAR;
  }
  return A::ALERT_STATUS_UNSPECIFIED;
}

A::AlertType type_of(ThreatLevel t) {
  switch (t) {
    case ThreatLevel::Critical:
      return A::ALERT_TYPE_CRITICAL;
    case ThreatLevel::High:
    case ThreatLevel::Medium:
      return A::ALERT_TYPE_WARNING;
    case ThreatLevel::Low:
    case ThreatLevel::None:
      return A::ALERT_TYPE_INFORMATION;
  }
  return A::ALERT_TYPE_UNSPECIFIED;
}

A::DiscretePriority priority_of(ThreatLevel t) {
  switch (t) {
    case ThreatLevel::Critical:
    case ThreatLevel::High:
      return A::DISCRETE_PRIORITY_HIGH;
    case ThreatLevel::Medium:
      return A::DISCRETE_PRIORITY_MEDIUM;
    case ThreatLevel::Low:
    case ThreatLevel::None:
      return A::DISCRETE_PRIORITY_LOW;
  }
  return A::DISCRETE_PRIORITY_UNSPECIFIED;
}

}  // namespace

void sapient_alert_from_event(const AlertEvent& e, const EnuFrame& site, const std::string& node_id,
                              const std::string& destination_id, sapient_pb::SapientMessage& out) {
  out.Clear();
  ingest::sapient::set_timestamp(e.time, *out.mutable_timestamp());
  out.set_node_id(node_id);
  if (!destination_id.empty()) {
    out.set_destination_id(destination_id);
  }
  A& a = *out.mutable_alert();
  a.set_alert_id(ingest::sapient::ulid_from_u64(to_underlying(e.alert_id)));
  a.set_alert_type(type_of(e.threat));
  a.set_status(status_of(e.state));
  a.set_priority(priority_of(e.threat));
  const Track& t = e.track;
  const CoarseClass coarse = coarse_of(t.assessment.target_class);
  a.set_description(fmt::format("{} {} track {} in/near {} zone {}: {}", to_string(e.threat),
                                to_string(coarse), to_underlying(e.track_id), to_string(e.level),
                                e.zone, e.reason));
  const Geodetic g = site.to_geodetic(t.position_m);
  sapient_pb::Location& l = *a.mutable_location();
  l.set_x(g.lon_deg);
  l.set_y(g.lat_deg);
  l.set_z(g.alt_m);
  l.set_coordinate_system(sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M);
  l.set_datum(sapient_pb::LOCATION_DATUM_WGS84_E);
  const double conf = std::clamp(t.assessment.class_probabilities.coarse(coarse), 0.0, 1.0);
  a.set_confidence(static_cast<float>(conf));
  a.set_ranking(static_cast<float>(static_cast<double>(to_underlying(e.threat)) / 4.0));
  const auto& p = t.assessment.class_probabilities;
  a.set_additional_information(
      fmt::format("track_id={}; state={}; threat={}; class={}; p_drone={:.3f}; p_bird={:.3f}; "
                  "p_aircraft={:.3f}",
                  to_underlying(e.track_id), to_string(e.state), to_string(e.threat),
                  to_string(t.assessment.target_class), p.coarse(CoarseClass::Drone),
                  p.coarse(CoarseClass::Bird), p.coarse(CoarseClass::Aircraft)));
}

}  // namespace dewline::publish
