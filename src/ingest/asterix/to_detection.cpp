#include "ingest/asterix/to_detection.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/angles.hpp"
#include "core/log.hpp"

namespace dewline::ingest::asterix {

std::optional<double> elevation_from_height(double range_m, double radar_h_m, double target_h_m) {
  if (!(range_m >= 1.0)) {
    return std::nullopt;
  }
  const double rr = kEarthRadiusM + radar_h_m;
  const double rt = kEarthRadiusM + target_h_m;
  const double s = (rt * rt - rr * rr - range_m * range_m) / (2.0 * rr * range_m);
  if (!(s >= -1.0 && s <= 1.0)) {
    return std::nullopt;  // the height cannot be reached at this range
  }
  return std::asin(s);
}

Cat048ToDetection::Cat048ToDetection(EnuFrame site, std::vector<AsterixRadarConfig> radars)
    : site_(site), configs_(std::move(radars)) {}

std::string_view Cat048ToDetection::reject(std::string_view source, std::string_view reason) {
  if (rejects_.count(source, reason)) {
    log().warn("asterix {}: CAT048 report rejected: {} (total {})", source, reason,
               rejects_.count_of(source, reason));
  }
  return reason;
}

void Cat048ToDetection::set_position(Radar& r, const Geodetic& g) {
  r.position = g;
  r.position_enu = site_.to_enu(g);
  r.to_site = site_.rotation_from_local(g);
}

Cat048ToDetection::Radar* Cat048ToDetection::find(std::uint8_t sac, std::uint8_t sic) {
  for (Radar& r : radars_) {
    if (r.sac == sac && r.sic == sic) {
      return &r;
    }
  }
  // First a config naming this exact SAC and SIC, then the first one that matches (wildcards).
  const AsterixRadarConfig* cfg = nullptr;
  for (const auto& c : configs_) {
    if (c.sac && c.sic && c.matches(sac, sic)) {
      cfg = &c;
      break;
    }
  }
  if (cfg == nullptr) {
    for (const auto& c : configs_) {
      if (c.matches(sac, sic)) {
        cfg = &c;
        break;
      }
    }
  }
  if (cfg == nullptr) {
    return nullptr;
  }
  Radar r;
  r.config = *cfg;
  r.sac = sac;
  r.sic = sic;
  if (cfg->date) {
    r.tod.set_date(*cfg->date);
  }
  if (cfg->position && cfg->position_source != PositionSource::Cat034) {
    set_position(r, *cfg->position);
  }
  radars_.push_back(std::move(r));
  return &radars_.back();
}

void Cat048ToDetection::on_cat034(const Cat034Record& rec) {
  if (!rec.i010 || !rec.i120) {
    return;
  }
  Radar* r = find(rec.i010->sac, rec.i010->sic);
  if (r == nullptr) {
    return;
  }
  const Geodetic g{rec.i120->lat_deg, rec.i120->lon_deg, rec.i120->hgt_m};
  const bool use = r->config.position_source == PositionSource::Cat034 ||
                   (r->config.position_source == PositionSource::Auto && !r->config.position);
  if (use) {
    if (!r->position) {
      log().info("asterix {}: radar position from I034/120: {:.7f} {:.7f} {:.0f} m", r->config.name,
                 g.lat_deg, g.lon_deg, g.alt_m);
      set_position(*r, g);
    } else if (r->position->lat_deg != g.lat_deg || r->position->lon_deg != g.lon_deg ||
               r->position->alt_m != g.alt_m) {
      log().debug("asterix {}: radar position moved (I034/120)", r->config.name);
      set_position(*r, g);
    }
  }
}

std::optional<Geodetic> Cat048ToDetection::radar_position(std::uint8_t sac,
                                                          std::uint8_t sic) const {
  for (const Radar& r : radars_) {
    if (r.sac == sac && r.sic == sic) {
      return r.position;
    }
  }
  for (const auto& c : configs_) {
    if (c.matches(sac, sic) && c.position_source != PositionSource::Cat034) {
      return c.position;
    }
  }
  return std::nullopt;
}

Result<Detection, std::string_view> Cat048ToDetection::convert(const Cat048Record& rec,
                                                               std::optional<Time> reference) {
  if (!rec.i010) {
    return unexpected(reject("unknown", "no_data_source"));
  }
  Radar* radar = find(rec.i010->sac, rec.i010->sic);
  if (radar == nullptr) {
    source_scratch_ = fmt::format("{}/{}", rec.i010->sac, rec.i010->sic);
    return unexpected(reject(source_scratch_, "unknown_source"));
  }
  const std::string& name = radar->config.name;
  if (!rec.i140) {
    return unexpected(reject(name, "no_time_of_day"));
  }
  if (!rec.i040) {
    return unexpected(reject(name, "no_position"));
  }
  if (rec.i020) {
    if (rec.i020->typ == 0) {
      return unexpected(reject(name, "no_detection"));
    }
    if (rec.i020->sim != 0 && !radar->config.accept_simulated) {
      return unexpected(reject(name, "simulated"));
    }
    if ((rec.i020->tst != 0 || rec.i020->rab != 0) && !radar->config.accept_test_targets) {
      return unexpected(reject(name, "test_target"));
    }
  }
  if (!radar->position) {
    return unexpected(reject(name, "no_radar_position"));
  }

  Detection d;
  d.time = radar->tod.resolve(*rec.i140, reference);
  d.receive_time = reference.value_or(d.time);
  d.sensor = radar->config.id;
  d.sensor_position_m = radar->position_enu;

  PolarMeasurement m;
  m.range_m = rec.i040->rho_nm * kMetresPerNm;
  m.sigma_range_m = radar->config.sigma_range_m;
  m.sigma_azimuth_rad = radar->config.sigma_azimuth_rad;
  std::optional<double> el_local;
  if (rec.i090 && radar->config.elevation_from_flight_level) {
    el_local = elevation_from_height(m.range_m, radar->position->alt_m,
                                     rec.i090->fl * 100.0 * kMetresPerFoot);
  }
  // THETA (compass, local north) -> unit direction in the radar's ENU axes -> site ENU axes.
  const double az_local = compass_deg_to_azimuth(rec.i040->theta_deg);
  const Vec3 dir = radar->to_site * polar_to_enu(1.0, az_local, el_local.value_or(0.0));
  m.azimuth_rad = std::atan2(dir.y(), dir.x());
  if (el_local) {
    m.elevation_rad = std::asin(std::clamp(dir.z(), -1.0, 1.0));
    m.sigma_elevation_rad = radar->config.sigma_height_m / std::max(m.range_m, 1.0);
  }
  if (rec.i120 && rec.i120->cal && rec.i120->cal->d == 0) {
    m.range_rate_mps = rec.i120->cal->cal_mps;
  }
  d.measurement = m;

  if (rec.i070 && rec.i070->v == 0 && rec.i070->g == 0) {
    d.identity.mode3a = rec.i070->mode3a;
  }
  if (rec.i220) {
    d.identity.icao24 = *rec.i220;
  }
  if (rec.i240) {
    d.identity.callsign = std::string(rec.i240->trimmed());
  }
  if (rec.i161) {
    d.sensor_object_id = *rec.i161;
  }
  return d;
}

}  // namespace dewline::ingest::asterix
