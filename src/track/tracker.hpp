// tracker.hpp: the multi-sensor, multi-target tracker — one deterministic stage from Detections
// to Tracks (DESIGN.md). Feed detections in any order within the reorder window; ask for the
// tracks at any time. The same detections in the same order give the same tracks, bit for bit:
// no wall clock, no unordered iteration, no randomness.
//
//   Tracker t(TrackerConfig::defaults(), sensors);
//   for (const Detection& d : scan) t.add(d);
//   t.advance_to(scan_time);
//   for (const Track& k : t.report(scan_time)) write(k);
//
// Per frame (one sensor's detections close in time): gate every detection against the tracks a
// spatial index proposes (innovation covariance S = H P H' + R, chi-square gate), split the gated
// pairs into independent clusters, associate per cluster (GNN by default, JPDA as an option),
// update with the IMM (EKF or UKF), start one-point tracks from leftover plots (or triangulate
// leftover bearings), and maintain each track's existence probability (IPDA), which decides
// confirmation, reporting and deletion. docs/tracker.md gives the reasoning and the references.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/detection.hpp"
#include "core/reject_counter.hpp"
#include "core/sensor.hpp"
#include "core/track.hpp"
#include "track/association.hpp"
#include "track/birth_height.hpp"
#include "track/clusters.hpp"
#include "track/imm.hpp"
#include "track/init_mixture.hpp"
#include "track/measurement_model.hpp"
#include "track/reorder_queue.hpp"
#include "track/spatial_index.hpp"
#include "track/track_decorrelation.hpp"
#include "track/track_record.hpp"
#include "track/tracker_config.hpp"
#include "track/triangulation.hpp"

namespace dewline::track {

struct TrackerStats {
  std::uint64_t detections_in = 0;
  std::uint64_t detections_processed = 0;
  std::uint64_t detections_rejected = 0;
  std::uint64_t detections_retrodicted = 0;   // late, updated a track (slotted into its history)
  std::uint64_t detections_late_started = 0;  // late, fitted no track: started one or buffered
  std::uint64_t sensor_track_reports_decorrelated = 0;  // updated with their new information only
  std::uint64_t sensor_track_reports_intersected = 0;   // updated by covariance intersection
  std::uint64_t frames = 0;
  std::uint64_t candidate_pairs = 0;  // proposed by the spatial index
  std::uint64_t scored_pairs = 0;     // passed the pre-gate
  std::uint64_t gated_pairs = 0;
  std::uint64_t clusters = 0;
  std::uint64_t max_cluster_tracks = 0;
  std::uint64_t jpda_fallbacks = 0;
  std::uint64_t tracks_created = 0;
  std::uint64_t tracks_confirmed = 0;
  std::uint64_t tracks_deleted = 0;
  std::uint64_t triangulations = 0;
  // ... of them with a further sensor's bearing through the crossing (tracker_triangulation.cpp),
  // and bearings that waited for one.
  std::uint64_t triangulations_supported = 0;
  std::uint64_t bearings_waited = 0;
  // Tracks moved to a fresh fix of two bearings (tracker_reanchor.cpp).
  std::uint64_t reanchored = 0;
  // Identities passed from a track the radars lost to one its reports started.
  std::uint64_t identities_handed_over = 0;
};

class Tracker {
 public:
  Tracker(TrackerConfig cfg, const SensorRegistry& sensors);

  // Registers or updates a sensor (e.g. on a SAPIENT registration).
  void add_sensor(const SensorInfo& s);
  // Feeds one detection. One later than the reorder window but within the retrodiction horizon
  // is decided at once at its own time (tracker_retrodiction.cpp); a bad one and one older than
  // the horizon are counted in rejects() and dropped.
  void add(const Detection& d);
  void add(Detection&& d);
  // Processes every queued detection with time <= t. Detections for times before t that arrive
  // afterwards are late.
  void advance_to(Time t);
  // Processes everything queued.
  void flush();

  // Confirmed tracks worth reporting at time t (existence >= keep_existence), predicted to t,
  // ordered by id.
  [[nodiscard]] std::vector<Track> report(Time t) const;
  // Every live track including tentative ones, predicted to t (displays, debugging).
  [[nodiscard]] std::vector<Track> all_tracks(Time t) const;

  [[nodiscard]] const TrackerStats& stats() const { return stats_; }
  [[nodiscard]] const RejectCounter& rejects() const { return rejects_; }
  [[nodiscard]] const TrackerConfig& config() const { return cfg_; }
  [[nodiscard]] std::size_t live_tracks() const;

 private:
  struct SensorModel {
    SensorInfo info;
    // Radar false alarms are uniform per resolution cell, i.e. uniform in the measurement space
    // (range, azimuth, elevation): density per m rad^2 (per m rad for a 2D radar).
    double clutter_polar3 = 0.0;
    double clutter_polar2 = 0.0;
    // Position reports from any sensor (a SAPIENT camera or radar node reports locations): false
    // reports and new targets per m^3 and scan.
    double position_clutter_density = 0.0;
    double position_birth_density = 0.0;
    double birth_density = 0.0;       // new targets per m^3 per scan (mean over the coverage)
    double coverage_m3 = 0.0;         // radars: the volume they cover
    double undetected_density = 0.0;  // targets per m^3 not yet detected by this sensor
    // Radars: new and undetected targets thin out with height (birth_height.hpp); uniform
    // otherwise.
    BirthHeightShape birth_height;
    bool started = false;
    bool radar = false;
    bool miss_evidence = false;  // absence of a detection is evidence (radars)
  };
  struct Prediction {
    std::uint64_t stamp = 0;
    std::uint32_t track = UINT32_MAX;  // the track index it belongs to (slots are reused per frame)
    Time t;
    ImmState imm;      // tracks past initiation
    InitMixture init;  // initiating tracks
    Gaussian combined;
  };

  // ln rho of a pair, existence-weighted and given existence (tracker_update.cpp's header).
  struct PairRatios {
    double log_ratio = 0.0;
    double log_assoc = 0.0;
  };
  [[nodiscard]] static PairRatios pair_ratios(double r, double pd, double pdpg,
                                              double log_likelihood, double lambda);
  // Existence after a scan that may have detected the track: beta is the probability that none
  // of its detections is the track's (JIPDA).
  [[nodiscard]] static double existence_after_scan(double r, double pdpg, double beta);
  [[nodiscard]] static double miss_probability(double log_ratio) {
    return 1.0 / (1.0 + std::exp(std::min(log_ratio, 700.0)));
  }

  // The density of the alternative explanations of a detection (clutter or a new target,
  // lambda) and of a new target alone (beta), both in the detection's own measurement space.
  struct Densities {
    double lambda = 1e-300;
    double beta = 0.0;
  };

  void release(std::vector<Detection>& due);
  void process_frame();
  void gate_frame();
  void associate_frame();
  // The GNN's existence ratio of a chosen pair, less the claims of the tracks it left without a
  // detection (LM-IPDA).
  void sum_unassigned_claims(const Cluster& c, const std::vector<std::int32_t>& chosen);
  [[nodiscard]] double existence_log_ratio(const GatedPair& p) const;
  // New targets per second over the site when births balance deaths (tracker.cpp).
  [[nodiscard]] double births_per_s() const;
  void apply_sweep_misses(Time t);
  void housekeeping(Time t);
  void rebuild_index(Time t);

  const SensorModel& sensor_model(SensorId id) const;
  [[nodiscard]] Densities densities(const SensorModel& s, const MeasurementModel& m) const;
  // Cartesian spread bound of a measurement (m^2) for the Euclidean pre-gate; < 0: none.
  [[nodiscard]] double cartesian_spread2(const MeasurementModel& m) const;
  // How far t is from the index's build time (0 before the first build).
  [[nodiscard]] double index_gap_s(Time t) const {
    return index_time_.ns == INT64_MIN ? 0.0 : std::abs((t - index_time_).seconds());
  }
  // The spatial index's disc of a track for an index built at time t.
  [[nodiscard]] SpatialIndex::Disc index_disc(const TrackRecord& tr, Time t) const;
  // The disc of a track just started or moved to a fix at `centre` (horizontal 1-sigma spread
  // `pos_sigma`, m) at time t: its velocity is only the prior's, so the disc grows at the
  // prior's fastest horizontal sigma over the rest of the index's validity window.
  [[nodiscard]] SpatialIndex::Disc fresh_fix_disc(const Eigen::Vector2d& centre, double pos_sigma,
                                                  Time t) const;
  // Retrodiction (tracker_retrodiction.cpp). retrodict() returns the reject reason, empty when a
  // track took the detection.
  std::string_view retrodict(const Detection& d);
  // Appends the track's current IMM state to its history: as the result of updating with m, or
  // (m == nullptr) as a base that nothing before it can be replayed through.
  void record_update(TrackRecord& tr, Time t, SensorId sensor, const MeasurementModel* m,
                     UpdateMethod method);
  void prune_history(UpdateHistory& h) const;
  // Tracking sensors (track_decorrelation.hpp): the measurement that updates a track with what
  // is new in this report of a sensor's own track, or nullopt to use the report as it is. Keeps
  // the report as the object's latest; call once per detection, in time order.
  std::optional<MeasurementModel> decorrelated(const Detection& d, const MeasurementModel& m);
  [[nodiscard]] bool is_sensor_track(const Detection& d, const MeasurementModel& m) const;
  // A covariance-intersection update of an IMM state with a sensor-track report.
  void intersect_update(ImmState& s, const MeasurementModel& m, UpdateMethod method);
  void forget_sensor_tracks(Time t);
  // The model that updates a track with frame detection i (the decorrelated one if any).
  [[nodiscard]] const MeasurementModel& update_model(std::uint32_t i) const {
    const std::int32_t e = frame_update_model_[i];
    return e < 0 ? frame_models_[i] : frame_update_models_[static_cast<std::size_t>(e)];
  }
  const Prediction& predicted(std::uint32_t k, Time t);
  bool score_pair(std::uint32_t k, std::uint32_t i, GatedPair& out);
  [[nodiscard]] GateScore widest_model_gate(const Prediction& p, std::uint32_t i,
                                            UpdateMethod method, double gate) const;
  void update_track(std::uint32_t k, std::uint32_t i, double log_ratio);
  // The update itself, from the track's prior at the detection's time (the mixture while
  // initiating, else the IMM state).
  void apply_update(TrackRecord& tr, const Detection& d, const MeasurementModel& m,
                    double log_ratio, const InitMixture& init_prior, const ImmState& imm_prior);
  void update_track_jpda(std::uint32_t k, const std::vector<std::uint32_t>& dets,
                         const std::vector<double>& weights, double miss_weight);
  void miss_track(TrackRecord& tr, const SensorModel& s, Time t);
  void start_track(const Detection& d, const MeasurementModel& m, const Densities& dens);
  // The identity of a report that started the latest track passes to it from a track a radar
  // has lost (tracker_update.cpp).
  void hand_over_identity(const Detection& d);
  // The track is predicted beyond the detecting sensor's range times `coverage_margin`.
  [[nodiscard]] bool beyond_reach(const TrackRecord& tr, const Detection& d,
                                  const SensorModel& s) const;
  // Starting tracks from bearings no track took (tracker_triangulation.cpp): pair `d` with a
  // buffered bearing of another sensor, or buffer it; waiting bearings are tried again after
  // every frame (resolve_waiting_bearings).
  void triangulate_or_buffer(const Detection& d);
  void resolve_waiting_bearings();
  struct PairChoice {
    std::size_t partner = 0;  // index in bearing_buffer_
    Fix fix;
    double spread_m2 = 0.0;            // horizontal variance of the pair's fix
    std::vector<std::size_t> support;  // buffered bearings of further sensors through the fix
    std::vector<double> support_norm;  // their chi-square per dimension
    double support_fit = 0.0;          // mean of support_norm
  };
  [[nodiscard]] std::optional<PairChoice> best_bearing_pair(const Detection& d) const;
  // A bearing sensor other than the pair's that covers the fix and may still report a bearing
  // through it within the pairing window.
  [[nodiscard]] bool third_sensor_pending(const Detection& a, const Detection& b,
                                          const Fix& f) const;
  void start_triangulated_track(const Detection& d, const PairChoice& c);
  // Variance per horizontal axis of a target's motion over dt seconds (the velocity prior's).
  [[nodiscard]] double motion_var_m2(double dt) const;
  // Re-anchoring a track that drifted along one bearing sensor's line of sight
  // (tracker_reanchor.cpp): a bearing some track claimed, kept to pair with another sensor's
  // unclaimed bearing, and the move itself.
  void keep_claimed_bearing(std::uint32_t i);
  bool reanchor_with_claimed(const Detection& d);
  bool try_reanchor(std::uint32_t k, const Fix& f, SensorId silent_sensor, Time t);
  // The fix of two bearings of different sensors, or none: their lines do not cross within
  // reach and consistently (triangulation.hpp), or their sensors' opinions of what the object is
  // contradict each other (class_compatibility.hpp).
  [[nodiscard]] std::optional<Fix> pair_bearings(const Detection& a, const Detection& b) const;
  [[nodiscard]] bool bearings_may_share_object(const Detection& a, const Detection& b) const;
  // Bookkeeping of a detection a track took: hits, last update, radar contacts; with `attribute`
  // (and, for RF detectors, after rf_identity_min_hits of them) also its sensor, the identity it
  // carries and its class opinion.
  void note_update(TrackRecord& tr, const Detection& d, bool attribute = true);
  void refresh_summary(TrackRecord& tr) const;
  void confirm_if_due(TrackRecord& tr);
  [[nodiscard]] bool in_coverage(const SensorModel& s, const Vec3& p) const;
  [[nodiscard]] double existence_after_survival(const TrackRecord& tr, Time t) const;
  [[nodiscard]] Track snapshot(const TrackRecord& tr, Time t) const;
  [[nodiscard]] double chi2_gate(int dim) const;

  TrackerConfig cfg_;
  Imm imm_;
  double max_q_ = 0.0;  // largest horizontal process noise density of the motion models
  std::map<SensorId, SensorModel> sensors_;
  std::map<SensorId, Time> last_frame_end_;
  ReorderQueue queue_;
  RejectCounter rejects_;
  TrackerStats stats_;

  std::vector<TrackRecord> tracks_;
  std::uint64_t confirmed_live_ = 0;  // confirmed tracks not deleted
  std::uint64_t next_serial_ = 1;
  std::uint64_t next_id_ = 1;
  std::map<std::string, std::uint64_t> identity_owner_;  // "rid:..."/"icao:..." -> serial

  // The frame being formed / processed.
  std::vector<Detection> frame_;
  std::vector<MeasurementModel> frame_models_;
  std::vector<double> frame_lambda_;  // clutter + birth density in each detection's space
  std::vector<double> frame_beta_;    // birth density in each detection's space
  std::vector<double> frame_sigma2_;  // Cartesian spread bound of each detection (m^2), < 0: none
  std::vector<std::int32_t> frame_update_model_;  // per detection: index below, or -1 (its own)
  std::vector<MeasurementModel> frame_update_models_;
  // The latest report of each tracking sensor's object: (sensor, object number) -> estimate.
  std::map<std::pair<std::uint32_t, std::uint64_t>, SensorTrackEstimate> sensor_tracks_;
  Time sensor_tracks_pruned_{INT64_MIN};
  std::vector<GatedPair> pairs_;
  std::vector<Cluster> clusters_;
  std::vector<std::uint32_t> candidates_;
  std::vector<std::int32_t> det_assigned_;  // per frame detection: track index or -1
  std::uint64_t frame_stamp_ = 0;

  // Filter states of the tracks (TrackRecord::filter), with the free slots of deleted tracks.
  std::vector<FilterState> filters_;
  std::vector<std::uint32_t> free_filters_;
  [[nodiscard]] FilterState& fs(const TrackRecord& tr) { return filters_[tr.filter]; }
  [[nodiscard]] const FilterState& fs(const TrackRecord& tr) const { return filters_[tr.filter]; }
  std::uint32_t allocate_filter();

  // Predictions made during the current frame (a deque: references stay valid as it grows).
  std::deque<Prediction> pred_pool_;
  std::size_t pred_used_ = 0;
  std::vector<std::uint32_t> pred_slot_;  // per track index: slot in pred_pool_
  SpatialIndex index_;
  Time index_time_{INT64_MIN};
  std::size_t index_size_ = 0;
  Time last_sweep_check_{INT64_MIN};
  Time now_{INT64_MIN};  // time of the latest processed frame
  Time first_frame_{INT64_MIN};
  // The tracker's clock: the latest time it has processed or been advanced to.
  [[nodiscard]] Time clock() const { return std::max(now_, queue_.released_until()); }

  // Unassociated bearings kept for triangulation; `waiting`: it has a partner but waits for a
  // third sensor's bearing; `round`: the last resolve_waiting_bearings pass that tried it.
  struct BufferedBearing {
    Detection detection;
    bool waiting = false;
    std::uint64_t round = 0;
  };
  std::vector<BufferedBearing> bearing_buffer_;
  std::uint64_t resolve_round_ = 0;
  // Bearings (with elevation) that a track took, kept as long as unassociated ones, with the
  // track's serial and index then (tracker_reanchor.cpp).
  struct ClaimedBearing {
    Detection detection;
    std::uint64_t serial = 0;
    std::uint32_t track = 0;
  };
  std::vector<ClaimedBearing> claimed_bearings_;

  Clusterer clusterer_;
  GnnScratch gnn_scratch_;
  std::vector<std::int32_t> chosen_scratch_;
  // sum_unassigned_claims: per detection of the frame, the max ln rho of the tracks left without
  // a detection that gate it, and the sum of their rho / e^max; per track, whether it got one.
  std::vector<double> det_claim_max_;
  std::vector<double> det_claim_sum_;
  std::vector<std::uint8_t> track_chosen_;
  std::vector<Detection> due_scratch_;
};

}  // namespace dewline::track
