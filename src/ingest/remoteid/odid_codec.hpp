// odid_codec.hpp: decoding and encoding of the 25-byte Open Drone ID messages and message packs.
//
// Decoding never allocates: a message decodes into a Message value, a pack into a caller-owned
// MessageList (capacity 9, the F3411-22a maximum). A bad message inside a pack is reported with
// its 1-based index and the good messages around it are still decoded.
//
//   MessageList out;
//   decode_container(payload, /*base_offset=*/off, out);   // a pack or a single message
//   for (std::size_t i = 0; i < out.size(); ++i) use(out.message(i), out.pack_index(i));
//   for (const DecodeError& e : out.errors()) count(e);
//
// Encoding (for the simulator and tests) writes exactly the bytes a transmitter would send;
// decode(encode(m)) == m for every field that fits its bit width.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/result.hpp"
#include "ingest/remoteid/errors.hpp"
#include "ingest/remoteid/odid_message.hpp"

namespace dewline::ingest::remoteid {

using EncodedMessage = std::array<std::byte, kMessageSize>;

// One 25-byte message (not a pack). `base_offset` is added to error offsets.
Result<Message, DecodeError> decode_message(std::span<const std::byte> bytes,
                                            std::size_t base_offset = 0);

// The messages of one frame, in transmission order, with the errors met on the way.
class MessageList {
 public:
  void clear() {
    count_ = 0;
    error_count_ = 0;
    in_pack_ = false;
  }
  [[nodiscard]] std::size_t size() const { return count_; }
  [[nodiscard]] bool empty() const { return count_ == 0; }
  [[nodiscard]] const Message& message(std::size_t i) const { return messages_[i]; }
  // 1-based position in the message pack (1 for a single message).
  [[nodiscard]] std::uint8_t pack_index(std::size_t i) const { return pack_index_[i]; }
  [[nodiscard]] bool in_pack() const { return in_pack_; }
  [[nodiscard]] std::span<const DecodeError> errors() const {
    return {errors_.data(), error_count_};
  }

  void set_in_pack(bool p) { in_pack_ = p; }
  void push(const Message& m, std::uint8_t pack_index) {
    if (count_ < messages_.size()) {
      messages_[count_] = m;
      pack_index_[count_] = pack_index;
      ++count_;
    }
  }
  void push_error(const DecodeError& e) {
    if (error_count_ < errors_.size()) {
      errors_[error_count_++] = e;
    }
  }

 private:
  std::array<Message, kPackMaxMessages> messages_{};
  std::array<std::uint8_t, kPackMaxMessages> pack_index_{};
  std::array<DecodeError, kPackMaxMessages + 1> errors_{};
  std::size_t count_ = 0;
  std::size_t error_count_ = 0;
  bool in_pack_ = false;
};

// Decodes what follows the message counter in a transport container: a message pack (type 0xF)
// or one single message. Appends to `out`; returns false when nothing could be decoded because
// the container itself is bad (the error is in out.errors()).
bool decode_container(std::span<const std::byte> bytes, std::size_t base_offset,
                      MessageList& out);

EncodedMessage encode_message(const Message& m);

// A message pack of `messages` (at most 9): header (0xF0 | version, 25, count) then the messages.
// Returns the number of bytes written into `out` (3 + 25 * count), 0 when out is too small or
// there are more than 9 messages.
std::size_t encode_pack(std::span<const Message> messages, std::span<std::byte> out,
                        std::uint8_t protocol_version = 2);

}  // namespace dewline::ingest::remoteid
