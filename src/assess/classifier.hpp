// classifier.hpp: what a track is — drone (multirotor, fixed-wing), bird, manned aircraft
// (aeroplane, helicopter, glider) or unknown — as fused, Bayesian class probabilities.
//
// Per class c the log-posterior is a sum of evidence (docs/assessment.md):
//   log prior(c)
//   + kinematic_gain * fill * EMA_t[ kinematic_weight * sum_f w_f log p(bin_f(x) | c) ]
//         naive Bayes over the window features (features.hpp), tables learned offline
//         (classifier_tables.hpp), averaged over reports with time constant smoothing_s, and
//         scaled by fill = min(1, window span / window_s) so young tracks speak softly
//   + sensor_weight * log p_sensors(c)     the sensors' fused opinions (camera, SAPIENT), as the
//                                          tracker accumulates them (Track::sensor_class_...)
//   + identity: an honest Remote ID serial (drone), an ADS-B address or callsign (manned), an RF
//     detector's drone-model name (drone), which sensor kinds saw it (RF link: drone; acoustic:
//     not a bird)
// then normalised. The class column is the most likely coarse class, or unknown when its
// probability is below decide_min_probability.
#pragma once

#include <array>
#include <string>

#include "assess/assess_config.hpp"
#include "assess/classifier_tables.hpp"
#include "assess/features.hpp"
#include "core/sensor.hpp"
#include "core/track.hpp"

namespace dewline::assess {

// Per-track memory of the classifier.
struct ClassifierState {
  std::array<double, kRealClassCount> kinematic_avg{};  // EMA of the kinematic log-likelihood
  Time last;
  bool started = false;
};

// What spoke, for the evidence text.
struct ClassEvidence {
  std::array<double, kRealClassCount> kinematic{};
  std::array<double, kRealClassCount> sensors{};
  std::array<double, kRealClassCount> identity{};
  std::string summary;  // "kinematics: bird; camera: drone; Remote ID: drone"
};

class Classifier {
 public:
  explicit Classifier(ClassifierConfig cfg, const ClassifierTables& tables = default_tables());

  // Updates `state` with this report's features and returns the fused probabilities over the
  // fine classes (Unknown gets 0). `identity_trusted` is false when a cooperative broadcast on
  // the track failed a spoof check: its identity is then no evidence. `sensors` gives the kinds
  // of the track's sensors.
  [[nodiscard]] ClassProbabilities update(ClassifierState& state, const KinematicFeatures& f,
                                          const Track& track, bool identity_trusted,
                                          const SensorRegistry& sensors,
                                          ClassEvidence* evidence = nullptr) const;

  // The kinematic log-likelihood of one feature vector (tables only; for tools and tests).
  [[nodiscard]] std::array<double, kRealClassCount> kinematic_log_likelihood(
      const KinematicFeatures& f) const;

  // Coarse decision for the tracks.csv class column.
  [[nodiscard]] CoarseClass decide(const ClassProbabilities& p) const;

  [[nodiscard]] const ClassifierConfig& config() const { return cfg_; }

 private:
  ClassifierConfig cfg_;
  const ClassifierTables& tables_;
  std::array<double, kRealClassCount> log_prior_{};
};

}  // namespace dewline::assess
