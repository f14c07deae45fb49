// to_detection.hpp: an ADS-B aircraft report with a position -> the core Detection.
//
// Measurement: PositionMeasurement in the site ENU frame (core/geodesy.hpp), metres.
// - Horizontal position: the decoded latitude/longitude.
// - Height (WGS84 ellipsoid): GNSS height when the aircraft sends it (TC 20-22); else barometric
//   altitude plus the aircraft's latest geo-minus-baro difference (TC19) when younger than
//   `geo_minus_baro_max_age`; else the barometric (pressure) altitude used as if it were a
//   height, with the larger `sigma_vertical_baro_m`. Pressure altitude differs from height by
//   the local QNH and temperature deviation and the geoid (hundreds of feet are common), hence
//   the large default sigma.
// - Covariance: horizontal 1-sigma = EPU(NACp) / 2.4477 when a NACp is known (the EPU is a 95 %
//   radius; a 2-D Gaussian puts 95 % inside 2.4477 sigma), else Rc(NIC) / 2.4477 from the
//   position's type code (Rc is an integrity bound, so this is conservative), else
//   `default_sigma_horizontal_m`. Vertical as above. Rotated from the aircraft's local ENU axes
//   into the site's axes.
// - Velocity: from the latest TC19 if younger than `velocity_max_age`: subtypes 1/2 give velocity
//   over ground (east, north) and the vertical rate; 1-sigma from NACv / 2.4477 (horizontal) and
//   the NACv vertical bound / 1.96, else the defaults. Airspeed subtypes 3/4 (heading and IAS/TAS,
//   not a ground velocity) give no velocity unless `use_airspeed_velocity` (then TAS along the
//   heading with `sigma_airspeed_velocity_mps`, which must cover the wind).
// - Identity: icao24, callsign, mode3a (squawk). sensor_object_id = the ICAO address. snr_db =
//   the Beast signal level in dBFS (20 log10(signal / 255)) when known.
#pragma once

#include <optional>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/ids.hpp"
#include "ingest/adsb/aircraft_state.hpp"

namespace dewline::ingest::adsb {

inline constexpr double kFeetToMetres = 0.3048;
inline constexpr double kKnotsToMps = 1852.0 / 3600.0;
inline constexpr double kFpmToMps = 0.3048 / 60.0;
inline constexpr double kSigmaPer95Radius = 2.4477;  // sqrt(-2 ln 0.05)

struct AdsbDetectionConfig {
  SensorId sensor{};
  Vec3 sensor_position_m = Vec3::Zero();
  double default_sigma_horizontal_m = 50.0;
  double sigma_vertical_gnss_m = 15.0;   // GNSS height, 25 ft steps
  double sigma_vertical_baro_m = 100.0;  // pressure altitude taken as height
  Duration geo_minus_baro_max_age = Duration::from_ms(60'000);
  Duration velocity_max_age = Duration::from_ms(5'000);
  double default_sigma_velocity_mps = 5.0;
  double default_sigma_vertical_rate_mps = 2.0;
  bool use_airspeed_velocity = false;
  double sigma_airspeed_velocity_mps = 25.0;
};

// Height above the WGS84 ellipsoid (metres) and its 1-sigma, per the rules above; nullopt when
// the aircraft has no altitude at all.
struct HeightEstimate {
  double height_m = 0.0;
  double sigma_m = 0.0;
  bool geometric = false;  // GNSS height or baro corrected by geo-minus-baro
};
[[nodiscard]] std::optional<HeightEstimate> estimate_height(const AircraftReport& r,
                                                            const AdsbDetectionConfig& cfg);

// Horizontal 1-sigma in metres, per the rules above.
[[nodiscard]] double horizontal_sigma_m(const AircraftState& a, const AdsbDetectionConfig& cfg);

// nullopt when the report carries no position from this message (`new_position`) or no altitude.
[[nodiscard]] std::optional<Detection> to_detection(const AircraftReport& r, const EnuFrame& site,
                                                    const AdsbDetectionConfig& cfg);

}  // namespace dewline::ingest::adsb
