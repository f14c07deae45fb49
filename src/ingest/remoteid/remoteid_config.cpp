#include "ingest/remoteid/remoteid_config.hpp"

#include <vector>

namespace dewline::ingest::remoteid {

void read_config(ConfigSection s, RemoteIdConfig& cfg) {
  s.get("name", cfg.name);
  std::uint32_t id = to_underlying(cfg.sensor);
  s.get("sensor_id", id);
  cfg.sensor = SensorId{id};
  if (s.has("position_enu_m")) {
    std::vector<double> p;
    s.get("position_enu_m", p);
    if (p.size() == 3) {
      cfg.position_m = Vec3(p[0], p[1], p[2]);
    } else {
      s.error("position_enu_m", "expected 3 numbers [east, north, up]");
    }
  }
  s.get("input", cfg.input);
  s.get("bpf_filter", cfg.bpf_filter);
  const Range positive{0.0, std::nullopt, true};
  s.get("default_sigma_h_m", cfg.default_sigma_h_m, positive);
  s.get("default_sigma_v_m", cfg.default_sigma_v_m, positive);
  s.get("default_sigma_speed_mps", cfg.default_sigma_speed_mps, positive);
  s.get("baro_as_geodetic_sigma_m", cfg.baro_as_geodetic_sigma_m, Range{0.0, std::nullopt});
  s.get("height_reference_sigma_m", cfg.height_reference_sigma_m, Range{0.0, std::nullopt});
  s.get("max_timestamp_offset_s", cfg.max_timestamp_offset_s, Range{0.0, 1800.0});
  s.get("ua_type_confidence", cfg.ua_type_confidence, Range{0.0, 1.0});
  s.get("emitter_timeout_s", cfg.emitter_timeout_s, positive);
  s.get("max_emitters", cfg.max_emitters, Range{1.0, 1e6});
}

}  // namespace dewline::ingest::remoteid
