// emit_remoteid.hpp: what the Remote ID receivers heard, as the radio frames a monitor-mode
// capture would hold: one Wi-Fi beacon per received broadcast (ASTM F3411-22a Wi-Fi beacon
// transport, built by ingest/remoteid/frame_builder.hpp), carrying a message pack of Basic ID
// (serial number), Location, System (when the operator position is known) and Operator ID (when
// given), protocol version 2.
//
// Mapping of a Detection (PositionMeasurement in the site frame) to the Location message
// (F3411-22a table 6): latitude/longitude (1e-7 deg) and geodetic altitude (WGS84 HAE, 0.5 m)
// from the position; course, ground speed (0.25 m/s) and vertical speed (0.5 m/s) from the
// velocity in the drone's local ENU axes; horizontal / vertical / speed accuracy categories from
// the covariance (the smallest category covering the 95 % bound); timestamp = tenths of a
// second since the hour of the broadcast time. The transmitter address is derived from the
// serial (locally administered, stable across runs), the message counter counts transmissions
// per address (a broadcast heard by several receivers carries the same counter),
// the RSSI is the detection's level, and the frame is stamped with the detection time.
//
// Transports: Wi-Fi beacons (radiotap, DLT 127), or Bluetooth 5 long range (AUX_ADV_IND on LE
// Coded PHY with the same message pack, nRF sniffer DLT 272, secondary channel = counter mod 37).
// One receiver writes to FILE; several write one file each, FILE's stem + "-<sensor id>".
// A ".pcapng" extension gives pcapng, anything else classic pcap. The UDP output sends the
// Wi-Fi frames of every receiver through the loopback link (ingest/remoteid/loopback_link.hpp),
// as fast as they are generated.
#pragma once

#include <filesystem>
#include <memory>

#include "ingest/net/socket_io.hpp"
#include "sim/emitter.hpp"

namespace dewline::sim {

enum class RemoteIdTransport : std::uint8_t { WifiBeacon, Bt5LongRange };

[[nodiscard]] std::unique_ptr<Emitter> make_remoteid_emitter(
    const std::filesystem::path& path, RemoteIdTransport transport = RemoteIdTransport::WifiBeacon);
[[nodiscard]] std::unique_ptr<Emitter> make_remoteid_udp_emitter(const ingest::Endpoint& to);

}  // namespace dewline::sim
