#include "ingest/remoteid/remoteid_ingest.hpp"

#include "core/log.hpp"

namespace dewline::ingest::remoteid {

RemoteIdIngest::RemoteIdIngest(const RemoteIdConfig& cfg, const EnuFrame& site)
    : decoder_(cfg.name), emitters_(cfg.max_emitters), builder_(cfg, site) {}

void RemoteIdIngest::on_frame(int link_type, Time capture_time, std::span<const std::byte> frame,
                              std::uint64_t frame_number, std::vector<Detection>& out,
                              bool complete) {
  decoder_.decode(link_type, frame, frame_number, frame_, complete);
  const RemoteIdConfig& cfg = builder_.config();
  // Forget silent emitters now and then (not per frame: the table is sorted, erase is linear).
  if (capture_time - last_expiry_ > Duration::from_seconds(cfg.emitter_timeout_s / 4.0)) {
    emitters_.expire(capture_time, Duration::from_seconds(cfg.emitter_timeout_s));
    last_expiry_ = capture_time;
  }
  for (std::size_t i = 0; i < frame_.messages.size(); ++i) {
    const Message& m = frame_.messages.message(i);
    EmitterState& e = emitters_.update(frame_.info, capture_time, m);
    const auto* loc = std::get_if<Location>(&m.body);
    if (loc == nullptr) {
      continue;
    }
    auto d = builder_.build(*loc, e, frame_.info, capture_time);
    if (!d) {
      ++stats_.locations_without_detection;
      if (conversion_rejects_.count(cfg.name, d.error())) {
        log().info("remoteid {}: frame {}: location gives no detection: {}", cfg.name,
                   frame_number, d.error());
      }
      continue;
    }
    if (d->time == d->receive_time) {
      ++stats_.measurement_time_from_receive_time;
    }
    ++stats_.detections;
    out.push_back(std::move(*d));
  }
}

RejectCounter RemoteIdIngest::rejects() const {
  RejectCounter r = decoder_.rejects();
  r.merge(conversion_rejects_);
  return r;
}

}  // namespace dewline::ingest::remoteid
