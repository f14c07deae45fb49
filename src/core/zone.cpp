#include "core/zone.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dewline {
namespace {

// Even-odd rule point-in-polygon (W. R. Franklin, PNPOLY).
bool point_in_polygon(const std::vector<Vec2>& poly, const Vec2& p) {
  bool inside = false;
  const std::size_t n = poly.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Vec2& a = poly[i];
    const Vec2& b = poly[j];
    if (((a.y() > p.y()) != (b.y() > p.y())) &&
        (p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())) {
      inside = !inside;
    }
  }
  return inside;
}

double segment_distance(const Vec2& p, const Vec2& a, const Vec2& b) {
  const Vec2 ab = b - a;
  const double len2 = ab.squaredNorm();
  double t = len2 > 0.0 ? (p - a).dot(ab) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return (a + t * ab - p).norm();
}

// Parameter s in [0,1] where the ray p + s d crosses segment ab, if it does.
std::optional<double> ray_segment(const Vec2& p, const Vec2& d, const Vec2& a, const Vec2& b) {
  const Vec2 e = b - a;
  const double den = d.x() * e.y() - d.y() * e.x();
  if (std::abs(den) < 1e-15) {
    return std::nullopt;
  }
  const Vec2 ap = a - p;
  const double s = (ap.x() * e.y() - ap.y() * e.x()) / den;
  const double u = (ap.x() * d.y() - ap.y() * d.x()) / den;
  if (s < 0.0 || s > 1.0 || u < 0.0 || u > 1.0) {
    return std::nullopt;
  }
  return s;
}

}  // namespace

bool Zone::footprint_contains(const Vec2& p) const {
  if (!polygon.empty()) {
    return polygon.size() >= 3 && point_in_polygon(polygon, p);
  }
  return (p - circle_center).norm() <= circle_radius_m;
}

bool Zone::contains(const Vec3& p) const {
  return p.z() >= floor_m && p.z() <= ceiling_m && footprint_contains(p.head<2>());
}

double Zone::horizontal_distance(const Vec2& p) const {
  if (footprint_contains(p)) {
    return 0.0;
  }
  if (polygon.empty()) {
    return (p - circle_center).norm() - circle_radius_m;
  }
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
    best = std::min(best, segment_distance(p, polygon[j], polygon[i]));
  }
  return best;
}

std::optional<double> Zone::entry_time(const Vec3& p, const Vec3& v, double horizon_s) const {
  if (contains(p)) {
    return 0.0;
  }
  // Candidate times: footprint boundary crossings and floor/ceiling crossings within the
  // horizon; the earliest candidate at which the point is inside (checked a hair later) wins.
  std::vector<double> candidates;
  const Vec2 p2 = p.head<2>();
  const Vec2 d2 = v.head<2>() * horizon_s;
  if (polygon.empty()) {
    const Vec2 f = p2 - circle_center;
    const double a = d2.squaredNorm();
    const double b = 2.0 * f.dot(d2);
    const double c = f.squaredNorm() - circle_radius_m * circle_radius_m;
    const double disc = b * b - 4.0 * a * c;
    if (a > 0.0 && disc >= 0.0) {
      const double sq = std::sqrt(disc);
      for (double s : {(-b - sq) / (2.0 * a), (-b + sq) / (2.0 * a)}) {
        if (s >= 0.0 && s <= 1.0) {
          candidates.push_back(s * horizon_s);
        }
      }
    }
  } else {
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
      if (auto s = ray_segment(p2, d2, polygon[j], polygon[i])) {
        candidates.push_back(*s * horizon_s);
      }
    }
  }
  if (std::abs(v.z()) > 1e-12) {
    for (double h : {floor_m, ceiling_m}) {
      const double t = (h - p.z()) / v.z();
      if (t >= 0.0 && t <= horizon_s) {
        candidates.push_back(t);
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  for (double t : candidates) {
    const double probe = std::min(t + 1e-6, horizon_s);
    if (contains(p + v * probe)) {
      return t;
    }
  }
  return std::nullopt;
}

}  // namespace dewline
