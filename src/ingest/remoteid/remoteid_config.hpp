// remoteid_config.hpp: settings of one Remote ID receiver ([[remoteid]] in the site TOML).
//
//   [[remoteid]]
//   name = "rid-north"          # sensor name in logs and counters
//   sensor_id = 7               # SensorId on the detections
//   position_enu_m = [0, 0, 2]  # receiver antenna in the site frame
//   input = "pcap:capture.pcapng"   # or "live:wlan0mon", "udp://127.0.0.1:4810"
//   default_sigma_h_m = 30.0    # 1-sigma when the horizontal accuracy category is 0 (unknown)
//   ...
//
// The defaults below are what docs/ingest-remoteid.md documents; each key is read with its type
// and range through ConfigSection so a typo is reported, never silently ignored.
#pragma once

#include <cstdint>
#include <string>

#include "core/config.hpp"
#include "core/geodesy.hpp"
#include "core/ids.hpp"

namespace dewline::ingest::remoteid {

struct RemoteIdConfig {
  std::string name = "remoteid";
  SensorId sensor{};
  Vec3 position_m = Vec3::Zero();
  std::string input;  // pcap:PATH | live:IFACE | udp://HOST:PORT (frame_source.hpp)
  std::string bpf_filter;  // live capture only

  // Measurement noise when the broadcast does not say (accuracy category 0 = "unknown"):
  double default_sigma_h_m = 30.0;
  double default_sigma_v_m = 45.0;
  double default_sigma_speed_mps = 5.0;
  // Pressure altitude is referenced to 1013.25 hPa, not the ellipsoid: its error is added in
  // quadrature when it stands in for the geodetic altitude.
  double baro_as_geodetic_sigma_m = 50.0;
  // Height above takeoff/ground stands in when neither altitude is known: the takeoff point is
  // assumed at the site origin height (or the operator altitude when the System message gives
  // it) with this extra 1-sigma.
  double height_reference_sigma_m = 15.0;
  // A Location timestamp (tenths of s since the hour) more than this far from the receive time
  // is not trusted; the receive time is used instead.
  double max_timestamp_offset_s = 10.0;
  // Probability put on the UA type the Basic ID declares (a claim, not a measurement).
  double ua_type_confidence = 0.9;
  // Emitters not heard for this long are forgotten; at most this many are kept.
  double emitter_timeout_s = 300.0;
  std::uint32_t max_emitters = 4096;
};

// Reads one [[remoteid]] table; errors are recorded in the section's document.
void read_config(ConfigSection s, RemoteIdConfig& cfg);

}  // namespace dewline::ingest::remoteid
