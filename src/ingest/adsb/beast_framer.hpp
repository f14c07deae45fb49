// beast_framer.hpp: frames of the Mode-S Beast binary format, from a byte stream.
//
// The format (Mode-S Beast manual; as dump1090 and readsb read and write it, readsb net_io.c
// readBeast): every frame is 0x1a, a type byte, a 6-byte big-endian 12 MHz timestamp, a signal
// byte and the payload; inside a frame each 0x1a data byte is sent twice. The payload length
// comes from the type, never from the data: '1' Mode A/C (2 bytes), '2' Mode S short (7), '3'
// Mode S long (14), '4' receiver status (14, returned with type Status for the caller to skip).
//
// The framer is incremental: push() bytes as they arrive (any split), then call next() until it
// says NeedMore. Garbage between frames is skipped to the next frame start and reported once
// per run; a frame cut short by a new 0x1a-type pair is reported and the stream resyncs there.
// Frames are unescaped into fixed storage; the framer owns one grow-only buffer.
//
//   BeastFramer f;
//   f.push(chunk);
//   BeastFrame fr; AdsbError err;
//   for (;;) { auto s = f.next(fr, err); if (s == BeastFramer::Status::NeedMore) break; ... }
//   f.finish();  // at end of stream: a partial frame left is reported by the next next()
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ingest/adsb/adsb_error.hpp"

namespace dewline::ingest::adsb {

inline constexpr std::byte kBeastEscape{0x1a};
inline constexpr double kBeastClockHz = 12e6;  // timestamp ticks per second

enum class BeastFrameType : std::uint8_t {
  ModeAC = '1',
  ModeSShort = '2',
  ModeSLong = '3',
  Status = '4',
};

// Payload bytes for a frame type; 0 for an unknown type byte.
[[nodiscard]] std::size_t beast_payload_length(std::byte type);

struct BeastFrame {
  BeastFrameType type = BeastFrameType::ModeSShort;
  std::uint64_t timestamp_12mhz = 0;  // 48-bit receiver clock
  std::uint8_t signal = 0;            // dump1090: round(sqrt(power) * 255)
  std::array<std::byte, 14> payload{};
  std::uint8_t payload_length = 0;
  std::uint64_t offset = 0;  // stream offset of the frame's leading 0x1a
  std::uint64_t number = 0;  // 1-based count of frames returned so far

  [[nodiscard]] std::span<const std::byte> data() const { return {payload.data(), payload_length}; }
};

class BeastFramer {
 public:
  enum class Status { Frame, Error, NeedMore };

  void push(std::span<const std::byte> bytes);
  // Marks the end of the stream: whatever partial frame remains is reported as truncated.
  void finish() { finished_ = true; }
  // Next frame or error; NeedMore when the buffered bytes hold no complete frame.
  Status next(BeastFrame& frame, AdsbError& error);
  // Forgets buffered bytes and starts fresh at stream offset `offset` (after a reconnect).
  void reset(std::uint64_t offset = 0);

  [[nodiscard]] std::uint64_t frames() const { return frames_; }
  [[nodiscard]] std::uint64_t garbage_bytes() const { return garbage_bytes_; }
  [[nodiscard]] std::uint64_t resyncs() const { return resyncs_; }
  [[nodiscard]] std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  void compact();
  [[nodiscard]] std::uint64_t offset_of(std::size_t i) const { return base_offset_ + i; }
  Status report_run(AdsbError& error);
  void start_run(std::size_t i, AdsbErrorCode code);

  std::vector<std::byte> buf_;
  std::size_t pos_ = 0;
  std::uint64_t base_offset_ = 0;  // stream offset of buf_[0]
  bool finished_ = false;
  std::optional<std::uint64_t> garbage_start_;  // stream offset where the current run began
  AdsbErrorCode run_code_ = AdsbErrorCode::Garbage;  // what started the run
  std::uint64_t frames_ = 0;
  std::uint64_t garbage_bytes_ = 0;
  std::uint64_t resyncs_ = 0;
};

// Appends one escaped Beast frame to `out` (the simulator's and tests' writer). The payload
// length must match the type's (beast_payload_length); the timestamp keeps its low 48 bits.
void append_beast_frame(std::vector<std::byte>& out, BeastFrameType type,
                        std::uint64_t timestamp_12mhz, std::uint8_t signal,
                        std::span<const std::byte> payload);

}  // namespace dewline::ingest::adsb
