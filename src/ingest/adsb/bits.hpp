// bits.hpp: bit-field access on a Mode S message held in a fixed byte array.
//
// Bits are numbered as ICAO Annex 10 Vol IV (5th ed., 2014) section 3.1.2.3 numbers them: bit 1
// is the most significant bit of the first byte transmitted. `get_bits(m, 33, 37)` is therefore
// the ES type code (ME bits 1-5). Field ranges are fixed by the format, never taken from the data;
// the asserts document that every call stays inside the array.
#pragma once

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>

namespace dewline::ingest::adsb {

inline constexpr std::size_t kShortBytes = 7;   // 56-bit replies
inline constexpr std::size_t kLongBytes = 14;   // 112-bit replies
using MessageBytes = std::array<std::uint8_t, kLongBytes>;

// Bits first..last (1-based, inclusive, at most 32 wide) as an unsigned integer.
[[nodiscard]] constexpr std::uint32_t get_bits(const MessageBytes& m, unsigned first,
                                               unsigned last) {
  assert(first >= 1 && first <= last && last <= kLongBytes * 8 && last - first < 32);
  const unsigned first_byte = (first - 1) / 8;
  const unsigned last_byte = (last - 1) / 8;
  std::uint64_t acc = 0;
  for (unsigned i = first_byte; i <= last_byte; ++i) {
    acc = (acc << 8) | m[i];
  }
  const unsigned shift = (last_byte + 1) * 8 - last;
  const unsigned width = last - first + 1;
  return static_cast<std::uint32_t>((acc >> shift) & ((std::uint64_t{1} << width) - 1));
}

[[nodiscard]] constexpr bool get_bit(const MessageBytes& m, unsigned bit) {
  return get_bits(m, bit, bit) != 0;
}

// ME field (extended squitter message, message bits 33-88): ME bit n is message bit 32 + n.
[[nodiscard]] constexpr std::uint32_t me_bits(const MessageBytes& m, unsigned first,
                                              unsigned last) {
  return get_bits(m, 32 + first, 32 + last);
}
[[nodiscard]] constexpr bool me_bit(const MessageBytes& m, unsigned bit) {
  return get_bit(m, 32 + bit);
}

// Writes `value` into bits first..last (1-based, inclusive). Used by the encoder.
constexpr void set_bits(MessageBytes& m, unsigned first, unsigned last, std::uint32_t value) {
  assert(first >= 1 && first <= last && last <= kLongBytes * 8 && last - first < 32);
  for (unsigned b = last + 1; b-- > first;) {
    const unsigned byte = (b - 1) / 8;
    const auto mask = static_cast<std::uint8_t>(0x80u >> ((b - 1) % 8));
    if ((value & 1u) != 0) {
      m[byte] = static_cast<std::uint8_t>(m[byte] | mask);
    } else {
      m[byte] = static_cast<std::uint8_t>(m[byte] & static_cast<std::uint8_t>(~mask));
    }
    value >>= 1;
  }
}
constexpr void set_me_bits(MessageBytes& m, unsigned first, unsigned last, std::uint32_t value) {
  set_bits(m, 32 + first, 32 + last, value);
}

}  // namespace dewline::ingest::adsb
