#include "ingest/adsb/message_json.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace dewline::ingest::adsb {
namespace {

using It = std::back_insert_iterator<std::string>;

// Writes `,"key":` then the value; callers start the object with the first key themselves.
template <class T>
void kv(std::string& out, std::string_view key, const T& value) {
  fmt::format_to(It(out), ",\"{}\":{}", key, value);
}
void kv_str(std::string& out, std::string_view key, std::string_view value) {
  // Values written here are ASCII from fixed sets (callsigns are A-Z 0-9 space '#').
  fmt::format_to(It(out), ",\"{}\":\"{}\"", key, value);
}
void kv_bool(std::string& out, std::string_view key, bool value) {
  fmt::format_to(It(out), ",\"{}\":{}", key, value ? "true" : "false");
}
template <class T>
void kv_opt(std::string& out, std::string_view key, const std::optional<T>& value) {
  if (value) {
    kv(out, key, *value);
  }
}

std::string_view cpr_method_name(CprMethod m) {
  switch (m) {
    case CprMethod::Global: return "global";
    case CprMethod::LocalAircraft: return "local_aircraft";
    case CprMethod::LocalReceiver: return "local_receiver";
    case CprMethod::Reported: return "reported";
  }
  return "?";
}

void squawk_kv(std::string& out, std::uint16_t squawk) {
  char s[5];
  squawk_to_chars(squawk, s);
  kv_str(out, "squawk", s);
}

void position_kv(std::string& out, const AircraftReport& r) {
  if (r.new_position && r.aircraft.position) {
    kv(out, "lat", r.aircraft.position->lat_deg);
    kv(out, "lon", r.aircraft.position->lon_deg);
    kv_str(out, "cpr_method", cpr_method_name(r.aircraft.position_method));
  }
}

void es_json(const ModeSMessage& m, const AircraftReport& r, std::string& out) {
  if (const auto* id = m.es_as<EsIdentification>()) {
    kv_str(out, "callsign", id->callsign.view());
    kv(out, "category", static_cast<int>(id->category));
  } else if (const auto* p = m.es_as<EsPosition>()) {
    kv_bool(out, "surface", p->surface);
    kv(out, "cpr_format", p->cpr.odd ? 1 : 0);
    kv(out, "cpr_lat", p->cpr.lat);
    kv(out, "cpr_lon", p->cpr.lon);
    if (p->surface) {
      kv(out, "movement", static_cast<int>(p->movement));
      kv_opt(out, "gs_kt", p->ground_speed_kt);
      kv_opt(out, "track_deg", p->ground_track_deg);
    } else {
      kv(out, "ss", static_cast<int>(p->surveillance_status));
      kv(out, "nic_b", p->nic_b ? 1 : 0);
    }
    position_kv(out, r);
  } else if (const auto* v = m.es_as<EsVelocity>()) {
    kv(out, "subtype", static_cast<int>(v->subtype));
    kv(out, "nac_v", static_cast<int>(v->nac_v));
    if (v->ground_speed_kt) {
      kv(out, "gs_kt", static_cast<long>(std::floor(*v->ground_speed_kt)));
      kv(out, "gs_exact_kt", *v->ground_speed_kt);
    }
    kv_opt(out, "track_deg", v->track_deg);
    kv_opt(out, "v_east_kt", v->v_east_kt);
    kv_opt(out, "v_north_kt", v->v_north_kt);
    kv_opt(out, "heading_deg", v->heading_deg);
    if (v->airspeed_kt) {
      kv(out, v->airspeed_type == AirspeedType::True ? "tas_kt" : "ias_kt", *v->airspeed_kt);
    }
    kv_opt(out, "vrate_fpm", v->vertical_rate_fpm);
    kv_str(out, "vr_source",
           v->vertical_rate_source == VerticalRateSource::Baro ? "baro" : "gnss");
    kv_opt(out, "geo_minus_baro_ft", v->geo_minus_baro_ft);
  } else if (const auto* s = m.es_as<EsAircraftStatus>()) {
    kv(out, "subtype", static_cast<int>(s->subtype));
    kv(out, "emergency_state", static_cast<int>(s->emergency_state));
  } else if (const auto* t = m.es_as<EsTargetState>()) {
    kv(out, "subtype", static_cast<int>(t->subtype));
    if (t->subtype == 1) {
      kv_opt(out, "selected_altitude_ft", t->selected_altitude_ft);
      kv_str(out, "selected_altitude_source", t->fms_altitude ? "fms" : "mcp");
      kv_opt(out, "baro_setting_hpa", t->baro_setting_hpa);
      kv_opt(out, "selected_heading_deg", t->selected_heading_deg);
      kv(out, "nac_p", static_cast<int>(t->nac_p));
      kv(out, "nic_baro", t->nic_baro ? 1 : 0);
      kv(out, "sil", static_cast<int>(t->sil));
      kv_bool(out, "tcas_operational", t->tcas_operational);
      if (t->mode_bits_valid) {
        kv_bool(out, "autopilot", t->autopilot);
        kv_bool(out, "vnav", t->vnav);
        kv_bool(out, "altitude_hold", t->altitude_hold);
        kv_bool(out, "approach", t->approach);
        kv_bool(out, "lnav", t->lnav);
      }
    }
  } else if (const auto* o = m.es_as<EsOperationalStatus>()) {
    kv(out, "subtype", static_cast<int>(o->subtype));
    kv(out, "version", static_cast<int>(o->version));
    if (o->subtype <= 1) {
      kv(out, "capability_class", o->capability_class);
      kv(out, "operational_mode", o->operational_mode);
    }
    if (o->version >= 1) {
      kv(out, "nic_a", o->nic_supplement_a ? 1 : 0);
      kv(out, "nac_p", static_cast<int>(o->nac_p));
      kv(out, "gva", static_cast<int>(o->gva));
      kv(out, "sil", static_cast<int>(o->sil));
      kv(out, "nic_baro", o->nic_baro ? 1 : 0);
      kv(out, "hrd", o->hrd ? 1 : 0);
      kv(out, "sil_supplement", o->sil_supplement ? 1 : 0);
    }
  }
}

void mode_s_json(const DecodedMessage& d, std::string& out) {
  const ModeSMessage& m = d.mode_s;
  const AircraftReport& r = d.report;
  if (d.format == AdsbFormat::Beast) {
    fmt::format_to(It(out), "{{\"frame\":{}", d.index);
    kv(out, "offset", d.offset);
    kv_str(out, "beast_type", std::string_view(reinterpret_cast<const char*>(&d.beast_type), 1));
    kv(out, "timestamp_12mhz", d.timestamp_12mhz);
    kv_opt(out, "signal", d.signal ? std::optional<int>(*d.signal) : std::nullopt);
  } else {
    fmt::format_to(It(out), "{{\"line\":{}", d.index);
  }
  kv(out, "time_s", d.time.seconds());
  fmt::format_to(It(out), ",\"hex\":\"");
  for (std::size_t i = 0; i < m.length; ++i) {
    fmt::format_to(It(out), "{:02x}", m.bytes[i]);
  }
  out += '"';
  kv(out, "df", static_cast<int>(m.df));
  fmt::format_to(It(out), ",\"icao\":\"{:06x}\"", m.icao);
  kv_str(out, "icao_source", m.icao_source == IcaoSource::AddressAnnounced ? "aa" : "ap");
  kv_bool(out, "icao_verified", r.icao_verified);
  kv(out, "crc_remainder", m.syndrome);
  if (m.corrected_bit) {
    kv(out, "corrected_bit", *m.corrected_bit);
  }
  auto u8 = [&](std::string_view key, const std::optional<std::uint8_t>& v) {
    if (v) {
      kv(out, key, static_cast<int>(*v));
    }
  };
  u8("ca", m.ca);
  u8("cf", m.cf);
  u8("fs", m.fs);
  u8("dr", m.dr);
  u8("um", m.um);
  u8("vs", m.vs);
  u8("cc", m.cc);
  u8("sl", m.sl);
  u8("ri", m.ri);
  u8("ii", m.ii);
  if (m.altitude) {
    kv(out, "alt_ft", m.altitude->feet);
    kv_str(out, "alt_source", m.altitude_source == AltitudeSource::Gnss ? "gnss" : "baro");
    kv_bool(out, "q_bit", m.altitude->q_bit);
  }
  if (m.squawk) {
    squawk_kv(out, *m.squawk);
  }
  if (m.typecode) {
    kv(out, "tc", static_cast<int>(*m.typecode));
    es_json(m, r, out);
  }
  if (m.comm_b_callsign) {
    kv_str(out, "bds", "2,0");
    kv_str(out, "callsign", m.comm_b_callsign->view());
  }
  out += '}';
}

void sbs_json(const DecodedMessage& d, std::string& out) {
  const SbsRecord& s = d.sbs;
  fmt::format_to(It(out), "{{\"line\":{}", d.index);
  kv(out, "time_s", d.time.seconds());
  kv(out, "sbs_type", static_cast<int>(s.transmission_type));
  kv(out, "df", sbs_type_df(s.transmission_type));
  fmt::format_to(It(out), ",\"icao\":\"{:06x}\"", s.icao);
  if (s.non_icao) {
    kv_bool(out, "non_icao", true);
  }
  if (!s.callsign.empty()) {
    kv_str(out, "callsign", s.callsign.view());
  }
  if (s.altitude_ft) {
    kv(out, "alt_ft", *s.altitude_ft);
    kv_str(out, "alt_source", s.altitude_gnss ? "gnss" : "baro");
  }
  kv_opt(out, "gs_kt", s.ground_speed_kt);
  kv_opt(out, "track_deg", s.track_deg);
  kv_opt(out, "lat", s.lat_deg);
  kv_opt(out, "lon", s.lon_deg);
  kv_opt(out, "vrate_fpm", s.vertical_rate_fpm);
  if (s.squawk) {
    squawk_kv(out, *s.squawk);
  }
  auto flag = [&](std::string_view key, const std::optional<bool>& v) {
    if (v) {
      kv_bool(out, key, *v);
    }
  };
  flag("alert", s.alert);
  flag("emergency", s.emergency);
  flag("spi", s.spi);
  flag("on_ground", s.on_ground);
  out += '}';
}

}  // namespace

int sbs_type_df(int transmission_type) {
  switch (transmission_type) {
    case 5: return 4;
    case 6: return 5;
    case 7: return 0;
    case 8: return 11;
    default: return 17;
  }
}

void append_message_json(const DecodedMessage& m, std::string& out) {
  if (m.format == AdsbFormat::Sbs) {
    sbs_json(m, out);
  } else {
    mode_s_json(m, out);
  }
}

void append_message_text(const DecodedMessage& d, std::string& out) {
  const AircraftState& a = d.report.aircraft;
  if (d.format == AdsbFormat::Sbs) {
    fmt::format_to(It(out), "line {} MSG,{} {:06x}", d.index, d.sbs.transmission_type, d.sbs.icao);
  } else {
    fmt::format_to(It(out), "{} {} DF{:<2} {:06x}{}", d.format == AdsbFormat::Beast ? "frame" : "line",
                   d.index, d.mode_s.df, d.mode_s.icao, d.report.icao_verified ? "" : "?");
    if (d.mode_s.typecode) {
      fmt::format_to(It(out), " TC{}", *d.mode_s.typecode);
    }
    if (d.mode_s.altitude) {
      fmt::format_to(It(out), " alt {} ft", d.mode_s.altitude->feet);
    }
    if (d.mode_s.squawk) {
      char s[5];
      squawk_to_chars(*d.mode_s.squawk, s);
      fmt::format_to(It(out), " squawk {}", s);
    }
    if (const auto* v = d.mode_s.es_as<EsVelocity>()) {
      if (v->ground_speed_kt && v->track_deg) {
        fmt::format_to(It(out), " gs {:.0f} kt trk {:.1f}", std::floor(*v->ground_speed_kt),
                       *v->track_deg);
      }
      if (v->vertical_rate_fpm) {
        fmt::format_to(It(out), " vs {} fpm", *v->vertical_rate_fpm);
      }
    }
  }
  if (!a.callsign.empty() && (d.format == AdsbFormat::Sbs || d.mode_s.es_as<EsIdentification>() ||
                              d.mode_s.comm_b_callsign)) {
    fmt::format_to(It(out), " {}", a.callsign.view());
  }
  if (d.format == AdsbFormat::Sbs) {
    if (d.sbs.altitude_ft) {
      fmt::format_to(It(out), " alt {} ft", *d.sbs.altitude_ft);
    }
  }
  if (d.report.new_position && a.position) {
    fmt::format_to(It(out), " pos {:.5f},{:.5f} ({})", a.position->lat_deg, a.position->lon_deg,
                   cpr_method_name(a.position_method));
  }
}

}  // namespace dewline::ingest::adsb
