#include "ingest/exchange/zones_geojson.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/angles.hpp"
#include "ingest/exchange/exchange_csv.hpp"
#include "ingest/exchange/located_json.hpp"

namespace dewline::ingest {
namespace {

using nlohmann::json;

// "/features/1/properties/level" -> "features[1].properties.level"
std::string dotted(const std::string& pointer) {
  std::string out;
  std::size_t i = 1;
  while (i <= pointer.size()) {
    std::size_t next = pointer.find('/', i);
    if (next == std::string::npos) {
      next = pointer.size();
    }
    const std::string tok = pointer.substr(i, next - i);
    const bool index = !tok.empty() && tok.find_first_not_of("0123456789") == std::string::npos;
    if (index) {
      out += "[" + tok + "]";
    } else {
      out += (out.empty() ? "" : ".") + tok;
    }
    i = next + 1;
  }
  return out;
}

struct Ctx {
  const LocatedJson& doc;
  const std::string& source;
  Unexpected<FileError> fail(const std::string& pointer, const std::string& reason) const {
    return unexpected(FileError{source, doc.line_of(pointer), dotted(pointer), reason});
  }
};

Result<double, FileError> number_at(const Ctx& ctx, const json& obj, const std::string& ptr,
                                    const char* key, std::optional<double> fallback) {
  const std::string p = ptr + "/" + key;
  if (!obj.contains(key)) {
    if (fallback) {
      return *fallback;
    }
    return ctx.fail(p, "missing");
  }
  const json& v = obj.at(key);
  if (!v.is_number()) {
    return ctx.fail(p, fmt::format("expected a number, got {}", v.type_name()));
  }
  const double d = v.get<double>();
  if (!std::isfinite(d)) {
    return ctx.fail(p, "not a finite number");
  }
  return d;
}

Result<Vec2, FileError> position_at(const Ctx& ctx, const json& pos, const std::string& ptr,
                                    const EnuFrame& frame) {
  if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
    return ctx.fail(ptr, "expected a position [lon, lat]");
  }
  const double lon = pos[0].get<double>();
  const double lat = pos[1].get<double>();
  if (!(std::abs(lat) <= 90.0) || !(std::abs(lon) <= 180.0)) {
    return ctx.fail(ptr, fmt::format("position out of range: lon {}, lat {}", lon, lat));
  }
  const Vec3 enu = frame.to_enu(Geodetic{lat, lon, frame.origin().alt_m});
  return Vec2{enu.x(), enu.y()};
}

Result<Zone, FileError> read_feature(const Ctx& ctx, const json& f, std::size_t i,
                                     const EnuFrame& frame) {
  const std::string ptr = fmt::format("/features/{}", i);
  if (!f.is_object()) {
    return ctx.fail(ptr, "expected a Feature object");
  }
  Zone z;
  const json empty = json::object();
  const json& props = f.contains("properties") && f["properties"].is_object() ? f["properties"]
                                                                                : empty;
  const std::string pp = ptr + "/properties";
  if (!props.contains("name") || !props["name"].is_string()) {
    return ctx.fail(pp + "/name", "missing or not a string");
  }
  z.name = props["name"].get<std::string>();
  if (z.name.empty()) {
    return ctx.fail(pp + "/name", "empty zone name");
  }
  if (!props.contains("level")) {
    return ctx.fail(pp + "/level", "missing (expected \"warning\" or \"protected\")");
  }
  const json& lv = props["level"];
  if (lv == "warning") {
    z.level = ZoneLevel::Warning;
  } else if (lv == "protected") {
    z.level = ZoneLevel::Protected;
  } else {
    return ctx.fail(pp + "/level",
                    fmt::format("invalid level {} (expected \"warning\" or \"protected\")",
                                lv.dump()));
  }
  auto floor = number_at(ctx, props, pp, "floor_m", -1e9);
  if (!floor) {
    return unexpected(floor.error());
  }
  auto ceiling = number_at(ctx, props, pp, "ceiling_m", 1e9);
  if (!ceiling) {
    return unexpected(ceiling.error());
  }
  z.floor_m = *floor;
  z.ceiling_m = *ceiling;
  if (z.ceiling_m <= z.floor_m) {
    return ctx.fail(pp + "/ceiling_m",
                    fmt::format("ceiling {} m is not above floor {} m", z.ceiling_m, z.floor_m));
  }
  for (const auto& [k, v] : props.items()) {
    if (k == "name" || k == "level" || k == "floor_m" || k == "ceiling_m" || k == "radius_m") {
      continue;
    }
    z.properties.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
  }

  const std::string gp = ptr + "/geometry";
  if (!f.contains("geometry") || !f["geometry"].is_object()) {
    return ctx.fail(gp, "missing geometry");
  }
  const json& g = f["geometry"];
  const std::string type = g.value("type", "");
  if (!g.contains("coordinates")) {
    return ctx.fail(gp + "/coordinates", "missing");
  }
  const json& coords = g["coordinates"];
  if (type == "Polygon") {
    if (!coords.is_array() || coords.empty() || !coords[0].is_array()) {
      return ctx.fail(gp + "/coordinates", "expected an array of linear rings");
    }
    const json& ring = coords[0];
    for (std::size_t k = 0; k < ring.size(); ++k) {
      auto p = position_at(ctx, ring[k], fmt::format("{}/coordinates/0/{}", gp, k), frame);
      if (!p) {
        return unexpected(p.error());
      }
      z.polygon.push_back(*p);
    }
    if (z.polygon.size() >= 2 && (z.polygon.front() - z.polygon.back()).norm() < 1e-6) {
      z.polygon.pop_back();  // GeoJSON rings repeat the first position at the end
    }
    if (z.polygon.size() < 3) {
      return ctx.fail(gp + "/coordinates/0", "a polygon needs at least 3 distinct positions");
    }
  } else if (type == "Point") {
    auto c = position_at(ctx, coords, gp + "/coordinates", frame);
    if (!c) {
      return unexpected(c.error());
    }
    auto r = number_at(ctx, props, pp, "radius_m", std::nullopt);
    if (!r) {
      return unexpected(r.error());
    }
    if (*r <= 0.0) {
      return ctx.fail(pp + "/radius_m", "radius must be positive");
    }
    z.circle_center = *c;
    z.circle_radius_m = *r;
  } else {
    return ctx.fail(gp + "/type",
                    fmt::format("unsupported geometry \"{}\" (Polygon, or Point with radius_m)",
                                type));
  }
  return z;
}

}  // namespace

Result<std::vector<Zone>, FileError> parse_zones_geojson(std::string_view text,
                                                         const std::string& source,
                                                         const EnuFrame& frame) {
  auto doc = parse_located_json(text, source);
  if (!doc) {
    return unexpected(doc.error());
  }
  const Ctx ctx{*doc, source};
  const json& root = doc->value;
  if (!root.is_object() || root.value("type", "") != "FeatureCollection") {
    return ctx.fail("/type", "expected a GeoJSON FeatureCollection");
  }
  if (!root.contains("features") || !root["features"].is_array()) {
    return ctx.fail("/features", "missing or not an array");
  }
  std::vector<Zone> zones;
  const json& feats = root["features"];
  for (std::size_t i = 0; i < feats.size(); ++i) {
    auto z = read_feature(ctx, feats[i], i, frame);
    if (!z) {
      return unexpected(z.error());
    }
    for (const auto& other : zones) {
      if (other.name == z->name) {
        return ctx.fail(fmt::format("/features/{}/properties/name", i),
                        fmt::format("duplicate zone name \"{}\"", z->name));
      }
    }
    zones.push_back(std::move(*z));
  }
  return zones;
}

Result<std::vector<Zone>, FileError> read_zones_geojson(const std::filesystem::path& path,
                                                        const EnuFrame& frame) {
  auto text = read_file_text(path);
  if (!text) {
    return unexpected(text.error());
  }
  return parse_zones_geojson(*text, path.string(), frame);
}

Result<void, FileError> write_zones_geojson(const std::filesystem::path& path,
                                            const std::vector<Zone>& zones,
                                            const EnuFrame& frame) {
  json fc = {{"type", "FeatureCollection"}, {"features", json::array()}};
  auto lonlat = [&](const Vec2& p) {
    const Geodetic g = frame.to_geodetic(Vec3{p.x(), p.y(), 0.0});
    // 1e-8 degree is about 1 mm: enough, and stable across platforms.
    return json::array({std::round(g.lon_deg * 1e8) / 1e8, std::round(g.lat_deg * 1e8) / 1e8});
  };
  for (const auto& z : zones) {
    json props = {{"name", z.name}, {"level", std::string(to_string(z.level))},
                  {"floor_m", z.floor_m}, {"ceiling_m", z.ceiling_m}};
    for (const auto& [k, v] : z.properties) {
      props[k] = v;
    }
    json geom;
    if (!z.polygon.empty()) {
      json ring = json::array();
      for (const auto& p : z.polygon) {
        ring.push_back(lonlat(p));
      }
      ring.push_back(lonlat(z.polygon.front()));
      geom = {{"type", "Polygon"}, {"coordinates", json::array({ring})}};
    } else {
      props["radius_m"] = z.circle_radius_m;
      geom = {{"type", "Point"}, {"coordinates", lonlat(z.circle_center)}};
    }
    fc["features"].push_back({{"type", "Feature"}, {"properties", props}, {"geometry", geom}});
  }
  return write_file_text(path, fc.dump(1) + "\n");
}

}  // namespace dewline::ingest
