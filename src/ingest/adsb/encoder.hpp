// encoder.hpp: DF17 extended squitters for the simulator (and round-trip tests): aircraft
// identification (TC 1-4), airborne position with barometric altitude (TC 9-18, CPR-encoded,
// even or odd) and airborne velocity over ground (TC 19 subtypes 1/2), each with its parity
// (PI, II = 0). Field layouts as DO-260B 2.2.3.2; see encoder.cpp for the exact bits.
// Pair with append_beast_frame() (beast_framer.hpp) to write a Beast stream.
//
//   MessageBytes m = encode_airborne_position({.icao = 0x48520A, .lat_deg = 43.6,
//                                              .lon_deg = 1.23, .altitude_ft = 38000}, true);
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "ingest/adsb/bits.hpp"

namespace dewline::ingest::adsb {

inline constexpr std::uint8_t kCaAirborne = 5;  // DF17 CA: level 2+ transponder, airborne

// TC 4 = set A; category 0..7 within the set (e.g. TC 4 / cat 3 = "medium 2"). Characters outside
// the ICAO set (A-Z, 0-9, space) are sent as spaces; longer names are cut to 8.
[[nodiscard]] MessageBytes encode_identification(std::uint32_t icao, std::string_view callsign,
                                                 std::uint8_t typecode = 4,
                                                 std::uint8_t category = 0);

struct AirbornePositionInput {
  std::uint32_t icao = 0;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double altitude_ft = 0.0;        // barometric, sent in 25 ft steps (Q = 1)
  std::uint8_t typecode = 11;      // 9..18: sets the NIC (11 = Rc < 0.1 NM)
  std::uint8_t surveillance_status = 0;
  bool nic_b = false;
};
[[nodiscard]] MessageBytes encode_airborne_position(const AirbornePositionInput& in, bool odd);

struct AirborneVelocityInput {
  std::uint32_t icao = 0;
  double v_east_kt = 0.0;   // over ground
  double v_north_kt = 0.0;
  std::optional<double> vertical_rate_fpm{};  // 64 ft/min steps
  bool vertical_rate_baro = true;
  std::optional<double> geo_minus_baro_ft{};  // 25 ft steps
  std::uint8_t nac_v = 1;
};
// Subtype 1, or 2 (4 kt steps) when either component exceeds 1022 kt.
[[nodiscard]] MessageBytes encode_airborne_velocity(const AirborneVelocityInput& in);

}  // namespace dewline::ingest::adsb
