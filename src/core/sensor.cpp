#include "core/sensor.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace dewline {
namespace {

constexpr std::array<std::pair<SensorKind, std::string_view>, 8> kNames = {{
    {SensorKind::RotatingRadar, "rotating_radar"},
    {SensorKind::EsaRadar, "esa_radar"},
    {SensorKind::RfDetector, "rf_detector"},
    {SensorKind::Acoustic, "acoustic"},
    {SensorKind::EoIr, "eo_ir"},
    {SensorKind::RemoteIdReceiver, "remote_id"},
    {SensorKind::AdsbReceiver, "adsb"},
    {SensorKind::Other, "other"},
}};

}  // namespace

std::string_view to_string(SensorKind k) {
  for (const auto& [kind, name] : kNames) {
    if (kind == k) {
      return name;
    }
  }
  return "other";
}

std::optional<SensorKind> sensor_kind_from_string(std::string_view s) {
  for (const auto& [kind, name] : kNames) {
    if (name == s) {
      return kind;
    }
  }
  return std::nullopt;
}

void SensorRegistry::add(SensorInfo s) {
  auto it = std::lower_bound(sensors_.begin(), sensors_.end(), s.id,
                             [](const SensorInfo& a, SensorId id) { return a.id < id; });
  if (it != sensors_.end() && it->id == s.id) {
    *it = std::move(s);
  } else {
    sensors_.insert(it, std::move(s));
  }
}

std::string sensor_label(SensorId id, const SensorInfo* info) {
  return info != nullptr && !info->name.empty() ? info->name : "sensor-" + to_string(id);
}

const SensorInfo* SensorRegistry::find(SensorId id) const {
  auto it = std::lower_bound(sensors_.begin(), sensors_.end(), id,
                             [](const SensorInfo& a, SensorId v) { return a.id < v; });
  return (it != sensors_.end() && it->id == id) ? &*it : nullptr;
}

}  // namespace dewline
