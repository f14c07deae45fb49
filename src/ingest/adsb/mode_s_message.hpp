// mode_s_message.hpp: one decoded Mode S reply (ICAO Annex 10 Vol IV, 5th ed., 3.1.2) and its
// extended squitter payload (RTCA DO-260B 2.2.3.2; ICAO Doc 9871 2nd ed. for the register
// layouts). Field names follow the standards (DF, CA, FS, AC, ID, ME, TC); units are in names.
//
// A ModeSMessage is a plain value with fixed-size storage only (no heap), so a decoder can
// fill one in place per message. Fields a format does not carry stay empty (std::optional,
// std::monostate). The ICAO address of an Address/Parity reply (DF0/4/5/16/20/21) is the parity
// syndrome and cannot be verified from the message alone: `icao_source` says so, and
// AircraftTable marks it verified only when that address was seen in a DF11/DF17.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "ingest/adsb/altitude.hpp"
#include "ingest/adsb/bits.hpp"
#include "ingest/adsb/cpr.hpp"

namespace dewline::ingest::adsb {

// Up to 8 characters of the ICAO 6-bit set (Annex 10 Vol IV Table 3-9), trailing spaces
// trimmed. `valid` is false when a code outside A-Z, 0-9 and space was received ('#' is
// written in its place).
struct Callsign {
  std::array<char, 9> text{};  // NUL-terminated
  std::uint8_t size = 0;
  bool valid = true;

  [[nodiscard]] std::string_view view() const { return {text.data(), size}; }
  [[nodiscard]] bool empty() const { return size == 0; }
  // Sets from ASCII (SBS input); keeps at most 8 characters, trims trailing spaces.
  void assign(std::string_view s);
};

// Where the 24-bit address came from.
enum class IcaoSource : std::uint8_t {
  AddressAnnounced,  // AA field (DF11, DF17, DF18): covered by a checkable parity
  AddressParity,     // AP: the parity syndrome (DF0/4/5/16/20/21/24), not verifiable alone
};

enum class AltitudeSource : std::uint8_t { Baro, Gnss };
enum class VerticalRateSource : std::uint8_t { Gnss, Baro };
enum class AirspeedType : std::uint8_t { Indicated, True };

// ES type codes 1-4: aircraft identification and category (DO-260B 2.2.3.2.5).
struct EsIdentification {
  std::uint8_t category = 0;  // ME bits 6-8 (emitter category within the TC's set)
  Callsign callsign;
};

// ES type codes 5-8 (surface) and 9-18, 20-22 (airborne) positions (DO-260B 2.2.3.2.3/4).
struct EsPosition {
  bool surface = false;
  CprFrame cpr;
  bool time_synchronised = false;  // T flag (ME bit 21)
  // Airborne only.
  std::uint8_t surveillance_status = 0;  // ME bits 6-7
  bool nic_b = false;                     // ME bit 8: NIC supplement-B (v2) / SAF (v0, v1)
  // Surface only.
  std::uint8_t movement = 0;                  // ME bits 6-12, raw
  std::optional<double> ground_speed_kt;      // from `movement` (DO-260B table 2-28)
  std::optional<double> ground_track_deg;     // ME bits 14-20 when ME bit 13 says valid
};

// ES type code 19: airborne velocity (DO-260B 2.2.3.2.6).
struct EsVelocity {
  std::uint8_t subtype = 0;  // 1/2: ground speed (normal/supersonic), 3/4: airspeed
  std::uint8_t nac_v = 0;    // ME bits 11-13
  bool intent_change = false;
  // Subtypes 1 and 2: velocity over ground, knots, east and north positive.
  std::optional<std::int32_t> v_east_kt;
  std::optional<std::int32_t> v_north_kt;
  std::optional<double> ground_speed_kt;
  std::optional<double> track_deg;  // true track over ground, clockwise from north
  // Subtypes 3 and 4: heading (magnetic or true, see TC31 HRD) and airspeed.
  std::optional<double> heading_deg;
  std::optional<std::int32_t> airspeed_kt;
  AirspeedType airspeed_type = AirspeedType::Indicated;
  // All subtypes.
  std::optional<std::int32_t> vertical_rate_fpm;  // positive up
  VerticalRateSource vertical_rate_source = VerticalRateSource::Gnss;
  std::optional<std::int32_t> geo_minus_baro_ft;  // GNSS height minus baro altitude
};

// ES type code 28 subtype 1: emergency / priority status and Mode A code (DO-260B 2.2.3.2.7.8).
struct EsAircraftStatus {
  std::uint8_t subtype = 0;
  std::uint8_t emergency_state = 0;
};

// ES type code 29 subtype 1: target state and status, version 2 (DO-260B 2.2.3.2.7.1).
struct EsTargetState {
  std::uint8_t subtype = 0;
  bool sil_supplement = false;
  bool fms_altitude = false;  // selected altitude source: false MCP/FCU, true FMS
  std::optional<std::int32_t> selected_altitude_ft;
  std::optional<double> baro_setting_hpa;
  std::optional<double> selected_heading_deg;
  std::uint8_t nac_p = 0;
  bool nic_baro = false;
  std::uint8_t sil = 0;
  bool tcas_operational = false;
  bool mode_bits_valid = false;  // ME bit 47: autopilot..lnav below are meaningful
  bool autopilot = false, vnav = false, altitude_hold = false, approach = false, lnav = false;
};

// ES type code 31: aircraft operational status (DO-260B 2.2.3.2.7.2). NACp and the rest are
// decoded for versions 1 and 2 only (version 0 has a different layout).
struct EsOperationalStatus {
  std::uint8_t subtype = 0;  // 0 airborne, 1 surface
  std::uint16_t capability_class = 0;  // ME bits 9-24 (airborne) / 9-20 (surface), raw
  std::uint16_t operational_mode = 0;  // ME bits 25-40, raw
  std::uint8_t version = 0;            // ME bits 41-43: 0, 1 (DO-260A), 2 (DO-260B)
  bool nic_supplement_a = false;
  std::uint8_t nac_p = 0;
  std::uint8_t gva = 0;
  std::uint8_t sil = 0;
  bool nic_baro = false;  // airborne; on the surface ME bit 53 is TAH
  bool hrd = false;       // heading reference: false true north, true magnetic
  bool sil_supplement = false;
};

using EsPayload = std::variant<std::monostate, EsIdentification, EsPosition, EsVelocity,
                               EsAircraftStatus, EsTargetState, EsOperationalStatus>;

struct ModeSMessage {
  MessageBytes bytes{};
  std::uint8_t length = 0;  // 7 or 14
  std::uint8_t df = 0;      // downlink format; 24 stands for every Comm-D (DF24..31)
  std::uint32_t icao = 0;
  IcaoSource icao_source = IcaoSource::AddressParity;
  std::uint32_t syndrome = 0;         // parity remainder ("crc_remainder")
  bool parity_checked = false;        // DF11/17/18: PI verified (syndrome 0 / II code)
  std::optional<unsigned> corrected_bit;  // 0-based bit fixed by opt-in 1-bit correction

  // Surveillance and control fields, present according to the DF.
  std::optional<std::uint8_t> ca;  // capability (DF11, DF17)
  std::optional<std::uint8_t> cf;  // control field (DF18)
  std::optional<std::uint8_t> fs;  // flight status (DF4/5/20/21)
  std::optional<std::uint8_t> dr;  // downlink request (DF4/5/20/21)
  std::optional<std::uint8_t> um;  // utility message (DF4/5/20/21)
  std::optional<std::uint8_t> vs;  // vertical status (DF0/16): 0 airborne, 1 on ground
  std::optional<std::uint8_t> cc;  // cross-link capability (DF0)
  std::optional<std::uint8_t> sl;  // sensitivity level (DF0/16)
  std::optional<std::uint8_t> ri;  // reply information (DF0/16)
  std::optional<std::uint8_t> ii;  // interrogator code from a DF11 syndrome (II or SI)

  // Altitude: AC13 (DF0/4/16/20) or the ES airborne position's 12-bit field.
  std::optional<DecodedAltitude> altitude;
  AltitudeSource altitude_source = AltitudeSource::Baro;
  // Mode A code: ID field (DF5/21) or ES TC28.
  std::optional<std::uint16_t> squawk;

  // Extended squitter (DF17, DF18 with CF 0/1/6).
  std::optional<std::uint8_t> typecode;
  EsPayload es;

  // Comm-B (DF20/21): BDS 2,0 aircraft identification, inferred from the MB field.
  std::optional<Callsign> comm_b_callsign;

  [[nodiscard]] bool is_extended_squitter() const { return typecode.has_value(); }
  template <class T>
  [[nodiscard]] const T* es_as() const {
    return std::get_if<T>(&es);
  }
};

}  // namespace dewline::ingest::adsb
