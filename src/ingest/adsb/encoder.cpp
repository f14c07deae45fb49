#include "ingest/adsb/encoder.hpp"

#include <algorithm>
#include <cmath>

#include "ingest/adsb/altitude.hpp"
#include "ingest/adsb/cpr.hpp"
#include "ingest/adsb/crc.hpp"

namespace dewline::ingest::adsb {
namespace {

MessageBytes df17_header(std::uint32_t icao) {
  MessageBytes m{};
  set_bits(m, 1, 5, 17);
  set_bits(m, 6, 8, kCaAirborne);
  set_bits(m, 9, 32, icao & 0xFFFFFFu);
  return m;
}

// ICAO 6-bit code of an ASCII character (A-Z, 0-9, space; anything else becomes a space).
std::uint32_t ais_code(char c) {
  if (c >= 'a' && c <= 'z') {
    c = static_cast<char>(c - 'a' + 'A');
  }
  if (c >= 'A' && c <= 'Z') {
    return static_cast<std::uint32_t>(c - 'A' + 1);
  }
  if (c >= '0' && c <= '9') {
    return static_cast<std::uint32_t>(c - '0' + 48);
  }
  return 32;
}

// Sign bit and magnitude + 1 of a quantised value, the ES velocity coding ("0 = no data").
std::uint32_t magnitude_code(double value, double step, std::uint32_t max_code) {
  const auto q = static_cast<std::int64_t>(std::llround(std::fabs(value) / step));
  return static_cast<std::uint32_t>(std::min<std::int64_t>(q + 1, max_code));
}

}  // namespace

MessageBytes encode_identification(std::uint32_t icao, std::string_view callsign,
                                   std::uint8_t typecode, std::uint8_t category) {
  MessageBytes m = df17_header(icao);
  set_me_bits(m, 1, 5, std::clamp<std::uint8_t>(typecode, 1, 4));
  set_me_bits(m, 6, 8, category & 7u);
  for (unsigned i = 0; i < 8; ++i) {
    const char c = i < callsign.size() ? callsign[i] : ' ';
    set_me_bits(m, 9 + 6 * i, 14 + 6 * i, ais_code(c));
  }
  set_mode_s_parity(m, kLongBytes);
  return m;
}

MessageBytes encode_airborne_position(const AirbornePositionInput& in, bool odd) {
  MessageBytes m = df17_header(in.icao);
  set_me_bits(m, 1, 5, std::clamp<std::uint8_t>(in.typecode, 9, 18));
  set_me_bits(m, 6, 7, in.surveillance_status & 3u);
  set_me_bits(m, 8, 8, in.nic_b ? 1u : 0u);
  set_me_bits(m, 9, 20, encode_ac12(in.altitude_ft));
  set_me_bits(m, 21, 21, 0);  // T: not UTC-synchronised
  const CprFrame f = cpr_encode_airborne(in.lat_deg, in.lon_deg, odd);
  set_me_bits(m, 22, 22, odd ? 1u : 0u);
  set_me_bits(m, 23, 39, f.lat);
  set_me_bits(m, 40, 56, f.lon);
  set_mode_s_parity(m, kLongBytes);
  return m;
}

MessageBytes encode_airborne_velocity(const AirborneVelocityInput& in) {
  MessageBytes m = df17_header(in.icao);
  const bool supersonic = std::fabs(in.v_east_kt) > 1022.0 || std::fabs(in.v_north_kt) > 1022.0;
  const double step = supersonic ? 4.0 : 1.0;
  set_me_bits(m, 1, 5, 19);
  set_me_bits(m, 6, 8, supersonic ? 2u : 1u);
  set_me_bits(m, 11, 13, in.nac_v & 7u);
  set_me_bits(m, 14, 14, in.v_east_kt < 0.0 ? 1u : 0u);  // 1 = westward
  set_me_bits(m, 15, 24, magnitude_code(in.v_east_kt, step, 1023));
  set_me_bits(m, 25, 25, in.v_north_kt < 0.0 ? 1u : 0u);  // 1 = southward
  set_me_bits(m, 26, 35, magnitude_code(in.v_north_kt, step, 1023));
  set_me_bits(m, 36, 36, in.vertical_rate_baro ? 1u : 0u);
  if (in.vertical_rate_fpm) {
    set_me_bits(m, 37, 37, *in.vertical_rate_fpm < 0.0 ? 1u : 0u);
    set_me_bits(m, 38, 46, magnitude_code(*in.vertical_rate_fpm, 64.0, 511));
  }
  if (in.geo_minus_baro_ft) {
    set_me_bits(m, 49, 49, *in.geo_minus_baro_ft < 0.0 ? 1u : 0u);
    set_me_bits(m, 50, 56, magnitude_code(*in.geo_minus_baro_ft, 25.0, 127));
  }
  set_mode_s_parity(m, kLongBytes);
  return m;
}

}  // namespace dewline::ingest::adsb
