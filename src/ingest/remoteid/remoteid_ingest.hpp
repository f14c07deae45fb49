// remoteid_ingest.hpp: the Remote ID receiver as one value: captured frames in, Detections out.
//
// Chains the three layers (frame_decoder.hpp -> emitter_table.hpp -> to_detection.hpp) for one
// receiver: every frame is decoded, every message updates its emitter's state, and every Location
// with a usable position becomes one Detection carrying the emitter's identity. Per-emitter facts
// (several identities from one address) are readable through emitters(). Counters: decoder
// statistics, and rejects per (sensor, reason) for malformed frames and for Locations that give
// no detection ("no_position", "position_out_of_range").
//
//   RemoteIdIngest rid(cfg, site);
//   std::vector<Detection> dets;
//   while (auto f = reader.next()) rid.on_frame(f->link_type, f->time, f->bytes, f->number, dets);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/detection.hpp"
#include "core/reject_counter.hpp"
#include "ingest/remoteid/emitter_table.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/to_detection.hpp"

namespace dewline::ingest::remoteid {

struct IngestStats {
  std::uint64_t detections = 0;
  std::uint64_t locations_without_detection = 0;
  std::uint64_t measurement_time_from_receive_time = 0;  // timestamp unknown or implausible
};

class RemoteIdIngest {
 public:
  RemoteIdIngest(const RemoteIdConfig& cfg, const EnuFrame& site);

  // One captured frame at `capture_time`; appends one Detection per usable Location message.
  void on_frame(int link_type, Time capture_time, std::span<const std::byte> frame,
                std::uint64_t frame_number, std::vector<Detection>& out, bool complete = true);

  [[nodiscard]] const DecodedFrame& last_frame() const { return frame_; }
  [[nodiscard]] const FrameStats& frame_stats() const { return decoder_.stats(); }
  [[nodiscard]] const IngestStats& stats() const { return stats_; }
  // Decoder rejects merged with conversion rejects.
  [[nodiscard]] RejectCounter rejects() const;
  [[nodiscard]] const EmitterTable& emitters() const { return emitters_; }
  [[nodiscard]] const DetectionBuilder& builder() const { return builder_; }

 private:
  FrameDecoder decoder_;
  EmitterTable emitters_;
  DetectionBuilder builder_;
  DecodedFrame frame_;
  RejectCounter conversion_rejects_;
  IngestStats stats_;
  Time last_expiry_;
};

}  // namespace dewline::ingest::remoteid
