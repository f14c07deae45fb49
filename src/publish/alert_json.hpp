// alert_json.hpp: an AlertEvent as JSON — one line of alerts.jsonl (exchange-csv.md) and the body
// every alert sink sends (webhook).
//
// Keys of exchange-csv.md: time_s, alert_id, track_id, state (raised, acknowledged, cleared,
// expired), zone, level (warning, protected), reason. Added: threat, class, p_drone, p_bird,
// p_aircraft, time_to_zone_s, friendly, spoof, and `evidence`: the track's snapshot (position,
// velocity, sensors, identity, existence), its recent history, and with a site frame the
// snapshot's WGS84 position.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/alert.hpp"
#include "core/geodesy.hpp"

namespace dewline::publish {

[[nodiscard]] nlohmann::json alert_to_json(const AlertEvent& e, const EnuFrame* frame = nullptr);
// One line (no trailing newline).
[[nodiscard]] std::string alert_to_jsonl(const AlertEvent& e, const EnuFrame* frame = nullptr);

}  // namespace dewline::publish
