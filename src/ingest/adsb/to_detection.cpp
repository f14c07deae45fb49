#include "ingest/adsb/to_detection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dewline::ingest::adsb {
namespace {

Duration abs_duration(Duration d) { return d.ns < 0 ? -d : d; }

// NACv vertical 95 % bound (m/s), DO-260B table 2-22: 50, 15, 5, 1.5 ft/s.
std::optional<double> nac_v_vertical_bound_mps(std::uint8_t nac_v) {
  switch (nac_v) {
    case 1: return 50.0 * 0.3048;
    case 2: return 15.0 * 0.3048;
    case 3: return 5.0 * 0.3048;
    case 4: return 1.5 * 0.3048;
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<HeightEstimate> estimate_height(const AircraftReport& r,
                                              const AdsbDetectionConfig& cfg) {
  const AircraftState& a = r.aircraft;
  // Prefer a value from this message's time; fall back to the freshest one.
  const bool gnss_fresh = a.altitude_gnss_ft && (!a.altitude_baro_ft ||
                                                 a.altitude_gnss_time >= a.altitude_baro_time);
  if (gnss_fresh) {
    return HeightEstimate{*a.altitude_gnss_ft * kFeetToMetres, cfg.sigma_vertical_gnss_m, true};
  }
  if (!a.altitude_baro_ft) {
    return std::nullopt;
  }
  const double baro_m = *a.altitude_baro_ft * kFeetToMetres;
  if (a.geo_minus_baro_ft &&
      abs_duration(r.time - a.geo_minus_baro_time) <= cfg.geo_minus_baro_max_age) {
    return HeightEstimate{baro_m + *a.geo_minus_baro_ft * kFeetToMetres,
                          cfg.sigma_vertical_gnss_m, true};
  }
  return HeightEstimate{baro_m, cfg.sigma_vertical_baro_m, false};
}

double horizontal_sigma_m(const AircraftState& a, const AdsbDetectionConfig& cfg) {
  if (a.nac_p) {
    if (const auto epu = nac_p_epu_m(*a.nac_p)) {
      return *epu / kSigmaPer95Radius;
    }
  }
  if (a.position_typecode && a.position_method != CprMethod::Reported) {
    if (const auto nic = nic_of(*a.position_typecode, a.nic_supplement_a, a.nic_b)) {
      if (const auto rc = nic_containment_m(*nic)) {
        return *rc / kSigmaPer95Radius;
      }
    }
  }
  return cfg.default_sigma_horizontal_m;
}

std::optional<Detection> to_detection(const AircraftReport& r, const EnuFrame& site,
                                      const AdsbDetectionConfig& cfg) {
  const AircraftState& a = r.aircraft;
  if (!r.new_position || !a.position) {
    return std::nullopt;
  }
  const auto height = estimate_height(r, cfg);
  if (!height) {
    return std::nullopt;
  }
  const Geodetic g{a.position->lat_deg, a.position->lon_deg, height->height_m};
  const Mat3 rot = site.rotation_from_local(g);

  PositionMeasurement pm;
  pm.position_m = site.to_enu(g);
  const double sh = horizontal_sigma_m(a, cfg);
  Mat3 local = Mat3::Zero();
  local(0, 0) = sh * sh;
  local(1, 1) = sh * sh;
  local(2, 2) = height->sigma_m * height->sigma_m;
  pm.covariance_m2 = rot * local * rot.transpose();

  if (a.velocity_time && abs_duration(r.time - *a.velocity_time) <= cfg.velocity_max_age) {
    std::optional<Vec3> v_local;
    double sv_h = cfg.default_sigma_velocity_mps;
    double sv_v = cfg.default_sigma_vertical_rate_mps;
    if (a.nac_v) {
      if (const auto b = nac_v_bound_mps(*a.nac_v)) {
        sv_h = *b / kSigmaPer95Radius;
      }
      if (const auto b = nac_v_vertical_bound_mps(*a.nac_v)) {
        sv_v = *b / 1.96;
      }
    }
    const double vz = a.vertical_rate_fpm ? *a.vertical_rate_fpm * kFpmToMps : 0.0;
    if (!a.vertical_rate_fpm) {
      sv_v = std::max(sv_v, 10.0);  // unknown climb: allow a broad +-10 m/s
    }
    if (a.v_east_kt && a.v_north_kt) {
      v_local = Vec3{*a.v_east_kt * kKnotsToMps, *a.v_north_kt * kKnotsToMps, vz};
    } else if (cfg.use_airspeed_velocity && a.airspeed_kt && a.heading_deg &&
               a.airspeed_type == AirspeedType::True) {
      const double k = std::numbers::pi / 180.0;
      const double s = *a.airspeed_kt * kKnotsToMps;
      v_local = Vec3{s * std::sin(*a.heading_deg * k), s * std::cos(*a.heading_deg * k), vz};
      sv_h = cfg.sigma_airspeed_velocity_mps;
    }
    if (v_local) {
      pm.velocity_mps = rot * *v_local;
      Mat3 vl = Mat3::Zero();
      vl(0, 0) = sv_h * sv_h;
      vl(1, 1) = sv_h * sv_h;
      vl(2, 2) = sv_v * sv_v;
      pm.velocity_covariance_m2ps2 = rot * vl * rot.transpose();
    }
  }

  Detection d;
  d.time = r.time;
  d.receive_time = r.time;
  d.sensor = cfg.sensor;
  d.sensor_position_m = cfg.sensor_position_m;
  d.measurement = pm;
  d.identity.icao24 = a.icao;
  if (!a.callsign.empty()) {
    d.identity.callsign = std::string(a.callsign.view());
  }
  d.identity.mode3a = a.squawk;
  d.sensor_object_id = a.icao;
  if (a.signal && *a.signal > 0) {
    d.snr_db = 20.0 * std::log10(static_cast<double>(*a.signal) / 255.0);
  }
  return d;
}

}  // namespace dewline::ingest::adsb
