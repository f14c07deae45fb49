// altitude.hpp: Mode S altitude and identity codes (ICAO Annex 10 Vol IV, 5th ed., 3.1.2.6.5.4
// AC field, 3.1.2.6.7.1 ID field; DO-260B 2.2.3.2.3.4 for the 12-bit ES altitude).
//
// - Identity (Mode 3/A, "squawk"): 13 bits C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4. Returned as the
//   four octal digits ABCD packed in 12 bits (A << 9 | B << 6 | C << 3 | D), the form
//   core/detection.hpp's Identity::mode3a uses; 7700 octal -> 0xFC0.
// - AC13 (DF0/4/16/20): the same bit layout with M at bit 7 (metres) and Q at bit 9. Q = 1: 25 ft
//   steps, N * 25 - 1000 ft. Q = 0: Gillham (Mode C) code in 100 ft steps.
// - AC12 (ES airborne position): AC13 without the M bit.
// All return nullopt for "no altitude" (all zeros), metric altitudes (M = 1, not decoded), and
// Gillham codes that are not valid Mode C.
#pragma once

#include <cstdint>
#include <optional>

namespace dewline::ingest::adsb {

struct DecodedAltitude {
  std::int32_t feet = 0;
  bool q_bit = false;  // true: 25 ft resolution; false: Gillham, 100 ft resolution
};

// 13-bit identity field -> packed octal ABCD (12 bits).
[[nodiscard]] std::uint16_t decode_id13(std::uint32_t id13);
// Packed octal ABCD -> the 13-bit identity field layout (X = 0). Inverse of decode_id13.
[[nodiscard]] std::uint32_t encode_id13(std::uint16_t squawk);

// Gillham (Mode C) altitude from a packed octal ABCD code; nullopt when the code is not a
// valid altitude (D1 set, C bits all zero or an illegal C pattern, or below -1200 ft).
[[nodiscard]] std::optional<std::int32_t> gillham_altitude_ft(std::uint16_t abcd);

[[nodiscard]] std::optional<DecodedAltitude> decode_ac13(std::uint32_t ac13);
[[nodiscard]] std::optional<DecodedAltitude> decode_ac12(std::uint32_t ac12);

// 12-bit ES altitude with Q = 1 (25 ft steps), rounded to the nearest step and clamped to
// -1000 .. 50175 ft. Used by the encoder.
[[nodiscard]] std::uint32_t encode_ac12(double altitude_ft);

// Packed octal squawk as four digits, e.g. 0xFC0 -> "7700". `out` must hold 5 chars.
void squawk_to_chars(std::uint16_t abcd, char* out);

}  // namespace dewline::ingest::adsb
