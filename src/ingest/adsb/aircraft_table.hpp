// aircraft_table.hpp: per-aircraft state across Mode S messages, and CPR position resolution.
//
// The table is the stateful layer between the stateless Mode S decoder and to_detection:
// - addresses: a DF11 with II = 0 or a DF17 with good parity *verifies* its address (readsb's
//   icaoFilterAdd rule); an Address/Parity reply (DF0/4/5/16/20/21) is reported as verified only
//   when its syndrome equals an address verified within `address_memory`. Unverified AP replies
//   never create or change an entry, so corrupted replies cannot fill the table.
// - positions: each ES position frame is stored by format (even/odd) and kind (airborne/surface).
//   Decoding tries, in order: global with the latest opposite-format frame if received within
//   `airborne_pair_window` (10 s) / `surface_pair_window` (25 s); local relative to the aircraft's
//   own position if that is younger than `local_reference_max_age`; local relative to the
//   receiver if one is configured and the result lies within half a CPR zone of it. A result
//   farther than `max_range_nm` from the receiver (when set) is rejected and counted.
// - everything else (identity, altitude, velocity, NACp) is kept as the latest value with its time.
//
// Entries live in a vector sorted by address (deterministic iteration, binary search); entries
// not heard from for `aircraft_timeout` are dropped, and at most `max_aircraft` are kept (the
// stalest goes first). All times are message times: the table never reads a clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.hpp"
#include "ingest/adsb/aircraft_state.hpp"
#include "ingest/adsb/mode_s_message.hpp"

namespace dewline::ingest::adsb {

struct SbsRecord;

struct AircraftTableConfig {
  std::optional<LatLon> receiver{};  // site / receiver position for local decoding and range checks
  double max_range_nm = 400.0;     // with a receiver: reject positions farther than this
  Duration airborne_pair_window = Duration::from_ms(10'000);
  Duration surface_pair_window = Duration::from_ms(25'000);
  Duration local_reference_max_age = Duration::from_ms(60'000);
  Duration address_memory = Duration::from_ms(60'000);
  Duration aircraft_timeout = Duration::from_ms(300'000);
  std::size_t max_aircraft = 4096;
};

struct AircraftTableStats {
  std::uint64_t cpr_global = 0;
  std::uint64_t cpr_local_aircraft = 0;
  std::uint64_t cpr_local_receiver = 0;
  std::uint64_t cpr_no_reference = 0;   // a frame that could not be decoded yet
  std::uint64_t cpr_global_failed = 0;  // pair straddling a latitude-zone boundary
  std::uint64_t cpr_out_of_range = 0;   // farther than max_range_nm from the receiver
  std::uint64_t unverified_ap = 0;      // AP replies whose address is not (recently) verified
  std::uint64_t evicted = 0;
};

class AircraftTable {
 public:
  explicit AircraftTable(AircraftTableConfig config = {}) : config_(config) {}

  // Applies one decoded Mode S message received at `time` (and the Beast signal byte, if any).
  void update(const ModeSMessage& m, Time time, std::optional<std::uint8_t> signal,
              AircraftReport& out);
  // Applies one SBS record (already decoded by the feeder; its address counts as verified).
  void update(const SbsRecord& r, Time time, AircraftReport& out);

  [[nodiscard]] const AircraftState* find(std::uint32_t icao) const;
  // True when `icao` was verified by a DF11/DF17 within `address_memory` before `time`.
  [[nodiscard]] bool verified(std::uint32_t icao, Time time) const;
  // Drops entries not heard from since `time - aircraft_timeout`.
  void expire(Time time);

  [[nodiscard]] std::size_t size() const { return aircraft_.size(); }
  [[nodiscard]] const std::vector<AircraftState>& all() const { return aircraft_; }
  [[nodiscard]] const AircraftTableStats& stats() const { return stats_; }
  [[nodiscard]] const AircraftTableConfig& config() const { return config_; }

 private:
  AircraftState& entry(std::uint32_t icao, Time time);
  void apply_extended_squitter(const ModeSMessage& m, Time time, AircraftState& a,
                               AircraftReport& out);
  void resolve_position(const EsPosition& p, std::uint8_t tc, Time time, AircraftState& a,
                        AircraftReport& out);
  [[nodiscard]] bool within_range(const LatLon& p) const;

  AircraftTableConfig config_;
  std::vector<AircraftState> aircraft_;  // sorted by icao
  AircraftTableStats stats_;
  std::uint64_t updates_ = 0;
};

// Great-circle distance in nautical miles (spherical Earth, for range checks only).
[[nodiscard]] double distance_nm(const LatLon& a, const LatLon& b);

}  // namespace dewline::ingest::adsb
