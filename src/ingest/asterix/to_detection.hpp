// to_detection.hpp: CAT048 target report -> dewline Detection (the third decoder layer).
//
// For each report the converter finds the radar by I048/010 SAC/SIC among the configured ones,
// and builds a PolarMeasurement relative to the radar's antenna:
//   - range: RHO (slant range, NM) x 1852 m;
//   - azimuth: THETA is a compass bearing (clockwise from North at the radar). It becomes a
//     direction in the radar's local ENU axes, which EnuFrame::rotation_from_local turns into
//     the site's ENU axes (north at a radar 60 km from the site origin differs by ~0.5 deg),
//     and the azimuth is that direction's angle counter-clockwise from the site's East;
//   - elevation (optional, APPROXIMATE): from I048/090 when present, taking the flight level as a
//     height above mean sea level (FL x 100 ft; pressure altitude is not corrected for QNH or
//     temperature, and the geoid is ignored, so errors of a few hundred metres in height are
//     normal) and a spherical Earth (R = 6371 km, no refraction):
//       sin(el) = ((R+h_t)^2 - (R+h_r)^2 - rho^2) / (2 (R+h_r) rho);
//     its sigma is sigma_height_m / rho;
//   - range rate: I048/120 CAL when not doubtful (positive away from the radar, as recommended);
//   - noise: the radar's configured sigma_range_m / sigma_azimuth_rad;
//   - time: I048/140 time of day on the date of the reference (capture or receive) time, or the
//     configured date, with midnight roll-over (time_of_day.hpp);
//   - identity: Mode 3/A (when neither garbled nor unvalidated), I048/220 address, I048/240
//     callsign; sensor_object_id: I048/161 track number.
// The radar position comes from the config, or from the last CAT034 I034/120 of that SAC/SIC
// (position_source). Reports that can't be converted are counted per (radar, reason) and logged
// at a limited rate; reasons: unknown_source, no_data_source, no_time_of_day, no_position,
// no_detection (TYP 0: extrapolated, not a plot), simulated, test_target, no_radar_position.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/reject_counter.hpp"
#include "core/result.hpp"
#include "ingest/asterix/cat034.hpp"
#include "ingest/asterix/cat048.hpp"
#include "ingest/asterix/radar_config.hpp"
#include "ingest/asterix/time_of_day.hpp"

namespace dewline::ingest::asterix {

inline constexpr double kMetresPerNm = 1852.0;
inline constexpr double kMetresPerFoot = 0.3048;
inline constexpr double kEarthRadiusM = 6371000.0;

// Elevation (radians, positive up) of a target at height `target_h_m` seen at slant range
// `range_m` from an antenna at `radar_h_m`, spherical Earth; nullopt when inconsistent.
[[nodiscard]] std::optional<double> elevation_from_height(double range_m, double radar_h_m,
                                                          double target_h_m);

class Cat048ToDetection {
 public:
  Cat048ToDetection(EnuFrame site, std::vector<AsterixRadarConfig> radars);

  // Takes the radar position from I034/120 for radars whose position_source allows it.
  void on_cat034(const Cat034Record& r);
  // Converts one report. `reference` is the capture or receive time (for the date); the error
  // is the reject reason, already counted (and logged when the counter says so).
  Result<Detection, std::string_view> convert(const Cat048Record& r, std::optional<Time> reference);

  [[nodiscard]] const RejectCounter& rejects() const { return rejects_; }
  // The radar position in use for SAC/SIC, if known (config or CAT034).
  [[nodiscard]] std::optional<Geodetic> radar_position(std::uint8_t sac, std::uint8_t sic) const;

 private:
  struct Radar {
    AsterixRadarConfig config;
    std::uint8_t sac = 0;  // the source actually seen (for wildcard entries)
    std::uint8_t sic = 0;
    std::optional<Geodetic> position;
    Vec3 position_enu = Vec3::Zero();
    Mat3 to_site = Mat3::Identity();  // radar-local ENU axes -> site ENU axes
    TimeOfDayResolver tod;
  };
  Radar* find(std::uint8_t sac, std::uint8_t sic);
  void set_position(Radar& r, const Geodetic& g);
  std::string_view reject(std::string_view source, std::string_view reason);

  EnuFrame site_;
  std::vector<AsterixRadarConfig> configs_;
  std::vector<Radar> radars_;  // one per SAC/SIC seen, created from the matching config
  RejectCounter rejects_;
  std::string source_scratch_;
};

}  // namespace dewline::ingest::asterix
