#include "ingest/adsb/cpr.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace dewline::ingest::adsb {
namespace {

constexpr int kNz = 15;  // latitude zones between the equator and a pole (DO-260B A.1.7.2)
constexpr double kTwoPow17 = 131072.0;

// Positive modulo: x - y * floor(x / y), in [0, y) for y > 0.
double mod_pos(double x, double y) { return x - y * std::floor(x / y); }
int mod_pos(int x, int y) {
  const int r = x % y;
  return r < 0 ? r + y : r;
}

double normalise_lon(double lon) {
  lon = mod_pos(lon + 180.0, 360.0) - 180.0;
  return lon;
}

// Transition latitudes, index nl (2..59): NL(lat) = nl for T[nl+1] <= |lat| < T[nl].
// Closed form of 1090-WP-9-14: T(nl) = acos(sqrt((1 - cos(pi / (2 NZ))) / (1 - cos(2 pi / nl)))).
std::array<double, 60> make_transitions() {
  std::array<double, 60> t{};
  const double pi = std::numbers::pi;
  const double a = 1.0 - std::cos(pi / (2.0 * kNz));
  for (int nl = 2; nl <= 59; ++nl) {
    const double b = 1.0 - std::cos(2.0 * pi / nl);
    t[static_cast<std::size_t>(nl)] = std::acos(std::sqrt(a / b)) * 180.0 / pi;
  }
  return t;
}
const std::array<double, 60>& transitions() {
  static const std::array<double, 60> t = make_transitions();
  return t;
}

// One step of the global decode shared by airborne (zone 360) and surface (zone 90) formats.
struct GlobalLat {
  double lat_even = 0.0;
  double lat_odd = 0.0;
};
GlobalLat global_latitudes(const CprFrame& even, const CprFrame& odd, double span) {
  const double lat0 = even.lat / kTwoPow17;
  const double lat1 = odd.lat / kTwoPow17;
  const int j = static_cast<int>(std::floor(59.0 * lat0 - 60.0 * lat1 + 0.5));
  return GlobalLat{span / 60.0 * (mod_pos(j, 60) + lat0), span / 59.0 * (mod_pos(j, 59) + lat1)};
}

// Longitude of the newer frame once its latitude (and so NL) is known.
double global_longitude(const CprFrame& even, const CprFrame& odd, bool newest_odd, double lat,
                        double span) {
  const int nl = cpr_nl(lat);
  const int ni = std::max(nl - (newest_odd ? 1 : 0), 1);
  const double lon0 = even.lon / kTwoPow17;
  const double lon1 = odd.lon / kTwoPow17;
  const int m = static_cast<int>(std::floor(lon0 * (nl - 1) - lon1 * nl + 0.5));
  const double frac = newest_odd ? lon1 : lon0;
  return span / ni * (mod_pos(m, ni) + frac);
}

LatLon local_decode(const CprFrame& f, const LatLon& ref, double span) {
  const int i = f.odd ? 1 : 0;
  const double dlat = span / (60 - i);
  const double yz = f.lat / kTwoPow17;
  const double j = std::floor(ref.lat_deg / dlat) +
                   std::floor(0.5 + mod_pos(ref.lat_deg, dlat) / dlat - yz);
  const double lat = dlat * (j + yz);
  const int ni = cpr_nl(lat) - i;
  const double dlon = ni > 0 ? span / ni : span;
  const double xz = f.lon / kTwoPow17;
  const double m = std::floor(ref.lon_deg / dlon) +
                   std::floor(0.5 + mod_pos(ref.lon_deg, dlon) / dlon - xz);
  return LatLon{lat, normalise_lon(dlon * (m + xz))};
}

}  // namespace

double cpr_nl_transition_deg(int nl) {
  if (nl < 2 || nl > 59) {
    return nl < 2 ? 90.0 : 0.0;
  }
  return transitions()[static_cast<std::size_t>(nl)];
}

int cpr_nl(double lat_deg) {
  const double a = std::fabs(lat_deg);
  if (!(a < 87.0)) {  // also NaN
    return a > 87.0 || std::isnan(a) ? 1 : 2;
  }
  const auto& t = transitions();
  for (int nl = 59; nl > 2; --nl) {
    if (a < t[static_cast<std::size_t>(nl)]) {
      return nl;
    }
  }
  return 2;
}

std::optional<LatLon> cpr_decode_airborne_global(const CprFrame& even, const CprFrame& odd,
                                                 bool newest_odd) {
  GlobalLat g = global_latitudes(even, odd, 360.0);
  if (g.lat_even >= 270.0) {
    g.lat_even -= 360.0;
  }
  if (g.lat_odd >= 270.0) {
    g.lat_odd -= 360.0;
  }
  if (g.lat_even < -90.0 || g.lat_even > 90.0 || g.lat_odd < -90.0 || g.lat_odd > 90.0) {
    return std::nullopt;
  }
  // Both frames must lie in the same longitude-zone band, else the pair is not usable.
  if (cpr_nl(g.lat_even) != cpr_nl(g.lat_odd)) {
    return std::nullopt;
  }
  const double lat = newest_odd ? g.lat_odd : g.lat_even;
  const double lon = global_longitude(even, odd, newest_odd, lat, 360.0);
  return LatLon{lat, normalise_lon(lon)};
}

LatLon cpr_decode_airborne_local(const CprFrame& f, const LatLon& ref) {
  return local_decode(f, ref, 360.0);
}

std::optional<LatLon> cpr_decode_surface_global(const CprFrame& even, const CprFrame& odd,
                                                bool newest_odd, const LatLon& ref) {
  const GlobalLat g = global_latitudes(even, odd, 90.0);
  // Each latitude is known modulo 90 degrees: take the candidate nearest the reference.
  auto nearest_lat = [&](double lat) {
    const double south = lat - 90.0;
    return std::fabs(south - ref.lat_deg) < std::fabs(lat - ref.lat_deg) ? south : lat;
  };
  const double lat_even = nearest_lat(g.lat_even);
  const double lat_odd = nearest_lat(g.lat_odd);
  if (cpr_nl(lat_even) != cpr_nl(lat_odd)) {
    return std::nullopt;
  }
  const double lat = newest_odd ? lat_odd : lat_even;
  double lon = global_longitude(even, odd, newest_odd, lat, 90.0);
  // Longitude is known modulo 90 degrees: the quadrant nearest the reference.
  double best = lon;
  double best_d = 1e9;
  for (int k = -4; k <= 4; ++k) {
    const double cand = lon + 90.0 * k;
    const double d = std::fabs(mod_pos(cand - ref.lon_deg + 180.0, 360.0) - 180.0);
    if (d < best_d) {
      best_d = d;
      best = cand;
    }
  }
  return LatLon{lat, normalise_lon(best)};
}

LatLon cpr_decode_surface_local(const CprFrame& f, const LatLon& ref) {
  return local_decode(f, ref, 90.0);
}

CprFrame cpr_encode_airborne(double lat_deg, double lon_deg, bool odd) {
  const int i = odd ? 1 : 0;
  const double dlat = 360.0 / (60 - i);
  const double yz_full = std::floor(kTwoPow17 * mod_pos(lat_deg, dlat) / dlat + 0.5);
  const double rlat = dlat * (yz_full / kTwoPow17 + std::floor(lat_deg / dlat));
  const int ni = cpr_nl(rlat) - i;
  const double dlon = ni > 0 ? 360.0 / ni : 360.0;
  const double xz_full = std::floor(kTwoPow17 * mod_pos(lon_deg, dlon) / dlon + 0.5);
  CprFrame f;
  f.odd = odd;
  f.lat = static_cast<std::uint32_t>(static_cast<std::int64_t>(yz_full) % kCprMax);
  f.lon = static_cast<std::uint32_t>(static_cast<std::int64_t>(xz_full) % kCprMax);
  return f;
}

}  // namespace dewline::ingest::adsb
