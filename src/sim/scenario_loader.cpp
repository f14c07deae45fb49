#include "sim/scenario_loader.hpp"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "core/angles.hpp"
#include "sim/load_common.hpp"

namespace dewline::sim {
namespace detail {

bool read_point(ConfigSection& s, std::string_view stem, const LoadContext& ctx, Vec3& out,
                bool required, int dims) {
  const std::string km = std::string(stem) + "_m";
  const std::string kg = std::string(stem) + "_geo";
  const bool has_m = s.has(km);
  const bool has_g = s.has(kg);
  if (has_m && has_g) {
    s.mark_used(kg);
    s.error(kg, fmt::format("give either {} or {}, not both", km, kg));
    return false;
  }
  if (!has_m && !has_g) {
    if (required) {
      s.error(km, fmt::format("missing required key (or {})", kg));
    }
    return false;
  }
  // A sentinel that `get` replaces only on success: a type error is then reported once.
  std::vector<double> v{std::nan("")};
  const std::size_t n = static_cast<std::size_t>(dims);
  const std::string& key = has_m ? km : kg;
  s.get(key, v);
  if (v.size() == 1 && std::isnan(v[0])) {
    return false;
  }
  if (has_m) {
    if (v.size() != n) {
      s.error(km, dims == 3 ? "expected [x, y, z] in metres" : "expected [x, y] in metres");
      return false;
    }
    out = Vec3{v[0], v[1], dims == 3 ? v[2] : 0.0};
    return true;
  }
  if (v.size() != n) {
    s.error(kg,
            dims == 3 ? "expected [lat_deg, lon_deg, height_m]" : "expected [lat_deg, lon_deg]");
    return false;
  }
  if (std::abs(v[0]) > 90.0 || std::abs(v[1]) > 180.0) {
    s.error(kg, fmt::format("out of range: latitude {} / longitude {}", v[0], v[1]));
    return false;
  }
  const double h = dims == 3 ? v[2] : 0.0;
  out = ctx.frame.to_enu(Geodetic{v[0], v[1], ctx.frame.origin().alt_m + h});
  if (dims == 2) {
    out.z() = 0.0;
  }
  return true;
}

bool read_polygon(ConfigSection& s, std::string_view stem, const LoadContext& ctx,
                  std::vector<Vec2>& out) {
  const std::string km = std::string(stem) + "_m";
  const std::string kg = std::string(stem) + "_geo";
  const bool geo = s.has(kg);
  const std::string key = geo ? kg : km;
  std::vector<double> v{std::nan("")};
  s.get(key, v);
  if (v.size() == 1 && std::isnan(v[0])) {
    return false;
  }
  if (v.size() < 6 || v.size() % 2 != 0) {
    s.error(key, "expected at least 3 points as a flat list [a1, b1, a2, b2, ...]");
    return false;
  }
  out.clear();
  for (std::size_t i = 0; i < v.size(); i += 2) {
    if (geo) {
      if (std::abs(v[i]) > 90.0 || std::abs(v[i + 1]) > 180.0) {
        s.error(key, fmt::format("out of range: latitude {} / longitude {}", v[i], v[i + 1]));
        return false;
      }
      const Vec3 p = ctx.frame.to_enu(Geodetic{v[i], v[i + 1], ctx.frame.origin().alt_m});
      out.emplace_back(p.x(), p.y());
    } else {
      out.emplace_back(v[i], v[i + 1]);
    }
  }
  return true;
}

void read_deg(ConfigSection& s, std::string_view key, double& out_rad, Range deg_range,
              bool required) {
  double deg = out_rad * kRadToDeg;
  s.get(key, deg, deg_range, required);
  out_rad = deg * kDegToRad;
}

void read_sector(ConfigSection& s, Coverage& c) {
  double center_deg = 0.0;
  double width_deg = c.sector_width_rad * kRadToDeg;
  s.get("sector_center_deg", center_deg, Range{-360.0, 360.0});
  s.get("sector_width_deg", width_deg, Range{0.0, 360.0, true});
  c.sector_width_rad = width_deg * kDegToRad;
  // A compass sector centred on `center` spans CCW from azimuth(center) - width / 2.
  c.sector_start_rad = wrap_two_pi(compass_deg_to_azimuth(center_deg) - c.sector_width_rad / 2.0);
}

void load_zones(ConfigSection root, const LoadContext& ctx, Scenario& sc) {
  for (ConfigSection z : root.sections("zone")) {
    Zone zone;
    z.get("name", zone.name, true);
    z.get_enum("level", zone.level,
               {{"warning", ZoneLevel::Warning}, {"protected", ZoneLevel::Protected}}, true);
    zone.floor_m = 0.0;
    zone.ceiling_m = 500.0;
    z.get("floor_m", zone.floor_m, Range{-1000.0, 100000.0});
    z.get("ceiling_m", zone.ceiling_m, Range{-1000.0, 100000.0});
    if (zone.ceiling_m <= zone.floor_m) {
      z.error("ceiling_m", fmt::format("out of range: ceiling {} m is not above the floor {} m",
                                       zone.ceiling_m, zone.floor_m));
    }
    const bool poly = z.has("polygon_m") || z.has("polygon_geo");
    const bool circle = z.has("circle_center_m") || z.has("circle_center_geo");
    if (poly == circle) {
      z.error("",
              "a zone needs exactly one shape: polygon_m / polygon_geo, or "
              "circle_center_m / circle_center_geo with radius_m");
      z.mark_used("polygon_m");
      z.mark_used("polygon_geo");
      z.mark_used("circle_center_m");
      z.mark_used("circle_center_geo");
      z.mark_used("radius_m");
    } else if (poly) {
      read_polygon(z, "polygon", ctx, zone.polygon);
    } else {
      Vec3 c = Vec3::Zero();
      read_point(z, "circle_center", ctx, c, true, 2);
      zone.circle_center = Vec2{c.x(), c.y()};
      z.get("radius_m", zone.circle_radius_m, Range{0.0, 1e6, true}, true);
    }
    for (const auto& other : sc.zones) {
      if (other.name == zone.name) {
        z.error("name", fmt::format("duplicate zone name \"{}\"", zone.name));
      }
    }
    sc.zones.push_back(std::move(zone));
  }
}

}  // namespace detail

namespace {

// Seconds in the file -> a whole number of nanoseconds.
Duration seconds(double s) {
  return Duration::from_seconds(s);
}

Result<Scenario, std::vector<ConfigError>> load(ConfigDocument doc,
                                                const std::filesystem::path& base_dir,
                                                const LoadOptions& options) {
  Scenario sc;
  sc.source = doc.source_name();
  ConfigSection root = doc.root();

  ConfigSection head = root.section("scenario");
  head.get("name", sc.name, true);
  head.get("description", sc.description);
  double duration_s = 600.0;
  double truth_period_s = 1.0;
  double step_s = 0.05;
  head.get("duration_s", duration_s, Range{0.0, 7.0 * 86400.0, true}, true);
  head.get("truth_period_s", truth_period_s, Range{0.001, 3600.0});
  head.get("step_s", step_s, Range{0.001, 1.0});
  head.get("night", sc.night);
  std::vector<double> wind;
  head.get("wind_mps", wind, Range{-50.0, 50.0});
  if (!wind.empty()) {
    if (wind.size() != 2 && wind.size() != 3) {
      head.error("wind_mps", "expected [east, north] or [east, north, up] in m/s");
    } else {
      sc.wind_mps = Vec3{wind[0], wind[1], wind.size() == 3 ? wind[2] : 0.0};
    }
  }
  if (options.duration_s) {
    duration_s = *options.duration_s;
  }
  sc.duration = seconds(duration_s);
  sc.truth_period = seconds(truth_period_s);
  sc.step = seconds(step_s);
  if (sc.step.ns > 0 && sc.truth_period.ns % sc.step.ns != 0) {
    head.error("truth_period_s", fmt::format("out of range: {} s is not a whole number of steps "
                                             "of step_s = {} s",
                                             truth_period_s, step_s));
  }

  ConfigSection site = root.section("site");
  site.get("lat_deg", sc.site.lat_deg, Range{-90.0, 90.0}, true);
  site.get("lon_deg", sc.site.lon_deg, Range{-180.0, 180.0}, true);
  site.get("alt_m", sc.site.alt_m, Range{-500.0, 9000.0}, true);

  ConfigSection out = root.section("output");
  out.get("native", sc.output.native);
  out.get("opportunity_pd", sc.output.opportunity_pd, Range{0.0, 1.0});

  detail::LoadContext ctx{EnuFrame(sc.site), base_dir, duration_s, sc.night};
  detail::load_zones(root, ctx, sc);
  detail::load_sensors(root, ctx, sc);
  detail::load_targets(root, ctx, sc);

  if (auto r = doc.finish(); !r) {
    return unexpected(std::move(r).error());
  }
  return sc;
}

}  // namespace

Result<Scenario, std::vector<ConfigError>> load_scenario(const std::filesystem::path& path,
                                                         const LoadOptions& options) {
  auto doc = ConfigDocument::load_file(path);
  if (!doc) {
    return unexpected(std::vector<ConfigError>{doc.error()});
  }
  return load(std::move(*doc), path.parent_path(), options);
}

Result<Scenario, std::vector<ConfigError>> parse_scenario(std::string_view text,
                                                          const std::string& source_name,
                                                          const std::filesystem::path& base_dir,
                                                          const LoadOptions& options) {
  auto doc = ConfigDocument::parse(text, source_name);
  if (!doc) {
    return unexpected(std::vector<ConfigError>{doc.error()});
  }
  return load(std::move(*doc), base_dir, options);
}

}  // namespace dewline::sim
