// spoof_checks.hpp: plausibility checks on cooperative broadcasts (Remote ID, ADS-B) — does what
// a target says about itself agree with physics and with the other sensors? (issue 5)
//
// Checks, per broadcast identity (Remote ID serial, else ICAO address), from the detections
// the tracker took since the previous report:
//   jump       consecutive reports further apart than their own velocities and any airframe
//              allow (drones: drone_max_speed_mps, aircraft: aircraft_max_speed_mps)
//   radar      the reported position is well inside a radar's coverage, yet none of that
//              radar's plots fall near it over radar_min_looks expected detections
//   offset     a radar track moves exactly as the reports say (velocity within
//              match_velocity_mps, a steady offset) but far from the reported position, and
//              the radar sees nothing at the reported position
//   emitter    one emitter, several identities: reports of different serials that coincide in
//              position and time again and again, or one track whose serial keeps changing
//   signal     the received levels disagree with the reported position: the level difference
//              between two receivers of the same broadcast against free-space loss
//              (20 log10 of the range ratio), or one calibrated receiver's level against
//              rssi_at_1km_db - 20 log10(R / 1 km)
// A flag is sticky: a broadcast that lied once is not trusted again (its identity is no evidence
// and it cannot be allow-listed). Deterministic: ordered containers, detection order.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "assess/assess_config.hpp"
#include "core/detection.hpp"
#include "core/sensor.hpp"
#include "core/track.hpp"

namespace dewline::assess {

struct SpoofFlag {
  std::string identity;  // "rid:1581F5FJD239C00JMP02" or "icao:4b1815"
  std::string check;     // jump, radar, offset, emitter, signal
  std::string reason;    // in words
  Time since;
};

class SpoofChecker {
 public:
  SpoofChecker(SpoofConfig cfg, SensorRegistry sensors);

  // One step: the detections taken since the previous step (time order) and the tracks
  // reported now.
  void update(Time t, std::span<const Detection> detections, const std::vector<Track>& tracks);

  // Why the track's cooperative identity is not to be trusted ("" when it is).
  [[nodiscard]] std::string reason_for(const Track& t) const;
  [[nodiscard]] const std::map<std::string, SpoofFlag>& flags() const { return flags_; }

  // The identity key of a detection or track ("" when it has none).
  [[nodiscard]] static std::string key_of(const Identity& id);

 private:
  struct Report {
    Time time;
    SensorId sensor{};
    Vec3 sensor_position = Vec3::Zero();
    Vec3 position = Vec3::Zero();
    std::optional<Vec3> velocity;
    double sigma_m = 0.0;
    std::optional<double> rssi_db;
  };
  struct Look {
    Time time;
    double pd = 0.0;
    bool hit = false;
  };
  struct Offset {
    Time time;
    Vec3 offset = Vec3::Zero();
  };
  struct IdState {
    bool adsb = false;
    bool has_last = false;
    Report last;
    std::deque<Look> looks;
    std::deque<std::pair<Time, double>> rssi_diff;
    std::map<SensorId, std::deque<std::pair<Time, double>>> rssi_abs;
    std::map<TrackId, std::deque<Offset>> offsets;
    std::map<std::string, std::uint32_t> coincidences;  // other identity -> count
  };

  void flag(const std::string& key, std::string check, std::string reason, Time t);
  void check_jump(const std::string& key, IdState& s, const Report& r);
  void check_signal(const std::string& key, IdState& s, const std::vector<Report>& same_time,
                    Time t);
  void check_radar(const std::string& key, IdState& s, const Report& r,
                   std::span<const Detection* const> plots, Time t);
  void check_offset(const std::string& key, IdState& s, const Report& r,
                    const std::vector<Track>& tracks, Time t);
  void check_emitter(const std::string& key, const Report& r);
  [[nodiscard]] bool radar_silent(const IdState& s) const;

  SpoofConfig cfg_;
  SensorRegistry sensors_;
  std::map<std::string, IdState> ids_;
  std::map<std::string, SpoofFlag> flags_;
  std::map<TrackId, std::set<std::string>> track_serials_;
  std::map<TrackId, std::string> track_flags_;
  std::vector<const Detection*> radar_scratch_;
};

}  // namespace dewline::assess
