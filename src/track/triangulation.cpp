#include "track/triangulation.hpp"

#include <cmath>
#include <variant>

#include <Eigen/Dense>

#include "track/measurement_model.hpp"

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

// A bearing linearised about a fix by the tracker's own bearing model (measurement_model.hpp):
// residual, Jacobian in position, innovation covariance, and the prior covariance (the fix's,
// widened horizontally).
struct Linearised {
  MeasVec nu;
  Eigen::Matrix<double, Eigen::Dynamic, 3, 0, 2, 3> H;
  MeasCov S;
  Mat3 P;
};

std::optional<Linearised> linearise(const Fix& f, const Detection& c, double extra_var_m2) {
  if (!std::holds_alternative<BearingMeasurement>(c.measurement)) {
    return std::nullopt;
  }
  const Vec3 d = f.position - c.sensor_position_m;
  if (d.x() * d.x() + d.y() * d.y() < 1.0) {
    return std::nullopt;  // the sensor stands under the fix: its azimuth says nothing
  }
  const MeasurementModel m = make_measurement_model(c);
  StateVec x = StateVec::Zero();
  x.head<3>() = f.position;
  Linearised l;
  l.nu = m.residual(m.z, m.h(x));
  l.H = m.jacobian(x).leftCols<3>();
  l.P = f.covariance;
  l.P(0, 0) += extra_var_m2;
  l.P(1, 1) += extra_var_m2;
  l.S = l.H * l.P * l.H.transpose() + m.R;
  return l;
}

}  // namespace

std::optional<BearingFit> bearing_fit(const Fix& f, const Detection& c, double extra_var_m2) {
  const auto l = linearise(f, c, extra_var_m2);
  if (!l) {
    return std::nullopt;
  }
  const auto dim = static_cast<int>(l->nu.size());
  if (dim == 1) {
    return BearingFit{l->nu(0) * l->nu(0) / l->S(0, 0), 1};
  }
  return BearingFit{l->nu.dot(l->S.ldlt().solve(l->nu)), dim};
}

void refine_fix(Fix& f, const Detection& c, double extra_var_m2) {
  const auto l = linearise(f, c, extra_var_m2);
  if (!l) {
    return;
  }
  const Eigen::Matrix<double, 3, Eigen::Dynamic, 0, 3, 2> K =
      l->P * l->H.transpose() * l->S.inverse();
  f.position += K * l->nu;
  const Mat3 P = l->P - K * l->S * K.transpose();
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
