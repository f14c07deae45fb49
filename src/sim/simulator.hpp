// simulator.hpp: runs a scenario. Deterministic for a seed: the same scenario and seed give the
// same events in the same order, bit for bit, on any platform (random.hpp).
//
// The loop advances every body in fixed steps of `step_s` (kinematics.hpp, motion.hpp); in each
// step [t0, t1) it collects the cooperative broadcasts, lets every sensor model sample the
// bodies at its own real look times, and hands the events that can no longer be preceded (time
// before t1) to the emitters in order. Truth is sampled on its own fixed grid (`truth_period_s`
// from t = 0, a whole number of steps).
//
//   Simulator sim(scenario, 42);
//   std::vector<Emitter*> emitters = {jsonl.get(), exchange.get()};
//   auto result = sim.run(emitters);   // truth, coverage, counts
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/sensor.hpp"
#include "ingest/exchange/exchange_csv.hpp"
#include "sim/emitter.hpp"
#include "sim/motion.hpp"
#include "sim/scenario.hpp"

namespace dewline::sim {

// Per (target, sensor) pair that can ever see each other (coverage.csv).
struct CoverageRow {
  std::int64_t target_id = 0;
  SensorId sensor{};
  std::optional<double> first_in_coverage_s;  // first look with Pd >= opportunity_pd
  std::optional<double> first_detected_s;
};

// Per body (meta.json).
struct BodySummary {
  BodyInfo info;
  std::optional<double> born_s;               // first step time it was alive
  std::optional<double> last_alive_s;         // last step time it was alive
  std::optional<double> first_opportunity_s;  // over all sensors
  std::optional<SensorId> first_opportunity_sensor;
  std::optional<double> first_detection_s;
  std::optional<SensorId> first_detection_sensor;
};

struct SimResult {
  std::vector<ingest::TruthRow> truth;
  std::vector<SensorInfo> sensors;
  std::vector<CoverageRow> coverage;
  std::vector<BodySummary> bodies;
  std::vector<std::uint64_t> detections_per_sensor;  // by sensor index
  std::uint64_t clutter = 0;
  std::uint64_t broadcasts = 0;
};

class Simulator {
 public:
  Simulator(const Scenario& scenario, std::uint64_t seed);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  [[nodiscard]] const std::vector<SensorInfo>& sensors() const { return sensor_infos_; }
  [[nodiscard]] const Population& population() const { return population_; }
  // Runs the whole scenario once; emitters are opened, fed and closed. An emitter error stops the
  // run.
  Result<SimResult, std::string> run(std::span<Emitter* const> emitters);

 private:
  const Scenario& scenario_;
  std::uint64_t seed_;
  Population population_;
  std::vector<std::unique_ptr<SensorModel>> models_;
  std::vector<SensorInfo> sensor_infos_;
};

}  // namespace dewline::sim
