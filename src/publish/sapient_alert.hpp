// sapient_alert.hpp: a dewline alert state change as a SAPIENT Alert message (BSI Flex 335 v2.0,
// alert.proto), sent by dewline acting as a node towards a higher-level fusion node or C2.
//
//   raised        -> status ACTIVE       acknowledged -> ACKNOWLEDGE
//   cleared/expired -> status CLEAR
//   threat critical -> type CRITICAL, priority HIGH;  high -> WARNING, HIGH;
//   medium -> WARNING, MEDIUM;  low/none -> INFORMATION, LOW
// The alert_id is a ULID derived from dewline's AlertId (ulid_from_u64), so every state change of
// one alert carries the same id. The location is the track's position (WGS84 lat/lng degrees,
// ellipsoid height), the description says class, zone and the rule that fired, the confidence is
// the probability of the track's coarse class, and additional_information carries the track id,
// threat level and class probabilities as "key=value; ..." text.
#pragma once

#include <string>

#include "core/alert.hpp"
#include "core/geodesy.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::publish {

// Fills `out` (cleared first) with a SapientMessage holding the Alert for `e`, from node
// `node_id` (a UUID) to `destination_id` (may be empty). Positions are in `site`'s frame.
void sapient_alert_from_event(const AlertEvent& e, const EnuFrame& site, const std::string& node_id,
                              const std::string& destination_id, sapient_pb::SapientMessage& out);

}  // namespace dewline::publish
