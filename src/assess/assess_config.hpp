// assess_config.hpp: every parameter of the assess stage (classification, zones and their rules,
// threat, alerts, spoof checks), its default, and its reading from the [assess] table of a TOML
// file through core/config.hpp (errors name file, line, column and dotted key).
//
//   AssessConfig cfg = AssessConfig::defaults();
//   read_assess_config(doc.root().section("assess"), cfg);   // then doc.finish()
//
// docs/assessment.md explains each rule and default. Zone rules can also come from
// zones.geojson properties (zone_rules.hpp); the [[assess.zone]] tables here override them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/ids.hpp"
#include "core/target_class.hpp"

namespace dewline::assess {

// Friendly identities (DESIGN.md: the operator marks friendlies; config gives the first list).
struct AllowList {
  std::vector<std::string> remote_ids;  // Remote ID UAS serials / session ids, exact match
  std::vector<std::uint32_t> icao24;    // ADS-B addresses
  std::vector<std::string> callsigns;   // ADS-B callsigns, trailing spaces ignored
  [[nodiscard]] bool empty() const {
    return remote_ids.empty() && icao24.empty() && callsigns.empty();
  }
};

// Which tracks may raise alerts for one zone, and how far ahead it looks.
struct ZonePolicy {
  // Coarse classes that can raise alerts here (default: drone).
  std::vector<CoarseClass> alert_classes{CoarseClass::Drone};
  // Whether honest cooperative (Remote ID, not allow-listed) tracks raise alerts here; they are
  // still one threat level below non-cooperative ones.
  bool alert_cooperative = true;
  // Prediction horizon for "will enter" (seconds); 0 = only tracks inside count.
  double horizon_s = 600.0;
  // Lowest threat level that raises an alert (1 low .. 4 critical).
  int min_alert_threat = 2;
  AllowList allow;  // zone-specific friendlies, added to the global list
};

struct ZonePolicyOverride {
  std::string zone;  // zone name it applies to
  std::optional<std::vector<CoarseClass>> alert_classes;
  std::optional<bool> alert_cooperative;
  std::optional<double> horizon_s;
  std::optional<int> min_alert_threat;
  AllowList allow;
};

struct ClassifierConfig {
  // Sliding window of track states the kinematic features are computed over.
  double window_s = 20.0;
  // Features need at least this many states and this much time; before, only sensors,
  // identity and the prior speak.
  std::uint32_t min_samples = 3;
  // Reports of a track younger than this (since its first detection) are not used: its filter
  // is still settling, and its velocity and turns say more about that than about the target.
  double settle_s = 5.0;
  // Prior over the fine classes (unknown excluded): drone multirotor, drone fixed-wing, bird,
  // aeroplane, helicopter, glider. Normalised on use.
  std::vector<double> prior{0.15, 0.05, 0.6, 0.1, 0.05, 0.05};
  // Weight of the kinematic log-likelihood (tempers the naive-Bayes independence assumption).
  double kinematic_weight = 0.6;
  // Time constant of the exponential average of the kinematic log-likelihood over reports.
  double smoothing_s = 8.0;
  // Gain on the averaged kinematic log-likelihood once the window is full.
  double kinematic_gain = 1.0;
  // Exponent on the sensors' fused class probabilities (Track::sensor_class_probabilities).
  double sensor_weight = 0.35;
  // Log-likelihood ratios of identity evidence (natural log).
  double remote_id_drone_llr = 6.0;  // an honest Remote ID broadcast: a drone
  double adsb_manned_llr = 7.0;      // an ADS-B address or callsign: manned aircraft
  // RF evidence is modest: an RF detector gives bearings only, so the tracker can attach an RF
  // report (and its model name) to a bird on the same bearing. Chosen on the tuning set
  // (docs/assessment.md): 4.0 / 1.5 gave 88 false alerts, 2.5 / 1.0 gave 49 at the same median
  // warning ratio, 1.5 / 0.5 gave 41 but classified passive-only drones later.
  double rf_model_drone_llr = 2.5;     // an RF detector named the drone model
  double rf_seen_drone_llr = 1.0;      // an RF detector contributed (drones' control links)
  double acoustic_not_bird_llr = 1.5;  // an acoustic array contributed (rotors and engines)
  // Below this coarse probability the class column says "unknown".
  double decide_min_probability = 0.45;
};

struct ThreatConfig {
  double critical_time_s = 30.0;  // predicted entry into a protected zone within this: critical
  double high_time_s = 120.0;     // ... within this: high; beyond, up to the horizon: medium
  // A predicted entry counts when the straight-line path enters the zone or passes within
  // cpa_sigmas standard deviations (of the cross-track position at closest approach) of it.
  double cpa_sigmas = 2.0;
  double cpa_floor_m = 30.0;   // never tighter than this (unmodelled manoeuvres)
  double min_speed_mps = 0.5;  // slower tracks have no heading: no predicted entry
  // Closing on a protected zone (range rate toward it at least this, and at least this fraction
  // of the speed) within approach_range_m counts as an approach (medium).
  double closing_min_mps = 3.0;
  double closing_min_fraction = 0.7;
  double approach_range_m = 8000.0;
  // Class gates: a track counts as a drone for the rules when p(drone) reaches this.
  double drone_min_probability = 0.7;
  double unknown_max_bird_probability = 0.4;  // "unknown" tracks: only if birds are unlikely
  // An "unknown" track's threat one level below a drone's (off: the same level, so that an
  // unidentified object heading into a protected zone alerts as early as a drone would).
  bool unknown_lowers_level = false;
  double edge_margin_m = 25.0;  // inside-zone hysteresis: leave only beyond this margin
};

struct AlertConfig {
  double raise_after_s = 2.5;    // the condition must hold this long before an alert is raised
  double raise_gap_s = 3.0;      // ... where gaps up to this long do not restart the count
  double clear_after_s = 20.0;   // ... and be absent this long before it is cleared
  double expire_after_s = 10.0;  // a track unreported this long: its alerts expire
  double forget_track_after_s = 60.0;    // per-track state dropped after this long unreported
  std::uint32_t history_snapshots = 10;  // recent track snapshots carried as evidence
  double history_spacing_s = 1.0;
};

// A Remote ID / ADS-B receiver's received level at 1 km (free-space model), for the absolute
// signal-strength check. Without it only the two-receiver difference is used.
struct ReceiverCalibration {
  SensorId sensor{};
  double rssi_at_1km_db = 0.0;
};

struct SpoofConfig {
  bool enabled = true;
  // Jumps: consecutive reports of one identity further apart than their velocities allow.
  double drone_max_speed_mps = 70.0;
  double aircraft_max_speed_mps = 400.0;
  double drone_max_accel_mps2 = 15.0;  // bounds how far a report may stray from its own velocity
  double aircraft_max_accel_mps2 = 30.0;
  double jump_tolerance_m = 60.0;  // drone reports
  double aircraft_jump_tolerance_m = 400.0;
  // Radar silence: the reported position inside a radar's coverage, no plot near it.
  double radar_range_fraction = 0.6;  // only within this fraction of the radar's range
  double radar_gate_m = 40.0;         // plus 3 sigma of the radar and the report
  double radar_min_looks = 12.0;      // expected detections (sum of Pd) before judging
  double radar_max_hit_fraction = 0.15;
  double radar_window_s = 60.0;
  // Far from the radar track whose motion it matches.
  double match_velocity_mps = 2.0;
  double match_min_speed_mps = 3.0;
  double match_min_offset_m = 150.0;
  double match_offset_spread_m = 40.0;
  std::uint32_t match_min_reports = 10;
  // Several identities from one emitter: reports of two serials this close, this often.
  double same_emitter_m = 15.0;
  double same_emitter_dt_s = 1.5;
  std::uint32_t same_emitter_min = 3;
  // Signal strength against the claimed position.
  double rssi_diff_max_db = 6.0;  // two receivers: mean residual of the level difference
  double rssi_abs_max_db = 9.0;   // one calibrated receiver
  std::uint32_t rssi_min_reports = 10;
  std::vector<ReceiverCalibration> receivers;
};

struct AssessConfig {
  ClassifierConfig classifier;
  ThreatConfig threat;
  AlertConfig alerts;
  SpoofConfig spoof;
  AllowList allow;
  // Defaults for every zone of a level, then per-zone overrides by name.
  ZonePolicy protected_policy;
  ZonePolicy warning_policy;
  std::vector<ZonePolicyOverride> zone_overrides;

  static AssessConfig defaults();
};

// Reads the [assess] table into `cfg` (absent keys keep their values). Errors are recorded on the
// document (file, line, key); call ConfigDocument::finish() afterwards.
void read_assess_config(ConfigSection section, AssessConfig& cfg);

// Parses "4b1815" (hex, 6 digits max) into an ICAO 24-bit address.
[[nodiscard]] std::optional<std::uint32_t> parse_icao24(std::string_view hex);

}  // namespace dewline::assess
