// ingest_remoteid_bench.cpp: Remote ID decoding speed on the real captures.
//
//   build/release/bench/ingest_remoteid_bench --benchmark_min_time=2
//
// Frames are read into memory first (libpcap excluded); each iteration decodes the whole
// capture. items_per_second = Open Drone ID messages decoded per second; frames_per_second
// counts every frame offered (the Parrot capture is 78 % other networks' frames).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/odid_codec.hpp"
#include "ingest/remoteid/remoteid_ingest.hpp"

namespace {

namespace rid = dewline::ingest::remoteid;

struct Frame {
  int link_type;
  dewline::Time time;
  std::vector<std::byte> bytes;
};

std::filesystem::path real(const std::string& name) {
  return std::filesystem::path(DEWLINE_SOURCE_DIR).parent_path() / "shared" / "data" / "real" /
         "remoteid" / name;
}

const std::vector<Frame>& load(const std::string& name) {
  static std::vector<std::pair<std::string, std::vector<Frame>>> cache;
  for (const auto& [n, frames] : cache) {
    if (n == name) {
      return frames;
    }
  }
  std::vector<Frame> frames;
  auto r = dewline::ingest::PcapReader::open_file(real(name).string());
  if (r) {
    while (auto f = r->next()) {
      frames.push_back({f->link_type, f->time, {f->bytes.begin(), f->bytes.end()}});
    }
  }
  cache.emplace_back(name, std::move(frames));
  return cache.back().second;
}

void decode_capture(benchmark::State& state, const std::string& name) {
  dewline::log().set_level(spdlog::level::off);
  const auto& frames = load(name);
  if (frames.empty()) {
    state.SkipWithError("capture not found");
    return;
  }
  rid::FrameDecoder dec("bench");
  rid::DecodedFrame f;
  std::uint64_t messages = 0;
  for (auto _ : state) {
    for (const Frame& fr : frames) {
      dec.decode(fr.link_type, fr.bytes, 0, f);
      messages += f.messages.size();
      benchmark::DoNotOptimize(f.messages.size());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(messages));
  state.counters["frames_per_second"] = benchmark::Counter(
      static_cast<double>(frames.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

void BM_DecodeParrotCapture(benchmark::State& state) {
  decode_capture(state, "parrot_anafi4_real.pcapng");
}
BENCHMARK(BM_DecodeParrotCapture)->Unit(benchmark::kMillisecond);

void BM_DecodeBt5LongRangeCapture(benchmark::State& state) {
  decode_capture(state, "odid_bt5_lr_sample.pcapng");
}
BENCHMARK(BM_DecodeBt5LongRangeCapture)->Unit(benchmark::kMillisecond);

// Decode + emitter state + Detection (ENU conversion through GeographicLib) per Location.
void BM_IngestParrotCaptureToDetections(benchmark::State& state) {
  dewline::log().set_level(spdlog::level::off);
  const auto& frames = load("parrot_anafi4_real.pcapng");
  if (frames.empty()) {
    state.SkipWithError("capture not found");
    return;
  }
  std::vector<dewline::Detection> dets;
  dets.reserve(2000);
  std::uint64_t messages = 0;
  for (auto _ : state) {
    rid::RemoteIdIngest ingest(rid::RemoteIdConfig{},
                               dewline::EnuFrame(dewline::Geodetic{47.1986, 8.7302, 400.0}));
    dets.clear();
    for (const Frame& fr : frames) {
      ingest.on_frame(fr.link_type, fr.time, fr.bytes, 0, dets);
    }
    messages += ingest.frame_stats().messages;
    benchmark::DoNotOptimize(dets.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(messages));
}
BENCHMARK(BM_IngestParrotCaptureToDetections)->Unit(benchmark::kMillisecond);

// One 25-byte Location message.
void BM_DecodeLocationMessage(benchmark::State& state) {
  rid::Location l;
  l.latitude = 471987103;
  l.longitude = 87302371;
  l.height = 2000;
  const rid::EncodedMessage e = rid::encode_message(rid::Message{0, l});
  for (auto _ : state) {
    auto m = rid::decode_message(e);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeLocationMessage);

}  // namespace

BENCHMARK_MAIN();
