// byte_reader.hpp: a bounds-checked little-endian cursor over received bytes.
//
// Every Remote ID layer (radiotap, 802.11 elements, NAN attributes, BLE link layer, the 25-byte
// Open Drone ID messages) reads through this cursor: `need(n)` before a read, an offset that is
// always known for error reports, no pointer arithmetic. Open Drone ID multi-byte fields (ASTM
// F3411-22a message formats) and most link headers (radiotap, NAN, BLE) are little-endian.
//
//   ByteReader r(bytes);
//   if (!r.need(4)) return truncated(r.offset());
//   std::uint32_t v = r.u32le();
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace dewline::ingest::remoteid {

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::byte> bytes, std::size_t base_offset = 0)
      : bytes_(bytes), base_(base_offset) {}

  // True when at least n more bytes can be read.
  [[nodiscard]] bool need(std::size_t n) const { return bytes_.size() - pos_ >= n; }
  [[nodiscard]] std::size_t remaining() const { return bytes_.size() - pos_; }
  // Offset of the next byte, counted from the start of the enclosing frame (base_offset + pos).
  [[nodiscard]] std::size_t offset() const { return base_ + pos_; }
  [[nodiscard]] std::size_t position() const { return pos_; }

  // The reads below require need(n) to have been checked; they never read past the end (a
  // violated precondition returns zeros and leaves the cursor at the end).
  std::uint8_t u8() {
    if (!need(1)) {
      pos_ = bytes_.size();
      return 0;
    }
    return std::to_integer<std::uint8_t>(bytes_[pos_++]);
  }
  std::uint16_t u16le() {
    const std::uint16_t lo = u8();
    const std::uint16_t hi = u8();
    return static_cast<std::uint16_t>(lo | (hi << 8U));
  }
  std::uint16_t u16be() {
    const std::uint16_t hi = u8();
    const std::uint16_t lo = u8();
    return static_cast<std::uint16_t>(lo | (hi << 8U));
  }
  std::uint32_t u24le() {
    const std::uint32_t b0 = u8();
    const std::uint32_t b1 = u8();
    const std::uint32_t b2 = u8();
    return b0 | (b1 << 8U) | (b2 << 16U);
  }
  std::uint32_t u32le() {
    const std::uint32_t lo = u16le();
    const std::uint32_t hi = u16le();
    return lo | (hi << 16U);
  }
  std::int32_t i32le() { return static_cast<std::int32_t>(u32le()); }
  std::int8_t i8() { return static_cast<std::int8_t>(u8()); }

  // The next n bytes as a span (empty when fewer remain), advancing past them.
  std::span<const std::byte> take(std::size_t n) {
    if (!need(n)) {
      pos_ = bytes_.size();
      return {};
    }
    auto s = bytes_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  // Everything not read yet, without advancing.
  [[nodiscard]] std::span<const std::byte> rest() const { return bytes_.subspan(pos_); }
  void skip(std::size_t n) { pos_ = need(n) ? pos_ + n : bytes_.size(); }
  // Aligns the position (relative to the start of the span) to a multiple of `a` (radiotap).
  void align(std::size_t a) {
    const std::size_t r = pos_ % a;
    if (r != 0) {
      skip(a - r);
    }
  }

 private:
  std::span<const std::byte> bytes_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

// Reads a byte of a span without bounds checks; the caller has checked the index.
[[nodiscard]] inline std::uint8_t byte_at(std::span<const std::byte> b, std::size_t i) {
  return std::to_integer<std::uint8_t>(b[i]);
}

}  // namespace dewline::ingest::remoteid
