// decode_error.hpp: what can be wrong with ASTERIX input, as an enum with a short reason and the
// byte offset where it was found (STYLE.md section 2).
//
// The enum names the kind (the key counted per sensor by RejectCounter, see `reason_key`); the
// reason says what exactly, e.g. "I048/250: REP 5 needs 41 bytes, 12 left in the record". The
// reason lives in a fixed buffer inside the error, so reporting an error allocates nothing.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace dewline::ingest::asterix {

enum class DecodeError : std::uint8_t {
  Truncated,        // the data ends before what a length or item rule needs
  BadBlockLength,   // data block LEN < 4 or beyond the end of the datagram
  Garbage,          // bytes between blocks that belong to no block (skipped to the next one)
  UnknownCategory,  // a data block of a category this decoder does not know (skipped by LEN)
  FspecTooLong,     // FSPEC (or a compound item's primary subfield) extends beyond the UAP
  UnknownItem,      // FSPEC bit set for an FRN the UAP does not define: the record can't be split
  BadItemLength,    // an explicit-length item with LEN 0, or an FX chain over the cap
  EmptyRecord,      // FSPEC with no item bit set (padding or garbage)
  ValueOutOfRange,  // an item well framed but with an absurd value (time of day >= 24 h, ...)
};

// Short snake_case key for counters and JSON: "truncated", "bad_block_length", ...
[[nodiscard]] std::string_view reason_key(DecodeError e);

// One error: kind, absolute byte offset in the datagram (or file), and a readable reason.
class AsterixError {
 public:
  AsterixError() = default;
  AsterixError(DecodeError code, std::size_t offset, std::string_view reason);

  [[nodiscard]] DecodeError code() const { return code_; }
  [[nodiscard]] std::size_t offset() const { return offset_; }
  [[nodiscard]] std::string_view reason() const { return {text_.data(), len_}; }

 private:
  DecodeError code_ = DecodeError::Truncated;
  std::size_t offset_ = 0;
  std::array<char, 118> text_{};
  std::uint8_t len_ = 0;
};

// Formats the reason into a stack buffer (no allocation) and builds the error.
template <class... Args>
[[nodiscard]] AsterixError make_error(DecodeError code, std::size_t offset,
                                      fmt::format_string<Args...> format, Args&&... args) {
  std::array<char, 118> buf{};
  const auto r = fmt::format_to_n(buf.data(), buf.size(), format, std::forward<Args>(args)...);
  return AsterixError(code, offset, std::string_view(buf.data(), std::min(r.size, buf.size())));
}

}  // namespace dewline::ingest::asterix
