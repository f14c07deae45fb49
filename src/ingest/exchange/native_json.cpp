#include "ingest/exchange/native_json.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/exchange/exchange_csv.hpp"

namespace dewline::ingest {
namespace {

using nlohmann::json;

json vec3(const Vec3& v) {
  return json::array({v.x(), v.y(), v.z()});
}
json mat3(const Mat3& m) {
  json a = json::array();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      a.push_back(m(r, c));
    }
  }
  return a;
}

// Small readers that report the path of the offending field.
struct Reader {
  std::string error;

  bool fail(const std::string& path, const std::string& why) {
    if (error.empty()) {
      error = path + ": " + why;
    }
    return false;
  }
  bool number(const json& o, const char* key, const std::string& path, double& out,
              bool required = true) {
    if (!o.contains(key)) {
      return required ? fail(path + key, "missing") : true;
    }
    if (!o[key].is_number()) {
      return fail(path + key, "expected a number");
    }
    out = o[key].get<double>();
    return true;
  }
  bool opt_number(const json& o, const char* key, const std::string& path,
                  std::optional<double>& out) {
    if (!o.contains(key) || o[key].is_null()) {
      return true;
    }
    double v = 0.0;
    if (!number(o, key, path, v)) {
      return false;
    }
    out = v;
    return true;
  }
  // An optional string field: absent leaves `out` as it is.
  bool text(const json& o, const char* key, const std::string& path, std::string& out) {
    if (!o.contains(key)) {
      return true;
    }
    if (!o[key].is_string()) {
      return fail(path + key, "expected a string");
    }
    out = o[key].get<std::string>();
    return true;
  }
  // An optional true/false field: absent leaves `out` as it is.
  bool flag(const json& o, const char* key, const std::string& path, bool& out) {
    if (!o.contains(key)) {
      return true;
    }
    if (!o[key].is_boolean()) {
      return fail(path + key, "expected true or false");
    }
    out = o[key].get<bool>();
    return true;
  }
  // An optional code written as a string of digits in `base` (ICAO address in hex, Mode 3/A in
  // octal), at most `max`. True when present and valid.
  bool code(const json& o, const char* key, const std::string& path, int base, std::uint32_t max,
            std::uint32_t& out) {
    if (!o.contains(key)) {
      return false;
    }
    const json& v = o[key];
    if (!v.is_string()) {
      return fail(path + key, "expected a string");
    }
    const std::string& t = v.get_ref<const std::string&>();
    std::uint32_t x = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), x, base);
    if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || x > max) {
      return fail(path + key, base == 16 ? "expected hex digits" : "expected octal digits");
    }
    out = x;
    return true;
  }
  bool vec(const json& o, const char* key, const std::string& path, Vec3& out) {
    if (!o.contains(key)) {
      return fail(path + key, "missing");
    }
    const json& a = o[key];
    if (!a.is_array() || a.size() != 3 || !a[0].is_number() || !a[1].is_number() ||
        !a[2].is_number()) {
      return fail(path + key, "expected [x, y, z]");
    }
    out = Vec3{a[0].get<double>(), a[1].get<double>(), a[2].get<double>()};
    return true;
  }
  bool mat(const json& o, const char* key, const std::string& path, Mat3& out) {
    if (!o.contains(key)) {
      return fail(path + key, "missing");
    }
    const json& a = o[key];
    if (!a.is_array() || a.size() != 9) {
      return fail(path + key, "expected 9 numbers (row-major 3x3)");
    }
    for (int i = 0; i < 9; ++i) {
      if (!a[static_cast<std::size_t>(i)].is_number()) {
        return fail(path + key, "expected 9 numbers (row-major 3x3)");
      }
      out(i / 3, i % 3) = a[static_cast<std::size_t>(i)].get<double>();
    }
    return true;
  }
};

}  // namespace

json to_json(const Detection& d) {
  json j;
  j["v"] = Detection::kVersion;
  j["time_ns"] = d.time.ns;
  j["time_s"] = d.time.seconds();
  if (d.receive_time != d.time) {
    j["receive_time_ns"] = d.receive_time.ns;
  }
  j["sensor"] = to_underlying(d.sensor);
  j["sensor_position_m"] = vec3(d.sensor_position_m);
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, PolarMeasurement>) {
          json p = {{"range_m", m.range_m},
                    {"azimuth_rad", m.azimuth_rad},
                    {"sigma_range_m", m.sigma_range_m},
                    {"sigma_azimuth_rad", m.sigma_azimuth_rad}};
          if (m.elevation_rad) {
            p["elevation_rad"] = *m.elevation_rad;
            p["sigma_elevation_rad"] = m.sigma_elevation_rad;
          }
          if (m.range_rate_mps) {
            p["range_rate_mps"] = *m.range_rate_mps;
            p["sigma_range_rate_mps"] = m.sigma_range_rate_mps;
          }
          j["polar"] = p;
        } else if constexpr (std::is_same_v<M, BearingMeasurement>) {
          json b = {{"azimuth_rad", m.azimuth_rad}, {"sigma_azimuth_rad", m.sigma_azimuth_rad}};
          if (m.elevation_rad) {
            b["elevation_rad"] = *m.elevation_rad;
            b["sigma_elevation_rad"] = m.sigma_elevation_rad;
          }
          j["bearing"] = b;
        } else {
          json p = {{"position_m", vec3(m.position_m)}, {"covariance_m2", mat3(m.covariance_m2)}};
          if (m.velocity_mps) {
            p["velocity_mps"] = vec3(*m.velocity_mps);
            p["velocity_covariance_m2ps2"] = mat3(m.velocity_covariance_m2ps2);
          }
          j["position"] = p;
        }
      },
      d.measurement);
  if (d.class_probabilities) {
    json c = json::object();
    for (std::size_t i = 0; i < kTargetClassCount; ++i) {
      if (d.class_probabilities->p[i] != 0.0) {
        c[std::string(to_string(static_cast<TargetClass>(i)))] = d.class_probabilities->p[i];
      }
    }
    j["class_probabilities"] = c;
  }
  if (!d.identity.empty()) {
    json id = json::object();
    const Identity& i = d.identity;
    if (!i.remote_id.empty()) {
      id["remote_id"] = i.remote_id;
    }
    if (i.icao24) {
      id["icao24"] = fmt::format("{:06x}", *i.icao24);
    }
    if (!i.callsign.empty()) {
      id["callsign"] = i.callsign;
    }
    if (i.mode3a) {
      id["mode3a"] = fmt::format("{:04o}", *i.mode3a);
    }
    if (i.operator_position_m) {
      id["operator_position_m"] = vec3(*i.operator_position_m);
    }
    if (!i.emitter_model.empty()) {
      id["emitter_model"] = i.emitter_model;
    }
    if (!i.operator_id.empty()) {
      id["operator_id"] = i.operator_id;
    }
    j["identity"] = id;
  }
  if (d.snr_db) {
    j["snr_db"] = *d.snr_db;
  }
  if (d.sensor_object_id) {
    j["sensor_object_id"] = *d.sensor_object_id;
  }
  if (d.truth_id) {
    j["truth_id"] = *d.truth_id;
  }
  return j;
}

Result<Detection, std::string> detection_from_json(const json& j) {
  Reader r;
  Detection d;
  if (!j.is_object()) {
    return unexpected(std::string("expected a JSON object"));
  }
  if (!j.contains("time_ns") || !j["time_ns"].is_number_integer()) {
    return unexpected(std::string("time_ns: missing or not an integer"));
  }
  d.time = Time::from_ns(j["time_ns"].get<std::int64_t>());
  d.receive_time = j.contains("receive_time_ns") && j["receive_time_ns"].is_number_integer()
                       ? Time::from_ns(j["receive_time_ns"].get<std::int64_t>())
                       : d.time;
  if (!j.contains("sensor") || !j["sensor"].is_number_unsigned() ||
      j["sensor"].get<std::uint64_t>() > 0xFFFFFFFFU) {
    return unexpected(std::string("sensor: missing or not a 32-bit non-negative integer"));
  }
  d.sensor = SensorId{j["sensor"].get<std::uint32_t>()};
  if (j.contains("sensor_position_m")) {
    r.vec(j, "sensor_position_m", "", d.sensor_position_m);
  }
  if (j.contains("polar")) {
    const json& p = j["polar"];
    PolarMeasurement m;
    r.number(p, "range_m", "polar.", m.range_m);
    r.number(p, "azimuth_rad", "polar.", m.azimuth_rad);
    r.number(p, "sigma_range_m", "polar.", m.sigma_range_m);
    r.number(p, "sigma_azimuth_rad", "polar.", m.sigma_azimuth_rad);
    r.opt_number(p, "elevation_rad", "polar.", m.elevation_rad);
    r.number(p, "sigma_elevation_rad", "polar.", m.sigma_elevation_rad, false);
    r.opt_number(p, "range_rate_mps", "polar.", m.range_rate_mps);
    r.number(p, "sigma_range_rate_mps", "polar.", m.sigma_range_rate_mps, false);
    d.measurement = m;
  } else if (j.contains("bearing")) {
    const json& b = j["bearing"];
    BearingMeasurement m;
    r.number(b, "azimuth_rad", "bearing.", m.azimuth_rad);
    r.number(b, "sigma_azimuth_rad", "bearing.", m.sigma_azimuth_rad);
    r.opt_number(b, "elevation_rad", "bearing.", m.elevation_rad);
    r.number(b, "sigma_elevation_rad", "bearing.", m.sigma_elevation_rad, false);
    d.measurement = m;
  } else if (j.contains("position")) {
    const json& p = j["position"];
    PositionMeasurement m;
    r.vec(p, "position_m", "position.", m.position_m);
    r.mat(p, "covariance_m2", "position.", m.covariance_m2);
    if (p.contains("velocity_mps")) {
      Vec3 v;
      r.vec(p, "velocity_mps", "position.", v);
      m.velocity_mps = v;
      r.mat(p, "velocity_covariance_m2ps2", "position.", m.velocity_covariance_m2ps2);
    }
    d.measurement = m;
  } else {
    return unexpected(std::string("measurement: none of polar, bearing, position"));
  }
  if (j.contains("class_probabilities")) {
    const json& c = j["class_probabilities"];
    if (!c.is_object()) {
      r.fail("class_probabilities", "expected an object");
    } else {
      ClassProbabilities cp;
      for (const auto& [k, v] : c.items()) {
        auto cls = target_class_from_string(k);
        if (!cls || !v.is_number()) {
          r.fail("class_probabilities." + k, "unknown class or not a number");
          break;
        }
        cp[*cls] = v.get<double>();
      }
      d.class_probabilities = cp;
    }
  }
  if (j.contains("identity") && j["identity"].is_object()) {
    const json& id = j["identity"];
    Identity& i = d.identity;
    r.text(id, "remote_id", "identity.", i.remote_id);
    r.text(id, "callsign", "identity.", i.callsign);
    r.text(id, "emitter_model", "identity.", i.emitter_model);
    r.text(id, "operator_id", "identity.", i.operator_id);
    std::uint32_t code = 0;
    if (r.code(id, "icao24", "identity.", 16, 0xFFFFFF, code)) {
      i.icao24 = code;
    }
    if (r.code(id, "mode3a", "identity.", 8, 07777, code)) {
      i.mode3a = static_cast<std::uint16_t>(code);
    }
    if (id.contains("operator_position_m")) {
      Vec3 v;
      r.vec(id, "operator_position_m", "identity.", v);
      i.operator_position_m = v;
    }
  }
  if (j.contains("snr_db") && j["snr_db"].is_number()) {
    d.snr_db = j["snr_db"].get<double>();
  }
  if (j.contains("sensor_object_id") && j["sensor_object_id"].is_number_unsigned()) {
    d.sensor_object_id = j["sensor_object_id"].get<std::uint64_t>();
  }
  if (j.contains("truth_id") && j["truth_id"].is_number_integer()) {
    d.truth_id = j["truth_id"].get<std::int64_t>();
  }
  if (!r.error.empty()) {
    return unexpected(r.error);
  }
  return d;
}

json to_json(const SensorInfo& s) {
  return json{{"id", to_underlying(s.id)},
              {"name", s.name},
              {"kind", std::string(to_string(s.kind))},
              {"position_m", vec3(s.position_m)},
              {"sigma_range_m", s.sigma_range_m},
              {"sigma_azimuth_rad", s.sigma_azimuth_rad},
              {"sigma_elevation_rad", s.sigma_elevation_rad},
              {"sigma_range_rate_mps", s.sigma_range_rate_mps},
              {"sigma_position_m", s.sigma_position_m},
              {"pd", s.pd},
              {"clutter_per_scan", s.clutter_per_scan},
              {"range_min_m", s.range_min_m},
              {"range_max_m", s.range_max_m},
              {"elevation_max_rad", s.elevation_max_rad},
              {"scan_period_s", s.scan_period_s},
              {"reports_elevation", s.reports_elevation},
              {"plots_share_scan_time", s.plots_share_scan_time}};
}

Result<SensorInfo, std::string> sensor_from_json(const json& j) {
  Reader r;
  SensorInfo s;
  if (!j.is_object() || !j.contains("id") || !j["id"].is_number_unsigned()) {
    return unexpected(std::string("id: missing or not a non-negative integer"));
  }
  if (j["id"].get<std::uint64_t>() > 0xFFFFFFFFU) {
    return unexpected(std::string("id: not a 32-bit integer"));
  }
  s.id = SensorId{j["id"].get<std::uint32_t>()};
  s.name = fmt::format("sensor-{}", to_underlying(s.id));
  r.text(j, "name", "", s.name);
  std::string kind = "other";
  r.text(j, "kind", "", kind);
  if (!r.error.empty()) {
    return unexpected(r.error);
  }
  auto k = sensor_kind_from_string(kind);
  if (!k) {
    return unexpected("kind: unknown sensor kind \"" + kind + "\"");
  }
  s.kind = *k;
  r.vec(j, "position_m", "", s.position_m);
  r.number(j, "sigma_range_m", "", s.sigma_range_m, false);
  r.number(j, "sigma_azimuth_rad", "", s.sigma_azimuth_rad, false);
  r.number(j, "sigma_elevation_rad", "", s.sigma_elevation_rad, false);
  r.number(j, "sigma_range_rate_mps", "", s.sigma_range_rate_mps, false);
  r.number(j, "sigma_position_m", "", s.sigma_position_m, false);
  r.number(j, "pd", "", s.pd, false);
  r.number(j, "clutter_per_scan", "", s.clutter_per_scan, false);
  r.number(j, "range_min_m", "", s.range_min_m, false);
  r.number(j, "range_max_m", "", s.range_max_m, false);
  r.number(j, "elevation_max_rad", "", s.elevation_max_rad, false);
  r.number(j, "scan_period_s", "", s.scan_period_s, false);
  s.reports_elevation = true;
  r.flag(j, "reports_elevation", "", s.reports_elevation);
  s.plots_share_scan_time = false;
  r.flag(j, "plots_share_scan_time", "", s.plots_share_scan_time);
  if (!r.error.empty()) {
    return unexpected(r.error);
  }
  return s;
}

Result<std::vector<Detection>, FileError> read_detections_jsonl(const std::filesystem::path& path,
                                                                std::vector<SkippedRow>* skipped) {
  auto text = read_file_text(path);
  if (!text) {
    return unexpected(text.error());
  }
  return parse_detections_jsonl(*text, path.string(), skipped);
}

Result<std::vector<Detection>, FileError> parse_detections_jsonl(std::string_view t,
                                                                 const std::string& source,
                                                                 std::vector<SkippedRow>* skipped) {
  std::vector<Detection> out;
  std::size_t pos = 0;
  std::size_t line = 0;
  while (pos < t.size()) {
    std::size_t end = t.find('\n', pos);
    if (end == std::string::npos) {
      end = t.size();
    }
    ++line;
    std::string_view l(t.data() + pos, end - pos);
    pos = end + 1;
    if (!l.empty() && l.back() == '\r') {
      l.remove_suffix(1);
    }
    if (l.empty()) {
      continue;
    }
    json j = json::parse(l, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      FileError e{source, line, "", "not a JSON object"};
      if (skipped == nullptr) {
        return unexpected(std::move(e));
      }
      skipped->push_back(SkippedRow{std::move(e), std::nullopt});
      continue;
    }
    auto d = detection_from_json(j);
    if (!d) {
      FileError e{source, line, "", d.error()};
      if (skipped == nullptr) {
        return unexpected(std::move(e));
      }
      std::optional<SensorId> sensor;
      if (j.contains("sensor") && j["sensor"].is_number_unsigned() &&
          j["sensor"].get<std::uint64_t>() <= 0xFFFFFFFFU) {
        sensor = SensorId{j["sensor"].get<std::uint32_t>()};
      }
      skipped->push_back(SkippedRow{std::move(e), sensor});
      continue;
    }
    out.push_back(std::move(*d));
  }
  return out;
}

Result<void, FileError> write_detections_jsonl(const std::filesystem::path& path,
                                               const std::vector<Detection>& detections) {
  std::string out;
  for (const auto& d : detections) {
    out += to_json(d).dump();
    out += '\n';
  }
  return write_file_text(path, out);
}

Result<std::vector<SensorInfo>, FileError> read_sensors_json(const std::filesystem::path& path) {
  auto text = read_file_text(path);
  if (!text) {
    return unexpected(text.error());
  }
  return parse_sensors_json(*text, path.string());
}

Result<std::vector<SensorInfo>, FileError> parse_sensors_json(std::string_view text,
                                                              const std::string& source) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("sensors") || !j["sensors"].is_array()) {
    return unexpected(FileError{source, 0, "", "expected {\"sensors\": [...]}"});
  }
  std::vector<SensorInfo> out;
  std::size_t i = 0;
  for (const auto& s : j["sensors"]) {
    auto si = sensor_from_json(s);
    if (!si) {
      return unexpected(FileError{source, 0, fmt::format("sensors[{}]", i), si.error()});
    }
    out.push_back(std::move(*si));
    ++i;
  }
  return out;
}

Result<void, FileError> write_sensors_json(const std::filesystem::path& path,
                                           const std::vector<SensorInfo>& sensors) {
  json arr = json::array();
  for (const auto& s : sensors) {
    arr.push_back(to_json(s));
  }
  json root = {{"v", Detection::kVersion}, {"sensors", arr}};
  return write_file_text(path, root.dump(1) + "\n");
}

}  // namespace dewline::ingest
