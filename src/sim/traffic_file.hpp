// traffic_file.hpp: recorded ADS-B trajectories from the `traffic` library's JSON files
// (xoolive/traffic; ../shared/data/real/README.md), plain or gzip-compressed.
//
// The file is a JSON array of state vectors with the keys `timestamp` (ms since the Unix epoch),
// `icao24` (hex), `callsign`, `latitude`, `longitude` (degrees), `altitude` (barometric feet),
// `groundspeed` (knots), `track` (degrees, true) and `vertical_rate` (ft/min); OpenSky state
// vectors may add `last_position` (ms), the time the position was last updated. Other keys are
// ignored; records missing a position or an altitude are skipped and counted.
//
// A record's time is its `last_position` when given (the position's own time), else its
// `timestamp`. A record repeating the previous position exactly is stale (no new position
// message) and is dropped, as is a repeated time. The reader splits each aircraft's records into
// flight segments at gaps longer than `max_gap_s`, so every segment is strictly increasing in
// time and can be interpolated (traffic_replay.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace dewline::sim {

struct TrafficRecord {
  std::int64_t timestamp_ms = 0;  // the position's time (last_position, else timestamp)
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double altitude_ft = 0.0;
  std::optional<double> groundspeed_kt;
  std::optional<double> track_deg;
  std::optional<double> vertical_rate_fpm;
};

struct TrafficFlight {
  std::uint32_t icao24 = 0;
  std::string callsign;                // trimmed; the last non-empty one of the segment
  std::vector<TrafficRecord> records;  // strictly increasing timestamps, at least 2
};

struct TrafficFile {
  std::vector<TrafficFlight> flights;  // by icao24, then time
  std::size_t records_read = 0;
  std::size_t records_skipped = 0;  // no position or altitude
  std::size_t records_stale = 0;    // repeated position or time
};

// Reads a whole file (gzip detected by its magic bytes). Errors name the file and the reason.
Result<TrafficFile, std::string> read_traffic_file(const std::filesystem::path& path,
                                                   double max_gap_s);

// Parses the JSON text of a traffic file (for tests).
Result<TrafficFile, std::string> parse_traffic_json(std::string_view text, double max_gap_s);

// "4b43ac" -> 0x4b43ac; nullopt unless 1..6 hex digits.
[[nodiscard]] std::optional<std::uint32_t> parse_icao24(std::string_view hex);

}  // namespace dewline::sim
