// test_hex.hpp: hex helpers shared by the ADS-B tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/adsb/bits.hpp"

namespace dewline::ingest::adsb::test {

inline std::vector<std::uint8_t> bytes_of(std::string_view hex) {
  std::vector<std::uint8_t> b;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    b.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return b;
}

inline std::string hex_of(const MessageBytes& m, std::size_t n) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += kDigits[m[i] >> 4];
    s += kDigits[m[i] & 15];
  }
  return s;
}

}  // namespace dewline::ingest::adsb::test
