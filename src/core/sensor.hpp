// sensor.hpp: what dewline knows about a sensor, from configuration, registration (SAPIENT) or a
// scenario's sensors.csv. The tracker derives its defaults from these (scan period, noise,
// detection probability, clutter density, coverage) instead of per-scenario tuning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geodesy.hpp"
#include "core/ids.hpp"

namespace dewline {

enum class SensorKind : std::uint8_t {
  RotatingRadar,     // mechanically scanned surveillance radar
  EsaRadar,          // electronically scanned radar (fast revisit)
  RfDetector,        // RF direction finder: bearing only, drones that emit
  Acoustic,          // microphone array: bearing only, short range
  EoIr,              // camera: azimuth + elevation, class probabilities
  RemoteIdReceiver,  // cooperative drone broadcasts
  AdsbReceiver,      // cooperative manned aircraft
  Other,
};

// Radars measure range and give negative evidence (a target not seen where the beam passed).
[[nodiscard]] constexpr bool is_radar(SensorKind k) {
  return k == SensorKind::RotatingRadar || k == SensorKind::EsaRadar;
}
// Cooperative receivers report what the target says of itself (its own navigation fix).
[[nodiscard]] constexpr bool is_cooperative(SensorKind k) {
  return k == SensorKind::RemoteIdReceiver || k == SensorKind::AdsbReceiver;
}

[[nodiscard]] std::string_view to_string(SensorKind k);
[[nodiscard]] std::optional<SensorKind> sensor_kind_from_string(std::string_view s);

struct SensorInfo {
  SensorId id{};
  std::string name;
  SensorKind kind = SensorKind::RotatingRadar;
  Vec3 position_m = Vec3::Zero();  // site ENU

  // 1-sigma noise as the sensor reports it; detections carry their own noise and these serve
  // only as defaults and for derived tracker parameters.
  double sigma_range_m = 0.0;
  double sigma_azimuth_rad = 0.0;
  double sigma_elevation_rad = 0.0;
  double sigma_range_rate_mps = 0.0;
  double sigma_position_m = 0.0;  // position-reporting sensors

  double pd = 0.9;                // nominal probability of detection
  double clutter_per_scan = 0.0;  // mean false plots per scan over the coverage volume
  double range_min_m = 0.0;
  double range_max_m = 0.0;  // 0 = unknown
  double elevation_max_rad = 1.5707963267948966;
  double scan_period_s = 1.0;  // revisit / report interval
  bool reports_elevation = true;
  // All plots of one scan carry the scan's time (the exchange CSV's convention), so one frame of
  // plots is one whole scan; otherwise each plot has its own time within the sweep.
  bool plots_share_scan_time = false;
};

// How counters and logs name a sensor: its name, or "sensor-N" when it has none or is unknown
// (`info` null).
[[nodiscard]] std::string sensor_label(SensorId id, const SensorInfo* info);

// A small registry: sensors sorted by id, looked up by binary search (deterministic order).
class SensorRegistry {
 public:
  void add(SensorInfo s);
  [[nodiscard]] const SensorInfo* find(SensorId id) const;
  [[nodiscard]] const std::vector<SensorInfo>& all() const { return sensors_; }
  [[nodiscard]] bool empty() const { return sensors_.empty(); }

 private:
  std::vector<SensorInfo> sensors_;
};

}  // namespace dewline
