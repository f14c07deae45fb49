// ingest_adsb_bench.cpp: ADS-B ingest throughput on the real recordings (../shared/data/real/adsb):
// Beast framing (frames/s), Mode S decoding (messages/s), the whole Beast path with per-aircraft
// state (frames/s), SBS lines (lines/s) and to_detection (detections/s). The recordings are
// repeated `Arg` times to make one batch.
#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/encoder.hpp"
#include "ingest/adsb/hex_line.hpp"
#include "ingest/adsb/line_reader.hpp"
#include "ingest/adsb/to_detection.hpp"

namespace {

using namespace dewline::ingest::adsb;

std::filesystem::path real(const std::string& rel) {
  return std::filesystem::path(DEWLINE_SOURCE_DIR).parent_path() / "shared" / "data" / "real" / rel;
}

std::vector<std::byte> read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  const std::vector<char> c((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> b(c.size());
  std::memcpy(b.data(), c.data(), c.size());
  return b;
}

std::vector<std::byte> beast_batch(int copies) {
  const auto one = read_bytes(real("adsb/sample_dump1090_beast.bin"));
  std::vector<std::byte> all;
  for (int i = 0; i < copies; ++i) {
    all.insert(all.end(), one.begin(), one.end());
  }
  return all;
}

// The 2000 DF17 of the pyModeS sample plus the 239 frames of the Beast sample, as raw bytes.
std::vector<HexLine> mode_s_messages() {
  std::vector<HexLine> out;
  std::ifstream in(real("adsb/pymodes_sample_data_adsb.csv"));
  std::string line;
  std::uint64_t no = 0;
  while (std::getline(in, line)) {
    HexLine h;
    if (parse_hex_line(line, ++no, h) && h.length > 0) {
      out.push_back(h);
    }
  }
  BeastFramer f;
  f.push(read_bytes(real("adsb/sample_dump1090_beast.bin")));
  BeastFrame fr;
  AdsbError e;
  while (f.next(fr, e) == BeastFramer::Status::Frame) {
    HexLine h;
    std::memcpy(h.bytes.data(), fr.payload.data(), fr.payload_length);
    h.length = fr.payload_length;
    out.push_back(h);
  }
  return out;
}

void BM_BeastFraming(benchmark::State& state) {
  const auto bytes = beast_batch(static_cast<int>(state.range(0)));
  std::int64_t frames = 0;
  BeastFrame fr;
  AdsbError e;
  for (auto _ : state) {
    BeastFramer f;
    f.push(bytes);
    f.finish();
    while (f.next(fr, e) != BeastFramer::Status::NeedMore) {
      ++frames;
    }
    benchmark::DoNotOptimize(fr);
  }
  state.SetItemsProcessed(frames);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes.size()) * state.iterations());
}
BENCHMARK(BM_BeastFraming)->Arg(1)->Arg(100);

void BM_ModeSDecode(benchmark::State& state) {
  const auto msgs = mode_s_messages();
  if (msgs.size() != 2239) {
    state.SkipWithError("real ADS-B data not found");
    return;
  }
  ModeSMessage m;
  std::int64_t n = 0;
  for (auto _ : state) {
    for (const auto& h : msgs) {
      const auto r = decode_mode_s(std::span<const std::uint8_t>(h.bytes.data(), h.length), m);
      benchmark::DoNotOptimize(r);
      benchmark::DoNotOptimize(m);
      ++n;
    }
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_ModeSDecode);

void BM_BeastPipeline(benchmark::State& state) {
  const auto bytes = beast_batch(static_cast<int>(state.range(0)));
  DecodedMessage msg;
  AdsbError e;
  std::int64_t n = 0;
  for (auto _ : state) {
    AdsbDecoderConfig cfg;
    cfg.log_rejects = false;
    AdsbDecoder dec(cfg);
    dec.push_beast(bytes);
    dec.finish_beast();
    while (dec.next_beast(msg, e) != AdsbDecoder::Status::NeedMore) {
      ++n;
    }
    benchmark::DoNotOptimize(msg);
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_BeastPipeline)->Arg(1)->Arg(100);

void BM_HexPipeline(benchmark::State& state) {
  std::ifstream in(real("adsb/pymodes_sample_data_adsb.csv"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  DecodedMessage msg;
  AdsbError e;
  std::int64_t n = 0;
  for (auto _ : state) {
    AdsbDecoderConfig cfg;
    cfg.log_rejects = false;
    AdsbDecoder dec(cfg);
    LineReader lines;
    lines.push(std::string_view(text));
    lines.finish();
    std::string_view line;
    std::uint64_t no = 0;
    while (lines.next(line, no) == LineReader::Status::Line) {
      dec.decode_hex_line(line, no, msg, e);
      ++n;
    }
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_HexPipeline);

void BM_SbsLines(benchmark::State& state) {
  const std::string line =
      "MSG,3,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,,38000,,,43.64421,"
      "1.23152,,,,,,0";
  AdsbDecoderConfig cfg;
  cfg.log_rejects = false;
  AdsbDecoder dec(cfg);
  DecodedMessage msg;
  AdsbError e;
  std::int64_t n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dec.decode_sbs_line(line, 1, msg, e));
    ++n;
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_SbsLines);

void BM_ToDetection(benchmark::State& state) {
  // Reports with a position, from encoded even/odd pairs of 100 aircraft.
  AircraftTable table;
  std::vector<AircraftReport> reports;
  AircraftReport r;
  for (std::uint32_t i = 0; i < 100; ++i) {
    const AirbornePositionInput in{.icao = 0x400000 + i, .lat_deg = 47.0 + 0.01 * i,
                                   .lon_deg = 8.0 + 0.01 * i, .altitude_ft = 5000.0 + i};
    for (bool odd : {false, true}) {
      ModeSMessage m;
      const auto b = encode_airborne_position(in, odd);
      (void)decode_mode_s(std::span<const std::uint8_t>(b.data(), 14), m);
      table.update(m, dewline::Time::from_seconds(odd ? 1.0 : 0.5), std::nullopt, r);
    }
    reports.push_back(r);
  }
  const dewline::EnuFrame site(dewline::Geodetic{47.2, 8.3, 400.0});
  const AdsbDetectionConfig cfg{};
  std::int64_t n = 0;
  for (auto _ : state) {
    for (const auto& rep : reports) {
      auto d = to_detection(rep, site, cfg);
      benchmark::DoNotOptimize(d);
      ++n;
    }
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_ToDetection);

}  // namespace

BENCHMARK_MAIN();
