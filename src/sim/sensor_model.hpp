// sensor_model.hpp: the interface every simulated sensor implements, and what it is given.
//
// Each simulation step [t0, t1) the simulator hands every sensor model a `StepView` (the bodies'
// states at both ends of the step, their fixed properties, and the cooperative broadcasts sent
// during the step) and a `SensorOutput` to put its detections and scan starts into. A model
// samples a body at any time inside the step with `StepView::at` (cubic Hermite between the two
// states, kinematics.hpp), so detection times are the real measurement times, not step times.
//
// Detections carry their own noise and the sensor's position (core/detection.hpp). Randomness
// comes from a stream per (sensor, target) pair, created on first use (`PairStreams`), so one
// target's detections do not depend on which other targets exist.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/detection.hpp"
#include "core/sensor.hpp"
#include "sim/kinematics.hpp"
#include "sim/motion.hpp"
#include "sim/random.hpp"
#include "sim/scenario.hpp"

namespace dewline::sim {

// A cooperative broadcast sent during the step (broadcasts.hpp).
struct Broadcast {
  std::size_t body = 0;
  double t_s = 0.0;
  bool adsb = false;                  // else Remote ID
  Vec3 transmitter_m = Vec3::Zero();  // where the signal really comes from
  PositionMeasurement content;        // what it says: position, velocity, declared accuracy
  Identity identity;
  std::optional<std::int64_t> truth_id;  // the physical target transmitting; -1 for a ghost
  bool spoofed = false;
};

struct StepView {
  double t0 = 0.0;
  double t1 = 0.0;
  double duration_s = 0.0;  // events at or after this are dropped
  bool night = false;
  double opportunity_pd = 0.5;
  std::span<const BodyState> s0;
  std::span<const BodyState> s1;
  std::span<const BodyInfo> bodies;
  std::span<const Broadcast> broadcasts;

  [[nodiscard]] bool alive(std::size_t i) const { return s0[i].alive && s1[i].alive; }
  [[nodiscard]] BodyState at(std::size_t i, double t) const {
    return interpolate(s0[i], s1[i], t0, t1 - t0, t);
  }
};

// A radar scan a plot belongs to.
struct ScanRef {
  std::uint64_t index = 0;
  Time start;
};

// One thing that happened, in the order the simulator emits them.
struct SimEvent {
  Time time;
  std::size_t sensor = 0;  // index into the scenario's sensors
  std::uint64_t seq = 0;   // generation order, the last tie-breaker
  bool is_scan_start = false;
  Detection detection;          // unless a scan start
  std::optional<ScanRef> scan;  // radar plots and scan starts
};

// Where a sensor model's output goes. Coverage bookkeeping: per (sensor, body) the first time the
// body was inside coverage with a detection probability >= the scenario's opportunity_pd, and the
// first time it was detected.
class SensorOutput {
 public:
  SensorOutput(std::vector<SimEvent>& pending, std::uint64_t& seq, std::vector<double>& first_cov,
               std::vector<double>& first_det, std::size_t n_bodies)
      : pending_(pending),
        seq_(seq),
        first_cov_(first_cov),
        first_det_(first_det),
        n_bodies_(n_bodies) {}

  void set_sensor(std::size_t sensor) { sensor_ = sensor; }
  void detection(Detection d, std::optional<ScanRef> scan, std::optional<std::size_t> body);
  void scan_start(std::uint64_t index, Time start);
  void opportunity(std::size_t body, double t_s);

 private:
  std::vector<SimEvent>& pending_;
  std::uint64_t& seq_;
  std::vector<double>& first_cov_;
  std::vector<double>& first_det_;
  std::size_t n_bodies_;
  std::size_t sensor_ = 0;
};

// Random streams for one sensor: one per target, seeded from (seed, sensor id, target id).
class PairStreams {
 public:
  PairStreams(std::uint64_t seed, SensorId sensor, std::size_t n_bodies)
      : seed_(seed), sensor_(sensor), rngs_(n_bodies) {}
  Rng& get(std::size_t body, std::int64_t target_id);

 private:
  std::uint64_t seed_;
  SensorId sensor_;
  std::vector<std::unique_ptr<Rng>> rngs_;
};

class SensorModel {
 public:
  virtual ~SensorModel() = default;
  [[nodiscard]] virtual SensorInfo info() const = 0;
  // Whether this sensor can ever detect the body (coverage.csv lists only these pairs).
  [[nodiscard]] virtual bool applicable(const BodyInfo& body) const = 0;
  virtual void step(const StepView& view, SensorOutput& out) = 0;
};

// The model for a sensor spec; `n_bodies` sizes its per-target streams.
[[nodiscard]] std::unique_ptr<SensorModel> make_sensor_model(const SensorSpec& spec,
                                                             std::uint64_t seed,
                                                             std::size_t n_bodies);

// A noisy elevation beyond the zenith (or nadir) is the same line of sight seen over the top:
// folds it back into [-pi/2, pi/2] and turns the azimuth by pi, as a real sensor would report.
void fold_over_zenith(double& azimuth_rad, double& elevation_rad);

// Shared geometry: is an offset inside a coverage (range, elevation, sector)?
[[nodiscard]] bool in_sector(const Coverage& c, double azimuth_rad);
[[nodiscard]] bool in_coverage(const Coverage& c, double range_m, double azimuth_rad,
                               double elevation_rad);

}  // namespace dewline::sim
