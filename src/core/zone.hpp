// zone.hpp: protected zones and warning areas in the site frame: a polygon or circle footprint
// with an altitude floor and ceiling (metres above the site origin's altitude, exchange-csv.md).
//
// Zones are read from GeoJSON by ingest/exchange and converted to ENU once; geometry queries are
// pure functions of ENU points, so the assessor and the scorer agree on what "inside" means.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/alert.hpp"
#include "core/geodesy.hpp"

namespace dewline {

using Vec2 = Eigen::Vector2d;

struct Zone {
  std::string name;
  ZoneLevel level = ZoneLevel::Warning;
  double floor_m = -1e9;   // above the site origin altitude
  double ceiling_m = 1e9;
  // Footprint: a simple polygon (ENU east/north, any winding, not closed) or, when `polygon` is
  // empty, a circle.
  std::vector<Vec2> polygon;
  Vec2 circle_center = Vec2::Zero();
  double circle_radius_m = 0.0;
  // Free-form properties the assessor reads (rules, allow-lists); kept as given.
  std::vector<std::pair<std::string, std::string>> properties;

  [[nodiscard]] bool contains(const Vec3& p) const;
  [[nodiscard]] bool footprint_contains(const Vec2& p) const;
  // Horizontal distance from p to the footprint (0 inside).
  [[nodiscard]] double horizontal_distance(const Vec2& p) const;
  // First time t in [0, horizon] at which p + v t is inside the zone (3D, straight line), or
  // nullopt. Exact for polygons (edge crossings) and circles (quadratic).
  [[nodiscard]] std::optional<double> entry_time(const Vec3& p, const Vec3& v,
                                                 double horizon_s) const;
};

}  // namespace dewline
