#include "track/init_mixture.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace dewline::track {
namespace {

// Components whose weight falls below this fraction are dropped.
constexpr double kPruneWeight = 1e-4;

}  // namespace

Gaussian InitMixture::combined() const {
  if (count == 1) {
    return comp[0];
  }
  Gaussian g;
  g.x.setZero();
  for (std::size_t c = 0; c < count; ++c) {
    g.x += w[c] * comp[c].x;
  }
  g.P.setZero();
  for (std::size_t c = 0; c < count; ++c) {
    const StateVec d = comp[c].x - g.x;
    g.P += w[c] * (comp[c].P + d * d.transpose());
  }
  symmetrize(g.P);
  return g;
}

void InitMixture::refresh_log_weights() {
  for (std::size_t c = 0; c < count; ++c) {
    log_w[c] = std::log(w[c]);
  }
}

double InitMixture::max_weight() const {
  double m = 0.0;
  for (std::size_t c = 0; c < count; ++c) {
    m = std::max(m, w[c]);
  }
  return m;
}

double InitMixture::velocity_spread_ratio() const {
  if (count < 2) {
    return 0.0;
  }
  Vec3 mean = Vec3::Zero();
  double within = 0.0;
  for (std::size_t c = 0; c < count; ++c) {
    mean += w[c] * comp[c].x.segment<3>(3);
    within += w[c] * comp[c].P.block<3, 3>(3, 3).trace();
  }
  double between = 0.0;
  for (std::size_t c = 0; c < count; ++c) {
    between += w[c] * (comp[c].x.segment<3>(3) - mean).squaredNorm();
  }
  return within > 0.0 ? between / within : std::numeric_limits<double>::infinity();
}

InitMixture make_init_mixture(const Vec3& position, const Mat3& covariance,
                              const std::vector<VelocityPrior>& prior) {
  InitMixture m;
  double sum = 0.0;
  for (const auto& v : prior) {
    if (m.count == kMaxPriorComponents) {
      break;
    }
    Gaussian& g = m.comp[m.count];
    g.x.setZero();
    g.x.head<3>() = position;
    g.P.setZero();
    g.P.topLeftCorner<3, 3>() = covariance;
    g.P(3, 3) = g.P(4, 4) = v.sigma_h_mps * v.sigma_h_mps;
    g.P(5, 5) = v.sigma_v_mps * v.sigma_v_mps;
    g.P(6, 6) = 1e-4;
    m.w[m.count] = v.weight;
    sum += v.weight;
    ++m.count;
  }
  for (std::size_t c = 0; c < m.count; ++c) {
    m.w[c] /= sum;
  }
  m.refresh_log_weights();
  return m;
}

void predict(InitMixture& m, const MotionModel& model, double dt) {
  for (std::size_t c = 0; c < m.count; ++c) {
    predict(model, dt, m.comp[c]);
  }
}

MixtureScore score(const InitMixture& m, const MeasurementModel& z, UpdateMethod method,
                   double gate) {
  (void)method;  // gating is EKF-linearised for every update method
  MixtureScore s;
  double best = -std::numeric_limits<double>::infinity();
  std::array<GateScore, kMaxPriorComponents> in{};
  gate_scores(z, std::span<const Gaussian>(m.comp.data(), m.count),
              std::span<GateScore>(in.data(), m.count));
  std::array<double, kMaxPriorComponents> ll{};
  for (std::size_t c = 0; c < m.count; ++c) {
    ll[c] = -std::numeric_limits<double>::infinity();
    if (!in[c].valid) {
      continue;
    }
    s.inside = s.inside || in[c].mahalanobis2 <= gate;
    ll[c] = m.log_w[c] + in[c].log_likelihood;
    best = std::max(best, ll[c]);
  }
  if (!std::isfinite(best)) {
    s.log_likelihood = best;
    s.inside = false;
    return s;
  }
  double sum = 0.0;
  for (std::size_t c = 0; c < m.count; ++c) {
    sum += std::exp(ll[c] - best);
  }
  s.log_likelihood = best + std::log(sum);
  return s;
}

double update(InitMixture& m, const MeasurementModel& z, UpdateMethod method) {
  InitMixture out;
  std::array<double, kMaxPriorComponents> ll{};
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < m.count; ++c) {
    Gaussian g = m.comp[c];
    const Innovation in = innovate(z, g, method);
    if (!in.valid) {
      continue;
    }
    apply(in, g);
    out.comp[out.count] = g;
    ll[out.count] = m.log_w[c] + in.log_likelihood;
    best = std::max(best, ll[out.count]);
    ++out.count;
  }
  if (out.count == 0) {
    return -std::numeric_limits<double>::infinity();
  }
  double sum = 0.0;
  for (std::size_t c = 0; c < out.count; ++c) {
    out.w[c] = std::exp(ll[c] - best);
    sum += out.w[c];
  }
  // Normalise and prune.
  m.count = 0;
  for (std::size_t c = 0; c < out.count; ++c) {
    const double wc = out.w[c] / sum;
    if (wc >= kPruneWeight) {
      m.comp[m.count] = out.comp[c];
      m.w[m.count] = wc;
      ++m.count;
    }
  }
  double kept = 0.0;
  for (std::size_t c = 0; c < m.count; ++c) {
    kept += m.w[c];
  }
  for (std::size_t c = 0; c < m.count; ++c) {
    m.w[c] /= kept;
  }
  m.refresh_log_weights();
  return best + std::log(sum);
}

}  // namespace dewline::track
