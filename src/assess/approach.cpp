#include "assess/approach.hpp"

#include <algorithm>
#include <cmath>

#include "core/golden_section.hpp"

namespace dewline::assess {
namespace {

constexpr int kSamples = 48;      // coarse samples of the path over the horizon
constexpr int kRefineSteps = 24;  // golden-section steps around the best sample

Eigen::Matrix2d horizontal_cov(const Track& t, double tau) {
  const Eigen::Matrix2d pp = t.covariance.block<2, 2>(0, 0);
  const Eigen::Matrix2d pv = t.covariance.block<2, 2>(0, 3);
  const Eigen::Matrix2d vv = t.covariance.block<2, 2>(3, 3);
  return pp + tau * (pv + pv.transpose()) + tau * tau * vv;
}

}  // namespace

double distance_to_zone(const Zone& z, const Vec3& p) {
  const double h = z.horizontal_distance(p.head<2>());
  double v = 0.0;
  if (p.z() > z.ceiling_m) {
    v = p.z() - z.ceiling_m;
  } else if (p.z() < z.floor_m) {
    v = z.floor_m - p.z();
  }
  return std::hypot(std::max(h, 0.0), v);
}

ZoneApproach approach(const Zone& z, const Track& t, double horizon_s, const ThreatConfig& cfg) {
  ZoneApproach a;
  const Vec3& p = t.position_m;
  const Vec3& v = t.velocity_mps;
  a.inside = z.contains(p);
  a.distance_m = a.inside ? 0.0 : distance_to_zone(z, p);
  if (!a.inside) {
    a.closing_mps = a.distance_m - distance_to_zone(z, p + v);  // over one second
  }
  const double speed = v.norm();
  a.speed_mps = speed;
  const double speed_h = v.head<2>().norm();
  if (a.inside) {
    a.may_enter = true;
    a.time_to_zone_s = 0.0;
    a.p_enter = 1.0;
    a.entry_s = 0.0;
    return a;
  }
  if (horizon_s <= 0.0 || speed < cfg.min_speed_mps) {
    a.cpa_m = a.distance_m;
    return a;
  }
  // Straight-line entry.
  a.entry_s = z.entry_time(p, v, horizon_s);
  // Closest approach: coarse samples, then golden-section refinement around the best one.
  auto dist_at = [&](double tau) { return distance_to_zone(z, p + v * tau); };
  double best_tau = 0.0;
  double best_d = a.distance_m;
  for (int i = 1; i <= kSamples; ++i) {
    const double tau = horizon_s * static_cast<double>(i) / kSamples;
    const double d = dist_at(tau);
    if (d < best_d) {
      best_d = d;
      best_tau = tau;
    }
  }
  double lo = std::max(0.0, best_tau - horizon_s / kSamples);
  double hi = std::min(horizon_s, best_tau + horizon_s / kSamples);
  const GoldenSectionMin refined = golden_section_min(dist_at, lo, hi, kRefineSteps);
  if (refined.f < best_d) {
    best_d = refined.f;
    best_tau = refined.x;
  }
  if (a.entry_s) {
    best_d = 0.0;
    best_tau = *a.entry_s;
  }
  a.cpa_m = best_d;
  a.cpa_time_s = best_tau;

  // Uncertainty at the CPA (or entry) time: cross-track and along-track spreads.
  const Eigen::Matrix2d pc = horizontal_cov(t, best_tau);
  if (speed_h > 1e-6) {
    const Vec2 u = v.head<2>() / speed_h;
    const Vec2 n{-u.y(), u.x()};
    a.cpa_sigma_m = std::sqrt(std::max(0.0, n.dot(pc * n)));
    a.entry_sigma_s = std::sqrt(std::max(0.0, u.dot(pc * u))) / std::max(speed, 1e-6);
  } else {
    a.cpa_sigma_m = std::sqrt(std::max(0.0, 0.5 * pc.trace()));
    a.entry_sigma_s = a.cpa_sigma_m / std::max(speed, 1e-6);
  }
  const double allowed = std::max(cfg.cpa_floor_m, cfg.cpa_sigmas * a.cpa_sigma_m);
  if (a.entry_s) {
    a.may_enter = true;
    a.time_to_zone_s = *a.entry_s;
    a.p_enter = 1.0;
  } else {
    a.may_enter = a.cpa_m <= allowed;
    const double s = std::max(a.cpa_sigma_m, 1e-6);
    a.p_enter = std::exp(-0.5 * (a.cpa_m / s) * (a.cpa_m / s));
    if (a.may_enter) {
      a.time_to_zone_s = a.cpa_time_s;
    }
  }
  return a;
}

}  // namespace dewline::assess
