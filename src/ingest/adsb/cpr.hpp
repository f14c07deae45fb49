// cpr.hpp: Compact Position Reporting, encode and decode (RTCA DO-260B Appendix A.1.7; the
// latitude-zone table is 1090-WP-9-14's, computed here from its closed form).
//
// An ES position carries 17-bit CPR latitude and longitude (YZ, XZ) in one of two formats, even
// (0) or odd (1). Decoding is either
// - global: an even and an odd frame of the same aircraft received close together (10 s
//   airborne, 25 s surface) fix the latitude zone without any reference (surface positions
//   still need a reference to pick the quadrant), or
// - local: one frame and a reference position (the receiver, or the aircraft's last position)
//   within half a zone (180 NM airborne, 45 NM surface).
// Latitudes and longitudes are in degrees, longitudes normalised to [-180, 180).
#pragma once

#include <cstdint>
#include <optional>

namespace dewline::ingest::adsb {

inline constexpr std::uint32_t kCprMax = 1u << 17;  // 2^17: CPR coordinates are fractions of it

struct CprFrame {
  std::uint32_t lat = 0;  // YZ, 0 .. 2^17 - 1
  std::uint32_t lon = 0;  // XZ, 0 .. 2^17 - 1
  bool odd = false;       // F flag
};

struct LatLon {
  double lat_deg = 0.0;
  double lon_deg = 0.0;
};

// Number of longitude zones at a latitude (1 .. 59); NL(-lat) = NL(lat).
[[nodiscard]] int cpr_nl(double lat_deg);
// The latitude (degrees) at which NL drops from `nl` to `nl - 1`, for nl in 2..59.
[[nodiscard]] double cpr_nl_transition_deg(int nl);

// Global airborne decode of an even/odd pair; `newest_odd` says which frame is the newer one
// (its position is returned). nullopt when the two frames straddle a zone boundary.
[[nodiscard]] std::optional<LatLon> cpr_decode_airborne_global(const CprFrame& even,
                                                               const CprFrame& odd,
                                                               bool newest_odd);
// Local airborne decode relative to `ref` (must be within 180 NM to be unambiguous).
[[nodiscard]] LatLon cpr_decode_airborne_local(const CprFrame& f, const LatLon& ref);

// Global surface decode: the pair fixes the position modulo 90 degrees; `ref` picks the
// quadrant (it must be within 45 degrees of latitude and longitude of the true position).
[[nodiscard]] std::optional<LatLon> cpr_decode_surface_global(const CprFrame& even,
                                                              const CprFrame& odd,
                                                              bool newest_odd, const LatLon& ref);
// Local surface decode relative to `ref` (within 45 NM).
[[nodiscard]] LatLon cpr_decode_surface_local(const CprFrame& f, const LatLon& ref);

// Airborne CPR encoding of a position (DO-260B A.1.7.4), for the simulator's encoder.
[[nodiscard]] CprFrame cpr_encode_airborne(double lat_deg, double lon_deg, bool odd);

}  // namespace dewline::ingest::adsb
