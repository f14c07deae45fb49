// extended_squitter.cpp: the ME field of DF17/18 (RTCA DO-260B 2.2.3.2), by type code.
#include <cmath>
#include <numbers>

#include "ingest/adsb/mode_s_decoder.hpp"

namespace dewline::ingest::adsb {
namespace {

std::uint8_t u8(std::uint32_t v) { return static_cast<std::uint8_t>(v); }

// Surface movement code -> ground speed in knots (midpoint of the quantisation step),
// DO-260B 2.2.3.2.4.2 table 2-28. nullopt for 0 (no information) and 125-127 (reserved).
std::optional<double> surface_movement_kt(std::uint32_t mv) {
  if (mv == 0 || mv >= 125) {
    return std::nullopt;
  }
  if (mv == 1) {
    return 0.0;  // stopped
  }
  if (mv == 124) {
    return 175.0;  // >= 175 kt
  }
  struct Band {
    std::uint32_t first;
    double base_kt;
    double step_kt;
  };
  // First code of each band, the speed at its lower edge and the step.
  static constexpr Band kBands[] = {{109, 100.0, 5.0}, {94, 70.0, 2.0}, {39, 15.0, 1.0},
                                    {13, 2.0, 0.5},    {9, 1.0, 0.25},  {3, 0.125, 0.875 / 6.0}};
  for (const Band& b : kBands) {
    if (mv >= b.first) {
      return b.base_kt + (static_cast<double>(mv - b.first) + 0.5) * b.step_kt;
    }
  }
  return 0.0625;  // code 2: 0 < gs < 0.125 kt
}

void decode_identification(const MessageBytes& m, ModeSMessage& out) {
  EsIdentification id;
  id.category = u8(me_bits(m, 6, 8));
  id.callsign = decode_callsign(m, 32 + 9);
  out.es = id;
}

void decode_airborne_position(const MessageBytes& m, unsigned tc, ModeSMessage& out) {
  EsPosition p;
  p.surveillance_status = u8(me_bits(m, 6, 7));
  p.nic_b = me_bit(m, 8);
  const std::uint32_t ac12 = me_bits(m, 9, 20);
  p.time_synchronised = me_bit(m, 21);
  p.cpr.odd = me_bit(m, 22);
  p.cpr.lat = me_bits(m, 23, 39);
  p.cpr.lon = me_bits(m, 40, 56);
  // TC 20-22 carry GNSS height in the same 12-bit coding (readsb decodes it the same way).
  out.altitude = decode_ac12(ac12);
  out.altitude_source = tc >= 20 ? AltitudeSource::Gnss : AltitudeSource::Baro;
  if (tc == 0) {
    return;  // TC 0: altitude only, no position
  }
  out.es = p;
}

void decode_surface_position(const MessageBytes& m, ModeSMessage& out) {
  EsPosition p;
  p.surface = true;
  p.movement = u8(me_bits(m, 6, 12));
  p.ground_speed_kt = surface_movement_kt(p.movement);
  if (me_bit(m, 13)) {
    p.ground_track_deg = me_bits(m, 14, 20) * 360.0 / 128.0;
  }
  p.time_synchronised = me_bit(m, 21);
  p.cpr.odd = me_bit(m, 22);
  p.cpr.lat = me_bits(m, 23, 39);
  p.cpr.lon = me_bits(m, 40, 56);
  out.es = p;
}

void decode_velocity(const MessageBytes& m, ModeSMessage& out) {
  EsVelocity v;
  v.subtype = u8(me_bits(m, 6, 8));
  if (v.subtype < 1 || v.subtype > 4) {
    out.es = v;  // reserved subtype: keep the type code, no fields
    return;
  }
  v.intent_change = me_bit(m, 9);
  v.nac_v = u8(me_bits(m, 11, 13));
  const std::int32_t factor = (v.subtype == 2 || v.subtype == 4) ? 4 : 1;  // supersonic
  if (v.subtype <= 2) {
    const std::uint32_t ew_raw = me_bits(m, 15, 24);
    const std::uint32_t ns_raw = me_bits(m, 26, 35);
    // 0 means "no information"; the value is raw - 1 knots (times 4 when supersonic).
    if (ew_raw != 0 && ns_raw != 0) {
      const std::int32_t ew = (static_cast<std::int32_t>(ew_raw) - 1) * factor;
      const std::int32_t ns = (static_cast<std::int32_t>(ns_raw) - 1) * factor;
      v.v_east_kt = me_bit(m, 14) ? -ew : ew;    // ME bit 14: 1 = westward
      v.v_north_kt = me_bit(m, 25) ? -ns : ns;   // ME bit 25: 1 = southward
      const double e = *v.v_east_kt;
      const double n = *v.v_north_kt;
      v.ground_speed_kt = std::hypot(e, n);
      double track = std::atan2(e, n) * 180.0 / std::numbers::pi;
      if (track < 0.0) {
        track += 360.0;
      }
      v.track_deg = track;
    }
  } else {
    if (me_bit(m, 14)) {
      v.heading_deg = me_bits(m, 15, 24) * 360.0 / 1024.0;
    }
    const std::uint32_t as_raw = me_bits(m, 26, 35);
    if (as_raw != 0) {
      v.airspeed_kt = (static_cast<std::int32_t>(as_raw) - 1) * factor;
      v.airspeed_type = me_bit(m, 25) ? AirspeedType::True : AirspeedType::Indicated;
    }
  }
  v.vertical_rate_source = me_bit(m, 36) ? VerticalRateSource::Baro : VerticalRateSource::Gnss;
  const std::uint32_t vr_raw = me_bits(m, 38, 46);
  if (vr_raw != 0) {
    const std::int32_t vr = (static_cast<std::int32_t>(vr_raw) - 1) * 64;
    v.vertical_rate_fpm = me_bit(m, 37) ? -vr : vr;  // ME bit 37: 1 = down
  }
  const std::uint32_t d_raw = me_bits(m, 50, 56);
  if (d_raw != 0) {
    const std::int32_t d = (static_cast<std::int32_t>(d_raw) - 1) * 25;
    v.geo_minus_baro_ft = me_bit(m, 49) ? -d : d;  // ME bit 49: 1 = GNSS below baro
  }
  out.es = v;
}

void decode_aircraft_status(const MessageBytes& m, ModeSMessage& out) {
  EsAircraftStatus s;
  s.subtype = u8(me_bits(m, 6, 8));
  if (s.subtype == 1) {
    s.emergency_state = u8(me_bits(m, 9, 11));
    const std::uint32_t id = me_bits(m, 12, 24);
    if (id != 0) {
      out.squawk = decode_id13(id);
    }
  }
  out.es = s;
}

void decode_target_state(const MessageBytes& m, ModeSMessage& out) {
  EsTargetState t;
  t.subtype = u8(me_bits(m, 6, 7));
  if (t.subtype == 1) {
    t.sil_supplement = me_bit(m, 8);
    t.fms_altitude = me_bit(m, 9);
    const std::uint32_t alt = me_bits(m, 10, 20);
    if (alt != 0) {
      t.selected_altitude_ft = (static_cast<std::int32_t>(alt) - 1) * 32;
    }
    const std::uint32_t baro = me_bits(m, 21, 29);
    if (baro != 0) {
      t.baro_setting_hpa = 800.0 + (baro - 1) * 0.8;
    }
    if (me_bit(m, 30)) {
      t.selected_heading_deg = me_bits(m, 31, 39) * 180.0 / 256.0;
    }
    t.nac_p = u8(me_bits(m, 40, 43));
    t.nic_baro = me_bit(m, 44);
    t.sil = u8(me_bits(m, 45, 46));
    t.mode_bits_valid = me_bit(m, 47);
    if (t.mode_bits_valid) {
      t.autopilot = me_bit(m, 48);
      t.vnav = me_bit(m, 49);
      t.altitude_hold = me_bit(m, 50);
      t.approach = me_bit(m, 52);
      t.lnav = me_bit(m, 54);
    }
    t.tcas_operational = me_bit(m, 53);
  }
  out.es = t;
}

void decode_operational_status(const MessageBytes& m, ModeSMessage& out) {
  EsOperationalStatus s;
  s.subtype = u8(me_bits(m, 6, 8));
  s.version = u8(me_bits(m, 41, 43));
  if (s.subtype <= 1) {
    s.capability_class = static_cast<std::uint16_t>(s.subtype == 0 ? me_bits(m, 9, 24)
                                                                    : me_bits(m, 9, 20));
    s.operational_mode = static_cast<std::uint16_t>(me_bits(m, 25, 40));
    if (s.version == 1 || s.version == 2) {
      s.nic_supplement_a = me_bit(m, 44);
      s.nac_p = u8(me_bits(m, 45, 48));
      s.gva = u8(me_bits(m, 49, 50));
      s.sil = u8(me_bits(m, 51, 52));
      s.nic_baro = s.subtype == 0 && me_bit(m, 53);
      s.hrd = me_bit(m, 54);
      s.sil_supplement = s.version == 2 && me_bit(m, 55);
    }
  }
  out.es = s;
}

}  // namespace

void decode_extended_squitter(ModeSMessage& out) {
  const MessageBytes& m = out.bytes;
  const unsigned tc = me_bits(m, 1, 5);
  out.typecode = u8(tc);
  if (tc >= 1 && tc <= 4) {
    decode_identification(m, out);
  } else if (tc >= 5 && tc <= 8) {
    decode_surface_position(m, out);
  } else if (tc == 0 || (tc >= 9 && tc <= 18) || (tc >= 20 && tc <= 22)) {
    decode_airborne_position(m, tc, out);
  } else if (tc == 19) {
    decode_velocity(m, out);
  } else if (tc == 28) {
    decode_aircraft_status(m, out);
  } else if (tc == 29) {
    decode_target_state(m, out);
  } else if (tc == 31) {
    decode_operational_status(m, out);
  }
  // TC 23 (test), 24 (surface system status), 25-27 (reserved), 30: type code only.
}

}  // namespace dewline::ingest::adsb
