#include "ingest/adsb/aircraft_table.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ingest/adsb/sbs_parser.hpp"

namespace dewline::ingest::adsb {
namespace {

constexpr double kEarthRadiusNm = 3440.065;
constexpr double kHalfZoneAirborneNm = 180.0;  // local decode is unambiguous within this
constexpr double kHalfZoneSurfaceNm = 45.0;

Duration abs_duration(Duration d) { return d.ns < 0 ? -d : d; }

bool is_df_with_ac13(std::uint8_t df) { return df == 0 || df == 4 || df == 16 || df == 20; }

}  // namespace

double distance_nm(const LatLon& a, const LatLon& b) {
  const double k = std::numbers::pi / 180.0;
  const double dlat = (b.lat_deg - a.lat_deg) * k;
  const double dlon = (b.lon_deg - a.lon_deg) * k;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat_deg * k) * std::cos(b.lat_deg * k) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2.0 * kEarthRadiusNm * std::asin(std::min(1.0, std::sqrt(h)));
}

const AircraftState* AircraftTable::find(std::uint32_t icao) const {
  const auto it = std::lower_bound(aircraft_.begin(), aircraft_.end(), icao,
                                   [](const AircraftState& a, std::uint32_t v) { return a.icao < v; });
  return it != aircraft_.end() && it->icao == icao ? &*it : nullptr;
}

bool AircraftTable::verified(std::uint32_t icao, Time time) const {
  const AircraftState* a = find(icao);
  return a != nullptr && a->verified_time &&
         abs_duration(time - *a->verified_time) <= config_.address_memory;
}

void AircraftTable::expire(Time time) {
  const auto before = aircraft_.size();
  std::erase_if(aircraft_, [&](const AircraftState& a) {
    return a.last_seen + config_.aircraft_timeout < time;
  });
  stats_.evicted += before - aircraft_.size();
}

AircraftState& AircraftTable::entry(std::uint32_t icao, Time time) {
  auto it = std::lower_bound(aircraft_.begin(), aircraft_.end(), icao,
                             [](const AircraftState& a, std::uint32_t v) { return a.icao < v; });
  if (it != aircraft_.end() && it->icao == icao) {
    return *it;
  }
  if (config_.max_aircraft > 0 && aircraft_.size() >= config_.max_aircraft) {
    // Full: drop the entry heard from least recently (lowest address on ties).
    const auto stalest = std::min_element(
        aircraft_.begin(), aircraft_.end(), [](const AircraftState& a, const AircraftState& b) {
          return a.last_seen != b.last_seen ? a.last_seen < b.last_seen : a.icao < b.icao;
        });
    aircraft_.erase(stalest);
    ++stats_.evicted;
    it = std::lower_bound(aircraft_.begin(), aircraft_.end(), icao,
                          [](const AircraftState& a, std::uint32_t v) { return a.icao < v; });
  }
  AircraftState fresh;
  fresh.icao = icao;
  fresh.first_seen = time;
  fresh.last_seen = time;
  return *aircraft_.insert(it, fresh);
}

bool AircraftTable::within_range(const LatLon& p) const {
  return !config_.receiver || distance_nm(*config_.receiver, p) <= config_.max_range_nm;
}

void AircraftTable::update(const ModeSMessage& m, Time time, std::optional<std::uint8_t> signal,
                           AircraftReport& out) {
  if (++updates_ % 256 == 0) {
    expire(time);
  }
  out = AircraftReport{};
  out.time = time;
  // An AA address under a good parity is reliable for this message; only DF17 and DF11 with
  // II = 0 verify it for later AP replies (DF18 may come from non-transponder devices).
  const bool announces = m.icao_source == IcaoSource::AddressAnnounced && m.parity_checked;
  const bool verifies = announces && (m.df == 17 || (m.df == 11 && m.ii == 0));
  out.icao_verified = announces || verified(m.icao, time);
  if (!out.icao_verified) {
    ++stats_.unverified_ap;
    out.aircraft.icao = m.icao;
    out.aircraft.last_seen = time;
    if (m.altitude && is_df_with_ac13(m.df)) {
      out.aircraft.altitude_baro_ft = m.altitude->feet;
      out.aircraft.altitude_baro_time = time;
    }
    out.aircraft.squawk = m.squawk;
    if (m.comm_b_callsign) {
      out.aircraft.callsign = *m.comm_b_callsign;
    }
    return;
  }
  AircraftState& a = entry(m.icao, time);
  a.last_seen = time;
  if (signal) {
    a.signal = signal;
  }
  if (verifies) {
    a.verified_time = time;
  }
  if (m.df == 18 && m.cf == 1) {
    a.non_icao = true;
  }
  if (m.altitude && is_df_with_ac13(m.df)) {
    a.altitude_baro_ft = m.altitude->feet;
    a.altitude_baro_time = time;
    a.altitude_q_bit = m.altitude->q_bit;
  }
  if ((m.df == 0 || m.df == 16) && m.vs) {
    a.on_ground = *m.vs == 1;
  }
  if (m.squawk) {
    a.squawk = m.squawk;
  }
  if (m.comm_b_callsign) {
    a.callsign = *m.comm_b_callsign;
  }
  if (m.is_extended_squitter()) {
    apply_extended_squitter(m, time, a, out);
  }
  out.aircraft = a;
  out.tracked = true;
}

void AircraftTable::apply_extended_squitter(const ModeSMessage& m, Time time, AircraftState& a,
                                            AircraftReport& out) {
  const std::uint8_t tc = *m.typecode;
  if (m.altitude) {
    if (m.altitude_source == AltitudeSource::Gnss) {
      a.altitude_gnss_ft = m.altitude->feet;
      a.altitude_gnss_time = time;
    } else {
      a.altitude_baro_ft = m.altitude->feet;
      a.altitude_baro_time = time;
      a.altitude_q_bit = m.altitude->q_bit;
    }
  }
  if (const auto* id = m.es_as<EsIdentification>()) {
    a.callsign = id->callsign;
    a.category_set = tc;
    a.category = id->category;
  } else if (const auto* p = m.es_as<EsPosition>()) {
    a.position_typecode = tc;
    if (!p->surface) {
      a.nic_b = p->nic_b;
    }
    resolve_position(*p, tc, time, a, out);
  } else if (const auto* v = m.es_as<EsVelocity>()) {
    if (v->subtype >= 1 && v->subtype <= 4) {
      a.velocity_time = time;
      a.velocity_subtype = v->subtype;
      a.nac_v = v->nac_v;
      a.v_east_kt = v->v_east_kt ? std::optional<double>(*v->v_east_kt) : std::nullopt;
      a.v_north_kt = v->v_north_kt ? std::optional<double>(*v->v_north_kt) : std::nullopt;
      a.ground_speed_kt = v->ground_speed_kt;
      a.track_deg = v->track_deg;
      a.heading_deg = v->heading_deg;
      a.airspeed_kt = v->airspeed_kt;
      a.airspeed_type = v->airspeed_type;
      a.vertical_rate_fpm = v->vertical_rate_fpm;
      a.vertical_rate_source = v->vertical_rate_source;
      if (v->geo_minus_baro_ft) {
        a.geo_minus_baro_ft = v->geo_minus_baro_ft;
        a.geo_minus_baro_time = time;
      }
    }
  } else if (const auto* t = m.es_as<EsTargetState>()) {
    if (t->subtype == 1) {
      a.nac_p = t->nac_p;
      a.nic_baro = t->nic_baro;
      a.sil = t->sil;
    }
  } else if (const auto* s = m.es_as<EsOperationalStatus>()) {
    a.version = s->version;
    if (s->version >= 1 && s->subtype <= 1) {
      a.nac_p = s->nac_p;
      a.nic_supplement_a = s->nic_supplement_a;
      a.nic_baro = s->nic_baro;
      a.sil = s->sil;
    }
  }
}

void AircraftTable::resolve_position(const EsPosition& p, std::uint8_t tc, Time time,
                                     AircraftState& a, AircraftReport& out) {
  (void)tc;
  std::optional<TimedCpr>& same = p.surface ? (p.cpr.odd ? a.surface_odd : a.surface_even)
                                            : (p.cpr.odd ? a.airborne_odd : a.airborne_even);
  const std::optional<TimedCpr>& other = p.surface
                                             ? (p.cpr.odd ? a.surface_even : a.surface_odd)
                                             : (p.cpr.odd ? a.airborne_even : a.airborne_odd);
  same = TimedCpr{p.cpr, time};

  // A reference for surface quadrant selection and local decoding: the aircraft's own recent
  // position first, else the receiver.
  const bool own_recent = a.position &&
                          abs_duration(time - a.position_time) <= config_.local_reference_max_age;
  std::optional<LatLon> pos;
  CprMethod method = CprMethod::Global;

  const Duration window = p.surface ? config_.surface_pair_window : config_.airborne_pair_window;
  if (other && abs_duration(time - other->time) <= window) {
    const CprFrame& even = p.cpr.odd ? other->frame : p.cpr;
    const CprFrame& odd = p.cpr.odd ? p.cpr : other->frame;
    if (!p.surface) {
      pos = cpr_decode_airborne_global(even, odd, p.cpr.odd);
      if (!pos) {
        ++stats_.cpr_global_failed;
      }
    } else {
      const std::optional<LatLon> ref = own_recent ? a.position : config_.receiver;
      if (ref) {
        pos = cpr_decode_surface_global(even, odd, p.cpr.odd, *ref);
        if (!pos) {
          ++stats_.cpr_global_failed;
        }
      }
    }
  }
  if (!pos && own_recent && a.on_ground == p.surface) {
    pos = p.surface ? cpr_decode_surface_local(p.cpr, *a.position)
                    : cpr_decode_airborne_local(p.cpr, *a.position);
    method = CprMethod::LocalAircraft;
  }
  if (!pos && config_.receiver) {
    const LatLon cand = p.surface ? cpr_decode_surface_local(p.cpr, *config_.receiver)
                                  : cpr_decode_airborne_local(p.cpr, *config_.receiver);
    const double limit = p.surface ? kHalfZoneSurfaceNm : kHalfZoneAirborneNm;
    if (distance_nm(cand, *config_.receiver) <= limit) {
      pos = cand;
      method = CprMethod::LocalReceiver;
    }
  }
  if (!pos) {
    ++stats_.cpr_no_reference;
    return;
  }
  if (!within_range(*pos)) {
    ++stats_.cpr_out_of_range;
    return;
  }
  switch (method) {
    case CprMethod::Global: ++stats_.cpr_global; break;
    case CprMethod::LocalAircraft: ++stats_.cpr_local_aircraft; break;
    case CprMethod::LocalReceiver: ++stats_.cpr_local_receiver; break;
    case CprMethod::Reported: break;
  }
  a.position = pos;
  a.position_time = time;
  a.position_method = method;
  a.on_ground = p.surface;
  out.new_position = true;
}

void AircraftTable::update(const SbsRecord& r, Time time, AircraftReport& out) {
  if (++updates_ % 256 == 0) {
    expire(time);
  }
  out = AircraftReport{};
  out.time = time;
  out.icao_verified = true;
  AircraftState& a = entry(r.icao, time);
  a.last_seen = time;
  a.verified_time = time;
  a.non_icao = r.non_icao;
  if (!r.callsign.empty()) {
    a.callsign = r.callsign;
  }
  if (r.altitude_ft) {
    if (r.altitude_gnss) {
      a.altitude_gnss_ft = r.altitude_ft;
      a.altitude_gnss_time = time;
    } else {
      a.altitude_baro_ft = r.altitude_ft;
      a.altitude_baro_time = time;
    }
  }
  if (r.ground_speed_kt || r.vertical_rate_fpm || r.track_deg) {
    a.velocity_time = time;
    a.velocity_subtype = 1;
    a.ground_speed_kt = r.ground_speed_kt;
    a.track_deg = r.track_deg;
    a.v_east_kt.reset();
    a.v_north_kt.reset();
    if (r.ground_speed_kt && r.track_deg) {
      const double k = std::numbers::pi / 180.0;
      a.v_east_kt = *r.ground_speed_kt * std::sin(*r.track_deg * k);
      a.v_north_kt = *r.ground_speed_kt * std::cos(*r.track_deg * k);
    }
    a.heading_deg.reset();
    a.airspeed_kt.reset();
    a.vertical_rate_fpm = r.vertical_rate_fpm;
    a.vertical_rate_source =
        r.vertical_rate_gnss ? VerticalRateSource::Gnss : VerticalRateSource::Baro;
  }
  if (r.squawk) {
    a.squawk = r.squawk;
  }
  if (r.on_ground) {
    a.on_ground = *r.on_ground;
  }
  if (r.lat_deg && r.lon_deg) {
    a.position = LatLon{*r.lat_deg, *r.lon_deg};
    a.position_time = time;
    a.position_method = CprMethod::Reported;
    a.on_ground = r.on_ground.value_or(r.transmission_type == 2);
    out.new_position = true;
  }
  out.aircraft = a;
  out.tracked = true;
}

}  // namespace dewline::ingest::adsb
