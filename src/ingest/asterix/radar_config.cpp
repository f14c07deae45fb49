#include "ingest/asterix/radar_config.hpp"

#include <charconv>
#include <chrono>

#include "core/angles.hpp"

namespace dewline::ingest::asterix {

std::optional<Time> parse_utc_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    const char* b = text.data() + pos;
    auto [p, ec] = std::from_chars(b, b + len, out);
    return ec == std::errc() && p == b + len;
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  const std::int64_t days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return Time{days * 86'400'000'000'000};
}

AsterixRadarConfig read_radar_config(ConfigSection s) {
  AsterixRadarConfig c;
  s.get("name", c.name);
  std::uint32_t id = 0;
  s.get("sensor_id", id);
  c.id = SensorId{id};
  if (s.has("sac")) {
    int v = 0;
    s.get("sac", v, Range{0.0, 255.0});
    c.sac = static_cast<std::uint8_t>(v);
  }
  if (s.has("sic")) {
    int v = 0;
    s.get("sic", v, Range{0.0, 255.0});
    c.sic = static_cast<std::uint8_t>(v);
  }
  const bool has_lat = s.has("lat_deg");
  const bool has_lon = s.has("lon_deg");
  if (has_lat || has_lon) {
    Geodetic g;
    s.get("lat_deg", g.lat_deg, Range{-90.0, 90.0}, true);
    s.get("lon_deg", g.lon_deg, Range{-180.0, 180.0}, true);
    s.get("alt_m", g.alt_m, Range{-1000.0, 10000.0});
    c.position = g;
  } else if (s.has("alt_m")) {
    s.error("alt_m", "given without lat_deg and lon_deg");
  }
  s.get_enum("position_source", c.position_source,
             {{"auto", PositionSource::Auto},
              {"config", PositionSource::Config},
              {"cat034", PositionSource::Cat034}});
  if (c.position_source == PositionSource::Config && !c.position) {
    s.error("position_source", "\"config\" needs lat_deg and lon_deg");
  }
  s.get("sigma_range_m", c.sigma_range_m, Range{0.0, 10000.0, true});
  double az_deg = c.sigma_azimuth_rad * kRadToDeg;
  s.get("sigma_azimuth_deg", az_deg, Range{0.0, 10.0, true});
  c.sigma_azimuth_rad = az_deg * kDegToRad;
  s.get("sigma_height_m", c.sigma_height_m, Range{0.0, 10000.0, true});
  s.get("elevation_from_flight_level", c.elevation_from_flight_level);
  s.get("accept_simulated", c.accept_simulated);
  s.get("accept_test_targets", c.accept_test_targets);
  std::string date;
  s.get("date", date);
  if (!date.empty()) {
    c.date = parse_utc_date(date);
    if (!c.date) {
      s.error("date", "expected a UTC date YYYY-MM-DD, got \"" + date + "\"");
    }
  }
  return c;
}

std::vector<AsterixRadarConfig> read_radar_configs(ConfigSection asterix) {
  std::vector<AsterixRadarConfig> out;
  for (ConfigSection s : asterix.sections("radar")) {
    out.push_back(read_radar_config(s));
  }
  return out;
}

SensorInfo radar_sensor_info(const AsterixRadarConfig& c, const EnuFrame& site) {
  SensorInfo s;
  s.id = c.id;
  s.name = c.name;
  s.kind = SensorKind::RotatingRadar;
  if (c.position) {
    s.position_m = site.to_enu(*c.position);
  }
  s.sigma_range_m = c.sigma_range_m;
  s.sigma_azimuth_rad = c.sigma_azimuth_rad;
  s.reports_elevation = false;  // elevation only derived from a flight level
  s.scan_period_s = 4.0;        // typical en-route rotation; CAT034 I041 gives the real one
  return s;
}

}  // namespace dewline::ingest::asterix
