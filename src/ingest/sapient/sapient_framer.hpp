// sapient_framer.hpp: SAPIENT's TCP framing (BSI Flex 335 v2.0): each SapientMessage is sent as a
// 4-byte little-endian unsigned length followed by that many bytes of protobuf.
//
// The framer takes bytes as they arrive (any split: one byte at a time or many frames at once)
// and hands out complete frames. The length prefix is a claim: one above `max_message_bytes`
// is an Oversize error, after which the stream cannot be trusted (there is no sync marker) and
// the connection must be closed. The buffer never holds more than one frame plus its prefix,
// so a 2 GB prefix allocates nothing.
//
//   SapientFramer framer(FramerConfig{.max_message_bytes = 1 << 20});
//   framer.feed(bytes);
//   for (;;) {
//     auto f = framer.next();
//     if (f.status == FrameStatus::NeedMore) break;
//     if (f.status == FrameStatus::Error) { log(f.error); close(); break; }
//     decode(f.payload);   // valid until the next feed()/next()
//   }
//   framer.finish();  // at end of stream: Truncated if a frame was cut short
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ingest/sapient/sapient_error.hpp"

namespace dewline::ingest::sapient {

inline constexpr std::size_t kLengthPrefixBytes = 4;
inline constexpr std::size_t kDefaultMaxMessageBytes = 1U << 20;  // 1 MiB

struct FramerConfig {
  std::size_t max_message_bytes = kDefaultMaxMessageBytes;
};

enum class FrameStatus : std::uint8_t { Frame, NeedMore, Error };

struct FrameResult {
  FrameStatus status = FrameStatus::NeedMore;
  std::span<const std::byte> payload;  // the SapientMessage bytes (Frame)
  std::uint64_t offset = 0;            // stream offset of the frame's length prefix
  SapientError error;                  // (Error)
};

class SapientFramer {
 public:
  explicit SapientFramer(FramerConfig cfg = {}) : cfg_(cfg) {}

  // Appends received bytes. Bytes fed after an Error are ignored.
  void feed(std::span<const std::byte> bytes);
  // The next complete frame, NeedMore, or Error (sticky: the stream is unusable after it).
  FrameResult next();
  // End of stream: an error if a frame was started but not completed, else NeedMore.
  [[nodiscard]] FrameResult finish() const;

  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] std::uint64_t stream_offset() const { return consumed_; }
  [[nodiscard]] std::size_t buffered() const { return buf_.size() - pos_; }
  void reset();

 private:
  FramerConfig cfg_;
  std::vector<std::byte> buf_;
  std::size_t pos_ = 0;         // start of unconsumed data in buf_
  std::uint64_t consumed_ = 0;  // stream offset of buf_[pos_]
  bool failed_ = false;
  SapientError error_;
};

// Reads the little-endian length prefix at the start of `b` (which must hold 4 bytes).
[[nodiscard]] std::uint32_t read_length_prefix(std::span<const std::byte> b);
// Appends `payload` with its length prefix to `out`.
void append_frame(std::span<const std::byte> payload, std::vector<std::byte>& out);

}  // namespace dewline::ingest::sapient
