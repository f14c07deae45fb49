#include "publish/alert_json.hpp"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/target_class.hpp"

namespace dewline::publish {
namespace {

using nlohmann::json;

double round_to(double v, double q) {
  return std::round(v / q) * q;
}

json vec3(const Vec3& v, double q) {
  return json::array({round_to(v.x(), q), round_to(v.y(), q), round_to(v.z(), q)});
}

json track_json(const Track& t, const EnuFrame* frame) {
  json j = {{"time_s", t.time.seconds()},
            {"track_id", to_underlying(t.id)},
            {"position_m", vec3(t.position_m, 0.01)},
            {"velocity_mps", vec3(t.velocity_mps, 0.01)},
            {"sigma_position_m",
             round_to(std::sqrt(std::max(0.0, t.covariance.topLeftCorner<3, 3>().trace())), 0.01)},
            {"existence", round_to(t.existence_probability, 1e-4)},
            {"hits", t.hits}};
  json sensors = json::array();
  for (SensorId s : t.sensors) {
    sensors.push_back(to_underlying(s));
  }
  j["sensors"] = sensors;
  const Identity& id = t.identity;
  json ident = json::object();
  if (!id.remote_id.empty()) {
    ident["remote_id"] = id.remote_id;
  }
  if (id.icao24) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06x", *id.icao24);
    ident["icao24"] = buf;
  }
  if (!id.callsign.empty()) {
    ident["callsign"] = id.callsign;
  }
  if (!id.emitter_model.empty()) {
    ident["emitter_model"] = id.emitter_model;
  }
  if (!id.operator_id.empty()) {
    ident["operator_id"] = id.operator_id;
  }
  if (id.operator_position_m) {
    ident["operator_position_m"] = vec3(*id.operator_position_m, 0.01);
  }
  if (!ident.empty()) {
    j["identity"] = ident;
  }
  if (frame != nullptr) {
    const Geodetic g = frame->to_geodetic(t.position_m);
    j["lat_deg"] = round_to(g.lat_deg, 1e-7);
    j["lon_deg"] = round_to(g.lon_deg, 1e-7);
    j["alt_m"] = round_to(g.alt_m, 0.01);
  }
  return j;
}

}  // namespace

json alert_to_json(const AlertEvent& e, const EnuFrame* frame) {
  const Assessment& a = e.track.assessment;
  json j = {{"time_s", e.time.seconds()},
            {"alert_id", to_underlying(e.alert_id)},
            {"track_id", to_underlying(e.track_id)},
            {"state", std::string(to_string(e.state))},
            {"zone", e.zone},
            {"level", std::string(to_string(e.level))},
            {"reason", e.reason},
            {"threat", std::string(to_string(e.threat))},
            {"class", std::string(to_string(coarse_of(a.target_class)))},
            {"p_drone", round_to(a.class_probabilities.coarse(CoarseClass::Drone), 1e-4)},
            {"p_bird", round_to(a.class_probabilities.coarse(CoarseClass::Bird), 1e-4)},
            {"p_aircraft", round_to(a.class_probabilities.coarse(CoarseClass::Aircraft), 1e-4)},
            {"time_to_zone_s", round_to(a.time_to_zone_s, 0.01)},
            {"friendly", a.friendly}};
  if (!e.track.spoof_reason.empty()) {
    j["spoof"] = e.track.spoof_reason;
  }
  json history = json::array();
  for (const Track& h : e.history) {
    history.push_back(
        {{"time_s", h.time.seconds()},
         {"position_m", vec3(h.position_m, 0.01)},
         {"velocity_mps", vec3(h.velocity_mps, 0.01)},
         {"threat", std::string(to_string(h.assessment.threat))},
         {"p_drone", round_to(h.assessment.class_probabilities.coarse(CoarseClass::Drone), 1e-4)}});
  }
  j["evidence"] = {{"track", track_json(e.track, frame)},
                   {"threat_reason", a.threat_reason},
                   {"history", history}};
  return j;
}

std::string alert_to_jsonl(const AlertEvent& e, const EnuFrame* frame) {
  return alert_to_json(e, frame).dump();
}

}  // namespace dewline::publish
