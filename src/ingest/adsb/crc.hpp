// crc.hpp: the Mode S 24-bit parity (CRC) of ICAO Annex 10 Vol IV (5th ed.) 3.1.2.3.3.
//
// The generator polynomial is G(x) = x^24 + x^23 + ... + x^10 + x^3 + 1 (0x1FFF409). Every
// reply ends in a 24-bit parity field: for DF11/17/18 it is PI (parity overlaid with the
// interrogator code, zero for squitters), for DF0/4/5/16/20/21 it is AP (parity overlaid with
// the aircraft address). The *syndrome* of a received message -- the parity computed over its
// data bits XOR the parity field it carries -- is therefore 0 for a good DF17, the II/SI code for
// a good DF11, and the ICAO address for a good AP reply (which cannot be checked on its own).
//
//   std::uint32_t s = mode_s_syndrome(msg, 14);   // 0 => DF17 parity OK
//
// `single_bit_error(s, bits)` finds the one flipped bit that explains a syndrome (readsb's
// crc.c and dump1090's --fix do the same), used only when the caller opts in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "ingest/adsb/bits.hpp"

namespace dewline::ingest::adsb {

inline constexpr std::uint32_t kModeSGenerator = 0xFFF409;  // G(x) without the x^24 term

// Parity over the first `data_bytes` bytes of `m`.
[[nodiscard]] std::uint32_t mode_s_parity(const MessageBytes& m, std::size_t data_bytes);

// Syndrome of a `length`-byte message (7 or 14): parity(data) XOR the last 24 bits.
[[nodiscard]] std::uint32_t mode_s_syndrome(const MessageBytes& m, std::size_t length);

// Overwrites the last 24 bits of a `length`-byte message with its parity (PI with II = 0).
void set_mode_s_parity(MessageBytes& m, std::size_t length);

// The 0-based bit index (0 = first transmitted bit) whose single flip produces `syndrome` in a
// message of `length` bytes, or nullopt if no single bit does.
[[nodiscard]] std::optional<unsigned> single_bit_error(std::uint32_t syndrome, std::size_t length);

}  // namespace dewline::ingest::adsb
