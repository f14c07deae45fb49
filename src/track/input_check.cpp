#include "track/input_check.hpp"

#include <cmath>

#include <Eigen/Cholesky>

namespace dewline::track {
namespace {

bool finite(double v) {
  return std::isfinite(v);
}
bool positive(double v) {
  return std::isfinite(v) && v > 0.0;
}

// An angle must be finite and within a few turns; anything beyond is a unit error upstream.
bool sane_angle(double v) {
  return std::isfinite(v) && std::abs(v) <= 16.0;
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
  if (!sane_angle(m.azimuth_rad) || (m.elevation_rad && std::abs(*m.elevation_rad) > 1.5708)) {
    return "angle_out_of_range";
  }
  if (!positive(m.sigma_range_m) || !positive(m.sigma_azimuth_rad) ||
      (m.elevation_rad && !positive(m.sigma_elevation_rad)) ||
      (m.range_rate_mps && !positive(m.sigma_range_rate_mps))) {
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
  if (!positive(m.sigma_azimuth_rad) || (m.elevation_rad && !positive(m.sigma_elevation_rad))) {
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
  if (m.position_m.norm() > 1e7) {
    return "position_out_of_range";
  }
  Eigen::LLT<Mat3> llt(m.covariance_m2);
  if (llt.info() != Eigen::Success) {
    return "bad_noise";
  }
  if (m.velocity_mps) {
    Eigen::LLT<Mat3> v(m.velocity_covariance_m2ps2);
    if (v.info() != Eigen::Success) {
      return "bad_noise";
    }
  }
  return {};
}

}  // namespace

std::string_view check_detection(const Detection& d) {
  if (!d.sensor_position_m.allFinite()) {
    return "nan_or_inf";
  }
  return std::visit([](const auto& m) { return check(m); }, d.measurement);
}

}  // namespace dewline::track
