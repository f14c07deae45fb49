// asterix_ingest.hpp: one ASTERIX feed from bytes to Detections: the datagram decoder (framing,
// CAT048/CAT034 decoding) and the CAT048 -> Detection converter, with every decode error and
// every rejected report counted per (sensor, reason) and logged at a limited rate.
//
// Decode errors are counted under the feed's name (the framing layer does not know the radar
// yet); conversion rejects under the radar's configured name. CAT034 records update the radar
// positions (I034/120) before the CAT048 records that follow them.
//
//   AsterixIngest in("feed-a", site, radars);
//   std::vector<Detection> out;
//   while (auto d = source.next()) in.ingest(d->bytes, d->capture_time, out);
//   for (const auto& e : in.rejects().entries()) ...
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/detection.hpp"
#include "core/reject_counter.hpp"
#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/to_detection.hpp"

namespace dewline::ingest::asterix {

class AsterixIngest : private RecordSink {
 public:
  AsterixIngest(std::string feed_name, EnuFrame site, std::vector<AsterixRadarConfig> radars);

  // Decodes one datagram (or raw chunk at `base_offset`) and appends its detections to `out`.
  DecodeStats ingest(std::span<const std::byte> datagram, std::optional<Time> reference,
                     std::vector<Detection>& out, std::size_t base_offset = 0);

  // Decode errors (under the feed name) and conversion rejects (under radar names).
  [[nodiscard]] RejectCounter rejects() const;
  [[nodiscard]] const RejectCounter& decode_errors() const { return decode_errors_; }
  [[nodiscard]] const Cat048ToDetection& converter() const { return converter_; }

 private:
  void on_cat048(const Cat048Record& r, const RecordContext& c) override;
  void on_cat034(const Cat034Record& r, const RecordContext& c) override;
  void on_error(const AsterixError& e) override;

  std::string feed_;
  AsterixDecoder decoder_;
  Cat048ToDetection converter_;
  RejectCounter decode_errors_;
  std::optional<Time> reference_;
  std::vector<Detection>* out_ = nullptr;
};

}  // namespace dewline::ingest::asterix
