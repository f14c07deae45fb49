#include "ingest/adsb/altitude.hpp"

#include <algorithm>
#include <cmath>

namespace dewline::ingest::adsb {
namespace {

// Gray code -> binary for an n-bit value.
constexpr std::uint32_t gray_to_binary(std::uint32_t g) {
  std::uint32_t b = g;
  for (std::uint32_t shift = 1; shift < 32; shift <<= 1) {
    b ^= b >> shift;
  }
  return b;
}

constexpr std::uint32_t bit(std::uint32_t v, unsigned n) { return (v >> n) & 1u; }

}  // namespace

std::uint16_t decode_id13(std::uint32_t id13) {
  // Field bit 13 (MSB) .. bit 1 (LSB): C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4.
  const std::uint32_t c1 = bit(id13, 12), a1 = bit(id13, 11), c2 = bit(id13, 10);
  const std::uint32_t a2 = bit(id13, 9), c4 = bit(id13, 8), a4 = bit(id13, 7);
  const std::uint32_t b1 = bit(id13, 5), d1 = bit(id13, 4), b2 = bit(id13, 3);
  const std::uint32_t d2 = bit(id13, 2), b4 = bit(id13, 1), d4 = bit(id13, 0);
  const std::uint32_t a = a4 << 2 | a2 << 1 | a1;
  const std::uint32_t b = b4 << 2 | b2 << 1 | b1;
  const std::uint32_t c = c4 << 2 | c2 << 1 | c1;
  const std::uint32_t d = d4 << 2 | d2 << 1 | d1;
  return static_cast<std::uint16_t>(a << 9 | b << 6 | c << 3 | d);
}

std::uint32_t encode_id13(std::uint16_t squawk) {
  const std::uint32_t a = (squawk >> 9) & 7u, b = (squawk >> 6) & 7u;
  const std::uint32_t c = (squawk >> 3) & 7u, d = squawk & 7u;
  return bit(c, 0) << 12 | bit(a, 0) << 11 | bit(c, 1) << 10 | bit(a, 1) << 9 |
         bit(c, 2) << 8 | bit(a, 2) << 7 | bit(b, 0) << 5 | bit(d, 0) << 4 | bit(b, 1) << 3 |
         bit(d, 1) << 2 | bit(b, 2) << 1 | bit(d, 2);
}

std::optional<std::int32_t> gillham_altitude_ft(std::uint16_t abcd) {
  const std::uint32_t a = (abcd >> 9) & 7u, b = (abcd >> 6) & 7u;
  const std::uint32_t c = (abcd >> 3) & 7u, d = abcd & 7u;
  // D1 is never used for altitude; C1..C4 all zero is not a Mode C code.
  if ((d & 1u) != 0 || c == 0) {
    return std::nullopt;
  }
  // 500 ft increments: Gray code over D2 D4 A1 A2 A4 B1 B2 B4 (most significant first).
  const std::uint32_t gray500 = bit(d, 1) << 7 | bit(d, 2) << 6 | bit(a, 0) << 5 |
                                bit(a, 1) << 4 | bit(a, 2) << 3 | bit(b, 0) << 2 |
                                bit(b, 1) << 1 | bit(b, 2);
  const std::uint32_t n500 = gray_to_binary(gray500);
  // 100 ft increments: the C1 C2 C4 code reads 1..5 as Gray 001 011 010 110 100; as binary
  // those are 1 2 3 4 7, so 7 stands for 5 and a true 5 or 6 (Gray 111, 101) is illegal.
  std::uint32_t n100 = gray_to_binary(bit(c, 0) << 2 | bit(c, 1) << 1 | bit(c, 2));
  if (n100 == 7) {
    n100 = 5;
  } else if (n100 == 5 || n100 == 6 || n100 == 0) {
    return std::nullopt;
  }
  // The 100 ft code runs backwards in odd 500 ft bands (reflected code).
  if ((n500 & 1u) != 0) {
    n100 = 6 - n100;
  }
  const std::int32_t hundreds =
      static_cast<std::int32_t>(n500 * 5 + n100) - 13;  // -1200 ft is the lowest code
  if (hundreds < -12) {
    return std::nullopt;
  }
  return hundreds * 100;
}

std::optional<DecodedAltitude> decode_ac13(std::uint32_t ac13) {
  ac13 &= 0x1FFFu;
  if (ac13 == 0) {
    return std::nullopt;  // altitude not available
  }
  const bool m_bit = (ac13 & 0x40u) != 0;
  const bool q_bit = (ac13 & 0x10u) != 0;
  if (m_bit) {
    return std::nullopt;  // metric altitude: not decoded (no reference receiver emits it)
  }
  if (q_bit) {
    // N: the 11 bits left after removing M (bit 7) and Q (bit 9).
    const std::uint32_t n = ((ac13 & 0x1F80u) >> 2) | ((ac13 & 0x20u) >> 1) | (ac13 & 0x0Fu);
    return DecodedAltitude{static_cast<std::int32_t>(n) * 25 - 1000, true};
  }
  const auto ft = gillham_altitude_ft(decode_id13(ac13));
  if (!ft) {
    return std::nullopt;
  }
  return DecodedAltitude{*ft, false};
}

std::optional<DecodedAltitude> decode_ac12(std::uint32_t ac12) {
  ac12 &= 0xFFFu;
  if (ac12 == 0) {
    return std::nullopt;
  }
  // Insert M = 0 above bit 6 to get the AC13 layout.
  return decode_ac13(((ac12 & 0xFC0u) << 1) | (ac12 & 0x3Fu));
}

std::uint32_t encode_ac12(double altitude_ft) {
  const double clamped = std::clamp(altitude_ft, -1000.0, 50175.0);
  const auto n = static_cast<std::uint32_t>(std::lround((clamped + 1000.0) / 25.0));
  return ((n & 0x7F0u) << 1) | 0x10u | (n & 0x0Fu);
}

void squawk_to_chars(std::uint16_t abcd, char* out) {
  out[0] = static_cast<char>('0' + ((abcd >> 9) & 7u));
  out[1] = static_cast<char>('0' + ((abcd >> 6) & 7u));
  out[2] = static_cast<char>('0' + ((abcd >> 3) & 7u));
  out[3] = static_cast<char>('0' + (abcd & 7u));
  out[4] = '\0';
}

}  // namespace dewline::ingest::adsb
