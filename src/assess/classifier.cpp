#include "assess/classifier.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace dewline::assess {
namespace {

constexpr std::size_t idx(TargetClass c) {
  return static_cast<std::size_t>(c) - 1;
}

bool is_drone(std::size_t k) {
  return k == idx(TargetClass::DroneMultirotor) || k == idx(TargetClass::DroneFixedWing);
}
bool is_manned(std::size_t k) {
  return k == idx(TargetClass::AircraftFixedWing) || k == idx(TargetClass::Helicopter) ||
         k == idx(TargetClass::Glider);
}

// The coarse class a log-likelihood vector favours, for the evidence text.
std::string_view favoured(const std::array<double, kRealClassCount>& ll) {
  const auto best = static_cast<std::size_t>(std::max_element(ll.begin(), ll.end()) - ll.begin());
  double second = -1e300;
  for (std::size_t k = 0; k < ll.size(); ++k) {
    if (coarse_of(static_cast<TargetClass>(k + 1)) !=
        coarse_of(static_cast<TargetClass>(best + 1))) {
      second = std::max(second, ll[k]);
    }
  }
  if (ll[best] - second < 0.5) {
    return "undecided";
  }
  return to_string(coarse_of(static_cast<TargetClass>(best + 1)));
}

bool any_nonzero(const std::array<double, kRealClassCount>& a) {
  return std::any_of(a.begin(), a.end(), [](double v) { return v != 0.0; });
}

}  // namespace

Classifier::Classifier(ClassifierConfig cfg, const ClassifierTables& tables)
    : cfg_(std::move(cfg)), tables_(tables) {
  double sum = 0.0;
  for (std::size_t k = 0; k < kRealClassCount && k < cfg_.prior.size(); ++k) {
    sum += std::max(cfg_.prior[k], 0.0);
  }
  for (std::size_t k = 0; k < kRealClassCount; ++k) {
    const double p = k < cfg_.prior.size() && sum > 0.0 ? std::max(cfg_.prior[k], 0.0) / sum
                                                        : 1.0 / kRealClassCount;
    log_prior_[k] = std::log(std::max(p, 1e-6));
  }
}

std::array<double, kRealClassCount> Classifier::kinematic_log_likelihood(
    const KinematicFeatures& f) const {
  std::array<double, kRealClassCount> ll{};
  for (std::size_t i = 0; i < kFeatureCount; ++i) {
    const double w = tables_.weight[i];
    if (!f.valid[i] || w <= 0.0) {
      continue;
    }
    const std::size_t bin = std::min(kFeatureSpecs[i].bin_of(f.value[i]), kMaxBins - 1);
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      ll[k] += w * tables_.log_p[i][k][bin];
    }
  }
  return ll;
}

ClassProbabilities Classifier::update(ClassifierState& state, const KinematicFeatures& f,
                                      const Track& track, bool identity_trusted,
                                      const SensorRegistry& sensors,
                                      ClassEvidence* evidence) const {
  std::array<double, kRealClassCount> kin{};
  // Kinematics: an exponential average of the window log-likelihood over reports.
  if (f.samples >= cfg_.min_samples && f.span_s > 0.0) {
    std::array<double, kRealClassCount> ll = kinematic_log_likelihood(f);
    const double top = *std::max_element(ll.begin(), ll.end());
    for (double& v : ll) {
      v = cfg_.kinematic_weight * (v - top);
    }
    if (!state.started) {
      state.kinematic_avg = ll;
      state.started = true;
    } else {
      const double dt = std::max(0.0, seconds_between(state.last, track.time));
      const double a = cfg_.smoothing_s > 0.0 ? 1.0 - std::exp(-dt / cfg_.smoothing_s) : 1.0;
      for (std::size_t k = 0; k < kRealClassCount; ++k) {
        state.kinematic_avg[k] += a * (ll[k] - state.kinematic_avg[k]);
      }
    }
    state.last = track.time;
    const double fill = std::min(1.0, f.span_s / std::max(cfg_.window_s, 1e-9));
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      kin[k] = cfg_.kinematic_gain * fill * state.kinematic_avg[k];
    }
  } else if (state.started) {
    state.last = track.time;
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      kin[k] = cfg_.kinematic_gain * state.kinematic_avg[k];
    }
  }

  // Sensors' own classifications (unknown mass dropped: it says nothing about the real classes).
  std::array<double, kRealClassCount> sens{};
  if (track.sensor_class_probabilities && cfg_.sensor_weight > 0.0) {
    const ClassProbabilities& p = *track.sensor_class_probabilities;
    double sum = 0.0;
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      sum += p.p[k + 1];
    }
    if (sum > 1e-9) {
      for (std::size_t k = 0; k < kRealClassCount; ++k) {
        sens[k] = cfg_.sensor_weight * std::log(std::max(p.p[k + 1] / sum, 1e-4));
      }
    }
  }

  // Identity and the kinds of sensor that saw it.
  std::array<double, kRealClassCount> ident{};
  const Identity& id = track.identity;
  std::vector<std::string> said;
  if (identity_trusted && !id.remote_id.empty()) {
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      ident[k] += is_drone(k) ? cfg_.remote_id_drone_llr : 0.0;
    }
    said.emplace_back("Remote ID: drone");
  }
  if (identity_trusted && (id.icao24 || !id.callsign.empty())) {
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      ident[k] += is_manned(k) ? cfg_.adsb_manned_llr : 0.0;
    }
    said.emplace_back("ADS-B: manned");
  }
  if (!id.emitter_model.empty()) {
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      ident[k] += is_drone(k) ? cfg_.rf_model_drone_llr : 0.0;
    }
    said.push_back(fmt::format("RF model {}: drone", id.emitter_model));
  }
  bool rf = false;
  bool acoustic = false;
  for (SensorId s : track.sensors) {
    if (const SensorInfo* info = sensors.find(s)) {
      rf = rf || info->kind == SensorKind::RfDetector;
      acoustic = acoustic || info->kind == SensorKind::Acoustic;
    }
  }
  if (rf && id.emitter_model.empty()) {
    for (std::size_t k = 0; k < kRealClassCount; ++k) {
      ident[k] += is_drone(k) ? cfg_.rf_seen_drone_llr : 0.0;
    }
    said.emplace_back("RF link: drone");
  }
  if (acoustic) {
    ident[idx(TargetClass::Bird)] -= cfg_.acoustic_not_bird_llr;
    said.emplace_back("acoustic: not a bird");
  }

  std::array<double, kRealClassCount> logp{};
  for (std::size_t k = 0; k < kRealClassCount; ++k) {
    logp[k] = log_prior_[k] + kin[k] + sens[k] + ident[k];
  }
  const double top = *std::max_element(logp.begin(), logp.end());
  ClassProbabilities out;
  double sum = 0.0;
  for (std::size_t k = 0; k < kRealClassCount; ++k) {
    out.p[k + 1] = std::exp(logp[k] - top);
    sum += out.p[k + 1];
  }
  for (std::size_t k = 0; k < kRealClassCount; ++k) {
    out.p[k + 1] /= sum;
  }
  if (evidence != nullptr) {
    evidence->kinematic = kin;
    evidence->sensors = sens;
    evidence->identity = ident;
    std::string s;
    if (any_nonzero(kin)) {
      s += fmt::format("kinematics: {}", favoured(kin));
    }
    if (any_nonzero(sens)) {
      s += fmt::format("{}sensors: {}", s.empty() ? "" : "; ", favoured(sens));
    }
    for (const auto& w : said) {
      s += (s.empty() ? "" : "; ") + w;
    }
    evidence->summary = s.empty() ? "prior only" : s;
  }
  return out;
}

CoarseClass Classifier::decide(const ClassProbabilities& p) const {
  CoarseClass best = CoarseClass::Unknown;
  double best_p = 0.0;
  for (CoarseClass c : {CoarseClass::Drone, CoarseClass::Bird, CoarseClass::Aircraft}) {
    const double v = p.coarse(c);
    if (v > best_p) {
      best_p = v;
      best = c;
    }
  }
  return best_p >= cfg_.decide_min_probability ? best : CoarseClass::Unknown;
}

}  // namespace dewline::assess
