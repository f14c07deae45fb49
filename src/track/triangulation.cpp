#include "track/triangulation.hpp"

#include <cmath>

#include <Eigen/Dense>

#include "core/angles.hpp"

namespace dewline::track {
namespace {

struct Los {
  Vec3 origin;
  double az = 0.0;
  double sigma_az = 0.0;
  std::optional<double> el;
  double sigma_el = 0.0;
};

std::optional<Los> line_of_sight(const Detection& d) {
  Los l;
  l.origin = d.sensor_position_m;
  if (const auto* b = std::get_if<BearingMeasurement>(&d.measurement)) {
    l.az = b->azimuth_rad;
    l.sigma_az = b->sigma_azimuth_rad;
    l.el = b->elevation_rad;
    l.sigma_el = b->sigma_elevation_rad;
    return l;
  }
  if (const auto* p = std::get_if<PolarMeasurement>(&d.measurement)) {
    l.az = p->azimuth_rad;
    l.sigma_az = p->sigma_azimuth_rad;
    l.el = p->elevation_rad;
    l.sigma_el = p->sigma_elevation_rad;
    return l;
  }
  return std::nullopt;
}

// Horizontal intersection: distances along each line, or nullopt when parallel.
std::optional<Eigen::Vector2d> intersect(const Los& a, double az_a, const Los& b, double az_b) {
  const Eigen::Vector2d ua(std::cos(az_a), std::sin(az_a));
  const Eigen::Vector2d ub(std::cos(az_b), std::sin(az_b));
  const double den = ua.x() * ub.y() - ua.y() * ub.x();
  if (std::abs(den) < 1e-12) {
    return std::nullopt;
  }
  const Eigen::Vector2d w = b.origin.head<2>() - a.origin.head<2>();
  const double ta = (w.x() * ub.y() - w.y() * ub.x()) / den;
  const double tb = (w.x() * ua.y() - w.y() * ua.x()) / den;
  return Eigen::Vector2d(ta, tb);
}

// A bearing linearised about a fix: residual, Jacobian in position, innovation covariance, prior
// covariance (the fix's, widened horizontally); `dim` rows are used (1: azimuth only).
struct Linearised {
  Eigen::Vector2d nu = Eigen::Vector2d::Zero();
  Eigen::Matrix<double, 2, 3> H = Eigen::Matrix<double, 2, 3>::Zero();
  Eigen::Matrix2d S = Eigen::Matrix2d::Identity();
  Mat3 P = Mat3::Identity();
  int dim = 1;
};

std::optional<Linearised> linearise(const Fix& f, const Detection& c, double extra_var_m2) {
  const auto los = line_of_sight(c);
  if (!los) {
    return std::nullopt;
  }
  const Vec3 d = f.position - los->origin;
  const double rh2 = d.x() * d.x() + d.y() * d.y();
  if (rh2 < 1.0) {
    return std::nullopt;
  }
  const double rh = std::sqrt(rh2);
  const double r2 = rh2 + d.z() * d.z();
  Linearised l;
  l.dim = los->el ? 2 : 1;
  l.P = f.covariance;
  l.P(0, 0) += extra_var_m2;
  l.P(1, 1) += extra_var_m2;
  l.nu(0) = wrap_pi(los->az - std::atan2(d.y(), d.x()));
  l.H.row(0) << -d.y() / rh2, d.x() / rh2, 0.0;
  Eigen::Vector2d r(los->sigma_az * los->sigma_az, 1.0);
  if (los->el) {
    l.nu(1) = *los->el - std::atan2(d.z(), rh);
    l.H.row(1) << -d.x() * d.z() / (r2 * rh), -d.y() * d.z() / (r2 * rh), rh / r2;
    r(1) = los->sigma_el * los->sigma_el;
  }
  l.S = l.H * l.P * l.H.transpose();
  l.S += r.asDiagonal();
  return l;
}

}  // namespace

std::optional<BearingFit> bearing_fit(const Fix& f, const Detection& c, double extra_var_m2) {
  const auto l = linearise(f, c, extra_var_m2);
  if (!l) {
    return std::nullopt;
  }
  if (l->dim == 1) {
    return BearingFit{l->nu(0) * l->nu(0) / l->S(0, 0), 1};
  }
  return BearingFit{l->nu.dot(l->S.ldlt().solve(l->nu)), 2};
}

void refine_fix(Fix& f, const Detection& c, double extra_var_m2) {
  const auto l = linearise(f, c, extra_var_m2);
  if (!l) {
    return;
  }
  const int n = l->dim;
  const Eigen::MatrixXd H = l->H.topRows(n);
  const Eigen::MatrixXd S = l->S.topLeftCorner(n, n);
  const Eigen::MatrixXd K = l->P * H.transpose() * S.inverse();
  f.position += K * l->nu.head(n);
  const Mat3 P = l->P - K * S * K.transpose();
  f.covariance = 0.5 * (P + P.transpose());
}

std::optional<Fix> triangulate(const Detection& da, const Detection& db,
                               const TriangulationParams& p) {
  const auto a = line_of_sight(da);
  const auto b = line_of_sight(db);
  if (!a || !b) {
    return std::nullopt;
  }
  if ((a->origin.head<2>() - b->origin.head<2>()).norm() < 1.0) {
    return std::nullopt;  // co-located sensors give no baseline
  }
  const double crossing = std::abs(std::sin(a->az - b->az));
  if (crossing < std::sin(p.min_crossing_angle_rad)) {
    return std::nullopt;
  }
  const auto t = intersect(*a, a->az, *b, b->az);
  if (!t || t->x() <= 0.0 || t->y() <= 0.0) {
    return std::nullopt;
  }
  if ((p.max_range_a_m > 0.0 && t->x() > p.max_range_a_m) ||
      (p.max_range_b_m > 0.0 && t->y() > p.max_range_b_m)) {
    return std::nullopt;
  }
  Fix f;
  f.range_a_m = t->x();
  f.range_b_m = t->y();
  const Eigen::Vector2d xy =
      a->origin.head<2>() + t->x() * Eigen::Vector2d(std::cos(a->az), std::sin(a->az));
  // Horizontal covariance: numerical Jacobian of the intersection w.r.t. the two azimuths.
  Eigen::Matrix2d J;
  const double h = 1e-6;
  for (int k = 0; k < 2; ++k) {
    const double da_ = k == 0 ? h : 0.0;
    const double db_ = k == 1 ? h : 0.0;
    const auto tp = intersect(*a, a->az + da_, *b, b->az + db_);
    if (!tp) {
      return std::nullopt;
    }
    const Eigen::Vector2d xp =
        a->origin.head<2>() +
        tp->x() * Eigen::Vector2d(std::cos(a->az + da_), std::sin(a->az + da_));
    J.col(k) = (xp - xy) / h;
  }
  const Eigen::Matrix2d R =
      Eigen::Vector2d(a->sigma_az * a->sigma_az, b->sigma_az * b->sigma_az).asDiagonal();
  const Eigen::Matrix2d Pxy = J * R * J.transpose();

  // Height: inverse-variance mean of what each elevation says, or the prior.
  double z = a->origin.z() + p.height_prior_m;
  double zvar = p.height_prior_sigma_m * p.height_prior_sigma_m;
  double wsum = 0.0;
  double zsum = 0.0;
  std::optional<double> z1;
  double v1 = 0.0;
  for (const auto* l : {&*a, &*b}) {
    if (!l->el) {
      continue;
    }
    const double range = (xy - l->origin.head<2>()).norm();
    const double zi = l->origin.z() + range * std::tan(*l->el);
    const double ci = std::cos(*l->el);
    const double si = range * l->sigma_el / (ci * ci) + 1.0;
    const double vi = si * si;
    if (z1) {
      const double diff = zi - *z1;
      if (diff * diff / (vi + v1) > p.elevation_consistency_chi2) {
        return std::nullopt;
      }
    } else {
      z1 = zi;
      v1 = vi;
    }
    wsum += 1.0 / vi;
    zsum += zi / vi;
  }
  if (wsum > 0.0) {
    z = zsum / wsum;
    zvar = 1.0 / wsum;
  }
  f.position = Vec3(xy.x(), xy.y(), z);
  f.covariance.setZero();
  f.covariance.topLeftCorner<2, 2>() = Pxy;
  f.covariance(2, 2) = zvar;
  return f;
}

}  // namespace dewline::track
