#include "ingest/remoteid/odid_units.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace dewline::ingest::remoteid {

std::optional<double> direction_deg(const Location& l) {
  const int v = l.direction + (l.ew_direction != 0 ? 180 : 0);
  if (v == 361) {
    return std::nullopt;
  }
  return static_cast<double>(v);
}

std::optional<double> speed_horizontal_mps(const Location& l) {
  const double v = l.speed_multiplier != 0 ? l.speed_horizontal * 0.75 + 255 * 0.25
                                           : l.speed_horizontal * 0.25;
  if (v == 255.0) {
    return std::nullopt;
  }
  return v;
}

std::optional<double> speed_vertical_mps(const Location& l) {
  const double v = l.speed_vertical * 0.5;
  if (v == 63.0) {
    return std::nullopt;
  }
  return v;
}

std::optional<double> lat_lon_deg(std::int32_t raw, std::int32_t other_raw) {
  if (raw == 0 && other_raw == 0) {
    return std::nullopt;
  }
  return raw / 1e7;
}

std::optional<double> latitude_deg(const Location& l) {
  return lat_lon_deg(l.latitude, l.longitude);
}
std::optional<double> longitude_deg(const Location& l) {
  return lat_lon_deg(l.longitude, l.latitude);
}

std::optional<double> altitude_m(std::uint16_t raw) {
  if (raw == 0) {
    return std::nullopt;
  }
  return raw * 0.5 - 1000.0;
}

std::optional<double> pressure_altitude_m(const Location& l) {
  return altitude_m(l.pressure_altitude);
}
std::optional<double> geodetic_altitude_m(const Location& l) {
  return altitude_m(l.geodetic_altitude);
}
std::optional<double> height_m(const Location& l) { return altitude_m(l.height); }

std::optional<double> timestamp_s_since_hour(const Location& l) {
  if (l.timestamp == 0xFFFF) {
    return std::nullopt;
  }
  return l.timestamp / 10.0;
}

std::optional<double> operator_latitude_deg(const System& s) {
  return lat_lon_deg(s.operator_latitude, s.operator_longitude);
}
std::optional<double> operator_longitude_deg(const System& s) {
  return lat_lon_deg(s.operator_longitude, s.operator_latitude);
}
std::optional<double> operator_altitude_m(const System& s) {
  return altitude_m(s.operator_altitude_geo);
}
std::optional<double> area_ceiling_m(const System& s) { return altitude_m(s.area_ceiling); }
std::optional<double> area_floor_m(const System& s) { return altitude_m(s.area_floor); }
double area_radius_m(const System& s) { return s.area_radius * 10.0; }
std::int64_t system_timestamp_unix_s(const System& s) {
  return kOdidEpochUnixS + static_cast<std::int64_t>(s.timestamp);
}

namespace {

constexpr std::array<double, 13> kHorizontal = {0.0,   18520.0, 7408.0, 3704.0, 1852.0,
                                                926.0, 555.6,   185.2,  92.6,   30.0,
                                                10.0,  3.0,     1.0};
constexpr std::array<double, 7> kVertical = {0.0, 150.0, 45.0, 25.0, 10.0, 3.0, 1.0};
constexpr std::array<double, 5> kSpeed = {0.0, 10.0, 3.0, 1.0, 0.3};

template <std::size_t N>
std::optional<double> lookup(const std::array<double, N>& t, std::uint8_t code) {
  if (code == 0 || code >= N) {
    return std::nullopt;
  }
  return t[code];
}

template <std::size_t N>
std::uint8_t category(const std::array<double, N>& t, std::optional<double> v) {
  if (!v || !std::isfinite(*v) || *v < 0.0) {
    return 0;
  }
  std::uint8_t best = 0;
  for (std::size_t i = 1; i < N; ++i) {
    if (*v < t[i]) {
      best = static_cast<std::uint8_t>(i);
    }
  }
  return best;
}

}  // namespace

std::optional<double> horizontal_accuracy_m(std::uint8_t code) { return lookup(kHorizontal, code); }
std::optional<double> vertical_accuracy_m(std::uint8_t code) { return lookup(kVertical, code); }
std::optional<double> speed_accuracy_mps(std::uint8_t code) { return lookup(kSpeed, code); }
std::optional<double> timestamp_accuracy_s(std::uint8_t code) {
  if (code == 0) {
    return std::nullopt;
  }
  return (code & 0x0FU) * 0.1;
}

void set_direction(Location& l, std::optional<double> deg) {
  if (!deg || !std::isfinite(*deg)) {
    l.direction = 181;
    l.ew_direction = 1;  // 181 + 180 = 361: unknown
    return;
  }
  double d = std::fmod(*deg, 360.0);
  if (d < 0.0) {
    d += 360.0;
  }
  auto v = static_cast<int>(std::lround(d));
  if (v >= 360) {
    v = 0;
  }
  l.ew_direction = v >= 180 ? 1 : 0;
  l.direction = static_cast<std::uint8_t>(v >= 180 ? v - 180 : v);
}

void set_speed_horizontal(Location& l, std::optional<double> mps) {
  if (!mps || !std::isfinite(*mps)) {
    l.speed_multiplier = 1;
    l.speed_horizontal = 255;  // 255 * 0.75 + 63.75 = 255 m/s: unknown
    return;
  }
  const double v = std::max(0.0, *mps);
  if (v <= 255 * 0.25) {
    l.speed_multiplier = 0;
    l.speed_horizontal = static_cast<std::uint8_t>(std::lround(v / 0.25));
  } else {
    l.speed_multiplier = 1;
    const long r = std::lround((v - 255 * 0.25) / 0.75);
    l.speed_horizontal = static_cast<std::uint8_t>(std::clamp(r, 0L, 254L));  // 254.25 m/s max
  }
}

void set_speed_vertical(Location& l, std::optional<double> mps) {
  if (!mps || !std::isfinite(*mps)) {
    l.speed_vertical = 126;  // 63 m/s: unknown
    return;
  }
  const long r = std::lround(std::clamp(*mps, -62.0, 62.0) / 0.5);
  l.speed_vertical = static_cast<std::int8_t>(r);
}

std::int32_t encode_lat_lon(double deg) {
  if (!std::isfinite(deg)) {
    return 0;
  }
  const double c = std::clamp(deg, -180.0, 180.0) * 1e7;
  return static_cast<std::int32_t>(std::llround(c));
}

std::uint16_t encode_altitude(std::optional<double> m) {
  if (!m || !std::isfinite(*m)) {
    return 0;
  }
  const long long r = std::llround((*m + 1000.0) / 0.5);
  return static_cast<std::uint16_t>(std::clamp(r, 1LL, 65535LL));  // 0 is reserved for unknown
}

std::uint8_t horizontal_accuracy_code(std::optional<double> m95) {
  return category(kHorizontal, m95);
}
std::uint8_t vertical_accuracy_code(std::optional<double> m95) { return category(kVertical, m95); }
std::uint8_t speed_accuracy_code(std::optional<double> mps95) { return category(kSpeed, mps95); }

}  // namespace dewline::ingest::remoteid
