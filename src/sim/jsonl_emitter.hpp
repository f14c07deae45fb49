// jsonl_emitter.hpp: streams every detection of every sensor, in time order, as dewline's native
// detections.jsonl (ingest/exchange/native_json.hpp: one JSON object per line, every field kept:
// real measurement times, noise, class probabilities, identity, SNR, truth_id). `path` "-" is
// standard output.
#pragma once

#include <filesystem>
#include <memory>

#include "sim/emitter.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<Emitter> make_jsonl_emitter(const std::filesystem::path& path);

}  // namespace dewline::sim
