// item_fields.hpp: helpers shared by the CAT048 and CAT034 item decoders (internal to the
// library): bit fields of an octet, ICAO 6-bit characters, the compound primary subfield walk.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ingest/asterix/byte_cursor.hpp"

namespace dewline::ingest::asterix::detail {

// Bits hi..lo (1-based, as the standard numbers them within a value of `width` bits) of v.
[[nodiscard]] constexpr std::uint8_t bits(std::uint64_t v, unsigned hi, unsigned lo) {
  return static_cast<std::uint8_t>((v >> (lo - 1U)) & ((1U << (hi - lo + 1U)) - 1U));
}

// ICAO 6-bit character set (Annex 10 Vol IV, 3.1.2.9.1.2): 1-26 A-Z, 32 space, 48-57 digits.
// Returns 0 for a code outside the set.
[[nodiscard]] constexpr char icao_char(unsigned code) {
  if (code >= 1 && code <= 26) {
    return static_cast<char>('A' + static_cast<int>(code) - 1);
  }
  if (code == 32) {
    return ' ';
  }
  if (code >= 48 && code <= 57) {
    return static_cast<char>('0' + static_cast<int>(code) - 48);
  }
  return 0;
}
// Inverse of icao_char: the 6-bit code of c, or -1 when c is not in the set.
[[nodiscard]] constexpr int icao_code(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A' + 1;
  }
  if (c == ' ') {
    return 32;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 48;
  }
  return -1;
}

// Reads a compound item's primary subfield (split_record has checked it) and returns the
// presence of subfields 1..14 as bits 0..13.
inline std::uint32_t read_primary_subfield(ByteCursor& c) {
  std::uint32_t present = 0;
  for (unsigned octet = 0; octet < 2; ++octet) {
    const unsigned b = c.u8();
    for (unsigned bit = 0; bit < 7; ++bit) {
      if ((b & (0x80U >> bit)) != 0) {
        present |= 1U << (octet * 7U + bit);
      }
    }
    if ((b & 1U) == 0) {
      break;
    }
  }
  return present;
}

}  // namespace dewline::ingest::asterix::detail
