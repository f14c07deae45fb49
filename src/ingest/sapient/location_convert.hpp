// location_convert.hpp: SAPIENT positions (BSI Flex 335 v2.0 Location and RangeBearing) into
// dewline's site frame.
//
// Location: lat/lng in degrees or radians (x = longitude, y = latitude) or UTM easting/northing
// in metres with a zone (GeographicLib::UTMUPS), heights above the WGS84 ellipsoid (WGS84_E) or
// the geoid (WGS84_G: the site's geoid undulation N is added, ellipsoid h = H + N). Errors are
// 1-sigma in the coordinate's own units (degrees, radians or metres), turned into metres with
// the local radii of curvature, or from UTM grid axes with the meridian convergence and scale.
// The covariance comes out in the site's ENU axes.
//
// RangeBearing: bearing clockwise from the datum's north (true; magnetic + declination; grid +
// the meridian convergence at the sensor; platform + the platform's heading), elevation above
// the node's horizon, range; in degrees or radians, metres or kilometres. The line of sight is
// rotated from the sensor's local axes into the site's, then given as dewline's azimuth (CCW
// from East, radians) and elevation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

// What a conversion needs to know about the site and how to fill gaps.
struct ConversionSettings {
  double geoid_undulation_m = 0.0;          // N at the site (WGS84_G heights)
  double max_distance_from_site_m = 500e3;  // farther positions are rejected as implausible
  double default_sigma_position_m = 10.0;   // when a Location gives no x/y error
  double default_sigma_altitude_m = 10.0;   // when it gives a height but no z error
  double missing_altitude_sigma_m = 300.0;  // when it gives no height at all
  double default_sigma_azimuth_rad = 0.035;  // ~2 degrees
  double default_sigma_elevation_rad = 0.035;
  double default_sigma_range_m = 10.0;
  double default_sigma_velocity_mps = 5.0;
};

// A UTM zone as SAPIENT writes it: "30N"/"30S" (hemisphere) or "30U" (MGRS latitude band), or
// "30 north". 'S' is a band in the northern hemisphere (32-40 N) and the southern hemisphere's
// letter: `site_north` decides.
struct UtmZone {
  int zone = 0;
  bool north = true;
};
[[nodiscard]] std::optional<UtmZone> parse_utm_zone(std::string_view s, bool site_north);

// A converted absolute location.
struct SiteLocation {
  Geodetic geodetic;      // WGS84, ellipsoidal height
  Vec3 enu_m;             // site frame
  Mat3 covariance_m2;     // site axes
  bool has_altitude = true;
};

// `fallback_zone`: the zone to use when the Location has none (the node's registered zone, or
// the site's own). `fallback_altitude_m`: the height to assume when z is absent (ellipsoidal).
Result<SiteLocation, std::string> convert_location(const sapient_pb::Location& loc,
                                                   const EnuFrame& site,
                                                   const ConversionSettings& s,
                                                   std::optional<UtmZone> fallback_zone,
                                                   double fallback_altitude_m);

// Where a bearing-reporting node is and how its "north" relates to true north.
struct SensorPose {
  Geodetic geodetic;
  Vec3 enu_m = Vec3::Zero();
  std::optional<double> magnetic_declination_deg;  // east positive: true = magnetic + declination
  std::optional<double> platform_heading_deg;      // true bearing of the platform's "north"
};

// True bearing (degrees) of the grid north at `g` in its standard UTM zone (the meridian
// convergence), for RANGE_BEARING_DATUM_GRID.
[[nodiscard]] double grid_convergence_deg(const Geodetic& g);

// RangeBearing -> PolarMeasurement (range given) or BearingMeasurement (no range).
Result<Measurement, std::string> convert_range_bearing(const sapient_pb::RangeBearing& rb,
                                                       const SensorPose& sensor,
                                                       const EnuFrame& site,
                                                       const ConversionSettings& s);

}  // namespace dewline::ingest::sapient
