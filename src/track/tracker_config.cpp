#include "track/tracker_config.hpp"

namespace dewline::track {

TrackerConfig TrackerConfig::defaults() {
  TrackerConfig c;
  // Quiet CV: most of the time drones, birds and aircraft fly nearly straight; 0.1 m^2/s^3 lets
  // velocity wander by ~0.3 m/s per second.
  MotionModel cv;
  cv.kind = MotionKind::ConstantVelocity;
  cv.q = 0.1;
  cv.q_vertical = 0.1;
  cv.q_turn = 1e-4;
  // Coordinated turn: turn rate estimated, changing by ~4 deg/s per second.
  MotionModel ct;
  ct.kind = MotionKind::CoordinatedTurn;
  ct.q = 0.3;
  // A turn is a horizontal manoeuvre: the vertical as quiet as the CV model's (0.3 until
  // 2026-11-27; library seeds 41-44: birds_only_day -16, quiet_day -7, no scene worse).
  ct.q_vertical = 0.1;
  ct.q_turn = 0.005;
  // Manoeuvre: accelerations of a few m/s^2 (quadcopter starts and stops, dives, bird jinks).
  MotionModel man;
  man.kind = MotionKind::ConstantVelocity;
  man.q = 20.0;  // ~12 m/s^2 manoeuvres of racing drones at 1 s revisits (manoeuvring_drones)
  man.q_vertical = 3.0;
  man.q_turn = 1e-4;
  c.imm.models = {cv, ct, man};
  c.imm.sojourn_s = {60.0, 6.0, 4.0};
  c.imm.initial_probability = {0.6, 0.2, 0.2};
  // Speed classes: slow (birds, multirotors: 10-20 m/s cruise), medium (fixed-wing drones, light
  // aircraft), fast (airliners, jets), weighted as a site sees them: birds and small drones far
  // outnumber aircraft (0.55 / 0.3 / 0.15 and a slow class of 8 m/s until 2026-11-27; radar-s500
  // 11126.6 -> 10873.2 with the births' height shape, docs/performance.md).
  // Vertical: most things fly level. Birds and multirotors cruise within a metre or two per
  // second of level and climb at 3-5 m/s, fixed-wing drones at a few m/s. Until 2026-11-27 the
  // slow and medium classes had 2.5 and 6 m/s: a new track far out, where one plot's elevation
  // says little, took a made-up climb rate from its first plots and kept it for a minute
  // (fixed_wing_raid at 10 km: 100-240 m too low for 70 s; radar-s500 11452 -> 11222).
  c.velocity_prior = {{0.9, 11.0, 1.0}, {0.08, 30.0, 3.0}, {0.02, 140.0, 8.0}};
  return c;
}

void read_tracker_config(ConfigSection s, TrackerConfig& cfg) {
  s.get_enum("association", cfg.association,
             {{"gnn", Association::Gnn}, {"jpda", Association::Jpda}});
  s.get_enum("bearing_association", cfg.bearing_association,
             {{"gnn", Association::Gnn}, {"jpda", Association::Jpda}});
  s.get_enum("radar_update", cfg.radar_update,
             {{"ekf", UpdateMethod::Ekf}, {"ukf", UpdateMethod::Ukf}});
  s.get("gate_probability", cfg.gate_probability, Range{0.9, 0.9999999});
  s.get("jpda_max_hypotheses", cfg.jpda_max_hypotheses, Range{1, 1e7});
  s.get("tentative_min_log_lr", cfg.tentative_min_log_lr, Range{-50.0, 50.0});
  s.get("coverage_margin", cfg.coverage_margin, Range{1.0, 1e6});
  s.get("births_balance_deaths", cfg.births_balance_deaths);
  s.get("births_per_km3_s", cfg.births_per_km3_s, Range{1e-9, 1e6});
  s.get("initial_targets_per_km3", cfg.initial_targets_per_km3, Range{0.0, 1e6});
  s.get("birth_height_scale_m", cfg.birth_height_scale_m, Range{0.0, 1e6});
  s.get("birth_low_share", cfg.birth_low_share, Range{0.0, 1.0});
  s.get("init_max_hits", cfg.init_max_hits, Range{2, 100});
  s.get("init_collapse_spread", cfg.init_collapse_spread, Range{0.0, 10.0});
  s.get("height_prior_m", cfg.height_prior_m, Range{-1000, 20000});
  s.get("height_prior_sigma_m", cfg.height_prior_sigma_m, Range{1, 20000});
  s.get("triangulation_window_s", cfg.triangulation_window_s, Range{0.0, 60.0});
  s.get("triangulation_min_angle_deg", cfg.triangulation_min_angle_deg, Range{0.1, 90.0});
  s.get("triangulation_min_class_agreement", cfg.triangulation_min_class_agreement,
        Range{0.0, 10.0});
  s.get("triangulation_await_third", cfg.triangulation_await_third);
  s.get("bearing_reanchor", cfg.bearing_reanchor);
  s.get("imm_union_gate", cfg.imm_union_gate);
  s.get("mean_lifetime_s", cfg.mean_lifetime_s, Range{1.0, 1e7});
  s.get("confirm_existence", cfg.confirm_existence, Range{0.01, 0.999});
  s.get("confirm_min_hits", cfg.confirm_min_hits, Range{1, 100});
  s.get("early_confirm_cutoff_m", cfg.early_confirm_cutoff_m, Range{0.0, 1e6});
  s.get("keep_existence", cfg.keep_existence, Range{0.001, 0.999});
  s.get("delete_existence", cfg.delete_existence, Range{1e-9, 0.5});
  s.get("coast_periods", cfg.coast_periods, Range{1.0, 1000.0});
  s.get("min_coast_s", cfg.min_coast_s, Range{0.0, 3600.0});
  s.get("rf_identity_min_hits", cfg.rf_identity_min_hits, Range{1, 1000});
  s.get("class_aided_association", cfg.class_aided_association);
  s.get("class_opinion_floor", cfg.class_opinion_floor, Range{0.001, 0.25});
  s.get("min_clutter_per_scan", cfg.min_clutter_per_scan, Range{1e-6, 1e6});
  s.get("position_clutter_density", cfg.position_clutter_density, Range{1e-30, 1.0});
  s.get("bearing_clutter_per_scan", cfg.bearing_clutter_per_scan, Range{1e-6, 1e6});
  s.get("range_rate_span_mps", cfg.range_rate_span_mps, Range{1.0, 10000.0});
  s.get("reorder_window_s", cfg.reorder_window_s, Range{0.0, 60.0});
  s.get("frame_fraction", cfg.frame_fraction, Range{0.0, 0.5});
  s.get("index_validity_s", cfg.index_validity_s, Range{0.01, 60.0});
  s.get("retrodiction_horizon_s", cfg.retrodiction_horizon_s, Range{0.0, 60.0});
  s.get("retrodiction_max_updates", cfg.retrodiction_max_updates, Range{2, 1000});
  s.get_enum("sensor_track_fusion", cfg.sensor_track_fusion,
             {{"measurement", SensorTrackFusion::Measurement},
              {"tracklet", SensorTrackFusion::Tracklet},
              {"ci", SensorTrackFusion::CovarianceIntersection}});
  s.get("sensor_track_q", cfg.sensor_track_q, Range{0.0, 1000.0});
  s.get("sensor_track_memory_s", cfg.sensor_track_memory_s, Range{0.1, 3600.0});
  if (cfg.keep_existence > cfg.confirm_existence) {
    s.error("keep_existence", "must not exceed confirm_existence");
  }
  if (cfg.delete_existence >= cfg.keep_existence) {
    s.error("delete_existence", "must be below keep_existence");
  }

  ConfigSection imm = s.section("imm");
  if (imm.exists()) {
    std::vector<ConfigSection> models = imm.sections("model");
    if (!models.empty()) {
      if (models.size() > kMaxModels) {
        imm.error("model", "at most 3 models");
      }
      cfg.imm.models.clear();
      cfg.imm.sojourn_s.clear();
      cfg.imm.initial_probability.clear();
      for (ConfigSection m : models) {
        MotionModel mm;
        double sojourn = 10.0;
        double p0 = 1.0;
        m.get_enum("kind", mm.kind,
                   {{"cv", MotionKind::ConstantVelocity}, {"ct", MotionKind::CoordinatedTurn}},
                   true);
        m.get_enum("noise", mm.noise,
                   {{"continuous", NoiseKind::Continuous}, {"discrete", NoiseKind::Discrete}});
        m.get("q", mm.q, Range{0.0, 1e4});
        m.get("q_vertical", mm.q_vertical, Range{0.0, 1e4});
        m.get("q_turn", mm.q_turn, Range{0.0, 10.0});
        m.get("turn_reference_speed_mps", mm.turn_reference_speed_mps, Range{0.0, 1e4});
        m.get("sojourn_s", sojourn, Range{0.01, 1e6});
        m.get("initial_probability", p0, Range{0.0, 1.0});
        cfg.imm.models.push_back(mm);
        cfg.imm.sojourn_s.push_back(sojourn);
        cfg.imm.initial_probability.push_back(p0);
      }
    }
  }
  std::vector<ConfigSection> priors = s.sections("velocity_prior");
  if (!priors.empty()) {
    cfg.velocity_prior.clear();
    for (ConfigSection p : priors) {
      VelocityPrior v;
      p.get("weight", v.weight, Range{0.0, 1.0, true}, true);
      p.get("sigma_h_mps", v.sigma_h_mps, Range{0.1, 1000.0}, true);
      p.get("sigma_v_mps", v.sigma_v_mps, Range{0.1, 1000.0}, true);
      cfg.velocity_prior.push_back(v);
    }
  }
}

}  // namespace dewline::track
