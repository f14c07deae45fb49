#include "ingest/adsb/hex_line.hpp"

#include <charconv>
#include <cmath>

namespace dewline::ingest::adsb {
namespace {

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

Result<void, AdsbError> parse_message_hex(std::string_view hex, HexLine& out) {
  if (hex.size() != 2 * kShortBytes && hex.size() != 2 * kLongBytes) {
    return unexpected(bad(AdsbErrorCode::BadHex, "Mode S hex is neither 14 nor 28 digits"));
  }
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return unexpected(bad(AdsbErrorCode::BadHex, "not a hex digit"));
    }
    out.bytes[i / 2] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  out.length = static_cast<std::uint8_t>(hex.size() / 2);
  return {};
}

}  // namespace

Result<HexLineKind, AdsbError> parse_hex_line(std::string_view line, std::uint64_t line_no,
                                              HexLine& out) {
  out = HexLine{};
  line = trim(line);
  if (line.empty() || line.front() == '#') {
    return HexLineKind::Skipped;
  }
  const std::size_t comma = line.find(',');
  if (comma != std::string_view::npos) {
    // pyModeS CSV: unix_ts,"hexmsg",...
    const std::string_view ts = trim(line.substr(0, comma));
    std::string_view rest = line.substr(comma + 1);
    const std::size_t comma2 = rest.find(',');
    std::string_view hex = trim(rest.substr(0, comma2));
    if (hex.size() >= 2 && hex.front() == '"' && hex.back() == '"') {
      hex = hex.substr(1, hex.size() - 2);
    }
    double t = 0.0;
    const auto r = std::from_chars(ts.data(), ts.data() + ts.size(), t);
    if (r.ec != std::errc{} || r.ptr != ts.data() + ts.size() || !std::isfinite(t) ||
        std::fabs(t) > 9.2e9) {
      if (line_no == 1) {
        return HexLineKind::Skipped;  // a header line
      }
      return unexpected(bad(AdsbErrorCode::BadField, "CSV timestamp is not a number"));
    }
    DEWLINE_TRY(parse_message_hex(hex, out));
    out.time = Time::from_seconds(t);
    return HexLineKind::Message;
  }
  if (line.front() == '*' || line.front() == ':') {
    if (line.back() != ';') {
      return unexpected(bad(AdsbErrorCode::BadHex, "AVR line without a closing ';'"));
    }
    DEWLINE_TRY(parse_message_hex(line.substr(1, line.size() - 2), out));
    return HexLineKind::Message;
  }
  if (line.front() == '@') {
    if (line.back() != ';' || line.size() < 14) {
      return unexpected(bad(AdsbErrorCode::BadHex, "AVR timestamp line malformed"));
    }
    std::uint64_t ticks = 0;
    const std::string_view ts = line.substr(1, 12);
    const auto r = std::from_chars(ts.data(), ts.data() + ts.size(), ticks, 16);
    if (r.ec != std::errc{} || r.ptr != ts.data() + ts.size()) {
      return unexpected(bad(AdsbErrorCode::BadHex, "AVR timestamp is not 12 hex digits"));
    }
    DEWLINE_TRY(parse_message_hex(line.substr(13, line.size() - 14), out));
    out.timestamp_12mhz = ticks;
    return HexLineKind::Message;
  }
  DEWLINE_TRY(parse_message_hex(line, out));
  return HexLineKind::Message;
}

}  // namespace dewline::ingest::adsb
