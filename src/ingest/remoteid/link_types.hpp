// link_types.hpp: what the link layers (Wi-Fi, Bluetooth) hand to the message codec.
//
// ASTM F3411-22a (Broadcast Remote ID) defines four transports for Open Drone ID; each wraps the
// same 25-byte messages in its own container, preceded by a one-byte message counter:
//   wifi-beacon  802.11 beacon, vendor specific element (221) OUI FA:0B:BC (ASD-STAN), type 0x0D
//   wifi-nan     Wi-Fi Aware (NAN) service discovery frame, service ID 88:69:19:9D:92:09
//                (hash of "org.opendroneid.remoteid"), service info = counter + message pack
//   bt-legacy    Bluetooth 4 legacy advertising, service data AD (0x16), UUID 0xFFFA, app code
//                0x0D, counter + one message
//   bt5-lr       Bluetooth 5 extended advertising (AUX_ADV_IND, LE Coded PHY for long range),
//                same service data, counter + message pack
// The transmitter address (802.11 TA/SA, BLE AdvA) identifies the emitter.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ingest/remoteid/errors.hpp"

namespace dewline::ingest::remoteid {

enum class Transport : std::uint8_t { WifiBeacon, WifiNan, BtLegacy, Bt5LongRange };

// "wifi-beacon", "wifi-nan", "bt-legacy", "bt5-lr".
[[nodiscard]] std::string_view to_string(Transport t);

// A 48-bit transmitter address in display order (as written "aa:bb:cc:dd:ee:ff"; BLE addresses
// are transmitted least significant octet first and are reversed into this order).
struct MacAddress {
  std::array<std::uint8_t, 6> octets{};

  [[nodiscard]] std::uint64_t key() const {
    std::uint64_t k = 0;
    for (std::uint8_t o : octets) {
      k = (k << 8U) | o;
    }
    return k;
  }
  // "aa:bb:cc:dd:ee:ff" into `out` (18 bytes incl. NUL); returns the 17 characters.
  std::string_view format(std::array<char, 18>& out) const;
  [[nodiscard]] std::string to_string() const;
  static std::optional<MacAddress> parse(std::string_view text);
  bool operator==(const MacAddress&) const = default;
};

// Facts about the frame that carried the messages.
struct FrameInfo {
  Transport transport = Transport::WifiBeacon;
  MacAddress transmitter;
  bool has_transmitter = true;  // false for a BT5 PDU without AdvA (decoded, not keyed)
  bool random_address = false;  // BLE TxAdd: random (often rotating) device address
  std::optional<std::int16_t> rssi_dbm;
  std::uint16_t channel = 0;  // Wi-Fi: centre frequency MHz (radiotap); BLE: channel index
  std::uint8_t message_counter = 0;
};

// What a link parser found in one frame.
enum class LinkStatus : std::uint8_t {
  NotOdid,  // another network's frame, or a frame without Open Drone ID: skipped quietly
  Odid,     // `payload` holds the ODID container after the counter
  Error,    // an Open Drone ID frame (or an unreadable capture header) that is malformed
};

struct LinkResult {
  LinkStatus status = LinkStatus::NotOdid;
  FrameInfo info;
  std::span<const std::byte> payload;  // after the message counter
  std::size_t payload_offset = 0;      // offset of payload[0] in the captured frame
  DecodeError error;
  bool corrupt_other = false;  // NotOdid frame whose FCS/CRC failed (counted, not reported)
};

}  // namespace dewline::ingest::remoteid
