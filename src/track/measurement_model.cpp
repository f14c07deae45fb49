#include "track/measurement_model.hpp"

#include <cmath>

#include "core/angles.hpp"

namespace dewline::track {
namespace {

// Keeps the Jacobian finite for a state exactly on the sensor.
constexpr double kMinRange = 1e-3;

}  // namespace

MeasurementModel make_measurement_model(const Detection& d) {
  MeasurementModel m;
  m.sensor = d.sensor_position_m;
  std::visit(
      [&](const auto& meas) {
        using M = std::decay_t<decltype(meas)>;
        if constexpr (std::is_same_v<M, PolarMeasurement>) {
          m.kind = MeasKind::Polar;
          m.has_elevation = meas.elevation_rad.has_value();
          m.has_range_rate = meas.range_rate_mps.has_value();
          m.dim = 2 + (m.has_elevation ? 1 : 0) + (m.has_range_rate ? 1 : 0);
          m.z.resize(m.dim);
          m.R = MeasCov::Zero(m.dim, m.dim);
          int i = 0;
          m.z(i) = meas.range_m;
          m.R(i, i) = meas.sigma_range_m * meas.sigma_range_m;
          ++i;
          m.z(i) = meas.azimuth_rad;
          m.R(i, i) = meas.sigma_azimuth_rad * meas.sigma_azimuth_rad;
          m.angle_rows |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(i));
          ++i;
          if (m.has_elevation) {
            m.z(i) = *meas.elevation_rad;
            m.R(i, i) = meas.sigma_elevation_rad * meas.sigma_elevation_rad;
            m.angle_rows |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(i));
            ++i;
          }
          if (m.has_range_rate) {
            m.z(i) = *meas.range_rate_mps;
            m.R(i, i) = meas.sigma_range_rate_mps * meas.sigma_range_rate_mps;
          }
        } else if constexpr (std::is_same_v<M, BearingMeasurement>) {
          m.kind = MeasKind::Bearing;
          m.has_elevation = meas.elevation_rad.has_value();
          m.dim = m.has_elevation ? 2 : 1;
          m.z.resize(m.dim);
          m.R = MeasCov::Zero(m.dim, m.dim);
          m.z(0) = meas.azimuth_rad;
          m.R(0, 0) = meas.sigma_azimuth_rad * meas.sigma_azimuth_rad;
          m.angle_rows = 1;
          if (m.has_elevation) {
            m.z(1) = *meas.elevation_rad;
            m.R(1, 1) = meas.sigma_elevation_rad * meas.sigma_elevation_rad;
            m.angle_rows |= 2;
          }
        } else {
          m.kind = MeasKind::Position;
          m.has_velocity = meas.velocity_mps.has_value();
          m.dim = m.has_velocity ? 6 : 3;
          m.z.resize(m.dim);
          m.R = MeasCov::Zero(m.dim, m.dim);
          m.z.head<3>() = meas.position_m;
          m.R.topLeftCorner<3, 3>() = meas.covariance_m2;
          if (m.has_velocity) {
            m.z.tail<3>() = *meas.velocity_mps;
            m.R.bottomRightCorner<3, 3>() = meas.velocity_covariance_m2ps2;
          }
        }
      },
      d.measurement);
  return m;
}

void MeasurementModel::h_into(const StateVec& x, double* out) const {
  if (kind == MeasKind::Position) {
    for (int k = 0; k < 3; ++k) {
      out[k] = x(k);
    }
    if (has_velocity) {
      for (int k = 0; k < 3; ++k) {
        out[3 + k] = x(3 + k);
      }
    }
    return;
  }
  const Vec3 d = x.head<3>() - sensor;
  const double rh = std::hypot(d.x(), d.y());
  const double r = std::max(d.norm(), kMinRange);
  int i = 0;
  if (kind == MeasKind::Polar) {
    out[i++] = r;
  }
  out[i++] = std::atan2(d.y(), d.x());
  if (has_elevation) {
    out[i++] = std::atan2(d.z(), rh);
  }
  if (has_range_rate) {
    out[i] = d.dot(x.segment<3>(3)) / r;
  }
}

void MeasurementModel::jacobian_into(const StateVec& x, double* H) const {
  auto at = [H](int row, int col) -> double& { return H[row * kStateDim + col]; };
  if (kind == MeasKind::Position) {
    at(0, 0) = at(1, 1) = at(2, 2) = 1.0;
    if (has_velocity) {
      at(3, 3) = at(4, 4) = at(5, 5) = 1.0;
    }
    return;
  }
  const Vec3 d = x.head<3>() - sensor;
  const double rh2 = std::max(d.x() * d.x() + d.y() * d.y(), kMinRange * kMinRange);
  const double rh = std::sqrt(rh2);
  const double r2 = std::max(d.squaredNorm(), kMinRange * kMinRange);
  const double r = std::sqrt(r2);
  int i = 0;
  if (kind == MeasKind::Polar) {
    at(i, 0) = d.x() / r;
    at(i, 1) = d.y() / r;
    at(i, 2) = d.z() / r;
    ++i;
  }
  at(i, 0) = -d.y() / rh2;
  at(i, 1) = d.x() / rh2;
  ++i;
  if (has_elevation) {
    at(i, 0) = -d.x() * d.z() / (r2 * rh);
    at(i, 1) = -d.y() * d.z() / (r2 * rh);
    at(i, 2) = rh / r2;
    ++i;
  }
  if (has_range_rate) {
    const Vec3 v = x.segment<3>(3);
    const double rr = d.dot(v) / r;
    for (int k = 0; k < 3; ++k) {
      at(i, k) = (v(k) - rr * d(k) / r) / r;
      at(i, 3 + k) = d(k) / r;
    }
  }
}

MeasVec MeasurementModel::h(const StateVec& x) const {
  MeasVec out(dim);
  h_into(x, out.data());
  return out;
}

MeasJac MeasurementModel::jacobian(const StateVec& x) const {
  Eigen::Matrix<double, kMaxMeasDim, kStateDim, Eigen::RowMajor> H;
  H.setZero();
  jacobian_into(x, H.data());
  return H.topRows(dim);
}

MeasVec MeasurementModel::residual(const MeasVec& a, const MeasVec& b) const {
  MeasVec r = a - b;
  for (int i = 0; i < dim; ++i) {
    // Already in [-pi, pi) as a rule: wrapping (fmod) would only add rounding and time.
    if (((angle_rows >> static_cast<unsigned>(i)) & 1U) && (r(i) >= kPi || r(i) < -kPi)) {
      r(i) = wrap_pi(r(i));
    }
  }
  return r;
}

Vec3 MeasurementModel::point() const {
  if (kind == MeasKind::Position) {
    return z.head<3>();
  }
  if (kind == MeasKind::Polar) {
    const double el = has_elevation ? z(2) : 0.0;
    return sensor + polar_to_enu(z(0), z(1), el);
  }
  return sensor;
}

double MeasurementModel::density_scale() const {
  if (kind == MeasKind::Polar) {
    const double r = std::max(z(0), 1.0);
    // dV = r^2 cos(el) dr daz del. A 2D radar integrates over height: dV = r dr daz dz, with an
    // assumed vertical extent of its coverage at that range.
    constexpr double kAssumedHeightSpanM = 500.0;
    return has_elevation ? r * r * std::cos(z(2)) : r * kAssumedHeightSpanM;
  }
  return 1.0;
}

}  // namespace dewline::track
