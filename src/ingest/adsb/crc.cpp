#include "ingest/adsb/crc.hpp"

#include <array>

namespace dewline::ingest::adsb {
namespace {

constexpr std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i << 16;
    for (int k = 0; k < 8; ++k) {
      c = (c & 0x800000u) != 0 ? ((c << 1) ^ kModeSGenerator) : (c << 1);
    }
    t[i] = c & 0xFFFFFFu;
  }
  return t;
}
constexpr std::array<std::uint32_t, 256> kTable = make_table();

// Syndromes of single-bit errors, by message length (56 and 112 bits), computed once.
template <std::size_t Bytes>
std::array<std::uint32_t, Bytes * 8> make_single_bit_syndromes() {
  std::array<std::uint32_t, Bytes * 8> s{};
  for (unsigned bit = 0; bit < Bytes * 8; ++bit) {
    MessageBytes m{};
    m[bit / 8] = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    s[bit] = mode_s_syndrome(m, Bytes);
  }
  return s;
}

}  // namespace

std::uint32_t mode_s_parity(const MessageBytes& m, std::size_t data_bytes) {
  std::uint32_t crc = 0;
  for (std::size_t i = 0; i < data_bytes && i < m.size(); ++i) {
    crc = ((crc << 8) ^ kTable[((crc >> 16) ^ m[i]) & 0xFFu]) & 0xFFFFFFu;
  }
  return crc;
}

std::uint32_t mode_s_syndrome(const MessageBytes& m, std::size_t length) {
  const std::size_t n = length == kShortBytes ? kShortBytes : kLongBytes;
  const std::uint32_t carried = (std::uint32_t{m[n - 3]} << 16) | (std::uint32_t{m[n - 2]} << 8) |
                                std::uint32_t{m[n - 1]};
  return mode_s_parity(m, n - 3) ^ carried;
}

void set_mode_s_parity(MessageBytes& m, std::size_t length) {
  const std::size_t n = length == kShortBytes ? kShortBytes : kLongBytes;
  const std::uint32_t p = mode_s_parity(m, n - 3);
  m[n - 3] = static_cast<std::uint8_t>(p >> 16);
  m[n - 2] = static_cast<std::uint8_t>(p >> 8);
  m[n - 1] = static_cast<std::uint8_t>(p);
}

std::optional<unsigned> single_bit_error(std::uint32_t syndrome, std::size_t length) {
  static const auto short_table = make_single_bit_syndromes<kShortBytes>();
  static const auto long_table = make_single_bit_syndromes<kLongBytes>();
  if (syndrome == 0) {
    return std::nullopt;
  }
  if (length == kShortBytes) {
    for (unsigned i = 0; i < short_table.size(); ++i) {
      if (short_table[i] == syndrome) {
        return i;
      }
    }
  } else {
    for (unsigned i = 0; i < long_table.size(); ++i) {
      if (long_table[i] == syndrome) {
        return i;
      }
    }
  }
  return std::nullopt;
}

}  // namespace dewline::ingest::adsb
