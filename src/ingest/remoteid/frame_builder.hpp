// frame_builder.hpp: Open Drone ID messages wrapped in real link-layer frames (the simulator's
// Remote ID emitter, and tests). The frames are what a capture on a monitor interface or a BLE
// sniffer would hold, so they go through the same decoders as real captures, and tshark's own
// 802.11 / BLE dissectors read them.
//
//   Wi-Fi (DLT 127): radiotap (flags, rate, channel, antenna signal) + 802.11 frame + FCS
//     beacon: SSID, supported rates, DS parameter set, vendor element FA:0B:BC type 0x0D with
//             counter + message pack (ASTM F3411-22a Wi-Fi beacon transport)
//     NAN:    public action / vendor specific / 50:6F:9A type 0x13 service discovery frame,
//             Service Descriptor attribute (ODID service ID, publish, service info = counter +
//             message pack) and Service Descriptor Extension attribute, to the NAN network ID
//             51:6F:9A:01:00:00 with cluster ID 50:6F:9A:01:00:FF as opendroneid-core-c sends it
//   Bluetooth 4 legacy (DLT 256, LE 1M): ADV_NONCONN_IND, AdvA, one service data AD (UUID
//     0xFFFA, app code 0x0D, counter, one 25-byte message), CRC-24
//   Bluetooth 5 long range (DLT 272 nRF sniffer v3, LE Coded S=8, or DLT 256): AUX_ADV_IND with
//     AdvA + ADI in the extended header and the service data AD with a message pack, CRC-24
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ingest/remoteid/link_types.hpp"
#include "ingest/remoteid/odid_message.hpp"

namespace dewline::ingest::remoteid {

struct WifiFrameParams {
  MacAddress transmitter;
  std::string ssid = "RID";           // 1..32 bytes (beacons only)
  std::uint16_t beacon_interval_tu = 100;
  std::uint16_t frequency_mhz = 2437;  // channel 6
  std::int8_t rssi_dbm = -50;
  std::uint64_t tsf_us = 0;            // beacon timestamp field
  std::uint16_t sequence = 0;          // 802.11 sequence number (12 bits)
  bool with_fcs = true;
};

struct BleFrameParams {
  MacAddress address;
  bool random_address = true;
  std::uint8_t channel = 37;           // channel index (37..39 primary, 0..36 secondary)
  std::int8_t rssi_dbm = -60;
  std::uint16_t advertising_data_id = 0;  // ADI DID (12 bits), extended advertising only
};

// Link type of the BT5 frames: the nRF sniffer format (what real long-range captures use) or
// the generic LE LL with pseudo-header.
enum class BleLinkType : std::uint8_t { NordicBle, LeLlWithPhdr };

// Radiotap + 802.11 beacon with the ODID vendor element; empty when `messages` is empty or
// holds more than 9.
[[nodiscard]] std::vector<std::byte> build_wifi_beacon(const WifiFrameParams& p,
                                                       std::uint8_t counter,
                                                       std::span<const Message> messages);
// Radiotap + NAN service discovery frame carrying a message pack.
[[nodiscard]] std::vector<std::byte> build_wifi_nan(const WifiFrameParams& p,
                                                    std::uint8_t counter,
                                                    std::span<const Message> messages);
// DLT 256 frame: BLE legacy advertising packet with one message.
[[nodiscard]] std::vector<std::byte> build_bt_legacy(const BleFrameParams& p,
                                                     std::uint8_t counter, const Message& message);
// BT5 AUX_ADV_IND on LE Coded PHY with a message pack (at most 9 messages).
[[nodiscard]] std::vector<std::byte> build_bt5_long_range(
    const BleFrameParams& p, std::uint8_t counter, std::span<const Message> messages,
    BleLinkType link = BleLinkType::NordicBle);

[[nodiscard]] int link_type_of(BleLinkType t);

}  // namespace dewline::ingest::remoteid
