// sapient_fuzz.cpp: libFuzzer target for SAPIENT over TCP (BSI Flex 335 v2.0): the production
// path of a connection, framer -> decoder -> validator -> node registry -> to_detection, with
// the byte stream split into reads at points taken from the input. A registration of a node
// with a known position is fed first, so that status and detection reports reach the
// conversion code; a second path reads the same bytes as a recorded stream (resynchronising
// over bad stretches, as `dewline decode --format sapient` does).
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/log.hpp"
#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_session.hpp"
#include "ingest/sapient/sapient_stream.hpp"
#include "ingest/sapient/sapient_validator.hpp"

namespace {

namespace sp = dewline::ingest::sapient;

const dewline::Geodetic kSite{51.17, -1.82, 100.0};

// Frames of a registered node (the same node id that the seeds use), built once.
const std::vector<std::byte>& preamble() {
  static const std::vector<std::byte> bytes = [] {
    dewline::SensorInfo s;
    s.id = dewline::SensorId{1};
    s.kind = dewline::SensorKind::RfDetector;
    sp::SapientEncoder enc(s, dewline::EnuFrame(kSite), "a8654cdf-4328-47de-81fa-c495589e30c8");
    std::vector<std::byte> out;
    sp::encode_frame(enc.registration(dewline::Time::from_seconds(1.7e9)), out);
    sp::encode_frame(enc.status_report(dewline::Time::from_seconds(1.7e9)), out);
    return out;
  }();
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dewline::log().set_level(spdlog::level::off);
  const std::span<const std::byte> in(reinterpret_cast<const std::byte*>(data), size);
  sp::SapientConfig cfg;
  cfg.max_message_bytes = 64 * 1024;
  cfg.conversion.max_distance_from_site_m = 20.0e6;
  sp::SapientIngest ingest(cfg, dewline::EnuFrame(kSite));
  sp::SapientSession session(ingest, "fuzz");
  sp::SessionOutput out;
  session.on_bytes(preamble(), dewline::Time{}, out);
  // Split the input into reads: the first byte picks the read size.
  const std::size_t step = size > 0 ? 1 + static_cast<std::size_t>(data[0]) * 7 : 1;
  for (std::size_t at = 0; at < size && !out.close; at += step) {
    out.clear();
    session.on_bytes(in.subspan(at, std::min(step, size - at)), dewline::Time{}, out);
  }
  session.on_end(out);

  // The same bytes as a recorded file.
  sp::StreamReader reader(in, sp::FramerConfig{64 * 1024});
  sapient_pb::SapientMessage msg;
  int items = 0;
  while (auto item = reader.next(msg)) {
    if (!item->error) {
      (void)sp::validate(msg);
      (void)sp::to_json(msg);
    }
    if (++items > 10000) {
      break;
    }
  }
  return 0;
}
