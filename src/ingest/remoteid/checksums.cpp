#include "ingest/remoteid/checksums.hpp"

#include <array>

namespace dewline::ingest::remoteid {
namespace {

constexpr std::array<std::uint32_t, 256> make_crc32_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) {
      c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1U) : c >> 1U;
    }
    t[i] = c;
  }
  return t;
}

constexpr std::array<std::uint32_t, 256> kCrc32Table = make_crc32_table();

// Reverses the low 24 bits: the specification writes the preset MSB-first, while the shift
// register below runs LSB-first (air order).
constexpr std::uint32_t reverse24(std::uint32_t v) {
  std::uint32_t r = 0;
  for (int i = 0; i < 24; ++i) {
    r = (r << 1U) | (v & 1U);
    v >>= 1U;
  }
  return r;
}

}  // namespace

std::uint32_t crc32_ieee(std::span<const std::byte> bytes) {
  std::uint32_t c = 0xFFFFFFFFU;
  for (std::byte b : bytes) {
    c = kCrc32Table[(c ^ std::to_integer<std::uint32_t>(b)) & 0xFFU] ^ (c >> 8U);
  }
  return c ^ 0xFFFFFFFFU;
}

std::uint32_t ble_crc24(std::span<const std::byte> pdu, std::uint32_t preset) {
  // Linear feedback shift register in reflected form: the taps of the polynomial above, with the
  // register's bit 0 holding the oldest bit. 0x5A6000 is the polynomial's taps reflected.
  constexpr std::uint32_t kTaps = 0x5A6000U;
  std::uint32_t state = reverse24(preset & 0xFFFFFFU);
  for (std::byte byte : pdu) {
    std::uint32_t cur = std::to_integer<std::uint32_t>(byte);
    for (int i = 0; i < 8; ++i) {
      const std::uint32_t feedback = (state ^ cur) & 1U;
      cur >>= 1U;
      state >>= 1U;
      if (feedback != 0) {
        state |= 1U << 23U;
        state ^= kTaps;
      }
    }
  }
  return state;
}

}  // namespace dewline::ingest::remoteid
