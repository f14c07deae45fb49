// wifi_link.hpp: Open Drone ID containers in captured Wi-Fi frames.
//
// Link types: DLT_IEEE802_11_RADIO (127, radiotap header then the 802.11 frame) and
// DLT_IEEE802_11 (105, the bare 802.11 frame). From radiotap (radiotap.org, "defined fields")
// only the first present word's fields 0..5 are read: TSFT (8, aligned 8), Flags (1: 0x10 FCS
// at end, 0x40 bad FCS), Rate (1), Channel (2+2, aligned 2), FHSS (2), antenna signal dBm (1).
//
// 802.11 (IEEE 802.11-2020 section 9.3.3): management frames only; beacons (subtype 8) are
// searched for the ASD-STAN vendor element FA:0B:BC type 0x0D (ASTM F3411-22a Wi-Fi beacon
// transport); action frames (subtypes 13/14) of category 4 (public), action 9 (vendor specific)
// with the Wi-Fi Alliance OUI 50:6F:9A type 0x13 are NAN service discovery frames (Wi-Fi
// Alliance Neighbor Awareness Networking specification v3.1), whose Service Descriptor attribute
// (0x03) with the ODID service ID carries the container in its service info (fields after the
// service control byte: binding bitmap if bit 6, matching filter if bit 2, service response
// filter if bit 3, service info if bit 4, each optional part length-prefixed except the bitmap).
// The FCS, when present, is checked (checksums.hpp).
#pragma once

#include <cstddef>
#include <span>

#include "ingest/remoteid/link_types.hpp"

namespace dewline::ingest::remoteid {

inline constexpr int kDltIeee80211 = 105;
inline constexpr int kDltIeee80211Radiotap = 127;

// `complete` is false when the capture truncated the frame (caplen < len): the FCS is then not
// checked.
LinkResult parse_radiotap(std::span<const std::byte> frame, bool complete = true);
// A bare 802.11 frame starting at `base_offset` of the capture; `has_fcs` when the last 4 bytes
// are the FCS. `info` carries what the radio header said (RSSI, channel).
LinkResult parse_ieee80211(std::span<const std::byte> frame, std::size_t base_offset,
                           bool has_fcs, bool bad_fcs_flag, bool complete, FrameInfo info);

}  // namespace dewline::ingest::remoteid
