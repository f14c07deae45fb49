// frame_decoder.hpp: one captured frame in, its Open Drone ID messages out.
//
// The production entry point from bytes to messages: picks the link parser by link type
// (radiotap / raw 802.11, nRF sniffer, BLE LL with or without pseudo-header), then decodes the
// container (message pack or single message). Frames of other networks are skipped quietly and
// counted; malformed Open Drone ID frames and messages are counted per (sensor, reason) in a
// RejectCounter and logged at a limited rate. Nothing is allocated per frame: the caller owns a
// DecodedFrame and reuses it.
//
//   FrameDecoder dec("rid-north");
//   DecodedFrame f;
//   while (auto fr = reader.next()) {
//     dec.decode(fr->link_type, fr->bytes, fr->number, f, fr->original_length == fr->bytes.size());
//     for (std::size_t i = 0; i < f.messages.size(); ++i) use(f.info, f.messages.message(i));
//   }
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/reject_counter.hpp"
#include "ingest/remoteid/link_types.hpp"
#include "ingest/remoteid/odid_codec.hpp"

namespace dewline::ingest::remoteid {

// frames = odid_frames + other_frames + malformed_frames.
struct FrameStats {
  std::uint64_t frames = 0;            // frames offered
  std::uint64_t odid_frames = 0;       // frames whose ODID container decoded (maybe partly)
  std::uint64_t other_frames = 0;      // other networks / non-ODID frames, skipped quietly
  std::uint64_t corrupt_other_frames = 0;  // of other_frames: bad FCS/CRC, not ODID-looking
  std::uint64_t unsupported_link_frames = 0;  // of other_frames: link type not read
  std::uint64_t malformed_frames = 0;  // ODID frames rejected whole (link or container error)
  std::uint64_t empty_packs = 0;       // message packs with 0 messages (transmitter start-up)
  std::uint64_t messages = 0;          // messages decoded
  std::array<std::uint64_t, 6> messages_by_type{};  // indexed by MessageType 0..5
  std::uint64_t message_errors = 0;    // bad messages inside otherwise good frames
};

struct DecodedFrame {
  LinkStatus status = LinkStatus::NotOdid;
  FrameInfo info;
  MessageList messages;   // good messages, and errors of individual messages / the container
  DecodeError link_error;  // when status == Error

  // Every error of this frame (link error first): for reporting.
  [[nodiscard]] std::size_t error_count() const {
    return (status == LinkStatus::Error ? 1 : 0) + messages.errors().size();
  }
};

// Link parsing only (no counting): the right parser for the link type; NotOdid for link types
// that never carry Open Drone ID.
LinkResult parse_link(int link_type, std::span<const std::byte> frame, bool complete = true);
[[nodiscard]] bool is_supported_link_type(int link_type);

class FrameDecoder {
 public:
  explicit FrameDecoder(std::string sensor = "remoteid") : sensor_(std::move(sensor)) {}

  // Decodes one frame into `out` (cleared first). `frame_number` only labels log lines.
  // `complete` is false when the capture cut the frame short (caplen < len).
  void decode(int link_type, std::span<const std::byte> frame, std::uint64_t frame_number,
              DecodedFrame& out, bool complete = true);

  [[nodiscard]] const FrameStats& stats() const { return stats_; }
  [[nodiscard]] const RejectCounter& rejects() const { return rejects_; }
  [[nodiscard]] const std::string& sensor() const { return sensor_; }

 private:
  void reject(const DecodeError& e, std::uint64_t frame_number);

  std::string sensor_;
  FrameStats stats_;
  RejectCounter rejects_;
};

}  // namespace dewline::ingest::remoteid
