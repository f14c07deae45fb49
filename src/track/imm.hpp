// imm.hpp: the Interacting Multiple Model filter (Blom & Bar-Shalom, IEEE TAC 33(8), 1988;
// Bar-Shalom, Li, Kirubarajan 2001, section 11.6).
//
// Up to kMaxModels motion models run in parallel on the same 7-element state; before each
// prediction their estimates are mixed with the model-switching probabilities, after each update
// the model probabilities follow the models' likelihoods. Switching is set in continuous time: a
// model's mean sojourn time tau gives P(stay for dt) = exp(-dt / tau), the rest split evenly
// among the other models, so the filter behaves the same for 0.1 s and 5 s revisits.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "track/kalman.hpp"
#include "track/motion_model.hpp"
#include "track/state.hpp"

namespace dewline::track {

inline constexpr std::size_t kMaxModels = 3;

struct ImmConfig {
  std::vector<MotionModel> models;          // 1..kMaxModels
  std::vector<double> sojourn_s;            // mean time in each model
  std::vector<double> initial_probability;  // model probabilities of a new track
};

struct ImmState {
  std::array<Gaussian, kMaxModels> model{};
  std::array<double, kMaxModels> mu{};  // model probabilities, sum 1
  std::size_t count = 1;

  // Moment-matched single Gaussian of the mixture.
  [[nodiscard]] Gaussian combined() const;
};

class Imm {
 public:
  explicit Imm(ImmConfig cfg);

  [[nodiscard]] const ImmConfig& config() const { return cfg_; }
  [[nodiscard]] std::size_t model_count() const { return cfg_.models.size(); }

  // A new IMM state with every model at g and the initial probabilities.
  [[nodiscard]] ImmState init(const Gaussian& g) const;
  // Mixes and predicts forward by dt >= 0.
  void predict(ImmState& s, double dt) const;
  // Updates every model with the measurement; returns the log of the mixture likelihood
  // sum_j mu_j N(nu_j; 0, S_j). Models whose innovation is invalid keep their prediction.
  double update(ImmState& s, const MeasurementModel& m, UpdateMethod method) const;

 private:
  ImmConfig cfg_;
};

}  // namespace dewline::track
