// sapient_stream.hpp: reading a whole recorded SAPIENT byte stream (a file of length-prefixed
// SapientMessages, BSI Flex 335 v2.0 framing), where, unlike a live connection, bad stretches can
// be stepped over: after a length prefix that is too large, runs past the end, or frames
// something that is not a SapientMessage, the reader looks for the next offset that starts a
// plausible frame (length within limits and inside the data, payload a SapientMessage with a
// timestamp, a node_id and a content) and goes on from there, reporting the skipped bytes.
//
//   StreamReader r(bytes, FramerConfig{});
//   while (auto item = r.next(msg)) {
//     if (item->error) report(item->offset, *item->error); else print(msg);
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ingest/sapient/sapient_error.hpp"
#include "ingest/sapient/sapient_framer.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

struct StreamItem {
  std::uint64_t offset = 0;           // of the frame, or of the bad stretch
  std::uint64_t length = 0;           // bytes the item covers (prefix included)
  std::optional<SapientError> error;  // set for a bad stretch; else `msg` holds a message
  std::span<const std::byte> payload; // the frame's payload (messages)
};

class StreamReader {
 public:
  StreamReader(std::span<const std::byte> data, FramerConfig cfg) : data_(data), cfg_(cfg) {}
  // The next message (decoded into `msg`, not validated) or bad stretch; nullopt at the end.
  std::optional<StreamItem> next(sapient_pb::SapientMessage& msg);

 private:
  // Offset of the next plausible frame at or after `from`, or data_.size().
  std::size_t resync(std::size_t from, sapient_pb::SapientMessage& scratch) const;
  bool plausible_at(std::size_t at, sapient_pb::SapientMessage& scratch) const;

  std::span<const std::byte> data_;
  FramerConfig cfg_;
  std::size_t pos_ = 0;
};

}  // namespace dewline::ingest::sapient
