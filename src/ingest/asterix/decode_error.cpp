#include "ingest/asterix/decode_error.hpp"

#include <algorithm>

namespace dewline::ingest::asterix {

std::string_view reason_key(DecodeError e) {
  switch (e) {
    case DecodeError::Truncated:
      return "truncated";
    case DecodeError::BadBlockLength:
      return "bad_block_length";
    case DecodeError::Garbage:
      return "garbage";
    case DecodeError::UnknownCategory:
      return "unknown_category";
    case DecodeError::FspecTooLong:
      return "fspec_too_long";
    case DecodeError::UnknownItem:
      return "unknown_item";
    case DecodeError::BadItemLength:
      return "bad_item_length";
    case DecodeError::EmptyRecord:
      return "empty_record";
    case DecodeError::ValueOutOfRange:
      return "value_out_of_range";
  }
  return "unknown";
}

AsterixError::AsterixError(DecodeError code, std::size_t offset, std::string_view reason)
    : code_(code), offset_(offset) {
  const std::size_t n = std::min(reason.size(), text_.size());
  std::copy_n(reason.begin(), n, text_.begin());
  len_ = static_cast<std::uint8_t>(n);
}

}  // namespace dewline::ingest::asterix
