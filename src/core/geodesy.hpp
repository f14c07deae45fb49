// geodesy.hpp: WGS84 geodetic <-> ECEF <-> local East-North-Up (ENU) at a site origin, through
// GeographicLib (Karney's exact conversions, not a flat-earth approximation).
//
// Every position inside dewline is a point in one site's ENU frame, in metres: x east, y north,
// z up, with the origin at the site's WGS84 point (exchange-csv.md). Ingest converts what sensors
// report (WGS84, sensor-relative polar, ECEF) into that frame; publishers convert back.
//
//   EnuFrame site(Geodetic{51.5, -0.12, 30.0});
//   Vec3 p = site.to_enu(Geodetic{51.51, -0.11, 120.0});
//   Geodetic g = site.to_geodetic(p);
#pragma once

#include <Eigen/Core>

namespace dewline {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;

// A WGS84 point: latitude and longitude in degrees, height above the ellipsoid in metres.
struct Geodetic {
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double alt_m = 0.0;
};

[[nodiscard]] Vec3 geodetic_to_ecef(const Geodetic& g);
[[nodiscard]] Geodetic ecef_to_geodetic(const Vec3& ecef_m);

// A local tangent-plane frame at a fixed origin. Cheap to copy; thread-compatible (const methods
// are safe to call concurrently).
class EnuFrame {
 public:
  EnuFrame();  // origin at 0 N 0 E 0 m; used by scenarios without a site.
  explicit EnuFrame(const Geodetic& origin);

  [[nodiscard]] const Geodetic& origin() const { return origin_; }
  [[nodiscard]] Vec3 to_enu(const Geodetic& g) const;
  [[nodiscard]] Geodetic to_geodetic(const Vec3& enu_m) const;
  [[nodiscard]] Vec3 ecef_to_enu(const Vec3& ecef_m) const;
  [[nodiscard]] Vec3 enu_to_ecef(const Vec3& enu_m) const;

  // Rotates a direction (or velocity, or covariance axis) expressed in the local ENU axes at
  // `at` into this frame's axes. Sensors far from the origin see north a little differently
  // (0.5 degree at 60 km); ingest uses this so the tracker sees one set of axes.
  [[nodiscard]] Vec3 rotate_from_local(const Geodetic& at, const Vec3& local_dir) const;
  [[nodiscard]] Mat3 rotation_from_local(const Geodetic& at) const;

 private:
  Geodetic origin_;
  Mat3 ecef_to_enu_rot_;  // rows: east, north, up unit vectors in ECEF
  Vec3 origin_ecef_;
};

}  // namespace dewline
