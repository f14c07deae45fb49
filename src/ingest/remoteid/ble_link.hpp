// ble_link.hpp: Open Drone ID containers in captured Bluetooth LE advertising packets.
//
// Link types:
//   272 LINKTYPE_NORDIC_BLE: nRF Sniffer for Bluetooth LE. Board ID, then a UART header
//       (protocol version 0 "legacy" with the 0xBEEF marker, version 1 with a header length byte,
//       versions 2 and 3 with a 2-byte payload length), then the event packet header (length,
//       flags: bit 0 CRC OK, bits 4..6 PHY (version 3); channel; RSSI as a positive number;
//       event counter; timestamp), then the LE packet. Layout as Wireshark's
//       packet-nordic_ble.c documents it.
//   256 LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR: 10-byte pseudo-header (RF channel, signal dBm, noise
//       dBm, access address offenses, reference access address, flags; flags bit 1 = signal
//       valid, bits 14..15 = PHY with 2 = LE Coded), then the LE packet.
//   251 LINKTYPE_BLUETOOTH_LE_LL: the LE packet alone (LE 1M).
// The LE packet (Bluetooth Core 5.3 Vol 6 Part B section 2.1) is access address (4), a coding
// indicator byte on LE Coded PHY, the PDU (2-byte header + payload) and the 3-byte CRC. Only
// the advertising access address 0x8E89BED6 is read (Vol 6 Part B 2.1.2); data channel packets
// are not Open Drone ID.
//
// Advertising PDUs (Vol 6 Part B 2.3): ADV_IND (0), ADV_NONCONN_IND (2), SCAN_RSP (4) and
// ADV_SCAN_IND (6) carry AdvA + AdvData (legacy, "bt-legacy"); type 7 (ADV_EXT_IND /
// AUX_ADV_IND, 2.3.4) carries the Common Extended Advertising Payload: extended header (AdvA,
// TargetA, CTEInfo, ADI, AuxPtr, SyncInfo, TxPower, ACAD) then AdvData ("bt5-lr"). In AdvData
// (Core Supplement Part A 1.11) the service data AD type 0x16 with UUID 0xFFFA (ASTM) and
// application code 0x0D is Open Drone ID: message counter, then one message (legacy) or a
// message pack (extended). The CRC is checked; a bad CRC on an ODID packet is an error.
#pragma once

#include <cstddef>
#include <span>

#include "ingest/remoteid/link_types.hpp"

namespace dewline::ingest::remoteid {

inline constexpr int kDltBluetoothLeLl = 251;
inline constexpr int kDltBluetoothLeLlWithPhdr = 256;
inline constexpr int kDltNordicBle = 272;
inline constexpr std::uint32_t kAdvertisingAccessAddress = 0x8E89BED6;

LinkResult parse_nordic_ble(std::span<const std::byte> frame);
LinkResult parse_ble_phdr(std::span<const std::byte> frame);
LinkResult parse_ble_ll(std::span<const std::byte> frame);

// The LE packet (access address first) at `base_offset` of the capture.
LinkResult parse_le_packet(std::span<const std::byte> packet, std::size_t base_offset,
                           bool coded_phy, FrameInfo info);

}  // namespace dewline::ingest::remoteid
