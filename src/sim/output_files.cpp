#include "sim/output_files.hpp"

#include <cmath>
#include <iterator>
#include <numbers>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/exchange/exchange_csv.hpp"
#include "ingest/exchange/native_json.hpp"
#include "ingest/exchange/zones_geojson.hpp"

namespace dewline::sim {
namespace {

using nlohmann::json;

constexpr int kCircleVertices = 72;

json opt_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

json vec3(const Vec3& v) {
  return json::array({v.x(), v.y(), v.z()});
}

json target_json(const BodySummary& b, const Scenario& sc) {
  const BodyInfo& i = b.info;
  const TargetSpec& spec = sc.targets[i.spec_index];
  json j = {{"id", i.target_id},
            {"name", spec.name},
            {"class", std::string(to_string(coarse_of(i.target_class)))},
            {"fine_class", std::string(to_string(i.target_class))},
            {"subclass", spec.subclass},
            {"model", i.model},
            {"hostile", spec.hostile},
            {"rcs_m2", i.rcs_m2},
            {"emitting", i.emitting},
            {"born_s", opt_number(b.born_s)},
            {"last_alive_s", opt_number(b.last_alive_s)},
            {"first_opportunity_s", opt_number(b.first_opportunity_s)},
            {"first_detection_s", opt_number(b.first_detection_s)}};
  j["first_opportunity_sensor"] =
      b.first_opportunity_sensor ? json(to_underlying(*b.first_opportunity_sensor)) : json(nullptr);
  j["first_detection_sensor"] =
      b.first_detection_sensor ? json(to_underlying(*b.first_detection_sensor)) : json(nullptr);
  if (i.remote_id) {
    const RemoteIdSpec& r = *i.remote_id;
    json rid = {{"serial", r.serial}, {"operator_id", r.operator_id}, {"rate_hz", r.rate_hz}};
    if (r.operator_position_m) {
      rid["operator_position_m"] = vec3(*r.operator_position_m);
    }
    if (r.spoofs()) {
      rid["spoof"] = {{"from_s", r.spoof_from_s},
                      {"offset_m", vec3(r.spoof_offset_m)},
                      {"jump_period_s", r.spoof_jump_period_s},
                      {"jump_m", r.spoof_jump_m},
                      {"serials", r.spoof_serials}};
    }
    j["remote_id"] = rid;
  }
  if (i.adsb) {
    json a = {{"icao24", fmt::format("{:06x}", i.adsb->icao24)}, {"callsign", i.adsb->callsign}};
    if (i.adsb->mode3a) {
      a["squawk"] = fmt::format("{:04o}", *i.adsb->mode3a);
    }
    j["adsb"] = a;
  }
  if (i.emitter_position_m) {
    j["emitter_position_m"] = vec3(*i.emitter_position_m);
  }
  return j;
}

Result<void, std::string> check(const Result<void, ingest::FileError>& r) {
  if (!r) {
    return unexpected(r.error().message());
  }
  return {};
}

}  // namespace

std::vector<Zone> zones_for_geojson(const std::vector<Zone>& zones) {
  std::vector<Zone> out = zones;
  for (Zone& z : out) {
    if (!z.polygon.empty()) {
      continue;
    }
    // Circumscribed polygon: its edges touch the circle, so it contains it.
    const double r = z.circle_radius_m / std::cos(std::numbers::pi / kCircleVertices);
    for (int k = 0; k < kCircleVertices; ++k) {
      const double a = 2.0 * std::numbers::pi * k / kCircleVertices;
      z.polygon.emplace_back(z.circle_center.x() + r * std::cos(a),
                             z.circle_center.y() + r * std::sin(a));
    }
  }
  return out;
}

Result<void, std::string> write_output_files(const std::filesystem::path& dir, const Scenario& sc,
                                             std::uint64_t seed, const SimResult& result) {
  const EnuFrame frame(sc.site);
  DEWLINE_TRY(check(ingest::write_truth_csv(dir / "truth.csv", result.truth)));
  std::vector<ingest::LabelRow> labels;
  for (const auto& b : result.bodies) {
    if (!b.info.physical) {
      continue;
    }
    const TargetSpec& spec = sc.targets[b.info.spec_index];
    labels.push_back(ingest::LabelRow{b.info.target_id, coarse_of(b.info.target_class),
                                      spec.subclass, spec.hostile});
  }
  DEWLINE_TRY(check(ingest::write_labels_csv(dir / "labels.csv", labels)));
  DEWLINE_TRY(check(ingest::write_site_csv(dir / "site.csv", sc.site)));
  DEWLINE_TRY(check(
      ingest::write_zones_geojson(dir / "zones.geojson", zones_for_geojson(sc.zones), frame)));
  if (sc.output.native) {
    DEWLINE_TRY(check(ingest::write_sensors_json(dir / "sensors.json", result.sensors)));
  }

  std::string cov = "target_id,sensor_id,first_in_coverage_s,first_detected_s\n";
  auto field = [&](const std::optional<double>& v) {
    if (v) {
      fmt::format_to(std::back_inserter(cov), "{:.3f}", *v);
    }
  };
  for (const auto& c : result.coverage) {
    fmt::format_to(std::back_inserter(cov), "{},{},", c.target_id, to_underlying(c.sensor));
    field(c.first_in_coverage_s);
    cov += ',';
    field(c.first_detected_s);
    cov += '\n';
  }
  DEWLINE_TRY(check(ingest::write_file_text(dir / "coverage.csv", cov)));

  json meta = {
      {"scenario", sc.name},
      {"description", sc.description},
      {"seed", seed},
      {"duration_s", static_cast<double>(sc.duration.ns) / 1e9},
      {"truth_period_s", static_cast<double>(sc.truth_period.ns) / 1e9},
      {"step_s", static_cast<double>(sc.step.ns) / 1e9},
      {"night", sc.night},
      {"site",
       {{"lat_deg", sc.site.lat_deg}, {"lon_deg", sc.site.lon_deg}, {"alt_m", sc.site.alt_m}}},
      {"opportunity_pd", sc.output.opportunity_pd}};
  json sensors = json::array();
  for (std::size_t i = 0; i < result.sensors.size(); ++i) {
    const SensorInfo& s = result.sensors[i];
    sensors.push_back({{"id", to_underlying(s.id)},
                       {"name", s.name},
                       {"kind", std::string(to_string(s.kind))},
                       {"detections", result.detections_per_sensor[i]}});
  }
  meta["sensors"] = sensors;
  json targets = json::array();
  json ghosts = json::array();
  for (const auto& b : result.bodies) {
    (b.info.physical ? targets : ghosts).push_back(target_json(b, sc));
  }
  meta["targets"] = targets;
  meta["ghosts"] = ghosts;
  meta["counts"] = {{"truth_rows", result.truth.size()},
                    {"clutter_plots", result.clutter},
                    {"broadcasts", result.broadcasts}};
  DEWLINE_TRY(check(ingest::write_file_text(dir / "meta.json", meta.dump(1) + "\n")));
  return {};
}

}  // namespace dewline::sim
