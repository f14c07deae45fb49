// radar_config.hpp: what dewline needs to know about each radar whose ASTERIX feed it reads:
// which SAC/SIC it sends, where its antenna is, its measurement noise, and which reports to keep.
//
// In the site TOML (read with read_radar_configs, errors name file:line:column and key):
//
//   [[asterix.radar]]
//   name = "radar-split"        # sensor name in logs and reject counters
//   sensor_id = 3               # dewline SensorId
//   sac = 25                    # I0xx/010; omit sac and sic to match any source
//   sic = 13
//   lat_deg = 43.5710           # antenna position (WGS84, height above the ellipsoid); omit to
//   lon_deg = 16.4061           #   take it from CAT034 I034/120 when the radar sends it
//   alt_m = 780.0
//   position_source = "auto"    # "auto" (config, else I034/120), "config", "cat034"
//   sigma_range_m = 50.0        # 1-sigma measurement noise
//   sigma_azimuth_deg = 0.08
//   sigma_height_m = 100.0      # of a flight level as a height (elevation noise)
//   elevation_from_flight_level = true
//   accept_simulated = false    # keep reports with I048/020 SIM = 1
//   accept_test_targets = false # keep I048/020 TST = 1 and RAB = 1 (field monitor) reports
//   date = "2016-05-05"         # UTC date for inputs without a capture time (raw block files)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/geodesy.hpp"
#include "core/ids.hpp"
#include "core/sensor.hpp"
#include "core/time.hpp"

namespace dewline::ingest::asterix {

enum class PositionSource : std::uint8_t { Auto, Config, Cat034 };

struct AsterixRadarConfig {
  std::string name = "asterix";
  SensorId id{};
  std::optional<std::uint8_t> sac;  // absent: matches any SAC
  std::optional<std::uint8_t> sic;  // absent: matches any SIC
  std::optional<Geodetic> position;
  PositionSource position_source = PositionSource::Auto;
  double sigma_range_m = 50.0;
  double sigma_azimuth_rad = 0.08 * 0.017453292519943295;
  double sigma_height_m = 100.0;
  bool elevation_from_flight_level = true;
  bool accept_simulated = false;
  bool accept_test_targets = false;
  std::optional<Time> date;  // midnight UTC

  [[nodiscard]] bool matches(std::uint8_t s_ac, std::uint8_t s_ic) const {
    return (!sac || *sac == s_ac) && (!sic || *sic == s_ic);
  }
};

// Reads one [[asterix.radar]] table. Errors are recorded in the section's ConfigDocument
// (reported by its finish()).
[[nodiscard]] AsterixRadarConfig read_radar_config(ConfigSection s);
// Reads every [[radar]] table of `asterix` (the [asterix] section).
[[nodiscard]] std::vector<AsterixRadarConfig> read_radar_configs(ConfigSection asterix);

// "2016-05-05" -> midnight UTC of that day; nullopt when not a valid YYYY-MM-DD date.
[[nodiscard]] std::optional<Time> parse_utc_date(std::string_view text);

// The SensorInfo the tracker derives its defaults from (position in `site` when known).
[[nodiscard]] SensorInfo radar_sensor_info(const AsterixRadarConfig& c, const EnuFrame& site);

}  // namespace dewline::ingest::asterix
