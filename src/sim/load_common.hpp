// load_common.hpp: helpers shared by the scenario loader's files (internal to src/sim/).
//
// Points are given either in the site frame, `<stem>_m = [x, y, z]` (metres east, north, up from
// the site origin), or geographically, `<stem>_geo = [lat_deg, lon_deg, height_m]` with the
// height above the site origin's altitude. Angles in the file are degrees; bearings are compass
// bearings (clockwise from North), converted here to azimuths counter-clockwise from East.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "core/config.hpp"
#include "core/geodesy.hpp"
#include "sim/scenario.hpp"

namespace dewline::sim::detail {

struct LoadContext {
  EnuFrame frame;
  std::filesystem::path base_dir;
  double duration_s = 0.0;
  bool night = false;
};

// Reads `<stem>_m` or `<stem>_geo`; `dims` is 2 (z = 0) or 3. Returns false when absent (an
// error is recorded if `required`) or invalid.
bool read_point(ConfigSection& s, std::string_view stem, const LoadContext& ctx, Vec3& out,
                bool required, int dims = 3);
// Reads a flat array of 2D points: `<stem>_m = [x1, y1, x2, y2, ...]` or
// `<stem>_geo = [lat1, lon1, lat2, lon2, ...]`.
bool read_polygon(ConfigSection& s, std::string_view stem, const LoadContext& ctx,
                  std::vector<Vec2>& out);
// Degrees in the file -> radians.
void read_deg(ConfigSection& s, std::string_view key, double& out_rad, Range deg_range,
              bool required = false);
// A compass sector (`sector_center_deg`, `sector_width_deg`) -> Coverage's CCW start and width.
void read_sector(ConfigSection& s, Coverage& c);

// Cooperative identity and replay keys of one [[target]] (load_cooperative.cpp).
void read_remote_id(ConfigSection& s, const LoadContext& ctx, TargetSpec& t);
void read_adsb(ConfigSection& s, TargetSpec& t);
void read_replay(ConfigSection& s, const LoadContext& ctx, TargetSpec& t);

void load_sensors(ConfigSection root, const LoadContext& ctx, Scenario& sc);
void load_targets(ConfigSection root, const LoadContext& ctx, Scenario& sc);
void load_zones(ConfigSection root, const LoadContext& ctx, Scenario& sc);

}  // namespace dewline::sim::detail
