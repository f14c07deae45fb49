// tracker_test_support.hpp: a radar, its plots and clutter, for the tracker's tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>

#include "core/angles.hpp"
#include "core/detection.hpp"
#include "core/sensor.hpp"
#include "track/track_decorrelation.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>

namespace dewline::track::test {

// Deterministic Gaussian noise independent of the standard library's distributions.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : rng_(seed) {}
  double gauss(double sigma) {
    const double u1 = (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53;
    return sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
  }
  double uniform(double a, double b) {
    return a + (b - a) * (static_cast<double>(rng_() >> 11) * 0x1.0p-53);
  }

 private:
  std::mt19937_64 rng_;
};

inline SensorInfo radar(std::uint32_t id, bool snapshot = true) {
  SensorInfo s;
  s.id = SensorId{id};
  s.name = "radar-" + std::to_string(id);
  s.kind = SensorKind::RotatingRadar;
  s.sigma_range_m = 5.0;
  s.sigma_azimuth_rad = 0.005;
  s.sigma_elevation_rad = 0.005;
  s.pd = 0.9;
  s.clutter_per_scan = 10.0;
  s.range_min_m = 50.0;
  s.range_max_m = 5000.0;
  s.elevation_max_rad = 1.2;
  s.scan_period_s = 1.0;
  s.plots_share_scan_time = snapshot;
  return s;
}

inline Detection plot(const SensorInfo& s, double t, const Vec3& target, Noise& n) {
  Detection d;
  d.time = Time::from_seconds(t);
  d.receive_time = d.time;
  d.sensor = s.id;
  d.sensor_position_m = s.position_m;
  const Polar p = enu_to_polar(target - s.position_m);
  PolarMeasurement m;
  m.range_m = p.range_m + n.gauss(s.sigma_range_m);
  m.azimuth_rad = p.azimuth_rad + n.gauss(s.sigma_azimuth_rad);
  m.elevation_rad = p.elevation_rad + n.gauss(s.sigma_elevation_rad);
  m.sigma_range_m = s.sigma_range_m;
  m.sigma_azimuth_rad = s.sigma_azimuth_rad;
  m.sigma_elevation_rad = s.sigma_elevation_rad;
  d.measurement = m;
  return d;
}

inline Detection clutter(const SensorInfo& s, double t, Noise& n) {
  return plot(
      s, t,
      s.position_m + polar_to_enu(n.uniform(100, 4900), n.uniform(-kPi, kPi), n.uniform(0.0, 1.0)),
      n);
}

inline SensorRegistry registry(std::initializer_list<SensorInfo> sensors) {
  SensorRegistry r;
  for (const auto& s : sensors) {
    r.add(s);
  }
  return r;
}

// A bearing-only RF direction finder.
inline SensorInfo rf_detector(std::uint32_t id, const Vec3& position) {
  SensorInfo s;
  s.id = SensorId{id};
  s.name = "rf-" + std::to_string(id);
  s.kind = SensorKind::RfDetector;
  s.position_m = position;
  s.scan_period_s = 1.0;
  s.pd = 0.95;
  s.range_max_m = 5000;
  return s;
}

// An EO/IR camera: bearings with elevation twice a second, 3 km reach.
inline SensorInfo camera(std::uint32_t id, const Vec3& position) {
  SensorInfo s;
  s.id = SensorId{id};
  s.name = "camera-" + std::to_string(id);
  s.kind = SensorKind::EoIr;
  s.position_m = position;
  s.scan_period_s = 0.5;
  s.pd = 0.95;
  s.range_max_m = 3000;
  return s;
}

// Its bearing (azimuth and elevation, `sigma` rad noise, 0.01 by default) to a target at p.
inline Detection bearing(const SensorInfo& s, double t, const Vec3& p, Noise& n,
                         double sigma = 0.01) {
  Detection d;
  d.time = Time::from_seconds(t);
  d.receive_time = d.time;
  d.sensor = s.id;
  d.sensor_position_m = s.position_m;
  const Polar pol = enu_to_polar(p - s.position_m);
  BearingMeasurement m;
  m.azimuth_rad = pol.azimuth_rad + n.gauss(sigma);
  m.elevation_rad = pol.elevation_rad + n.gauss(sigma);
  m.sigma_azimuth_rad = sigma;
  m.sigma_elevation_rad = sigma;
  d.measurement = m;
  return d;
}

// A tracking sensor's own filter: constant velocity, process noise q, position measurements
// with covariance R every `dt`. Keeps its estimates and the measurements it used.
struct NodeFilter {
  double q = 0.5;
  double dt = 1.0;
  Eigen::Matrix3d R = Eigen::Matrix3d::Identity() * 100.0;
  std::vector<SensorTrackEstimate> estimates;
  std::vector<Vec3> measurements;

  // truth(t): the target's position at t.
  template <class Truth>
  void run(int steps, Noise& n, Truth truth) {
    SensorTrackEstimate e;
    e.P = Mat6::Identity() * 1e4;
    Mat6 F = Mat6::Identity();
    F.topRightCorner<3, 3>() = dt * Eigen::Matrix3d::Identity();
    Mat6 Q = Mat6::Zero();
    for (int a = 0; a < 3; ++a) {
      Q(a, a) = q * dt * dt * dt / 3.0;
      Q(a, a + 3) = Q(a + 3, a) = q * dt * dt / 2.0;
      Q(a + 3, a + 3) = q * dt;
    }
    Eigen::Matrix<double, 3, 6> H = Eigen::Matrix<double, 3, 6>::Zero();
    H.leftCols<3>() = Eigen::Matrix3d::Identity();
    for (int k = 0; k < steps; ++k) {
      const double t = k * dt;
      if (k > 0) {
        e.x = F * e.x;
        e.P = F * e.P * F.transpose() + Q;
      }
      const double sigma = std::sqrt(R(0, 0));
      const Vec3 z = truth(t) + Vec3{n.gauss(sigma), n.gauss(sigma), n.gauss(sigma)};
      const Eigen::Matrix3d S = H * e.P * H.transpose() + R;
      const Eigen::Matrix<double, 6, 3> K = e.P * H.transpose() * S.inverse();
      e.x += K * (z - H * e.x);
      e.P = (Mat6::Identity() - K * H) * e.P;
      e.P = (0.5 * (e.P + e.P.transpose())).eval();
      e.time = Time::from_seconds(t);
      estimates.push_back(e);
      measurements.push_back(z);
    }
  }
};

}  // namespace dewline::track::test
