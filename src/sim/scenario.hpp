// scenario.hpp: a simulation scenario as plain values, after the TOML file has been read and
// checked (scenario_loader.hpp). Everything is in SI units and in the site's ENU frame: positions
// in metres (x east, y north, z up, above the site origin's altitude), angles in radians with
// azimuths counter-clockwise from East (core/angles.hpp). The TOML file uses degrees and compass
// bearings where people think in them; the loader converts.
//
// A scenario is: a site, a duration, protected zones, sensors and targets. docs/simulator.md
// documents every key and model.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/geodesy.hpp"
#include "core/sensor.hpp"
#include "core/target_class.hpp"
#include "core/time.hpp"
#include "core/zone.hpp"
#include "sim/kinematics.hpp"

namespace dewline::sim {

// ---- sensors --------------------------------------------------------------------------------

// Where a sensor looks: range, elevation and azimuth limits.
struct Coverage {
  double range_min_m = 0.0;
  double range_max_m = 5000.0;
  double elevation_min_rad = -0.03490658503988659;  // -2 degrees
  double elevation_max_rad = 1.5707963267948966;
  // Azimuth sector, counter-clockwise from `sector_start_rad` over `sector_width_rad`
  // (2 pi: all round).
  double sector_start_rad = 0.0;
  double sector_width_rad = 6.283185307179586;
};

enum class PdModel : std::uint8_t {
  Fixed,          // every target in coverage is detected with probability `pd`
  RadarEquation,  // SNR ~ RCS / R^4 against a threshold, with Swerling fluctuation
};

// Rotating and electronically scanned radars share one measurement model; they differ in how
// the beam sweeps (radar_model.hpp).
struct RadarSpec {
  bool electronic = false;  // ESA: sweeps its sector once per period; else rotates 360
  bool clockwise = true;    // rotation sense seen from above (rotating radars)
  double start_azimuth_rad = 1.5707963267948966;  // beam azimuth at t = 0 (rotating)
  double scan_period_s = 1.0;
  double sigma_range_m = 5.0;
  double sigma_azimuth_rad = 0.005;
  std::optional<double> sigma_elevation_rad;   // absent: a 2D radar, no elevation reported
  std::optional<double> sigma_range_rate_mps;  // absent: no Doppler
  PdModel pd_model = PdModel::RadarEquation;
  double pd = 0.9;  // Fixed model
  // Radar equation: a target of mean RCS `reference_rcs_m2` at `reference_range_m` is detected
  // with probability `reference_pd` (Swerling 1); SNR scales as RCS / R^4.
  double reference_range_m = 3000.0;
  double reference_rcs_m2 = 0.01;
  double reference_pd = 0.9;
  double threshold_db = 13.0;
  double clutter_per_scan = 0.0;
  double clutter_sigma_range_rate_mps = 1.0;
  std::optional<double> nominal_pd;  // pd written to sensors.csv; default per model
};

// Bearing-only and camera sensors report at a fixed period.
struct PassiveSpec {
  double period_s = 1.0;
  double phase_s = 0.0;
  double sigma_azimuth_rad = 0.03;
  std::optional<double> sigma_elevation_rad;  // absent: azimuth only
  double pd = 0.9;                            // at zero range
  double pd_at_max_range = 0.9;               // linear in range between the two
  // RF detector
  double p_identify = 0.0;      // probability that a detection names the drone model
  double snr_at_1km_db = 25.0;  // received signal (free space: -20 dB per decade)
  double sigma_snr_db = 2.0;
  // Acoustic array
  double aircraft_range_m = 0.0;   // manned aircraft heard this far (0: 5 x range_max)
  bool propagation_delay = false;  // bearing to where the sound left (t - R / 343 m/s)
  // Camera
  double night_pd_factor = 1.0;  // pd is multiplied by this at night (EO: ~0, IR: 1)
  // confusion[true fine class][reported fine class]: rows need not be normalised.
  std::array<std::array<double, kTargetClassCount>, kTargetClassCount> confusion{};
  double confidence_min = 0.6;
  double confidence_max = 0.95;
};

// Receivers of cooperative broadcasts (Remote ID, ADS-B).
struct ReceiverSpec {
  double p_receive = 0.95;
  double rssi_at_1km_db = -80.0;
  double sigma_rssi_db = 3.0;
};

struct SensorSpec {
  SensorId id{};
  std::string name;
  SensorKind kind = SensorKind::RotatingRadar;
  Vec3 position_m = Vec3::Zero();
  Coverage coverage;
  RadarSpec radar;
  PassiveSpec passive;
  ReceiverSpec receiver;
  // Delivery: a detection reaches dewline latency_s after its time, plus a delay uniform in
  // [0, latency_jitter_s) (a radio link, a node's batching). Written as receive_time; the offline
  // pipeline feeds native detections in arrival order, so late ones exercise retrodiction.
  double latency_s = 0.0;
  double latency_jitter_s = 0.0;
};

// ---- targets --------------------------------------------------------------------------------

enum class MotionKind : std::uint8_t {
  Multirotor,  // quadcopters, hobby drones, helicopters: waypoints, hover, loiter, dive
  FixedWing,   // one-way attack drones and aeroplanes: speed, bank-limited turns, dive
  Bird,        // wandering birds: flapping, soaring, erratic, slow
  Swarm,       // N multirotors in formation behind a leader path
  Flock,       // N birds moving together loosely
  Replay,      // recorded ADS-B trajectories
};

enum class BirdBehaviour : std::uint8_t { Flapping, Soaring, Erratic, Slow };

// What a vehicle can fly. Defaults depend on the kind (scenario_loader.cpp).
struct Airframe {
  double max_speed_mps = 20.0;
  double min_speed_mps = 0.0;   // fixed wing: stall margin
  double max_accel_mps2 = 4.0;  // horizontal (multirotor) / longitudinal (fixed wing)
  double max_bank_rad = 0.6;    // fixed wing: lateral accel = g tan(bank)
  double max_climb_mps = 5.0;
  double max_descent_mps = 5.0;
  double response_s = 1.0;       // velocity loop time constant
  double gust_accel_mps2 = 0.2;  // random acceleration (wind, control noise)
};

struct Waypoint {
  Vec3 position_m = Vec3::Zero();
  double speed_mps = 0.0;  // 0: the target's cruise speed
  double hover_s = 0.0;    // stop and hold here
  double loiter_radius_m = 0.0;
  double loiter_s = 0.0;  // orbit the point for this long
  bool loiter_clockwise = true;
  bool dive = false;  // attack dive onto this point; the target ends at impact
};

enum class OnArrival : std::uint8_t { Hover, Loiter, Vanish, Continue, Land };

struct RemoteIdSpec {
  std::string serial;
  std::optional<Vec3> operator_position_m;
  std::string operator_id;
  double rate_hz = 1.0;
  double sigma_h_m = 3.0;
  double sigma_v_m = 5.0;
  double sigma_velocity_mps = 0.5;
  // Spoofing (a broadcast that lies), from `spoof_from_s` on.
  double spoof_from_s = 0.0;
  Vec3 spoof_offset_m = Vec3::Zero();
  double spoof_jump_period_s = 0.0;  // > 0: the reported position jumps this often
  double spoof_jump_m = 0.0;
  std::vector<std::string> spoof_serials;  // cycled per broadcast: many identities, one emitter
  [[nodiscard]] bool spoofs() const {
    return spoof_offset_m.squaredNorm() > 0.0 || spoof_jump_period_s > 0.0 ||
           !spoof_serials.empty();
  }
};

struct AdsbSpec {
  std::uint32_t icao24 = 0;
  std::string callsign;
  std::optional<std::uint16_t> mode3a;
  double rate_hz = 2.0;
  double sigma_h_m = 10.0;
  double sigma_v_m = 8.0;
  double sigma_velocity_mps = 1.0;
};

struct ReplaySpec {
  std::filesystem::path file;
  std::vector<std::uint32_t> icao24;   // empty: any
  std::vector<std::string> callsigns;  // empty: any
  double within_m = 0.0;               // > 0: only flights passing this close (horizontal)
  int max_flights = 0;                 // > 0: at most this many (closest first)
  double record_start_s = 0.0;         // recorded time (Unix s) put at `time_offset_s`; 0: first
  double time_offset_s = 0.0;
  double max_gap_s = 60.0;         // a longer gap in the records ends a flight segment
  double altitude_offset_m = 0.0;  // added to the recorded altitude (baro ft -> m)
  double smoothing_s = 6.0;        // local quadratic fit half-width; 0: exact through records
};

struct TargetSpec {
  std::int64_t id = 0;  // first id; a group of N takes id .. id + N - 1
  std::string name;
  MotionKind motion = MotionKind::Multirotor;
  TargetClass target_class = TargetClass::DroneMultirotor;
  std::string subclass;
  std::string model;  // drone / aircraft model (RF detectors may name it)
  bool hostile = false;
  bool physical = true;  // false: a ghost that exists only in (spoofed) broadcasts
  double rcs_m2 = 0.01;
  bool emitting = false;                   // has an RF control/video link the RF detectors see
  std::optional<Vec3> emitter_position_m;  // ghost: where its transmitter really is
  bool acoustic = true;                    // makes noise acoustic arrays hear (birds: false)
  double start_s = 0.0;
  std::optional<double> end_s;
  int count = 1;                  // a group of this many
  double spawn_interval_s = 0.0;  // group members start this far apart in time
  double spread_m = 0.0;          // group members' start positions spread this far (uniform disc)

  Vec3 start_m = Vec3::Zero();
  bool has_start = false;    // birds and flocks without one start at random in their area
  double heading_rad = 0.0;  // initial heading (CCW from East)
  double speed_mps = 10.0;   // cruise speed
  Airframe airframe;
  std::vector<Waypoint> waypoints;
  OnArrival on_arrival = OnArrival::Hover;
  double dive_distance_m = 0.0;  // fixed wing: start the dive this far (horizontal) from it

  // Birds and flocks.
  BirdBehaviour behaviour = BirdBehaviour::Flapping;
  Vec3 area_center_m = Vec3::Zero();
  double area_radius_m = 1000.0;
  double altitude_min_m = 20.0;
  double altitude_max_m = 150.0;
  double speed_min_mps = 8.0;
  double speed_max_mps = 20.0;

  // Swarms and flocks.
  std::string formation = "wedge";  // wedge, line, column, grid, circle (swarm)
  double spacing_m = 10.0;
  double jitter_m = 1.0;

  ReplaySpec replay;
  std::vector<ReplayTrack> replay_tracks;  // the chosen flights, one body each
  std::optional<RemoteIdSpec> remote_id;
  std::optional<AdsbSpec> adsb;
};

// ---- the scenario ---------------------------------------------------------------------------

struct OutputSpec {
  bool native = true;           // detections.jsonl + sensors.json
  double opportunity_pd = 0.5;  // a look counts as a detection opportunity from this Pd up
};

struct Scenario {
  std::string name;
  std::string description;
  std::filesystem::path source;  // the TOML file
  Geodetic site;
  Duration duration = Duration::from_ms(600'000);
  Duration truth_period = Duration::from_ms(1000);
  Duration step = Duration::from_ms(50);
  bool night = false;
  Vec3 wind_mps = Vec3::Zero();  // drifts birds and soaring thermals
  std::vector<Zone> zones;
  std::vector<SensorSpec> sensors;
  std::vector<TargetSpec> targets;
  OutputSpec output;
};

}  // namespace dewline::sim
