// detection.hpp: the one Detection type that leaves every decoder and enters the tracker.
//
// A detection is what one sensor said about one object at one time. It carries its own
// measurement model (Stone Soup's design): a polar radar plot, a bearing-only line of sight, or a
// full position, each with its own noise, so the tracker never needs to know which protocol or
// which sensor kind it came from. All geometry is in the site's ENU frame (geodesy.hpp) and all
// angles follow angles.hpp (azimuth CCW from East, radians).
//
// Detections are plain values, copied across bounded queues and recorded; `kVersion` changes when
// a recorded field changes meaning, because replays outlive code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/geodesy.hpp"
#include "core/ids.hpp"
#include "core/target_class.hpp"
#include "core/time.hpp"

namespace dewline {

// A radar plot relative to the sensor position: range, azimuth, optional elevation (2D radars
// give none) and optional range rate (Doppler), each with its 1-sigma noise.
struct PolarMeasurement {
  double range_m = 0.0;
  double azimuth_rad = 0.0;
  std::optional<double> elevation_rad;
  std::optional<double> range_rate_mps;  // positive = moving away
  double sigma_range_m = 0.0;
  double sigma_azimuth_rad = 0.0;
  double sigma_elevation_rad = 0.0;
  double sigma_range_rate_mps = 0.0;
};

// A line of sight from the sensor (RF direction finder, acoustic array, EO/IR camera): azimuth and
// optional elevation, never a range.
struct BearingMeasurement {
  double azimuth_rad = 0.0;
  std::optional<double> elevation_rad;
  double sigma_azimuth_rad = 0.0;
  double sigma_elevation_rad = 0.0;
};

// A full position in the site frame with its covariance (Remote ID, ADS-B, SAPIENT locations,
// a camera's geolocated box), with an optional velocity.
struct PositionMeasurement {
  Vec3 position_m = Vec3::Zero();
  Mat3 covariance_m2 = Mat3::Identity();
  std::optional<Vec3> velocity_mps;
  Mat3 velocity_covariance_m2ps2 = Mat3::Identity();
};

using Measurement = std::variant<PolarMeasurement, BearingMeasurement, PositionMeasurement>;

// Who a cooperative target says it is. All fields optional; empty strings mean "not given".
struct Identity {
  std::string remote_id;          // Remote ID UAS serial / session id (ASTM F3411 Basic ID)
  std::optional<std::uint32_t> icao24;  // ADS-B 24-bit address
  std::string callsign;           // ADS-B flight id / callsign
  std::optional<std::uint16_t> mode3a;  // Mode 3/A code (octal digits packed as 12 bits)
  std::optional<Vec3> operator_position_m;  // Remote ID System message, site ENU
  std::string emitter_model;      // RF detector's identification of the drone model
  std::string operator_id;        // Remote ID Operator ID message

  [[nodiscard]] bool empty() const {
    return remote_id.empty() && !icao24 && callsign.empty() && !mode3a && !operator_position_m &&
           emitter_model.empty() && operator_id.empty();
  }
};

struct Detection {
  static constexpr std::uint16_t kVersion = 1;

  Time time;          // when the measurement was taken (sensor's clock, UTC)
  Time receive_time;  // when dewline received it (for latency; equals `time` offline)
  SensorId sensor{};
  Vec3 sensor_position_m = Vec3::Zero();  // sensor location in the site frame at `time`
  Measurement measurement;

  std::optional<ClassProbabilities> class_probabilities;  // sensor's own classification
  Identity identity;
  std::optional<double> snr_db;                // signal-to-noise or RSSI where the sensor gives it
  std::optional<std::uint64_t> sensor_object_id;  // the sensor's own track / object number

  // Scoring and diagnostics only: the simulated target that caused it, -1 for clutter. The
  // tracker never reads it (exchange-csv.md).
  std::optional<std::int64_t> truth_id;
};

// Detections sort by measurement time, then sensor id, for a deterministic order.
[[nodiscard]] inline bool detection_time_order(const Detection& a, const Detection& b) {
  if (a.time != b.time) {
    return a.time < b.time;
  }
  return a.sensor < b.sensor;
}

}  // namespace dewline
