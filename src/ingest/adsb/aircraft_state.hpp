// aircraft_state.hpp: what dewline knows about one aircraft from its ADS-B / Mode S messages,
// and the report produced for each message (the input of to_detection).
//
// AircraftState is a plain value kept by AircraftTable, one per 24-bit address: the last CPR
// frames of each format (for global decoding), the last position, identity, altitude, velocity
// and the accuracy figures (NACp, NACv, NIC inputs, version). Each field has the time it was
// last set where its age matters. An AircraftReport is a copy of the state right after one
// message was applied, with what that message changed.
#pragma once

#include <cstdint>
#include <optional>

#include "core/time.hpp"
#include "ingest/adsb/cpr.hpp"
#include "ingest/adsb/mode_s_message.hpp"

namespace dewline::ingest::adsb {

enum class CprMethod : std::uint8_t {
  Global,         // even/odd pair (DO-260B A.1.7.7)
  LocalAircraft,  // one frame relative to the aircraft's own last position
  LocalReceiver,  // one frame relative to the configured receiver position
  Reported,       // given as latitude/longitude by the source (SBS)
};

struct TimedCpr {
  CprFrame frame;
  Time time;
};

struct AircraftState {
  std::uint32_t icao = 0;
  bool non_icao = false;  // DF18 CF=1 or an SBS '~' address
  Time first_seen;
  Time last_seen;
  std::optional<Time> verified_time;  // last DF11 (II=0) / DF17 with good parity from it

  // Last CPR frame of each format, airborne and surface.
  std::optional<TimedCpr> airborne_even, airborne_odd, surface_even, surface_odd;

  std::optional<LatLon> position;
  Time position_time;
  CprMethod position_method = CprMethod::Global;
  bool on_ground = false;
  std::optional<std::uint8_t> position_typecode;  // ES TC of the last position (sets NIC)
  bool nic_b = false;                              // from the last airborne position

  Callsign callsign;
  std::optional<std::uint8_t> category_set;  // ES TC 1..4 of the identification (set A..D)
  std::optional<std::uint8_t> category;      // emitter category within the set
  std::optional<std::uint16_t> squawk;

  std::optional<std::int32_t> altitude_baro_ft;
  Time altitude_baro_time;
  bool altitude_q_bit = true;
  std::optional<std::int32_t> altitude_gnss_ft;
  Time altitude_gnss_time;

  // Velocity from the last TC19 (subtypes 1/2 over ground, 3/4 airspeed).
  std::optional<Time> velocity_time;
  std::uint8_t velocity_subtype = 0;
  std::optional<double> v_east_kt, v_north_kt, ground_speed_kt, track_deg;
  std::optional<double> heading_deg;
  std::optional<std::int32_t> airspeed_kt;
  AirspeedType airspeed_type = AirspeedType::Indicated;
  std::optional<std::int32_t> vertical_rate_fpm;
  VerticalRateSource vertical_rate_source = VerticalRateSource::Gnss;
  std::optional<std::int32_t> geo_minus_baro_ft;
  Time geo_minus_baro_time;

  // Accuracy and integrity (TC31 / TC29 / TC19).
  std::optional<std::uint8_t> version;
  std::optional<std::uint8_t> nac_p;
  std::optional<std::uint8_t> nac_v;
  std::optional<std::uint8_t> sil;
  bool nic_supplement_a = false;
  bool nic_baro = false;
  std::optional<std::uint8_t> signal;  // last Beast signal byte
};

// The aircraft after one message, and what that message did.
struct AircraftReport {
  Time time;                 // the message's time
  AircraftState aircraft;    // state after the message
  bool icao_verified = false;  // AA with good parity, or AP matching a recently verified address
  bool new_position = false;   // this message produced `aircraft.position`
  bool tracked = false;        // the message updated the table (false for unverified AP replies)
};

// Navigation Integrity Category of an airborne/surface position (DO-260B 2.2.3.2.3.1 table
// 2-14, 2.2.3.2.4.1): from the type code and the NIC supplements A (TC31) and B (position).
// nullopt when the type code carries none (TC 0, 18, 22).
[[nodiscard]] std::optional<std::uint8_t> nic_of(std::uint8_t typecode, bool nic_a, bool nic_b);
// Horizontal containment radius Rc (metres) of a NIC value (0 = unknown -> nullopt).
[[nodiscard]] std::optional<double> nic_containment_m(std::uint8_t nic);
// Estimated Position Uncertainty, the 95 % horizontal accuracy bound (metres), of a NACp
// (DO-260B 2.2.3.2.7.2.7 table 2-70); nullopt for 0 (unknown) and reserved values.
[[nodiscard]] std::optional<double> nac_p_epu_m(std::uint8_t nac_p);
// 95 % horizontal velocity error bound (m/s) of a NACv (DO-260B table 2-22); nullopt for 0.
[[nodiscard]] std::optional<double> nac_v_bound_mps(std::uint8_t nac_v);

}  // namespace dewline::ingest::adsb
