#include "core/geodesy.hpp"

#include <GeographicLib/Geocentric.hpp>

#include <cmath>
#include <numbers>

namespace dewline {
namespace {

const GeographicLib::Geocentric& wgs84() { return GeographicLib::Geocentric::WGS84(); }

// Rows are the east, north and up unit vectors at (lat, lon), in ECEF axes.
Mat3 ecef_to_enu_rotation(double lat_deg, double lon_deg) {
  const double lat = lat_deg * std::numbers::pi / 180.0;
  const double lon = lon_deg * std::numbers::pi / 180.0;
  const double sl = std::sin(lat);
  const double cl = std::cos(lat);
  const double so = std::sin(lon);
  const double co = std::cos(lon);
  Mat3 r;
  r << -so, co, 0.0,            //
      -sl * co, -sl * so, cl,   //
      cl * co, cl * so, sl;
  return r;
}

}  // namespace

Vec3 geodetic_to_ecef(const Geodetic& g) {
  Vec3 out;
  wgs84().Forward(g.lat_deg, g.lon_deg, g.alt_m, out.x(), out.y(), out.z());
  return out;
}

Geodetic ecef_to_geodetic(const Vec3& ecef_m) {
  Geodetic g;
  wgs84().Reverse(ecef_m.x(), ecef_m.y(), ecef_m.z(), g.lat_deg, g.lon_deg, g.alt_m);
  return g;
}

EnuFrame::EnuFrame() : EnuFrame(Geodetic{}) {}

EnuFrame::EnuFrame(const Geodetic& origin)
    : origin_(origin),
      ecef_to_enu_rot_(ecef_to_enu_rotation(origin.lat_deg, origin.lon_deg)),
      origin_ecef_(geodetic_to_ecef(origin)) {}

Vec3 EnuFrame::ecef_to_enu(const Vec3& ecef_m) const {
  return ecef_to_enu_rot_ * (ecef_m - origin_ecef_);
}

Vec3 EnuFrame::enu_to_ecef(const Vec3& enu_m) const {
  return origin_ecef_ + ecef_to_enu_rot_.transpose() * enu_m;
}

Vec3 EnuFrame::to_enu(const Geodetic& g) const { return ecef_to_enu(geodetic_to_ecef(g)); }

Geodetic EnuFrame::to_geodetic(const Vec3& enu_m) const {
  return ecef_to_geodetic(enu_to_ecef(enu_m));
}

Mat3 EnuFrame::rotation_from_local(const Geodetic& at) const {
  const Mat3 local = ecef_to_enu_rotation(at.lat_deg, at.lon_deg);
  return ecef_to_enu_rot_ * local.transpose();
}

Vec3 EnuFrame::rotate_from_local(const Geodetic& at, const Vec3& local_dir) const {
  return rotation_from_local(at) * local_dir;
}

}  // namespace dewline
