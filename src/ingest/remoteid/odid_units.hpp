// odid_units.hpp: Open Drone ID raw fields to SI units, and the accuracy categories.
//
// Encodings per ASTM F3411-22a / ASD-STAN EN 4709-002 (same rules in opendroneid-core-c):
//   direction   = raw (+180 when the E/W flag is set) degrees true; 361 = unknown
//   speed       = raw * 0.25 m/s, or raw * 0.75 + 63.75 m/s with the multiplier flag;
//                 255 m/s = unknown
//   vert. speed = int8 raw * 0.5 m/s (up positive); 63 m/s = unknown
//   lat / lon   = int32 raw * 1e-7 degrees; both 0 = unknown
//   altitudes   = raw * 0.5 - 1000 m (pressure, geodetic HAE, height, area ceiling / floor,
//                 operator altitude); raw 0 (-1000 m) = unknown
//   area radius = raw * 10 m
//   Location timestamp = raw / 10 s since the full hour UTC; 0xFFFF = unknown
//   System and Auth timestamps = seconds since 2019-01-01T00:00:00Z (Unix 1546300800)
// A value that is "unknown" decodes to std::nullopt, exactly where the reference Wireshark
// dissector (opendroneid/wireshark-dissector) shows "Unknown", so `dewline decode` and the
// reference agree field by field. Values the standard calls out of range (direction 362..435,
// vertical speed 63.5 m/s, |latitude| > 90) still decode here; to_detection.hpp range-checks
// them before a measurement is built.
//
// Accuracy categories are 95 % bounds (F3411-22a Location message accuracy tables):
//   horizontal 1..12: < 18520, 7408, 3704, 1852, 926, 555.6, 185.2, 92.6, 30, 10, 3, 1 m
//   vertical / baro 1..6: < 150, 45, 25, 10, 3, 1 m;  speed 1..4: < 10, 3, 1, 0.3 m/s
// Category 0 and reserved values are "unknown" (nullopt).
#pragma once

#include <cstdint>
#include <optional>

#include "ingest/remoteid/odid_message.hpp"

namespace dewline::ingest::remoteid {

inline constexpr std::int64_t kOdidEpochUnixS = 1546300800;  // 2019-01-01T00:00:00Z

[[nodiscard]] std::optional<double> direction_deg(const Location& l);
[[nodiscard]] std::optional<double> speed_horizontal_mps(const Location& l);
[[nodiscard]] std::optional<double> speed_vertical_mps(const Location& l);
[[nodiscard]] std::optional<double> latitude_deg(const Location& l);   // nullopt when 0/0
[[nodiscard]] std::optional<double> longitude_deg(const Location& l);  // nullopt when 0/0
[[nodiscard]] std::optional<double> pressure_altitude_m(const Location& l);
[[nodiscard]] std::optional<double> geodetic_altitude_m(const Location& l);
[[nodiscard]] std::optional<double> height_m(const Location& l);
// Seconds since the full hour; nullopt for 0xFFFF.
[[nodiscard]] std::optional<double> timestamp_s_since_hour(const Location& l);

[[nodiscard]] std::optional<double> operator_latitude_deg(const System& s);
[[nodiscard]] std::optional<double> operator_longitude_deg(const System& s);
[[nodiscard]] std::optional<double> operator_altitude_m(const System& s);
[[nodiscard]] std::optional<double> area_ceiling_m(const System& s);
[[nodiscard]] std::optional<double> area_floor_m(const System& s);
[[nodiscard]] double area_radius_m(const System& s);
[[nodiscard]] std::int64_t system_timestamp_unix_s(const System& s);

// The shared altitude encoding: nullopt for raw 0.
[[nodiscard]] std::optional<double> altitude_m(std::uint16_t raw);
// Latitude/longitude pair: nullopt unless at least one is non-zero.
[[nodiscard]] std::optional<double> lat_lon_deg(std::int32_t raw, std::int32_t other_raw);

// 95 % bounds of the accuracy categories, nullopt for "unknown" and reserved codes.
[[nodiscard]] std::optional<double> horizontal_accuracy_m(std::uint8_t code);
[[nodiscard]] std::optional<double> vertical_accuracy_m(std::uint8_t code);
[[nodiscard]] std::optional<double> speed_accuracy_mps(std::uint8_t code);
// Timestamp accuracy: code * 0.1 s, nullopt for 0.
[[nodiscard]] std::optional<double> timestamp_accuracy_s(std::uint8_t code);

// Encoders, the inverse of the above (for the simulator): values are clamped to the field range
// and rounded as opendroneid-core-c does; nullopt encodes "unknown".
void set_direction(Location& l, std::optional<double> deg);
void set_speed_horizontal(Location& l, std::optional<double> mps);
void set_speed_vertical(Location& l, std::optional<double> mps);
[[nodiscard]] std::int32_t encode_lat_lon(double deg);
[[nodiscard]] std::uint16_t encode_altitude(std::optional<double> m);
// Smallest category whose bound covers `m95` (a 95 % bound), 0 when none or unknown.
[[nodiscard]] std::uint8_t horizontal_accuracy_code(std::optional<double> m95);
[[nodiscard]] std::uint8_t vertical_accuracy_code(std::optional<double> m95);
[[nodiscard]] std::uint8_t speed_accuracy_code(std::optional<double> mps95);

}  // namespace dewline::ingest::remoteid
