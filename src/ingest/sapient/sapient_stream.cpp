#include "ingest/sapient/sapient_stream.hpp"

#include "ingest/sapient/sapient_codec.hpp"

namespace dewline::ingest::sapient {
namespace {

// First byte of a serialised SapientMessage: the tag of one of its fields 1-13, all
// length-delimited (wire type 2): 0x0A, 0x12, ... 0x6A.
bool plausible_first_byte(std::byte b) {
  const auto v = static_cast<unsigned>(b);
  return (v & 7U) == 2U && (v >> 3U) >= 1U && (v >> 3U) <= 13U;
}

}  // namespace

bool StreamReader::plausible_at(std::size_t at, sapient_pb::SapientMessage& scratch) const {
  if (data_.size() - at < kLengthPrefixBytes + 1) {
    return false;
  }
  const std::uint32_t len = read_length_prefix(data_.subspan(at, kLengthPrefixBytes));
  if (len == 0 || len > cfg_.max_message_bytes || len > data_.size() - at - kLengthPrefixBytes) {
    return false;
  }
  const auto payload = data_.subspan(at + kLengthPrefixBytes, len);
  if (!plausible_first_byte(payload[0])) {
    return false;
  }
  if (!decode_message(payload, scratch)) {
    return false;
  }
  return scratch.has_timestamp() && !scratch.node_id().empty() &&
         scratch.content_case() != sapient_pb::SapientMessage::CONTENT_NOT_SET;
}

std::size_t StreamReader::resync(std::size_t from, sapient_pb::SapientMessage& scratch) const {
  for (std::size_t at = from; at < data_.size(); ++at) {
    if (plausible_at(at, scratch)) {
      return at;
    }
  }
  return data_.size();
}

std::optional<StreamItem> StreamReader::next(sapient_pb::SapientMessage& msg) {
  if (pos_ >= data_.size()) {
    return std::nullopt;
  }
  StreamItem item;
  item.offset = pos_;
  const std::size_t avail = data_.size() - pos_;
  SapientError e;
  e.offset = pos_;
  if (avail < kLengthPrefixBytes) {
    e.code = SapientErrorCode::Truncated;
    e.reason = "stream ends inside a length prefix (" + std::to_string(avail) + " of 4 bytes)";
    item.length = avail;
    item.error = std::move(e);
    pos_ = data_.size();
    return item;
  }
  const std::uint32_t len = read_length_prefix(data_.subspan(pos_, kLengthPrefixBytes));
  if (len > cfg_.max_message_bytes) {
    e.code = SapientErrorCode::Oversize;
    e.reason = "length prefix " + std::to_string(len) + " exceeds the maximum " +
               std::to_string(cfg_.max_message_bytes) + " bytes";
  } else if (len > avail - kLengthPrefixBytes) {
    e.code = SapientErrorCode::Truncated;
    e.reason = "frame of " + std::to_string(len) + " bytes, but only " +
               std::to_string(avail - kLengthPrefixBytes) + " left";
  } else {
    const auto payload = data_.subspan(pos_ + kLengthPrefixBytes, len);
    if (decode_message(payload, msg)) {
      item.length = kLengthPrefixBytes + len;
      item.payload = payload;
      pos_ += item.length;
      return item;
    }
    e.code = SapientErrorCode::Malformed;
    e.reason = "frame of " + std::to_string(len) + " bytes is not a SapientMessage";
  }
  // A bad stretch: find where good frames start again.
  const std::size_t next = resync(pos_ + 1, msg);
  item.length = next - pos_;
  if (next < data_.size()) {
    e.reason += "; skipped " + std::to_string(item.length) + " bytes to the next frame";
  } else {
    e.reason += "; no frame after it";
  }
  item.error = std::move(e);
  pos_ = next;
  return item;
}

}  // namespace dewline::ingest::sapient
