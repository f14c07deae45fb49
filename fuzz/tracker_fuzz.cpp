// tracker_fuzz.cpp: libFuzzer target for the tracker's input side (issue 3, "bad input ... never
// a crash"). The bytes become a stream of detections from six sensors of every kind (3D radar
// with Doppler, 2D radar, RF direction finder, camera, Remote ID, ADS-B with velocity): times that
// step forwards and backwards, values drawn either from plausible ranges or straight from the
// bytes' bit patterns (NaN, infinities, 1e300, denormals, negative noise), sensor object ids and
// identities. Every few detections the tracker advances and reports; at the end the reports go
// through the offline reconstruction (smoothing, then stitching: `dewline track --smooth`).
// Checked:
//   - no crash, no sanitizer report (the fuzz preset builds with ASan/UBSan);
//   - every reported and every reconstructed track has a finite state and covariance;
//   - the same stream fed twice gives bit-identical reports and reconstruction (determinism).
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "core/sensor.hpp"
#include "track/track_smoother.hpp"
#include "track/track_stitcher.hpp"
#include "track/tracker.hpp"
#include "track/tracker_config.hpp"

namespace {

using namespace dewline;

class Bytes {
 public:
  Bytes(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
  [[nodiscard]] bool empty() const { return i_ >= n_; }
  std::uint8_t u8() { return i_ < n_ ? d_[i_++] : 0; }
  std::uint16_t u16() { return static_cast<std::uint16_t>(u8() | (u8() << 8)); }
  // A value in [lo, hi] most of the time; one time in eight the raw bits of a double.
  double value(double lo, double hi) {
    const std::uint8_t mode = u8();
    if ((mode & 7U) == 0) {
      std::uint64_t bits = 0;
      for (int k = 0; k < 8; ++k) {
        bits = (bits << 8) | u8();
      }
      return std::bit_cast<double>(bits);
    }
    return lo + (hi - lo) * (static_cast<double>(u16()) / 65535.0);
  }

 private:
  const std::uint8_t* d_;
  std::size_t n_;
  std::size_t i_ = 0;
};

SensorRegistry sensors() {
  SensorRegistry reg;
  auto add = [&](std::uint32_t id, SensorKind kind, Vec3 pos, double range_max, double period) {
    SensorInfo s;
    s.id = SensorId{id};
    s.name = "s" + std::to_string(id);
    s.kind = kind;
    s.position_m = pos;
    s.sigma_range_m = 5.0;
    s.sigma_azimuth_rad = 0.005;
    s.sigma_elevation_rad = 0.006;
    s.sigma_range_rate_mps = 0.3;
    s.sigma_position_m = 5.0;
    s.pd = 0.9;
    s.clutter_per_scan = 5.0;
    s.range_min_m = 30.0;
    s.range_max_m = range_max;
    s.elevation_max_rad = 1.2;
    s.scan_period_s = period;
    s.reports_elevation = id != 2;
    reg.add(s);
  };
  add(1, SensorKind::RotatingRadar, {0, 0, 15}, 8000.0, 1.0);
  add(2, SensorKind::RotatingRadar, {500, -200, 10}, 30000.0, 4.0);
  add(3, SensorKind::RfDetector, {0, 0, 12}, 3000.0, 1.0);
  add(4, SensorKind::EoIr, {30, -20, 20}, 2500.0, 0.5);
  add(5, SensorKind::RemoteIdReceiver, {0, 0, 12}, 3000.0, 1.0);
  add(6, SensorKind::AdsbReceiver, {0, 0, 12}, 150000.0, 1.0);
  return reg;
}

Detection next_detection(Bytes& b, std::int64_t& t_ns) {
  Detection d;
  const std::uint8_t kind = b.u8();
  // Mostly forward in steps of up to ~0.65 s; sometimes back (late or disordered input).
  const auto step = static_cast<std::int16_t>(b.u16());
  t_ns += static_cast<std::int64_t>(step) * 10'000'000 / ((kind & 0x80U) != 0 ? 1 : 4);
  t_ns = std::max<std::int64_t>(t_ns, 0);
  d.time = Time::from_ns(t_ns);
  d.receive_time = d.time;
  const std::uint32_t sensor = 1U + (kind & 0x07U) % 7U;  // 7 is unknown to the tracker
  d.sensor = SensorId{sensor};
  switch (sensor) {
    case 1:
    case 2:
    case 7: {
      PolarMeasurement m;
      m.range_m = b.value(0.0, 9000.0);
      m.azimuth_rad = b.value(-3.2, 3.2);
      if (sensor != 2) {
        m.elevation_rad = b.value(-0.1, 1.3);
      }
      if ((kind & 0x40U) != 0) {
        m.range_rate_mps = b.value(-100.0, 100.0);
      }
      m.sigma_range_m = b.value(0.5, 20.0);
      m.sigma_azimuth_rad = b.value(1e-4, 0.05);
      m.sigma_elevation_rad = b.value(1e-4, 0.05);
      m.sigma_range_rate_mps = b.value(0.05, 2.0);
      d.measurement = m;
      break;
    }
    case 3:
    case 4: {
      BearingMeasurement m;
      m.azimuth_rad = b.value(-3.2, 3.2);
      if (sensor == 4) {
        m.elevation_rad = b.value(-0.1, 1.5);
        if ((kind & 0x40U) != 0) {
          // A camera's classifier: its opinion decides which bearings may pair.
          ClassProbabilities c;
          c[TargetClass::Bird] = b.value(0.0, 1.0);
          c[TargetClass::DroneMultirotor] = b.value(0.0, 1.0);
          c[TargetClass::Unknown] = b.value(0.0, 0.3);
          d.class_probabilities = c;
        }
      }
      m.sigma_azimuth_rad = b.value(1e-4, 0.1);
      m.sigma_elevation_rad = b.value(1e-4, 0.1);
      d.measurement = m;
      if ((kind & 0x20U) != 0) {
        d.identity.emitter_model = (kind & 0x10U) != 0 ? "quad-A" : "quad-B";
      }
      break;
    }
    default: {
      PositionMeasurement m;
      m.position_m = {b.value(-5000, 5000), b.value(-5000, 5000), b.value(0, 3000)};
      const double s = b.value(0.5, 50.0);
      m.covariance_m2 = Mat3::Identity() * s * s;
      m.covariance_m2(0, 1) = m.covariance_m2(1, 0) = b.value(-10.0, 10.0);
      if ((kind & 0x40U) != 0 || sensor == 6) {
        m.velocity_mps = Vec3{b.value(-250, 250), b.value(-250, 250), b.value(-20, 20)};
        const double v = b.value(0.1, 5.0);
        m.velocity_covariance_m2ps2 = Mat3::Identity() * v * v;
      }
      d.measurement = m;
      if (sensor == 5) {
        d.identity.remote_id = (kind & 0x20U) != 0 ? "SN-1" : "SN-2";
      } else {
        d.identity.icao24 = (kind & 0x20U) != 0 ? 0x4b1a2cU : 0x3c6444U;
      }
      break;
    }
  }
  if ((kind & 0x10U) != 0 && sensor != 3 && sensor != 4) {
    d.sensor_object_id = b.u8();  // a sensor's own track number: track-to-track fusion
  }
  return d;
}

bool finite_track(const Track& k) {
  return k.position_m.allFinite() && k.velocity_mps.allFinite() && k.covariance.allFinite();
}

// Feeds the stream; returns the reports flattened to bytes for the determinism check.
std::vector<double> run(const std::uint8_t* data, std::size_t size, const SensorRegistry& reg) {
  track::Tracker tracker(track::TrackerConfig::defaults(), reg);
  Bytes b(data, size);
  std::int64_t t_ns = 0;
  std::vector<double> out;
  auto keep = [&out](const Track& k) {
    if (!finite_track(k)) {
      __builtin_trap();  // a reported track must never be NaN or infinite
    }
    out.push_back(static_cast<double>(to_underlying(k.id)));
    out.insert(out.end(), k.position_m.data(), k.position_m.data() + 3);
    out.insert(out.end(), k.velocity_mps.data(), k.velocity_mps.data() + 3);
  };
  track::ReportSeries series;  // reports at increasing times, as `dewline track` makes them
  int since_advance = 0;
  for (int n = 0; n < 400 && !b.empty(); ++n) {
    tracker.add(next_detection(b, t_ns));
    if (++since_advance >= 1 + (b.u8() & 7U)) {
      since_advance = 0;
      const Time now = Time::from_ns(t_ns);
      tracker.advance_to(now);
      std::vector<Track> rep = tracker.report(now);
      for (const Track& k : rep) {
        keep(k);
      }
      if (series.times.empty() || now > series.times.back()) {
        series.times.push_back(now);
        series.reports.push_back(std::move(rep));
      }
    }
  }
  const track::TrackerConfig cfg = track::TrackerConfig::defaults();
  track::ReportSeries smoothed = track::smooth_reports(std::move(series), cfg.imm);
  const auto links = track::find_stitches(smoothed, cfg.imm);
  smoothed = track::apply_stitches(std::move(smoothed), links, cfg.imm);
  for (const auto& rep : smoothed.reports) {
    for (const Track& k : rep) {
      keep(k);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  log().set_level(spdlog::level::off);
  static const SensorRegistry reg = sensors();
  const std::vector<double> a = run(data, size, reg);
  const std::vector<double> b = run(data, size, reg);
  if (a.size() != b.size() ||
      (!a.empty() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) != 0)) {
    __builtin_trap();  // the same input must give bit-identical tracks
  }
  return 0;
}
