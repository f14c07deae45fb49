// emitter.hpp: where the simulator's output goes, one sink per output format or protocol.
//
// The simulator produces one time-ordered stream of events: radar scan starts and detections of
// every sensor (sorted by time, then scan starts before detections, then sensor id, then
// generation order). Every Emitter sees the whole stream and keeps what it wants: the built-in
// ones write detections.jsonl (jsonl_emitter.hpp) and the exchange CSV's sensors.csv and
// measurements.csv (exchange_emitter.hpp). Protocol emitters plug in the same way, one small file
// each, calling the encoders in src/ingest/<protocol>/ when they are ready:
//
//   - ASTERIX CAT048 (+ CAT034 north markers from scan_start) over UDP for the radars;
//   - SAPIENT DetectionReports over TCP for any sensor;
//   - Remote ID frames (Wi-Fi beacon / BLE, to pcap or loopback) for Remote ID receivers;
//   - Beast binary frames for ADS-B receivers.
//
// To add one: implement Emitter in src/sim/emit_<name>.cpp with a factory function, and add one
// line to the table in emitter_registry.cpp; `dewline sim --emit <name>[:<arg>]` then selects it.
// An emitter converts positions to WGS84 with `EmitterContext::frame` and picks its sensors by
// `SensorInfo::kind`. Emitters run on the simulator's thread, in simulated time; pacing to the
// wall clock (for live feeds) belongs in the emitter.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "core/time.hpp"
#include "sim/sensor_model.hpp"

namespace dewline::sim {

struct EmitterContext {
  std::string scenario_name;
  std::uint64_t seed = 0;
  EnuFrame frame;
  std::vector<SensorInfo> sensors;  // SimEvent::sensor indexes this
  Duration duration;
};

class Emitter {
 public:
  virtual ~Emitter() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  virtual Result<void, std::string> open(const EmitterContext& ctx) = 0;
  // A radar scan began (rotating radars: the beam at its start azimuth, e.g. north).
  virtual Result<void, std::string> scan_start(const SensorInfo& sensor, const ScanRef& scan) {
    (void)sensor;
    (void)scan;
    return {};
  }
  // One detection; `scan` is set for radar plots.
  virtual Result<void, std::string> detection(const SensorInfo& sensor, const Detection& d,
                                              const ScanRef* scan) = 0;
  // End of the run: flush and close. Not called after an error.
  virtual Result<void, std::string> close() = 0;
};

// ---- registry --------------------------------------------------------------------------------

using EmitterMaker = Result<std::unique_ptr<Emitter>, std::string> (*)(
    std::string_view arg, const std::filesystem::path& out_dir);

struct EmitterFactory {
  std::string_view name;
  std::string_view help;
  EmitterMaker make;
};

// Every emitter `dewline sim --emit` knows.
[[nodiscard]] std::span<const EmitterFactory> emitter_factories();
// "name" or "name:arg" -> an emitter; an unknown name is an error listing the known ones.
Result<std::unique_ptr<Emitter>, std::string> make_emitter(std::string_view spec,
                                                           const std::filesystem::path& out_dir);

}  // namespace dewline::sim
