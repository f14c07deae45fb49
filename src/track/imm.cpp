#include "track/imm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dewline::track {

Gaussian ImmState::combined() const {
  if (count == 1) {
    return model[0];
  }
  Gaussian out;
  out.x.setZero();
  for (std::size_t j = 0; j < count; ++j) {
    out.x += mu[j] * model[j].x;
  }
  out.P.setZero();
  for (std::size_t j = 0; j < count; ++j) {
    const StateVec d = model[j].x - out.x;
    out.P += mu[j] * (model[j].P + d * d.transpose());
  }
  return out;
}

Imm::Imm(ImmConfig cfg) : cfg_(std::move(cfg)) {
  const std::size_t n = std::clamp<std::size_t>(cfg_.models.size(), 1, kMaxModels);
  cfg_.models.resize(n);
  cfg_.sojourn_s.resize(n, 10.0);
  cfg_.initial_probability.resize(n, 1.0 / static_cast<double>(n));
  double sum = 0.0;
  for (double p : cfg_.initial_probability) {
    sum += p;
  }
  for (double& p : cfg_.initial_probability) {
    p = sum > 0.0 ? p / sum : 1.0 / static_cast<double>(n);
  }
}

ImmState Imm::init(const Gaussian& g) const {
  ImmState s;
  s.count = cfg_.models.size();
  for (std::size_t j = 0; j < s.count; ++j) {
    s.model[j] = g;
    s.mu[j] = cfg_.initial_probability[j];
  }
  return s;
}

void Imm::predict(ImmState& s, double dt) const {
  if (dt <= 0.0) {
    return;
  }
  const std::size_t n = s.count;
  if (n == 1) {
    track::predict(cfg_.models[0], dt, s.model[0]);
    return;
  }
  // Switching probabilities for this dt: pi[i][j] = P(model j now | model i before).
  std::array<std::array<double, kMaxModels>, kMaxModels> pi{};
  for (std::size_t i = 0; i < n; ++i) {
    const double stay = std::exp(-dt / cfg_.sojourn_s[i]);
    for (std::size_t j = 0; j < n; ++j) {
      pi[i][j] = (i == j) ? stay : (1.0 - stay) / static_cast<double>(n - 1);
    }
  }
  std::array<double, kMaxModels> c{};
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      c[j] += pi[i][j] * s.mu[i];
    }
  }
  std::array<Gaussian, kMaxModels> mixed{};
  for (std::size_t j = 0; j < n; ++j) {
    if (!(c[j] > 0.0)) {
      mixed[j] = s.model[j];
      continue;
    }
    std::array<double, kMaxModels> w{};
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = pi[i][j] * s.mu[i] / c[j];
    }
    StateVec x = StateVec::Zero();
    for (std::size_t i = 0; i < n; ++i) {
      x += w[i] * s.model[i].x;
    }
    StateCov P = StateCov::Zero();
    for (std::size_t i = 0; i < n; ++i) {
      const StateVec d = s.model[i].x - x;
      P += w[i] * (s.model[i].P + d * d.transpose());
    }
    mixed[j].x = x;
    mixed[j].P = P;
  }
  for (std::size_t j = 0; j < n; ++j) {
    s.model[j] = mixed[j];
    track::predict(cfg_.models[j], dt, s.model[j]);
    s.mu[j] = c[j];
  }
}

double Imm::update(ImmState& s, const MeasurementModel& m, UpdateMethod method) const {
  const std::size_t n = s.count;
  std::array<double, kMaxModels> loglik{};
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < n; ++j) {
    const Innovation in = innovate(m, s.model[j], method);
    if (!in.valid) {
      loglik[j] = -std::numeric_limits<double>::infinity();
      continue;
    }
    apply(in, s.model[j]);
    loglik[j] = in.log_likelihood;
    best = std::max(best, loglik[j]);
  }
  if (!std::isfinite(best)) {
    return best;
  }
  double sum = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double w = s.mu[j] * std::exp(loglik[j] - best);
    s.mu[j] = w;
    sum += w;
  }
  // Keep every model alive: a probability floor lets a dormant model come back.
  constexpr double kFloor = 1e-4;
  double norm = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    s.mu[j] = std::max(s.mu[j] / sum, kFloor);
    norm += s.mu[j];
  }
  for (std::size_t j = 0; j < n; ++j) {
    s.mu[j] /= norm;
  }
  return best + std::log(sum);
}

}  // namespace dewline::track
