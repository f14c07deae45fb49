#include "ingest/adsb/sbs_parser.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace dewline::ingest::adsb {
namespace {

constexpr std::size_t kSbsFields = 22;

AdsbError bad(AdsbErrorCode c, std::string_view reason) { return AdsbError{c, reason, 0}; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

template <class T>
bool parse_number(std::string_view s, T& out) {
  if (s.empty()) {
    return false;
  }
  const char* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, out);
  return r.ec == std::errc{} && r.ptr == end;
}

bool parse_hex24(std::string_view s, std::uint32_t& out) {
  if (s.size() != 6) {
    return false;
  }
  const char* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, out, 16);
  return r.ec == std::errc{} && r.ptr == end;
}

// -1 / 1 true, 0 false.
bool parse_flag(std::string_view s, std::optional<bool>& out) {
  if (s.empty()) {
    out.reset();
    return true;
  }
  if (s == "-1" || s == "1") {
    out = true;
    return true;
  }
  if (s == "0") {
    out = false;
    return true;
  }
  return false;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool parse_fixed_uint(std::string_view s, unsigned& out) {
  return !s.empty() && parse_number(s, out);
}

}  // namespace

std::optional<Time> parse_sbs_time(std::string_view date, std::string_view time) {
  // YYYY/MM/DD
  if (date.size() != 10 || date[4] != '/' || date[7] != '/') {
    return std::nullopt;
  }
  unsigned y = 0, mo = 0, d = 0;
  if (!parse_fixed_uint(date.substr(0, 4), y) || !parse_fixed_uint(date.substr(5, 2), mo) ||
      !parse_fixed_uint(date.substr(8, 2), d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  // Time spans 1678..2262 (int64 ns); feeds are far inside this window.
  if (y < 1900 || y > 2200) {
    return std::nullopt;
  }
  // HH:MM:SS[.fff...]
  if (time.size() < 8 || time[2] != ':' || time[5] != ':') {
    return std::nullopt;
  }
  unsigned h = 0, mi = 0, sec = 0;
  if (!parse_fixed_uint(time.substr(0, 2), h) || !parse_fixed_uint(time.substr(3, 2), mi) ||
      !parse_fixed_uint(time.substr(6, 2), sec) || h > 23 || mi > 59 || sec > 60) {
    return std::nullopt;
  }
  std::int64_t frac_ns = 0;
  if (time.size() > 8) {
    if (time[8] != '.' || time.size() == 9 || time.size() > 18) {
      return std::nullopt;
    }
    std::int64_t scale = 100'000'000;
    for (std::size_t i = 9; i < time.size(); ++i) {
      const char c = time[i];
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      frac_ns += (c - '0') * scale;
      scale /= 10;
    }
  }
  const std::int64_t days = days_from_civil(y, mo, d);
  const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec;
  return Time::from_ns(secs * 1'000'000'000 + frac_ns);
}

Result<SbsLineKind, AdsbError> parse_sbs_line(std::string_view line, SbsRecord& out) {
  out = SbsRecord{};
  line = trim(line);
  if (line.empty()) {
    return SbsLineKind::Skipped;  // dump1090's heartbeat is an empty line
  }
  std::array<std::string_view, kSbsFields> f{};
  std::size_t count = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    const std::string_view field =
        line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (count < kSbsFields) {
      f[count] = trim(field);
    }
    ++count;
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  if (f[0] == "SEL" || f[0] == "ID" || f[0] == "AIR" || f[0] == "STA" || f[0] == "CLK") {
    return SbsLineKind::Skipped;
  }
  if (f[0] != "MSG") {
    return unexpected(bad(AdsbErrorCode::BadField, "not an SBS line (first field is not MSG)"));
  }
  if (count < kSbsFields) {
    return unexpected(bad(AdsbErrorCode::BadFieldCount, "SBS MSG line with fewer than 22 fields"));
  }
  unsigned type = 0;
  if (!parse_number(f[1], type) || type < 1 || type > 8) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS transmission type not 1..8"));
  }
  out.transmission_type = static_cast<std::uint8_t>(type);
  std::string_view hex = f[4];
  if (!hex.empty() && hex.front() == '~') {
    out.non_icao = true;
    hex.remove_prefix(1);
  }
  if (!parse_hex24(hex, out.icao)) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS hex ident is not 6 hex digits"));
  }
  if (!f[6].empty() || !f[7].empty()) {
    out.generated_time = parse_sbs_time(f[6], f[7]);
    if (!out.generated_time) {
      return unexpected(bad(AdsbErrorCode::BadField, "SBS generated date/time malformed"));
    }
  }
  if (!f[8].empty() || !f[9].empty()) {
    out.logged_time = parse_sbs_time(f[8], f[9]);
    if (!out.logged_time) {
      return unexpected(bad(AdsbErrorCode::BadField, "SBS logged date/time malformed"));
    }
  }
  if (!f[10].empty()) {
    out.callsign.assign(f[10]);
  }
  if (!f[11].empty()) {
    std::string_view a = f[11];
    if (a.back() == 'H') {
      out.altitude_gnss = true;
      a.remove_suffix(1);
    }
    std::int32_t alt = 0;
    if (!parse_number(a, alt) || alt < -2000 || alt > 200000) {
      return unexpected(bad(AdsbErrorCode::BadField, "SBS altitude not an integer in range"));
    }
    out.altitude_ft = alt;
  }
  auto parse_real = [](std::string_view s, std::optional<double>& dst, double lo, double hi) {
    if (s.empty()) {
      return true;
    }
    double v = 0.0;
    if (!parse_number(s, v) || !std::isfinite(v) || v < lo || v > hi) {
      return false;
    }
    dst = v;
    return true;
  };
  if (!parse_real(f[12], out.ground_speed_kt, 0.0, 5000.0)) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS ground speed malformed"));
  }
  if (!parse_real(f[13], out.track_deg, -360.0, 360.0)) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS track malformed"));
  }
  if (out.track_deg && *out.track_deg < 0.0) {
    *out.track_deg += 360.0;
  }
  if (!parse_real(f[14], out.lat_deg, -90.0, 90.0) ||
      !parse_real(f[15], out.lon_deg, -180.0, 180.0)) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS latitude/longitude malformed"));
  }
  if (out.lat_deg.has_value() != out.lon_deg.has_value()) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS latitude without longitude"));
  }
  if (!f[16].empty()) {
    std::string_view v = f[16];
    if (v.back() == 'H') {
      out.vertical_rate_gnss = true;
      v.remove_suffix(1);
    }
    std::int32_t vr = 0;
    if (!parse_number(v, vr) || vr < -100000 || vr > 100000) {
      return unexpected(bad(AdsbErrorCode::BadField, "SBS vertical rate malformed"));
    }
    out.vertical_rate_fpm = vr;
  }
  if (!f[17].empty()) {
    const std::string_view s = f[17];
    if (s.size() != 4) {
      return unexpected(bad(AdsbErrorCode::BadField, "SBS squawk is not 4 octal digits"));
    }
    std::uint16_t packed = 0;
    for (char c : s) {
      if (c < '0' || c > '7') {
        return unexpected(bad(AdsbErrorCode::BadField, "SBS squawk is not 4 octal digits"));
      }
      packed = static_cast<std::uint16_t>((static_cast<unsigned>(packed) << 3) |
                                          static_cast<unsigned>(c - '0'));
    }
    out.squawk = packed;
  }
  if (!parse_flag(f[18], out.alert) || !parse_flag(f[19], out.emergency) ||
      !parse_flag(f[20], out.spi) || !parse_flag(f[21], out.on_ground)) {
    return unexpected(bad(AdsbErrorCode::BadField, "SBS flag is not -1, 0 or empty"));
  }
  return SbsLineKind::Message;
}

}  // namespace dewline::ingest::adsb
