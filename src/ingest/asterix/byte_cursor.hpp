// byte_cursor.hpp: a bounds-checked big-endian reader over std::span<const std::byte>.
//
// Every ASTERIX field is read through a cursor (STYLE.md section 2): `need(n)` says whether n more
// bytes are there, each read checks again and, when the data is short, returns 0 and marks the
// cursor failed instead of reading past the end. `offset()` is the absolute byte offset of the
// next read in the datagram or file (base + position), for error reports.
//
//   ByteCursor c(item_bytes, item_offset);
//   if (!c.need(4)) return truncated(c.offset());
//   const std::uint16_t rho = c.u16();
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace dewline::ingest::asterix {

class ByteCursor {
 public:
  ByteCursor() = default;
  ByteCursor(std::span<const std::byte> data, std::size_t base_offset)
      : data_(data), base_(base_offset) {}

  [[nodiscard]] bool need(std::size_t n) const { return n <= data_.size() - pos_; }
  [[nodiscard]] std::size_t remaining() const { return data_.size() - pos_; }
  [[nodiscard]] std::size_t position() const { return pos_; }
  [[nodiscard]] std::size_t offset() const { return base_ + pos_; }
  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] bool at_end() const { return pos_ == data_.size(); }

  // The byte at `pos + ahead` without consuming it; 0 (and failed) past the end.
  [[nodiscard]] std::uint8_t peek(std::size_t ahead = 0) {
    if (ahead >= remaining()) {
      failed_ = true;
      return 0;
    }
    return std::to_integer<std::uint8_t>(data_[pos_ + ahead]);
  }

  std::uint8_t u8() { return static_cast<std::uint8_t>(read_be(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(read_be(2)); }
  std::uint32_t u24() { return static_cast<std::uint32_t>(read_be(3)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(read_be(4)); }
  std::uint64_t u56() { return read_be(7); }
  std::uint64_t u64() { return read_be(8); }

  // The next n bytes as a span (empty and failed when short), consumed.
  std::span<const std::byte> bytes(std::size_t n) {
    if (!need(n)) {
      failed_ = true;
      pos_ = data_.size();
      return {};
    }
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  void skip(std::size_t n) { (void)bytes(n); }

 private:
  std::uint64_t read_be(std::size_t n) {
    if (!need(n)) {
      failed_ = true;
      pos_ = data_.size();
      return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      v = (v << 8U) | std::to_integer<std::uint64_t>(data_[pos_ + i]);
    }
    pos_ += n;
    return v;
  }

  std::span<const std::byte> data_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

// Sign-extends the low `bits` bits of v (two's complement), as ASTERIX codes negative values.
[[nodiscard]] constexpr std::int64_t sign_extend(std::uint64_t v, unsigned bits) {
  const std::uint64_t m = std::uint64_t{1} << (bits - 1U);
  v &= (m << 1U) - 1U;
  return static_cast<std::int64_t>(v ^ m) - static_cast<std::int64_t>(m);
}

}  // namespace dewline::ingest::asterix
