#include "track/input_check.hpp"

#include <cmath>

#include <Eigen/Cholesky>

namespace dewline::track {
namespace {

bool finite(double v) {
  return std::isfinite(v);
}

// An angle must be finite and within a few turns; anything beyond is a unit error upstream.
bool sane_angle(double v) {
  return std::isfinite(v) && std::abs(v) <= 16.0;
}

// Physical bounds. Finite is not enough: a range of 1e266 m from a corrupt field reached the
// spatial index's integer cells (found by fuzz/tracker_fuzz.cpp), and a sigma of 1e300 squares
// to infinity. Nothing a site senses is 10,000 km away, moves at 10 km/s or is known to better
// than a nanometre; 1e6 m is the loosest noise worth a measurement.
constexpr double kMaxDistanceM = 1e7;
constexpr double kMaxSpeedMps = 1e4;
constexpr double kMinSigma = 1e-9;
constexpr double kMaxSigmaM = 1e6;
constexpr double kMaxSigmaRad = 3.2;  // beyond pi a bearing says nothing
constexpr double kMaxSigmaMps = 1e4;

bool sigma(double v, double max) {
  return std::isfinite(v) && v >= kMinSigma && v <= max;
}

// A covariance: symmetric, positive definite (Cholesky, which reads one triangle only) and with
// every standard deviation within bounds.
bool sane_covariance(const Mat3& c, double max_sigma) {
  for (int i = 0; i < 3; ++i) {
    if (!(c(i, i) >= kMinSigma * kMinSigma && c(i, i) <= max_sigma * max_sigma)) {
      return false;
    }
    for (int j = 0; j < i; ++j) {
      if (std::abs(c(i, j) - c(j, i)) > 1e-9 * std::sqrt(c(i, i) * c(j, j))) {
        return false;
      }
    }
  }
  return Eigen::LLT<Mat3>(c).info() == Eigen::Success;
}

std::string_view check(const PolarMeasurement& m) {
  if (!finite(m.range_m) || !finite(m.azimuth_rad) ||
      (m.elevation_rad && !finite(*m.elevation_rad)) ||
      (m.range_rate_mps && !finite(*m.range_rate_mps))) {
    return "nan_or_inf";
  }
  if (m.range_m <= 0.0) {
    return "negative_range";
  }
  if (m.range_m > kMaxDistanceM) {
    return "range_out_of_range";
  }
  if (!sane_angle(m.azimuth_rad) || (m.elevation_rad && std::abs(*m.elevation_rad) > 1.5708)) {
    return "angle_out_of_range";
  }
  if (m.range_rate_mps && std::abs(*m.range_rate_mps) > kMaxSpeedMps) {
    return "velocity_out_of_range";
  }
  if (!sigma(m.sigma_range_m, kMaxSigmaM) || !sigma(m.sigma_azimuth_rad, kMaxSigmaRad) ||
      (m.elevation_rad && !sigma(m.sigma_elevation_rad, kMaxSigmaRad)) ||
      (m.range_rate_mps && !sigma(m.sigma_range_rate_mps, kMaxSigmaMps))) {
    return "bad_noise";
  }
  return {};
}

std::string_view check(const BearingMeasurement& m) {
  if (!finite(m.azimuth_rad) || (m.elevation_rad && !finite(*m.elevation_rad))) {
    return "nan_or_inf";
  }
  if (!sane_angle(m.azimuth_rad) || (m.elevation_rad && std::abs(*m.elevation_rad) > 1.5708)) {
    return "angle_out_of_range";
  }
  if (!sigma(m.sigma_azimuth_rad, kMaxSigmaRad) ||
      (m.elevation_rad && !sigma(m.sigma_elevation_rad, kMaxSigmaRad))) {
    return "bad_noise";
  }
  return {};
}

std::string_view check(const PositionMeasurement& m) {
  if (!m.position_m.allFinite() || !m.covariance_m2.allFinite() ||
      (m.velocity_mps &&
       (!m.velocity_mps->allFinite() || !m.velocity_covariance_m2ps2.allFinite()))) {
    return "nan_or_inf";
  }
  if (m.position_m.norm() > kMaxDistanceM) {
    return "position_out_of_range";
  }
  if (m.velocity_mps && m.velocity_mps->norm() > kMaxSpeedMps) {
    return "velocity_out_of_range";
  }
  if (!sane_covariance(m.covariance_m2, kMaxSigmaM) ||
      (m.velocity_mps && !sane_covariance(m.velocity_covariance_m2ps2, kMaxSigmaMps))) {
    return "bad_noise";
  }
  return {};
}

}  // namespace

std::string_view check_detection(const Detection& d) {
  if (!d.sensor_position_m.allFinite()) {
    return "nan_or_inf";
  }
  if (d.sensor_position_m.norm() > kMaxDistanceM) {
    return "position_out_of_range";
  }
  if (d.class_probabilities) {
    for (const double v : d.class_probabilities->p) {
      if (!finite(v)) {
        return "nan_or_inf";
      }
      if (v < 0.0) {
        return "negative_class_probability";
      }
    }
  }
  return std::visit([](const auto& m) { return check(m); }, d.measurement);
}

}  // namespace dewline::track
