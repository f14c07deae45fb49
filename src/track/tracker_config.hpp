// tracker_config.hpp: every tracker parameter, its default, and its reading from TOML.
//
// Defaults are meant to work without tuning on anything a site's radars see — hovering
// quadcopters to airliners at 250 m/s, birds turning sharply, revisits from 0.1 s to 5 s, ranges
// from 50 m to 60 km. What depends on the sensors (noise, revisit, clutter density, detection
// probability, coverage) is taken from the sensors themselves (core SensorInfo) at run time,
// never from per-scenario settings. docs/tracker.md explains each choice.
#pragma once

#include <cstdint>
#include <vector>

#include "core/config.hpp"
#include "track/imm.hpp"
#include "track/kalman.hpp"

namespace dewline::track {

enum class Association : std::uint8_t { Gnn, Jpda };
// How a report of a sensor's own track updates a dewline track (tracker_sensor_tracks.cpp).
enum class SensorTrackFusion : std::uint8_t {
  Measurement,             // as an independent measurement (overconfident: it repeats itself)
  Tracklet,                // its new information only (exact with the full covariance)
  CovarianceIntersection,  // consistent whatever the correlation
};

// One component of the velocity prior of a new track (a Gaussian mixture over speed classes):
// weight, horizontal and vertical 1-sigma speed. Slow things (drones, birds) are common, fast
// things (aircraft) are possible; the mixture lets a second plot confirm a slow target at once
// while still catching a 250 m/s airliner.
struct VelocityPrior {
  double weight = 1.0;
  double sigma_h_mps = 10.0;
  double sigma_v_mps = 3.0;
};

struct TrackerConfig {
  // Motion: IMM over constant velocity (quiet), coordinated turn, constant velocity (manoeuvre).
  ImmConfig imm;
  UpdateMethod radar_update = UpdateMethod::Ekf;

  // Association.
  Association association = Association::Gnn;
  // Frames of bearings only (RF, acoustic, cameras) when `association` is GNN. GNN gives each
  // bearing to one track, so a second track on a drone can live on one sensor's bearings alone,
  // at a wrong range along its line of sight; JPDA shares each bearing between the tracks that
  // could have made it and pulls them onto the crossing (docs/tracker.md: held-out library GOSPA
  // 5197 -> 5111, manoeuvring_drones 31.5 -> 20.5; radar frames are untouched).
  Association bearing_association = Association::Jpda;
  double gate_probability = 0.9999;          // P_G: chi-square gate on the innovation
  std::uint32_t jpda_max_hypotheses = 5000;  // per cluster; larger clusters fall back to GNN
  // GNN, second stage (track/association.hpp): a tentative track left without a plot takes a
  // free one when the plot is at least e^this times likelier from it than from clutter or a new
  // target, given that it exists (radar-s100/s500 GOSPA flat from 2 to 3, worse at 1).
  double tentative_min_log_lr = 2.0;
  // A detection does not gate a track predicted farther from its sensor than this times the
  // sensor's `range_max_m` (docs/tracker.md, "Coverage"): the range is a coverage edge, not an
  // exact limit. Raise it for sensors whose configured range is nominal (an RF detector hearing
  // strong emitters farther); a large value turns the test off.
  double coverage_margin = 1.2;

  // Initiation.
  std::vector<VelocityPrior> velocity_prior;
  // New targets: the prior that a detection nobody claims is a new target rather than clutter.
  // By default births balance deaths: (confirmed tracks + 1) / mean_lifetime_s per second, spread
  // over each radar's coverage (Tracker::births_per_s). Otherwise, and for position reports
  // always, births_per_km3_s new targets per cubic kilometre per second, uniform in space.
  bool births_balance_deaths = true;
  double births_per_km3_s = 1e-3;
  // Targets already there when a sensor starts: at its first scan none of them has been
  // detected, so an unclaimed plot is far more likely a target than it will be in steady state.
  // The density of undetected targets starts here and decays as the sensor scans (a PMBM filter's
  // undetected-target intensity, Williams, IEEE TAES 51(3), 2015), shaped in height as births are.
  double initial_targets_per_km3 = 0.05;
  // New and undetected targets are not uniform in height: drones and birds fly within a few
  // hundred metres of the ground, aircraft anywhere. A share birth_low_share of them has a
  // density that falls as exp(-h / birth_height_scale_m) with height h above the site, the rest
  // is uniform in space; both are normalised over each radar's coverage, so the number of births
  // is unchanged (birth_height.hpp). birth_height_scale_m = 0: uniform in space.
  double birth_height_scale_m = 300.0;
  double birth_low_share = 0.8;
  std::uint32_t init_max_hits = 5;  // a starting track's speed-class mixture collapses by then
  // ... or, unless bearings started it, as soon as its classes agree on the velocity
  // (InitMixture::velocity_spread_ratio at most this): the IMM then follows manoeuvres that a
  // class's quiet CV filter loses (a racing drone was re-started every 2-3 scans). 0: off.
  double init_collapse_spread = 0.05;
  double height_prior_m = 100.0;  // 2D radars: height of a new track above the sensor
  double height_prior_sigma_m = 300.0;
  double triangulation_window_s = 1.0;       // bearings from different sensors paired within this
  double triangulation_min_angle_deg = 3.0;  // minimum crossing angle of two bearings
  // A direction finder's bearing (it hears drones only) pairs with another sensor's into a fix
  // only if that sensor's opinion of the object (a camera's classifier) makes one object at
  // least this many times as likely as two unrelated ones (class_compatibility.hpp). 1: no
  // contradiction; 0: off.
  double triangulation_min_class_agreement = 1.0;
  // Two crossing bearings that no third sensor's bearing passes through wait for one while a
  // third bearing sensor covering the crossing may still report within the window; crossings a
  // third bearing confirms go first (tracker_triangulation.cpp). false: the tightest crossing
  // pairs at once.
  bool triangulation_await_third = true;
  // A track that a bearing sensor saw but has not seen for 4 of its periods moves to the fix of
  // that sensor's unclaimed bearing with a bearing the track took, when the fix is outside its
  // gate: it had drifted along the other sensor's line of sight (tracker_reanchor.cpp).
  bool bearing_reanchor = true;
  // A plot outside the gate of the IMM's combined prediction is tried against its widest model's
  // (the union of the models' gates, Tracker::widest_model_gate); false: the combined gate only.
  bool imm_union_gate = true;

  // Existence (IPDA, Musicki, Evans & Stankovic, IEEE TAC 39(6), 1994) and track management.
  double mean_lifetime_s = 300.0;      // survival: P(alive after dt) = exp(-dt / lifetime)
  double confirm_existence = 0.5;      // tentative -> confirmed (reported)
  std::uint32_t confirm_min_hits = 2;  // and, but for the rule below, never on a single detection
  // Early confirmation. A track with fewer hits than confirm_min_hits (a single plot) is confirmed
  // when reporting it is the better bet: if a track off by more than c is of no more use than
  // none, and a missed object and a false track each cost c/2 (GOSPA with alpha = 2,
  // Rahmathullah, Garcia-Fernandez & Svensson 2017), a track that exists with probability r and is
  // off by d saves r (c/2 - d) and costs (1 - r) c/2: report when r >= (c/2) / (c - d). d is the
  // track's RMS position error, so only well-placed plots where targets far outnumber clutter
  // qualify: not near a radar, where clutter is dense in space, nor far out, where a plot is
  // placed poorly. c is this key; 0: never on fewer hits.
  double early_confirm_cutoff_m = 100.0;
  double keep_existence = 0.35;     // confirmed tracks stay reported while above this
  double delete_existence = 0.002;  // any track below this is deleted
  double coast_periods = 6.0;       // delete after this many revisit periods without an update
  double min_coast_s = 3.0;
  // RF detections a track must take before its RF detectors count for it: the sensor list, the
  // emitter model they name and their class opinions. An RF bearing says "an emitter somewhere on
  // this line"; a bird that one crosses for a moment must not become a drone for life (held-out
  // library: false alerts 22 -> 16, on passive sites 10 -> 8; docs/tracker.md).
  std::uint32_t rf_identity_min_hits = 3;
  // Feature-aided association (Bar-Shalom, Willett & Tian, "Tracking and Data Fusion", 2011,
  // ch. 9): a detection that says what the object is (a camera's classifier, an RF detector's
  // "drone") scores against a track with the class likelihood K * sum_c a(c) b(c) times the
  // kinematic one, a(c) the track's accumulated opinion held at least class_opinion_floor per
  // class (track_opinion in class_compatibility.hpp). An RF bearing through a bird that the cameras
  // call a bird then goes to the drone on the same line, or to none.
  bool class_aided_association = true;
  double class_opinion_floor = 0.05;

  // Measurement-space densities that sensors cannot tell us.
  double min_clutter_per_scan = 0.1;        // floor on a radar's clutter for the LR
  double position_clutter_density = 1e-12;  // per m^3: false cooperative reports are rare
  double bearing_clutter_per_scan = 1.0;    // false bearings per scan over the sensor's field
  double range_rate_span_mps = 200.0;       // clutter spread in range rate

  // Timing.
  double reorder_window_s = 0.5;  // detections are released in time order this long after
  double frame_fraction = 0.25;   // a frame groups one sensor's detections within this
                                  // fraction of its revisit period
  double index_validity_s = 0.5;  // the spatial index is rebuilt at least this often
  // Retrodiction (tracker_retrodiction.cpp): a detection later than the reorder window but at
  // most this old is slotted into the history of the track it fits, and the track's later
  // updates are replayed; older ones are rejected ("late"). 0 turns it off. Each track past
  // initiation keeps its updates of this span (at most retrodiction_max_updates of them).
  double retrodiction_horizon_s = 4.0;
  std::uint32_t retrodiction_max_updates = 32;

  // Tracking sensors (track_decorrelation.hpp): a report that carries the sensor's own object
  // number and a velocity is that sensor's filtered estimate, correlated with its earlier ones.
  // Tracklet: only what is new since the same object's previous report updates a track, the
  // sensor's filter assumed to use at least sensor_track_q (0: never overconfident); an object
  // unheard of for sensor_track_memory_s starts afresh.
  SensorTrackFusion sensor_track_fusion = SensorTrackFusion::CovarianceIntersection;
  double sensor_track_q = 0.0;
  double sensor_track_memory_s = 30.0;

  static TrackerConfig defaults();
};

// Reads the [tracker] table into `cfg` (keys absent keep their values). Errors are recorded on
// the document (file, line, key); call ConfigDocument::finish() afterwards.
void read_tracker_config(ConfigSection section, TrackerConfig& cfg);

}  // namespace dewline::track
