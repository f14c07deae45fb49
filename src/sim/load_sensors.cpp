// The [[sensor]] tables of a scenario file: one per sensor, its `type` choosing the keys it takes
// (docs/simulator.md). Keys another type takes are unknown here and reported as such.
#include <cmath>

#include <fmt/format.h>

#include "core/angles.hpp"
#include "sim/load_common.hpp"

namespace dewline::sim::detail {
namespace {

using TC = TargetClass;

// A default camera confusion: what an EO/IR classifier at a few hundred metres reports.
void default_confusion(PassiveSpec& p) {
  auto row = [&](TC truth, std::initializer_list<std::pair<TC, double>> cells) {
    for (const auto& [reported, w] : cells) {
      p.confusion[static_cast<std::size_t>(truth)][static_cast<std::size_t>(reported)] = w;
    }
  };
  row(TC::DroneMultirotor, {{TC::DroneMultirotor, 0.85},
                            {TC::DroneFixedWing, 0.04},
                            {TC::Bird, 0.08},
                            {TC::Unknown, 0.03}});
  row(TC::DroneFixedWing, {{TC::DroneFixedWing, 0.80},
                           {TC::DroneMultirotor, 0.05},
                           {TC::Bird, 0.05},
                           {TC::AircraftFixedWing, 0.05},
                           {TC::Unknown, 0.05}});
  row(TC::Bird, {{TC::Bird, 0.88},
                 {TC::DroneMultirotor, 0.06},
                 {TC::DroneFixedWing, 0.02},
                 {TC::Unknown, 0.04}});
  row(TC::AircraftFixedWing, {{TC::AircraftFixedWing, 0.92},
                              {TC::Helicopter, 0.02},
                              {TC::DroneFixedWing, 0.03},
                              {TC::Unknown, 0.03}});
  row(TC::Helicopter, {{TC::Helicopter, 0.92},
                       {TC::AircraftFixedWing, 0.03},
                       {TC::DroneMultirotor, 0.02},
                       {TC::Unknown, 0.03}});
  row(TC::Glider,
      {{TC::Glider, 0.75}, {TC::AircraftFixedWing, 0.15}, {TC::Bird, 0.05}, {TC::Unknown, 0.05}});
  row(TC::Unknown, {{TC::Unknown, 1.0}});
}

void read_confusion(ConfigSection& s, PassiveSpec& p) {
  if (!s.has("confusion")) {
    return;
  }
  ConfigSection c = s.section("confusion");
  for (const std::string& truth_name : c.keys()) {
    auto truth = target_class_from_string(truth_name);
    if (!truth) {
      c.mark_used(truth_name);
      c.error(truth_name, fmt::format("invalid value: \"{}\" is not a class (drone_multirotor, "
                                      "drone_fixed_wing, bird, aircraft_fixed_wing, helicopter, "
                                      "glider, unknown)",
                                      truth_name));
      continue;
    }
    auto& row = p.confusion[static_cast<std::size_t>(*truth)];
    row.fill(0.0);
    ConfigSection r = c.section(truth_name);
    double total = 0.0;
    for (const std::string& rep_name : r.keys()) {
      auto rep = target_class_from_string(rep_name);
      if (!rep) {
        r.mark_used(rep_name);
        r.error(rep_name, fmt::format("invalid value: \"{}\" is not a class", rep_name));
        continue;
      }
      double w = 0.0;
      r.get(rep_name, w, Range{0.0, 1.0});
      row[static_cast<std::size_t>(*rep)] = w;
      total += w;
    }
    if (!(total > 0.0)) {
      c.error(truth_name, "a confusion row needs at least one positive probability");
    }
  }
}

void read_coverage(ConfigSection& s, Coverage& c) {
  s.get("range_min_m", c.range_min_m, Range{0.0, 1e6});
  s.get("range_max_m", c.range_max_m, Range{0.0, 1e6, true});
  if (c.range_max_m <= c.range_min_m) {
    s.error("range_max_m", fmt::format("out of range: {} m is not above range_min_m = {} m",
                                       c.range_max_m, c.range_min_m));
  }
  read_deg(s, "elevation_min_deg", c.elevation_min_rad, Range{-90.0, 90.0});
  read_deg(s, "elevation_max_deg", c.elevation_max_rad, Range{-90.0, 90.0});
  if (c.elevation_max_rad <= c.elevation_min_rad) {
    s.error("elevation_max_deg", "out of range: not above elevation_min_deg");
  }
  read_sector(s, c);
}

void read_radar(ConfigSection& s, SensorSpec& spec) {
  RadarSpec& r = spec.radar;
  const bool esa = spec.kind == SensorKind::EsaRadar;
  r.electronic = esa;
  r.scan_period_s = esa ? 0.1 : 1.0;
  spec.coverage.range_max_m = esa ? 2000.0 : 5000.0;
  read_coverage(s, spec.coverage);
  s.get("scan_period_s", r.scan_period_s, Range{0.01, 60.0}, false);
  if (!esa) {
    s.get_enum("rotation", r.clockwise, {{"clockwise", true}, {"counterclockwise", false}});
    double start_bearing_deg = 0.0;
    s.get("start_bearing_deg", start_bearing_deg, Range{-360.0, 360.0});
    r.start_azimuth_rad = wrap_two_pi(compass_deg_to_azimuth(start_bearing_deg));
  }
  s.get("sigma_range_m", r.sigma_range_m, Range{0.0, 1000.0, true});
  double sigma_az = 0.3;
  double sigma_el = 0.5;
  double sigma_rr = 0.5;
  s.get("sigma_azimuth_deg", sigma_az, Range{0.0, 30.0, true});
  s.get("sigma_elevation_deg", sigma_el, Range{0.0, 30.0, true});
  s.get("sigma_range_rate_mps", sigma_rr, Range{0.0, 100.0, true});
  r.sigma_azimuth_rad = sigma_az * kDegToRad;
  bool elevation = true;
  bool doppler = s.has("sigma_range_rate_mps");
  s.get("reports_elevation", elevation);
  s.get("reports_range_rate", doppler);
  if (elevation) {
    r.sigma_elevation_rad = sigma_el * kDegToRad;
  }
  if (doppler) {
    r.sigma_range_rate_mps = sigma_rr;
  }
  s.get_enum("pd_model", r.pd_model,
             {{"radar_equation", PdModel::RadarEquation}, {"fixed", PdModel::Fixed}});
  if (r.pd_model == PdModel::Fixed) {
    s.get("pd", r.pd, Range{0.0, 1.0});
  } else {
    s.get("reference_range_m", r.reference_range_m, Range{1.0, 1e6});
    s.get("reference_rcs_m2", r.reference_rcs_m2, Range{1e-6, 1e4});
    s.get("reference_pd", r.reference_pd, Range{0.01, 0.999});
    s.get("threshold_db", r.threshold_db, Range{0.0, 30.0});
  }
  s.get("clutter_per_scan", r.clutter_per_scan, Range{0.0, 10000.0});
  s.get("clutter_sigma_range_rate_mps", r.clutter_sigma_range_rate_mps, Range{0.0, 100.0});
  if (s.has("nominal_pd")) {
    double pd = 0.9;
    s.get("nominal_pd", pd, Range{0.0, 1.0, true});
    r.nominal_pd = pd;
  }
}

void read_passive(ConfigSection& s, SensorSpec& spec) {
  PassiveSpec& p = spec.passive;
  double sigma_az = 3.0;
  double sigma_el = 3.0;
  bool elevation = false;
  switch (spec.kind) {
    case SensorKind::RfDetector:
      p.period_s = 1.0;
      spec.coverage.range_max_m = 3000.0;
      p.pd = 0.95;
      p.pd_at_max_range = 0.7;
      p.p_identify = 0.6;
      break;
    case SensorKind::Acoustic:
      p.period_s = 0.5;
      spec.coverage.range_max_m = 400.0;
      sigma_az = 4.0;
      sigma_el = 6.0;
      elevation = true;
      p.pd = 0.9;
      p.pd_at_max_range = 0.5;
      break;
    default:  // EoIr
      p.period_s = 0.2;
      spec.coverage.range_max_m = 2500.0;
      sigma_az = 0.05;
      sigma_el = 0.05;
      elevation = true;
      p.pd = 0.95;
      p.pd_at_max_range = 0.6;
      default_confusion(p);
      break;
  }
  read_coverage(s, spec.coverage);
  s.get("period_s", p.period_s, Range{0.01, 60.0});
  s.get("phase_s", p.phase_s, Range{0.0, 60.0});
  s.get("sigma_azimuth_deg", sigma_az, Range{0.0, 45.0, true});
  elevation = elevation || s.has("sigma_elevation_deg");
  s.get("reports_elevation", elevation);
  s.get("sigma_elevation_deg", sigma_el, Range{0.0, 45.0, true});
  p.sigma_azimuth_rad = sigma_az * kDegToRad;
  if (elevation) {
    p.sigma_elevation_rad = sigma_el * kDegToRad;
  }
  s.get("pd", p.pd, Range{0.0, 1.0});
  p.pd_at_max_range = std::min(p.pd_at_max_range, p.pd);
  s.get("pd_at_max_range", p.pd_at_max_range, Range{0.0, 1.0});
  if (spec.kind == SensorKind::RfDetector) {
    s.get("p_identify", p.p_identify, Range{0.0, 1.0});
    s.get("snr_at_1km_db", p.snr_at_1km_db, Range{-50.0, 100.0});
    s.get("sigma_snr_db", p.sigma_snr_db, Range{0.0, 20.0});
  } else if (spec.kind == SensorKind::Acoustic) {
    p.aircraft_range_m = 5.0 * spec.coverage.range_max_m;
    s.get("aircraft_range_m", p.aircraft_range_m, Range{0.0, 1e6});
    s.get("propagation_delay", p.propagation_delay);
  } else {
    s.get("night_pd_factor", p.night_pd_factor, Range{0.0, 1.0});
    s.get("confidence_min", p.confidence_min, Range{0.0, 1.0});
    s.get("confidence_max", p.confidence_max, Range{0.0, 1.0});
    if (p.confidence_max < p.confidence_min) {
      s.error("confidence_max", "out of range: below confidence_min");
    }
    read_confusion(s, p);
  }
}

void read_receiver(ConfigSection& s, SensorSpec& spec) {
  const bool adsb = spec.kind == SensorKind::AdsbReceiver;
  spec.coverage.range_max_m = adsb ? 150000.0 : 3000.0;
  spec.coverage.elevation_min_rad = -kPi / 2.0;
  spec.receiver.p_receive = adsb ? 0.98 : 0.95;
  spec.receiver.rssi_at_1km_db = adsb ? -60.0 : -80.0;
  s.get("range_max_m", spec.coverage.range_max_m, Range{0.0, 1e6, true});
  s.get("p_receive", spec.receiver.p_receive, Range{0.0, 1.0});
  s.get("rssi_at_1km_db", spec.receiver.rssi_at_1km_db, Range{-150.0, 50.0});
  s.get("sigma_rssi_db", spec.receiver.sigma_rssi_db, Range{0.0, 20.0});
}

}  // namespace

void load_sensors(ConfigSection root, const LoadContext& ctx, Scenario& sc) {
  std::uint32_t index = 0;
  for (ConfigSection s : root.sections("sensor")) {
    ++index;
    SensorSpec spec;
    std::uint32_t id = index;
    s.get("id", id, Range{0.0, 4294967295.0});
    spec.id = SensorId{id};
    for (const auto& other : sc.sensors) {
      if (other.id == spec.id) {
        s.error("id", fmt::format("duplicate sensor id {}", id));
      }
    }
    s.get_enum("type", spec.kind,
               {{"rotating_radar", SensorKind::RotatingRadar},
                {"esa_radar", SensorKind::EsaRadar},
                {"rf_detector", SensorKind::RfDetector},
                {"acoustic", SensorKind::Acoustic},
                {"eo_ir", SensorKind::EoIr},
                {"remote_id", SensorKind::RemoteIdReceiver},
                {"adsb", SensorKind::AdsbReceiver}},
               true);
    spec.name = fmt::format("{}-{}", to_string(spec.kind), id);
    s.get("name", spec.name);
    read_point(s, "position", ctx, spec.position_m, true);
    s.get("latency_s", spec.latency_s, Range{0.0, 60.0});
    s.get("latency_jitter_s", spec.latency_jitter_s, Range{0.0, 60.0});
    switch (spec.kind) {
      case SensorKind::RotatingRadar:
      case SensorKind::EsaRadar:
        read_radar(s, spec);
        break;
      case SensorKind::RfDetector:
      case SensorKind::Acoustic:
      case SensorKind::EoIr:
        read_passive(s, spec);
        break;
      case SensorKind::RemoteIdReceiver:
      case SensorKind::AdsbReceiver:
        read_receiver(s, spec);
        break;
      case SensorKind::Other:
        break;
    }
    sc.sensors.push_back(std::move(spec));
  }
}

}  // namespace dewline::sim::detail
