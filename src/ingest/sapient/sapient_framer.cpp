#include "ingest/sapient/sapient_framer.hpp"

#include <algorithm>

namespace dewline::ingest::sapient {

std::uint32_t read_length_prefix(std::span<const std::byte> b) {
  // BSI Flex 335 v2.0 TCP framing: 4-byte little-endian length.
  return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8U) |
         (static_cast<std::uint32_t>(b[2]) << 16U) | (static_cast<std::uint32_t>(b[3]) << 24U);
}

void append_frame(std::span<const std::byte> payload, std::vector<std::byte>& out) {
  const auto n = static_cast<std::uint32_t>(payload.size());
  out.push_back(static_cast<std::byte>(n & 0xFFU));
  out.push_back(static_cast<std::byte>((n >> 8U) & 0xFFU));
  out.push_back(static_cast<std::byte>((n >> 16U) & 0xFFU));
  out.push_back(static_cast<std::byte>((n >> 24U) & 0xFFU));
  out.insert(out.end(), payload.begin(), payload.end());
}

void SapientFramer::feed(std::span<const std::byte> bytes) {
  if (failed_ || bytes.empty()) {
    return;
  }
  // Drop what was consumed before growing, so the buffer holds at most one partial frame plus
  // what the caller fed in one go.
  if (pos_ > 0) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
}

FrameResult SapientFramer::next() {
  FrameResult r;
  if (failed_) {
    r.status = FrameStatus::Error;
    r.error = error_;
    r.offset = error_.offset;
    return r;
  }
  const std::size_t avail = buf_.size() - pos_;
  if (avail < kLengthPrefixBytes) {
    return r;
  }
  const std::span<const std::byte> head(buf_.data() + pos_, avail);
  const std::uint32_t len = read_length_prefix(head);
  if (len > cfg_.max_message_bytes) {
    failed_ = true;
    error_ = SapientError{SapientErrorCode::Oversize, "",
                          "length prefix " + std::to_string(len) + " exceeds the maximum " +
                              std::to_string(cfg_.max_message_bytes) + " bytes",
                          consumed_};
    // Nothing after this can be framed; drop the buffer.
    buf_.clear();
    buf_.shrink_to_fit();
    pos_ = 0;
    r.status = FrameStatus::Error;
    r.error = error_;
    r.offset = error_.offset;
    return r;
  }
  if (avail - kLengthPrefixBytes < len) {
    // Reserve for the whole frame once (bounded by the maximum checked above).
    buf_.reserve(pos_ + kLengthPrefixBytes + len);
    return r;
  }
  r.status = FrameStatus::Frame;
  r.offset = consumed_;
  r.payload = head.subspan(kLengthPrefixBytes, len);
  pos_ += kLengthPrefixBytes + len;
  consumed_ += kLengthPrefixBytes + len;
  return r;
}

FrameResult SapientFramer::finish() const {
  FrameResult r;
  if (failed_) {
    r.status = FrameStatus::Error;
    r.error = error_;
    r.offset = error_.offset;
    return r;
  }
  const std::size_t avail = buf_.size() - pos_;
  if (avail == 0) {
    return r;
  }
  r.status = FrameStatus::Error;
  r.offset = consumed_;
  std::string what = avail < kLengthPrefixBytes
                         ? "stream ends inside a length prefix (" + std::to_string(avail) + " of 4 bytes)"
                         : "stream ends inside a frame: " + std::to_string(avail - kLengthPrefixBytes) +
                               " of " +
                               std::to_string(read_length_prefix(
                                   std::span<const std::byte>(buf_.data() + pos_, avail))) +
                               " bytes";
  r.error = SapientError{SapientErrorCode::Truncated, "", std::move(what), consumed_};
  return r;
}

void SapientFramer::reset() {
  buf_.clear();
  pos_ = 0;
  consumed_ = 0;
  failed_ = false;
  error_ = {};
}

}  // namespace dewline::ingest::sapient
