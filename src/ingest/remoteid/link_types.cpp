#include "ingest/remoteid/link_types.hpp"

namespace dewline::ingest::remoteid {

std::string_view to_string(Transport t) {
  switch (t) {
    case Transport::WifiBeacon:
      return "wifi-beacon";
    case Transport::WifiNan:
      return "wifi-nan";
    case Transport::BtLegacy:
      return "bt-legacy";
    case Transport::Bt5LongRange:
      return "bt5-lr";
  }
  return "unknown";
}

std::string_view MacAddress::format(std::array<char, 18>& out) const {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::size_t p = 0;
  for (std::size_t i = 0; i < octets.size(); ++i) {
    if (i > 0) {
      out[p++] = ':';
    }
    out[p++] = kHex[octets[i] >> 4U];
    out[p++] = kHex[octets[i] & 0x0FU];
  }
  out[p] = '\0';
  return {out.data(), p};
}

std::string MacAddress::to_string() const {
  std::array<char, 18> buf{};
  return std::string(format(buf));
}

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
  if (text.size() != 17) {
    return std::nullopt;
  }
  auto hex = [](char c) -> int {
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
  };
  MacAddress m;
  for (std::size_t i = 0; i < 6; ++i) {
    const std::size_t p = i * 3;
    if (i > 0 && text[p - 1] != ':') {
      return std::nullopt;
    }
    const int hi = hex(text[p]);
    const int lo = hex(text[p + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    m.octets[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return m;
}

}  // namespace dewline::ingest::remoteid
