// measurement_model.hpp: how a Detection's measurement relates to the state, built once per
// detection from the measurement it carries (Stone Soup's design: the detection brings its own
// model, the tracker never asks which protocol or sensor kind it came from).
//
//   polar    z = [range, azimuth, (elevation), (range rate)]   relative to the sensor position
//   bearing  z = [azimuth, (elevation)]                         relative to the sensor position
//   position z = [x, y, z, (vx, vy, vz)]                        site frame
//
// Azimuth is CCW from East (core/angles.hpp); angle residuals are wrapped to [-pi, pi).
#pragma once

#include <cstdint>

#include <Eigen/Core>

#include "core/detection.hpp"
#include "track/state.hpp"

namespace dewline::track {

inline constexpr int kMaxMeasDim = 6;
using MeasVec = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, kMaxMeasDim, 1>;
using MeasCov = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxMeasDim, kMaxMeasDim>;
using MeasJac = Eigen::Matrix<double, Eigen::Dynamic, kStateDim, 0, kMaxMeasDim, kStateDim>;
using CrossCov = Eigen::Matrix<double, kStateDim, Eigen::Dynamic, 0, kStateDim, kMaxMeasDim>;

enum class MeasKind : std::uint8_t { Polar, Bearing, Position };

struct MeasurementModel {
  MeasKind kind = MeasKind::Position;
  int dim = 3;
  bool has_elevation = false;
  bool has_range_rate = false;
  bool has_velocity = false;
  Vec3 sensor = Vec3::Zero();
  MeasVec z;
  MeasCov R;
  std::uint8_t angle_rows = 0;  // bit i set: row i is an angle (wrapped residual)

  [[nodiscard]] MeasVec h(const StateVec& x) const;
  [[nodiscard]] MeasJac jacobian(const StateVec& x) const;
  // The same into caller storage: out[dim], H[dim * kStateDim] row-major (H must be zeroed).
  void h_into(const StateVec& x, double* out) const;
  void jacobian_into(const StateVec& x, double* H) const;
  // z - zhat with angles wrapped.
  [[nodiscard]] MeasVec residual(const MeasVec& a, const MeasVec& b) const;
  // An approximate Cartesian position of the measurement (for spatial indexing and
  // initiation); bearings have none. For polar plots without elevation, z is the sensor height.
  [[nodiscard]] bool has_point() const { return kind != MeasKind::Bearing; }
  [[nodiscard]] Vec3 point() const;
  // Volume element of the measurement space at this measurement per cubic metre of space
  // (r^2 cos(el) for polar 3D, r for polar 2D, 1 for position): converts a spatial density
  // (clutter, births per m^3) into this measurement's space.
  [[nodiscard]] double density_scale() const;
};

// Builds the model from a Detection. Noise sigmas <= 0 are the caller's to reject beforehand.
[[nodiscard]] MeasurementModel make_measurement_model(const Detection& d);

}  // namespace dewline::track
