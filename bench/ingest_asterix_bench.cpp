// ingest_asterix_bench.cpp: ASTERIX decode rate (records/s) for CAT048, and tshark decoding the
// same records in the same run, for the ratio in docs/ingest-asterix.md.
//
//   BM_DecodeRealCapture        the 100 datagrams of cat_034_048.pcap (128 CAT048 + 34 CAT034
//                               records), framing + decoding, from memory
//   BM_DecodeCat048/N           N typical Mode S plots (15 items each) packed in 1400-byte
//                               datagrams by the encoder
//   BM_IngestToDetection/N      the same through AsterixIngest (decode + to_detection)
//   BM_TsharkPdml/K             tshark -T pdml (full dissection, output to /dev/null) on the real
//                               capture repeated K times (K x 128 CAT048 records), wall time
//   BM_TsharkFields/K           tshark -T fields -e asterix.048_040_RHO (dissection, little output)
//   BM_DewlineDecodeJson/K      `dewline decode --format asterix --json` on the same file
// Records/s is the `records_per_second` counter (CAT048 records only for the rates to compare).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "ingest/asterix/asterix_ingest.hpp"
#include "ingest/asterix/encoder.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "tests/ingest/asterix/test_pcap.hpp"

namespace {

using namespace dewline;
using namespace dewline::ingest;
using namespace dewline::ingest::asterix;

const std::filesystem::path kCapture = std::filesystem::path(DEWLINE_SOURCE_DIR).parent_path() /
                                       "shared/data/real/asterix/cat_034_048.pcap";

std::vector<std::vector<std::byte>> load_capture() {
  std::vector<std::vector<std::byte>> out;
  auto r = PcapReader::open_file(kCapture.string());
  if (!r) {
    return out;
  }
  while (auto f = r->next()) {
    if (auto u = udp_payload(f->link_type, f->bytes)) {
      out.emplace_back(u->payload.begin(), u->payload.end());
    }
  }
  return out;
}

struct Count final : RecordSink {
  std::int64_t cat048 = 0;
  double sink = 0.0;
  void on_cat048(const Cat048Record& r, const RecordContext& /*c*/) override {
    ++cat048;
    sink += r.i040 ? r.i040->rho_nm : 0.0;
  }
};

void BM_DecodeRealCapture(benchmark::State& state) {
  const auto datagrams = load_capture();
  AsterixDecoder dec;
  Count c;
  for (auto _ : state) {
    for (const auto& d : datagrams) {
      dec.decode(d, c);
    }
  }
  benchmark::DoNotOptimize(c.sink);
  state.counters["records_per_second"] =
      benchmark::Counter(static_cast<double>(c.cat048), benchmark::Counter::kIsRate);
  state.counters["cat048_per_iter"] =
      static_cast<double>(c.cat048) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DecodeRealCapture);

std::vector<std::vector<std::byte>> synthetic(int n) {
  DatagramBuilder b(1400);
  static const std::vector<std::byte> bds = {std::byte{0xC0}, std::byte{0x78}, std::byte{0},
                                             std::byte{0x31}, std::byte{0xBC}, std::byte{0},
                                             std::byte{0},    std::byte{0x40}};
  for (int i = 0; i < n; ++i) {
    Cat048Record r;
    r.i010 = DataSourceIdentifier{25, 13};
    r.i140 = 27354.0 + i * 0.01;
    TargetReportDescriptor d;
    d.typ = 5;
    r.i020 = d;
    r.i040 = MeasuredPolarPosition{10.0 + (i % 200), static_cast<double>((i * 7) % 360)};
    r.i070 = Mode3ACode{0, 0, 0, static_cast<std::uint16_t>(i % 4096)};
    r.i090 = FlightLevel{0, 0, 100.0 + i % 300};
    RadarPlotCharacteristics p;
    p.srl_deg = 1.0546875;
    p.srr = 8;
    p.sam_dbm = -70;
    r.i130 = p;
    r.i220 = 0x400000U + static_cast<std::uint32_t>(i);
    AircraftIdentification id;
    const char cs[] = "TEST123 ";
    std::copy(cs, cs + 8, id.chars.begin());
    r.i240 = id;
    r.i250 = BdsRegisterData{1, bds};
    r.i161 = static_cast<std::uint16_t>(i % 4096);
    r.i042 = CalculatedCartesianPosition{5.0, -7.0};
    r.i200 = CalculatedPolarVelocity{0.12, 123.0};
    r.i170 = TrackStatus{};
    r.i230 = CommunicationsCapability{1, 0, 0, 1, 1, 1, 1, 5};
    (void)b.add(r);
  }
  return b.finish();
}

void BM_DecodeCat048(benchmark::State& state) {
  const auto datagrams = synthetic(static_cast<int>(state.range(0)));
  AsterixDecoder dec;
  Count c;
  for (auto _ : state) {
    for (const auto& d : datagrams) {
      dec.decode(d, c);
    }
  }
  benchmark::DoNotOptimize(c.sink);
  state.counters["records_per_second"] =
      benchmark::Counter(static_cast<double>(c.cat048), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeCat048)->Arg(10)->Arg(100)->Arg(1000);

void BM_IngestToDetection(benchmark::State& state) {
  set_log_level("off");
  const auto datagrams = synthetic(static_cast<int>(state.range(0)));
  AsterixRadarConfig radar;
  radar.name = "bench";
  radar.position = Geodetic{43.5, 16.4, 500.0};
  AsterixIngest in("bench", EnuFrame(Geodetic{43.6, 16.5, 0.0}), {radar});
  std::vector<Detection> out;
  out.reserve(datagrams.size() * 40);
  std::int64_t n = 0;
  for (auto _ : state) {
    for (const auto& d : datagrams) {
      out.clear();
      in.ingest(d, Time::from_seconds(1.46e9), out);
      n += static_cast<std::int64_t>(out.size());
    }
  }
  state.counters["records_per_second"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestToDetection)->Arg(1000);

// The real capture repeated k times, as a pcap file for tshark and dewline.
std::filesystem::path repeated_capture(int k) {
  const auto dir = std::filesystem::temp_directory_path() / "dewline_asterix_bench";
  std::filesystem::create_directories(dir);
  const auto p = dir / ("cat_034_048_x" + std::to_string(k) + ".pcap");
  if (!std::filesystem::exists(p)) {
    const auto datagrams = load_capture();
    test::PcapWriter w(p);
    std::uint32_t t = 1462433756U;
    for (int i = 0; i < k; ++i) {
      for (const auto& d : datagrams) {
        w.add(d, t++);
      }
    }
    w.close();
  }
  return p;
}

void run_process(benchmark::State& state, const std::string& cmd, std::int64_t records) {
  std::int64_t total = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = std::system(cmd.c_str());
    const auto t1 = std::chrono::steady_clock::now();
    if (rc == -1) {
      state.SkipWithError("cannot run the command");
      return;
    }
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
    total += records;
  }
  state.counters["records_per_second"] =
      benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
}

void BM_TsharkPdml(benchmark::State& state) {
  const int k = static_cast<int>(state.range(0));
  run_process(state,
              "tshark -r '" + repeated_capture(k).string() +
                  "' -d udp.port==0-65535,asterix -T pdml > /dev/null 2>&1",
              128LL * k);
}
BENCHMARK(BM_TsharkPdml)
    ->Arg(1)
    ->Arg(100)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_TsharkFields(benchmark::State& state) {
  const int k = static_cast<int>(state.range(0));
  run_process(
      state,
      "tshark -r '" + repeated_capture(k).string() +
          "' -d udp.port==0-65535,asterix -T fields -e asterix.048_040_RHO > /dev/null 2>&1",
      128LL * k);
}
BENCHMARK(BM_TsharkFields)
    ->Arg(1)
    ->Arg(100)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

std::string dewline_binary() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) {
    return "dewline";
  }
  buf[n] = '\0';
  // build/<dir>/bench/ingest_asterix_bench -> build/<dir>/apps/dewline/dewline
  return (std::filesystem::path(buf).parent_path().parent_path() / "apps/dewline/dewline").string();
}

void BM_DewlineDecodeJson(benchmark::State& state) {
  const int k = static_cast<int>(state.range(0));
  const std::string bin = dewline_binary();
  if (!std::filesystem::exists(bin)) {
    state.SkipWithError("dewline binary not built");
    return;
  }
  run_process(state,
              "'" + bin + "' decode --format asterix '" + repeated_capture(k).string() +
                  "' --json > /dev/null 2>&1",
              128LL * k);
}
BENCHMARK(BM_DewlineDecodeJson)
    ->Arg(1)
    ->Arg(100)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
