// checksums.hpp: the two frame checks Remote ID receivers verify before trusting a frame.
//
// - IEEE 802.11-2020 section 9.2.4.8: the FCS is the IEEE CRC-32 (reflected polynomial
//   0xEDB88320, initial value and final XOR 0xFFFFFFFF) over the MAC header and body, stored
//   little-endian after the body.
// - Bluetooth Core 5.3 Vol 6 Part B section 3.1.1: the LE CRC is 24 bits, polynomial
//   x^24 + x^10 + x^9 + x^6 + x^4 + x^3 + x + 1, computed over the PDU bits in air order (LSB of
//   each byte first), preset 0x555555 on advertising channels; the 3 CRC bytes follow the PDU,
//   least significant byte first in the same bit order used by this function's result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace dewline::ingest::remoteid {

[[nodiscard]] std::uint32_t crc32_ieee(std::span<const std::byte> bytes);

// The advertising-channel CRC preset (Bluetooth Core 5.3 Vol 6 Part B 3.1.1).
inline constexpr std::uint32_t kBleAdvertisingCrcInit = 0x555555;

// BLE CRC-24 over `pdu` with the given preset; the value compares equal to the 3 CRC bytes as
// they appear in a capture read as a little-endian 24-bit integer.
[[nodiscard]] std::uint32_t ble_crc24(std::span<const std::byte> pdu,
                                      std::uint32_t preset = kBleAdvertisingCrcInit);

}  // namespace dewline::ingest::remoteid
