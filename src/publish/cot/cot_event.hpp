// cot_event.hpp: Cursor on Target (CoT) events — the XML that TAK clients and servers read.
//
// Follows the CoT Event schema version 2.0 (MITRE, Event-PUBLIC.xsd, 13 June 2003): an <event>
// with version, uid, type, time, start, stale and how; a <point> with lat, lon (WGS84 degrees),
// hae (height above the ellipsoid, m), ce and le (circular and linear error, m; 9999999 when
// unknown); and a <detail> holding <track course speed> (course in degrees clockwise from true
// north, speed in m/s, the CoT track sub-schema), <contact callsign> and <remarks>.
//
// Types (MIL-STD-2525 through CoT's atom tree): a-<affiliation>-A-... with affiliation h
// (hostile), f (friend), n (neutral), u (unknown); a drone is A-M-F-Q (fixed wing, unmanned) or
// A-M-H-Q (rotary wing, unmanned); a manned aircraft A-C-F / A-C-H (civil fixed / rotary wing).
// dewline reports what its sensors measured, so how = "m-f" (machine, fused).
//
//   CotEvent e = cot_from_track(track, site, now, Duration::from_seconds(30));
//   std::string xml = encode_cot(e);
#pragma once

#include <optional>
#include <string>

#include "core/alert.hpp"
#include "core/geodesy.hpp"
#include "core/time.hpp"
#include "core/track.hpp"

namespace dewline::publish::cot {

inline constexpr double kUnknownError = 9999999.0;

struct CotEvent {
  std::string uid;
  std::string type;  // "a-h-A-M-H-Q"
  std::string how = "m-f";
  Time time;
  Time start;
  Time stale;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double hae_m = 0.0;
  double ce_m = kUnknownError;
  double le_m = kUnknownError;
  std::optional<double> course_deg;
  std::optional<double> speed_mps;
  std::string callsign;
  std::string remarks;
};

// The CoT type for a track's assessment: hostile drones a-h-A-M-F-Q (fixed-wing) or
// a-h-A-M-H-Q (multirotor); allow-listed drones a-f-...; manned aircraft a-n-A-C-F / a-n-A-C-H;
// anything else a-u-A.
[[nodiscard]] std::string cot_type(const Track& t);

// An event for a track at `now`, stale after `stale_after` (a cleared alert: pass 0 so the
// picture drops it).
[[nodiscard]] CotEvent cot_from_track(const Track& t, const EnuFrame& site, Time now,
                                      Duration stale_after);
// The same with the alert's words in the remarks.
[[nodiscard]] CotEvent cot_from_alert(const AlertEvent& e, const EnuFrame& site,
                                      Duration stale_after);

// The XML text of one event, with the XML declaration.
[[nodiscard]] std::string encode_cot(const CotEvent& e);

// &, <, >, " and ' escaped for an XML attribute or text.
[[nodiscard]] std::string xml_escape(std::string_view s);

}  // namespace dewline::publish::cot
