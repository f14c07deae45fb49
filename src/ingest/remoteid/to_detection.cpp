#include "ingest/remoteid/to_detection.hpp"

#include <cmath>
#include <cstdlib>

#include "core/angles.hpp"
#include "ingest/remoteid/odid_units.hpp"

namespace dewline::ingest::remoteid {
namespace {

struct Altitude {
  double m = 0.0;
  double sigma_m = 0.0;
};

double quadrature(double a, double b) { return std::sqrt(a * a + b * b); }

// The operator's takeoff altitude when the System message gives one for takeoff location type.
std::optional<double> takeoff_altitude(const EmitterState& e) {
  if (e.system && e.system->operator_location_type == 0) {
    return operator_altitude_m(*e.system);
  }
  return std::nullopt;
}

}  // namespace

Time DetectionBuilder::measurement_time(const Location& loc, Time rx_time) const {
  const auto ts = timestamp_s_since_hour(loc);
  if (!ts || *ts >= 3600.0) {
    return rx_time;
  }
  constexpr std::int64_t kHourNs = 3'600'000'000'000;
  std::int64_t hour = rx_time.ns / kHourNs;
  if (rx_time.ns < 0 && rx_time.ns % kHourNs != 0) {
    --hour;
  }
  const std::int64_t base = hour * kHourNs + loc.timestamp * 100'000'000LL;
  std::int64_t best = base;
  for (std::int64_t c : {base - kHourNs, base + kHourNs}) {
    if (std::llabs(c - rx_time.ns) < std::llabs(best - rx_time.ns)) {
      best = c;
    }
  }
  const double offset_s = static_cast<double>(std::llabs(best - rx_time.ns)) * 1e-9;
  return offset_s <= cfg_.max_timestamp_offset_s ? Time{best} : rx_time;
}

Result<Detection, NoDetection> DetectionBuilder::build(const Location& loc,
                                                       const EmitterState& emitter,
                                                       const FrameInfo& info,
                                                       Time rx_time) const {
  const auto lat = latitude_deg(loc);
  const auto lon = longitude_deg(loc);
  if (!lat || !lon) {
    return unexpected(NoDetection("no_position"));
  }
  if (std::abs(*lat) > 90.0 || std::abs(*lon) > 180.0) {
    return unexpected(NoDetection("position_out_of_range"));
  }

  // Altitude (see the header for the order).
  const double ground = site_.origin().alt_m;
  Altitude alt{ground, 100.0};
  const auto geo = geodetic_altitude_m(loc);
  const auto baro = pressure_altitude_m(loc);
  const auto height = height_m(loc);
  const auto takeoff = takeoff_altitude(emitter);
  const auto v95 = vertical_accuracy_m(loc.vertical_accuracy);
  const double sigma_v = v95 ? *v95 * kLinear95ToSigma : cfg_.default_sigma_v_m;
  if (geo) {
    alt = {*geo, sigma_v};
  } else if (height && loc.height_type == 0 && takeoff) {
    alt = {*takeoff + *height, sigma_v};
  } else if (baro) {
    const auto b95 = vertical_accuracy_m(loc.baro_accuracy);
    const double sb = b95 ? *b95 * kLinear95ToSigma : cfg_.default_sigma_v_m;
    alt = {*baro, quadrature(sb, cfg_.baro_as_geodetic_sigma_m)};
  } else if (height) {
    alt = {ground + *height, quadrature(sigma_v, cfg_.height_reference_sigma_m)};
  }
  const Geodetic where{*lat, *lon, alt.m};

  PositionMeasurement pm;
  pm.position_m = site_.to_enu(where);
  const auto h95 = horizontal_accuracy_m(loc.horizontal_accuracy);
  const double sigma_h = h95 ? *h95 * kCircular95ToSigma : cfg_.default_sigma_h_m;
  Mat3 local = Mat3::Zero();
  local(0, 0) = sigma_h * sigma_h;
  local(1, 1) = sigma_h * sigma_h;
  local(2, 2) = alt.sigma_m * alt.sigma_m;
  const Mat3 rot = site_.rotation_from_local(where);
  pm.covariance_m2 = rot * local * rot.transpose();

  const auto speed = speed_horizontal_mps(loc);
  const auto dir = direction_deg(loc);
  if (speed && dir && *dir <= 360.0 && *speed <= 254.25) {
    const auto vspeed = speed_vertical_mps(loc);
    const bool vs_ok = vspeed && std::abs(*vspeed) <= 62.0;
    const double b = *dir * kDegToRad;  // clockwise from north
    const Vec3 v_local(*speed * std::sin(b), *speed * std::cos(b), vs_ok ? *vspeed : 0.0);
    pm.velocity_mps = rot * v_local;
    const auto s95 = speed_accuracy_mps(loc.speed_accuracy);
    const double sv = s95 ? *s95 * kLinear95ToSigma : cfg_.default_sigma_speed_mps;
    Mat3 vl = Mat3::Identity() * (sv * sv);
    if (!vs_ok) {
      vl(2, 2) = cfg_.default_sigma_speed_mps * cfg_.default_sigma_speed_mps;
    }
    pm.velocity_covariance_m2ps2 = rot * vl * rot.transpose();
  }

  Detection d;
  d.time = measurement_time(loc, rx_time);
  d.receive_time = rx_time;
  d.sensor = cfg_.sensor;
  d.sensor_position_m = cfg_.position_m;
  d.measurement = pm;
  d.identity.remote_id = std::string(emitter.remote_id());
  if (emitter.operator_id) {
    d.identity.operator_id = std::string(emitter.operator_id->operator_id.text());
  }
  if (emitter.system) {
    const auto olat = operator_latitude_deg(*emitter.system);
    const auto olon = operator_longitude_deg(*emitter.system);
    if (olat && olon && std::abs(*olat) <= 90.0 && std::abs(*olon) <= 180.0) {
      const double oalt = operator_altitude_m(*emitter.system).value_or(ground);
      d.identity.operator_position_m = site_.to_enu(Geodetic{*olat, *olon, oalt});
    }
  }
  if (info.rssi_dbm) {
    d.snr_db = *info.rssi_dbm;
  }
  if (info.has_transmitter) {
    d.sensor_object_id = info.transmitter.key();
  }
  if (emitter.ua_type) {
    TargetClass c = TargetClass::Unknown;
    switch (*emitter.ua_type) {
      case 2:  // helicopter or multirotor
        c = TargetClass::DroneMultirotor;
        break;
      case 1:  // aeroplane
      case 4:  // hybrid lift (VTOL fixed wing)
        c = TargetClass::DroneFixedWing;
        break;
      default:
        break;
    }
    if (c != TargetClass::Unknown) {
      ClassProbabilities p;
      p[c] = cfg_.ua_type_confidence;
      p[TargetClass::Unknown] = 1.0 - cfg_.ua_type_confidence;
      d.class_probabilities = p;
    }
  }
  return d;
}

}  // namespace dewline::ingest::remoteid
