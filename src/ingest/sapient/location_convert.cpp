#include "ingest/sapient/location_convert.hpp"

#include <GeographicLib/Constants.hpp>
#include <GeographicLib/UTMUPS.hpp>

#include <array>
#include <cmath>
#include <cstdio>

#include "core/angles.hpp"

namespace dewline::ingest::sapient {
namespace {

using sapient_pb::Location;
using sapient_pb::RangeBearing;

std::string num(double v) {
  std::array<char, 32> b{};
  std::snprintf(b.data(), b.size(), "%.9g", v);
  return std::string(b.data());
}

// WGS84 radii of curvature at latitude phi: meridional M and prime vertical N.
void radii(double lat_rad, double& m, double& n) {
  const double a = GeographicLib::Constants::WGS84_a();
  const double f = GeographicLib::Constants::WGS84_f();
  const double e2 = f * (2.0 - f);
  const double s = std::sin(lat_rad);
  const double w = 1.0 - e2 * s * s;
  n = a / std::sqrt(w);
  m = a * (1.0 - e2) / (w * std::sqrt(w));
}

Mat3 diag(double sx, double sy, double sz) {
  Mat3 c = Mat3::Zero();
  c(0, 0) = sx * sx;
  c(1, 1) = sy * sy;
  c(2, 2) = sz * sz;
  return c;
}

}  // namespace

std::optional<UtmZone> parse_utm_zone(std::string_view s, bool site_north) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  std::size_t i = 0;
  int zone = 0;
  while (i < s.size() && i < 2 && s[i] >= '0' && s[i] <= '9') {
    zone = zone * 10 + (s[i] - '0');
    ++i;
  }
  if (i == 0 || zone < 1 || zone > 60) {
    return std::nullopt;
  }
  std::string_view rest = s.substr(i);
  while (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  std::string r;
  for (char c : rest) {
    r += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (r == "north") {
    return UtmZone{zone, true};
  }
  if (r == "south") {
    return UtmZone{zone, false};
  }
  if (r.size() != 1) {
    return std::nullopt;
  }
  const char b = r[0];
  if (b == 'i' || b == 'o' || b < 'c' || b > 'x') {
    return std::nullopt;
  }
  if (b == 's') {
    return UtmZone{zone, site_north};  // band S (32-40 N) or the southern hemisphere
  }
  return UtmZone{zone, b >= 'n'};  // bands C..M south, N..X north
}

Result<SiteLocation, std::string> convert_location(const Location& loc, const EnuFrame& site,
                                                   const ConversionSettings& s,
                                                   std::optional<UtmZone> fallback_zone,
                                                   double fallback_altitude_m) {
  SiteLocation out;
  const double x = loc.x();
  const double y = loc.y();
  if (!std::isfinite(x) || !std::isfinite(y)) {
    return unexpected(std::string("x/y not finite"));
  }
  out.has_altitude = loc.has_z() && std::isfinite(loc.z());
  double h = out.has_altitude ? loc.z() : fallback_altitude_m;
  if (out.has_altitude && loc.datum() == sapient_pb::LOCATION_DATUM_WGS84_G) {
    h += s.geoid_undulation_m;  // height above the geoid -> above the ellipsoid
  }
  const double sz = !out.has_altitude ? s.missing_altitude_sigma_m
                    : loc.has_z_error() ? loc.z_error()
                                        : s.default_sigma_altitude_m;
  Mat3 local_cov;
  switch (loc.coordinate_system()) {
    case sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M:
    case sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_RAD_M: {
      const bool deg = loc.coordinate_system() == sapient_pb::LOCATION_COORDINATE_SYSTEM_LAT_LNG_DEG_M;
      const double to_rad = deg ? kDegToRad : 1.0;
      out.geodetic.lat_deg = deg ? y : y * kRadToDeg;
      out.geodetic.lon_deg = deg ? x : x * kRadToDeg;
      if (out.geodetic.lon_deg > 180.0) {
        out.geodetic.lon_deg -= 360.0;
      }
      if (std::abs(out.geodetic.lat_deg) > 90.0 || std::abs(out.geodetic.lon_deg) > 180.0) {
        return unexpected("latitude/longitude out of range: " + num(out.geodetic.lat_deg) + ", " +
                          num(out.geodetic.lon_deg));
      }
      double m = 0.0;
      double n = 0.0;
      radii(out.geodetic.lat_deg * kDegToRad, m, n);
      const double se = loc.has_x_error()
                            ? loc.x_error() * to_rad * (n + h) * std::cos(out.geodetic.lat_deg * kDegToRad)
                            : s.default_sigma_position_m;
      const double sn = loc.has_y_error() ? loc.y_error() * to_rad * (m + h) : s.default_sigma_position_m;
      local_cov = diag(se, sn, sz);
      break;
    }
    case sapient_pb::LOCATION_COORDINATE_SYSTEM_UTM_M: {
      const bool site_north = site.origin().lat_deg >= 0.0;
      std::optional<UtmZone> z;
      if (loc.has_utm_zone() && !loc.utm_zone().empty()) {
        z = parse_utm_zone(loc.utm_zone(), site_north);
        if (!z) {
          return unexpected("not a UTM zone: \"" + loc.utm_zone() + "\"");
        }
      } else {
        z = fallback_zone;
      }
      if (!z) {
        return unexpected(std::string("UTM location without a zone, and none registered"));
      }
      // GeographicLib's limits (UTMUPS::Reverse): easting [0, 1000] km; northing
      // [-9100, 9600] km north, [900, 19600] km south.
      const double nmin = z->north ? -9100e3 : 900e3;
      const double nmax = z->north ? 9600e3 : 19600e3;
      if (x < 0.0 || x > 1000e3 || y < nmin || y > nmax) {
        return unexpected("UTM easting/northing out of range for zone " + std::to_string(z->zone) +
                          (z->north ? "N" : "S") + ": " + num(x) + ", " + num(y));
      }
      double lat = 0.0;
      double lon = 0.0;
      double gamma = 0.0;
      double k = 1.0;
      try {
        GeographicLib::UTMUPS::Reverse(z->zone, z->north, x, y, lat, lon, gamma, k);
      } catch (const std::exception& e) {
        return unexpected(std::string("UTM conversion failed: ") + e.what());
      }
      out.geodetic.lat_deg = lat;
      out.geodetic.lon_deg = lon;
      // Grid axes are rotated by the convergence gamma (grid north is gamma clockwise from true
      // north) and scaled by k (grid distance = k * true distance).
      const double se = (loc.has_x_error() ? loc.x_error() : s.default_sigma_position_m * k) / k;
      const double sn = (loc.has_y_error() ? loc.y_error() : s.default_sigma_position_m * k) / k;
      const double g = gamma * kDegToRad;
      Mat3 r = Mat3::Identity();  // grid (E, N) -> true local (E, N)
      r(0, 0) = std::cos(g);
      r(0, 1) = std::sin(g);
      r(1, 0) = -std::sin(g);
      r(1, 1) = std::cos(g);
      local_cov = r * diag(se, sn, sz) * r.transpose();
      break;
    }
    default:
      return unexpected(std::string("unsupported coordinate system"));
  }
  out.geodetic.alt_m = h;
  out.enu_m = site.to_enu(out.geodetic);
  const double dist = out.enu_m.head<2>().norm();
  if (!std::isfinite(dist) || dist > s.max_distance_from_site_m) {
    return unexpected("position is " + num(dist / 1000.0) + " km from the site (more than " +
                      num(s.max_distance_from_site_m / 1000.0) + " km)");
  }
  const Mat3 rot = site.rotation_from_local(out.geodetic);
  out.covariance_m2 = rot * local_cov * rot.transpose();
  return out;
}

double grid_convergence_deg(const Geodetic& g) {
  int zone = 0;
  bool north = true;
  double x = 0.0;
  double y = 0.0;
  double gamma = 0.0;
  double k = 1.0;
  try {
    GeographicLib::UTMUPS::Forward(g.lat_deg, g.lon_deg, zone, north, x, y, gamma, k);
  } catch (const std::exception&) {
    return 0.0;
  }
  return gamma;
}

Result<Measurement, std::string> convert_range_bearing(const RangeBearing& rb,
                                                       const SensorPose& sensor,
                                                       const EnuFrame& site,
                                                       const ConversionSettings& s) {
  using CS = sapient_pb::RangeBearingCoordinateSystem;
  const CS cs = rb.coordinate_system();
  const bool radians = cs == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_M ||
                       cs == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_KM;
  const bool km = cs == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_KM ||
                  cs == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_RADIANS_KM;
  if (cs == sapient_pb::RANGE_BEARING_COORDINATE_SYSTEM_UNSPECIFIED) {
    return unexpected(std::string("unsupported coordinate system"));
  }
  if (!rb.has_azimuth() || !std::isfinite(rb.azimuth())) {
    return unexpected(std::string("no azimuth: a range/bearing detection needs one"));
  }
  const double to_rad = radians ? 1.0 : kDegToRad;
  const double to_m = km ? 1000.0 : 1.0;
  double bearing_deg = rb.azimuth() * to_rad * kRadToDeg;
  switch (rb.datum()) {
    case sapient_pb::RANGE_BEARING_DATUM_TRUE:
      break;
    case sapient_pb::RANGE_BEARING_DATUM_MAGNETIC:
      if (!sensor.magnetic_declination_deg) {
        return unexpected(std::string(
            "magnetic bearing, but the node's magnetic declination is not configured"));
      }
      bearing_deg += *sensor.magnetic_declination_deg;
      break;
    case sapient_pb::RANGE_BEARING_DATUM_GRID:
      bearing_deg += grid_convergence_deg(sensor.geodetic);
      break;
    case sapient_pb::RANGE_BEARING_DATUM_PLATFORM:
      if (!sensor.platform_heading_deg) {
        return unexpected(std::string(
            "platform-relative bearing, but the node's platform heading is not known"));
      }
      bearing_deg += *sensor.platform_heading_deg;
      break;
    default:
      return unexpected(std::string("unsupported datum"));
  }
  const bool has_el = rb.has_elevation() && std::isfinite(rb.elevation());
  const double el_local = has_el ? rb.elevation() * to_rad : 0.0;
  // Line of sight in the sensor's local ENU axes, then in the site's.
  const Vec3 local = polar_to_enu(1.0, compass_deg_to_azimuth(bearing_deg), el_local);
  const Vec3 los = site.rotate_from_local(sensor.geodetic, local);
  const double az = std::atan2(los.y(), los.x());
  const double el = std::asin(std::clamp(los.z(), -1.0, 1.0));
  const double saz = rb.has_azimuth_error() ? rb.azimuth_error() * to_rad : s.default_sigma_azimuth_rad;
  const double sel =
      rb.has_elevation_error() ? rb.elevation_error() * to_rad : s.default_sigma_elevation_rad;
  if (rb.has_range() && std::isfinite(rb.range())) {
    PolarMeasurement p;
    p.range_m = rb.range() * to_m;
    p.azimuth_rad = az;
    if (has_el) {
      p.elevation_rad = el;
    }
    p.sigma_range_m = rb.has_range_error() ? rb.range_error() * to_m : s.default_sigma_range_m;
    p.sigma_azimuth_rad = saz;
    p.sigma_elevation_rad = sel;
    return Measurement{p};
  }
  BearingMeasurement b;
  b.azimuth_rad = az;
  if (has_el) {
    b.elevation_rad = el;
  }
  b.sigma_azimuth_rad = saz;
  b.sigma_elevation_rad = sel;
  return Measurement{b};
}

}  // namespace dewline::ingest::sapient
