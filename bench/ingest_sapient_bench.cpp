// ingest_sapient_bench.cpp: SAPIENT DetectionReport decode rate (BSI Flex 335 v2.0), layer by
// layer: protobuf decode, + validation, + conversion to a Detection, and the whole connection
// path (framer + decode + validate + to_detection) over streams of 10 / 100 / 1000 reports.
// For comparison, in the same run: tshark 4.0 dissecting the same DetectionReports with its
// protobuf dissector and dewline's .proto files (one SapientMessage per UDP datagram in a pcap),
// the rate taken from the difference between 20 000 and 1 messages (tshark's start-up cost
// removed), in CPU time of the tshark process (reported as the benchmark's time; compare with
// the CPU column of the dewline benchmarks). Skipped when tshark is not installed.
// Figures and the command are in docs/ingest-sapient.md.
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_session.hpp"
#include "ingest/sapient/sapient_validator.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace {

namespace sp = dewline::ingest::sapient;
using dewline::Detection;
using dewline::Time;

const dewline::Geodetic kSite{51.17, -1.82, 100.0};

struct Setup {
  dewline::EnuFrame site{kSite};
  dewline::SensorInfo sensor;
  sp::NodeState node;
  Setup() {
    sensor.id = dewline::SensorId{1};
    sensor.kind = dewline::SensorKind::EsaRadar;
    sensor.position_m = dewline::Vec3{250.0, -400.0, 12.0};
    node.sensor = sensor.id;
    node.position = site.to_geodetic(sensor.position_m);
    node.position_enu_m = sensor.position_m;
  }
  // A radar plot with class probabilities (range/bearing), or a located report with velocity.
  Detection detection(int i, bool located) const {
    Detection d;
    d.time = Time::from_seconds(1.7e9 + 0.1 * i);
    d.sensor_position_m = sensor.position_m;
    d.sensor_object_id = static_cast<std::uint64_t>(i % 50);
    if (located) {
      dewline::PositionMeasurement p;
      p.position_m = dewline::Vec3{1000.0 + i, 2000.0, 150.0};
      p.covariance_m2 = dewline::Mat3::Identity() * 25.0;
      p.velocity_mps = dewline::Vec3{10.0, -2.0, 0.5};
      d.measurement = p;
    } else {
      dewline::PolarMeasurement p;
      p.range_m = 1500.0 + i;
      p.azimuth_rad = 0.001 * i;
      p.elevation_rad = 0.05;
      p.sigma_range_m = 5.0;
      p.sigma_azimuth_rad = 0.01;
      p.sigma_elevation_rad = 0.01;
      d.measurement = p;
    }
    dewline::ClassProbabilities c;
    c[dewline::TargetClass::DroneMultirotor] = 0.7;
    c[dewline::TargetClass::Bird] = 0.2;
    c[dewline::TargetClass::Unknown] = 0.1;
    d.class_probabilities = c;
    return d;
  }
  std::vector<std::byte> payload(bool located) const {
    sp::SapientEncoder enc(sensor, site);
    std::vector<std::byte> out;
    sp::encode_message(enc.detection_report(detection(1, located)), out);
    return out;
  }
};

void BM_SapientDecode(benchmark::State& state) {
  const Setup s;
  const auto bytes = s.payload(state.range(0) != 0);
  sapient_pb::SapientMessage msg;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sp::decode_message(bytes, msg).has_value());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(BM_SapientDecode)->Arg(0)->Arg(1)->ArgNames({"located"});

void BM_SapientDecodeValidate(benchmark::State& state) {
  const Setup s;
  const auto bytes = s.payload(state.range(0) != 0);
  sapient_pb::SapientMessage msg;
  for (auto _ : state) {
    (void)sp::decode_message(bytes, msg);
    benchmark::DoNotOptimize(sp::validate(msg).has_value());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SapientDecodeValidate)->Arg(0)->Arg(1)->ArgNames({"located"});

void BM_SapientDecodeValidateToDetection(benchmark::State& state) {
  const Setup s;
  const auto bytes = s.payload(state.range(0) != 0);
  sapient_pb::SapientMessage msg;
  Detection d;
  const sp::ConversionSettings settings;
  for (auto _ : state) {
    (void)sp::decode_message(bytes, msg);
    (void)sp::validate(msg);
    benchmark::DoNotOptimize(sp::to_detection(msg, s.node, s.site, settings, Time{}, d).has_value());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SapientDecodeValidateToDetection)->Arg(0)->Arg(1)->ArgNames({"located"});

// The connection path: a stream of N framed reports through SapientSession (framer, decode,
// validate, node lookup, to_detection), as the server runs it.
void BM_SapientSessionStream(benchmark::State& state) {
  const Setup s;
  const int n = static_cast<int>(state.range(0));
  sp::SapientEncoder enc(s.sensor, s.site);
  std::vector<std::byte> head;
  sp::encode_frame(enc.registration(Time::from_seconds(1.7e9)), head);
  sp::encode_frame(enc.status_report(Time::from_seconds(1.7e9)), head);
  std::vector<std::byte> stream;
  for (int i = 0; i < n; ++i) {
    sp::encode_frame(enc.detection_report(s.detection(i, false)), stream);
  }
  sp::SapientIngest ingest(sp::SapientConfig{}, s.site);
  sp::SessionOutput out;
  {
    sp::SapientSession setup(ingest, "bench");
    setup.on_bytes(head, Time{}, out);
  }
  for (auto _ : state) {
    sp::SapientSession session(ingest, "bench");
    out.clear();
    session.on_bytes(stream, Time{}, out);
    if (out.detections.size() != static_cast<std::size_t>(n)) {
      state.SkipWithError("lost detections");
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}
BENCHMARK(BM_SapientSessionStream)->Arg(10)->Arg(100)->Arg(1000)->ArgNames({"reports"});

// Writes `n` copies of `payload` as UDP datagrams to port 5020 in a classic pcap (Ethernet).
void write_pcap(const std::filesystem::path& p, const std::vector<std::byte>& payload, int n) {
  std::ofstream out(p, std::ios::binary);
  auto put32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto put16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  put32(0xa1b2c3d4U);
  put16(2);
  put16(4);
  put32(0);
  put32(0);
  put32(65535);
  put32(1);  // LINKTYPE_ETHERNET
  const auto plen = static_cast<std::uint16_t>(payload.size());
  for (int i = 0; i < n; ++i) {
    std::vector<unsigned char> f(14 + 20 + 8, 0);
    f[12] = 0x08;  // IPv4
    const std::uint16_t ip_len = static_cast<std::uint16_t>(20 + 8 + plen);
    f[14] = 0x45;
    f[16] = static_cast<unsigned char>(ip_len >> 8U);
    f[17] = static_cast<unsigned char>(ip_len & 0xFFU);
    f[22] = 64;
    f[23] = 17;  // UDP
    f[26] = 127;
    f[29] = 1;
    f[30] = 127;
    f[33] = 1;
    f[34] = 0x9c;  // source port 40000
    f[35] = 0x40;
    f[36] = 0x13;  // destination port 5020
    f[37] = 0x9c;
    const std::uint16_t udp_len = static_cast<std::uint16_t>(8 + plen);
    f[38] = static_cast<unsigned char>(udp_len >> 8U);
    f[39] = static_cast<unsigned char>(udp_len & 0xFFU);
    put32(1700000000U + static_cast<std::uint32_t>(i / 1000));
    put32(static_cast<std::uint32_t>(i % 1000) * 1000U);
    put32(static_cast<std::uint32_t>(f.size() + payload.size()));
    put32(static_cast<std::uint32_t>(f.size() + payload.size()));
    out.write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
    out.write(reinterpret_cast<const char*>(payload.data()), static_cast<std::streamsize>(payload.size()));
  }
}

double run_tshark_s(const std::filesystem::path& pcap) {
  // The display filter on a decoded SAPIENT field makes tshark dissect every message in full.
  const std::string cmd =
      "tshark -n -r " + pcap.string() + " -o 'uat:protobuf_search_paths:\"" DEWLINE_SOURCE_DIR
      "/src\",\"TRUE\"' -o 'uat:protobuf_search_paths:\"/usr/include\",\"FALSE\"' "
      "-o 'uat:protobuf_udp_message_types:\"5020\",\"sapient_msg.bsi_flex_335_v2_0.SapientMessage\"' "
      "-d udp.port==5020,protobuf -Y 'protobuf.field.name == \"azimuth\"' > /dev/null 2>&1";
  // CPU time of the child (user + system), so that a loaded machine does not skew the ratio
  // against dewline's CPU-time figures.
  rusage before{};
  rusage after{};
  getrusage(RUSAGE_CHILDREN, &before);
  const int rc = std::system(cmd.c_str());
  getrusage(RUSAGE_CHILDREN, &after);
  auto secs = [](const rusage& r) {
    return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) * 1e-6;
  };
  return rc == 0 ? secs(after) - secs(before) : -1.0;
}

// tshark's protobuf dissection of the same range/bearing DetectionReport (items/s).
void BM_TsharkProtobufDissect(benchmark::State& state) {
  if (std::system("tshark --version > /dev/null 2>&1") != 0) {
    state.SkipWithError("tshark not installed");
    return;
  }
  const Setup s;
  const auto bytes = s.payload(false);
  const auto dir = std::filesystem::temp_directory_path() / "dewline_sapient_bench";
  std::filesystem::create_directories(dir);
  constexpr int kN = 20000;
  write_pcap(dir / "one.pcap", bytes, 1);
  write_pcap(dir / "many.pcap", bytes, kN);
  for (auto _ : state) {
    const double one = run_tshark_s(dir / "one.pcap");
    const double many = run_tshark_s(dir / "many.pcap");
    if (one < 0.0 || many < 0.0 || many <= one) {
      state.SkipWithError("tshark failed");
      break;
    }
    state.SetIterationTime((many - one) / (kN - 1));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TsharkProtobufDissect)->UseManualTime()->Iterations(3)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
