#include "track/kalman.hpp"

#include <array>
#include <cmath>
#include <numbers>
#include <span>

#include <Eigen/Cholesky>
#include <Eigen/LU>

namespace dewline::track {
namespace {

// The measurement function linearised at a mean: its Jacobian and the innovation.
template <int N>
struct Linearised {
  Eigen::Matrix<double, N, kStateDim, Eigen::RowMajor> H;
  Eigen::Matrix<double, N, 1> nu;
  bool position_only = false;  // H is zero beyond the position columns (no range rate, velocity)
};

template <int N>
Linearised<N> linearise(const MeasurementModel& m, const StateVec& x) {
  Linearised<N> l;
  l.H.setZero();
  m.jacobian_into(x, l.H.data());
  l.position_only = l.H.template rightCols<kStateDim - 3>().isZero(0.0);
  Eigen::Matrix<double, N, 1> zhat;
  m.h_into(x, zhat.data());
  l.nu = Eigen::Matrix<double, N, 1>(m.z) - zhat;
  for (int i = 0; i < N; ++i) {
    // remainder() returns x itself for |x| <= pi: call it only when there is something to wrap.
    if (((m.angle_rows >> static_cast<unsigned>(i)) & 1U) && std::abs(l.nu(i)) > std::numbers::pi) {
      l.nu(i) = std::remainder(l.nu(i), 2.0 * std::numbers::pi);
    }
  }
  return l;
}

template <int N>
GateScore gate_score_fixed(const MeasurementModel& m, const Linearised<N>& l, const StateCov& P,
                           double gate) {
  using SN = Eigen::Matrix<double, N, N>;
  GateScore out;
  // Bearings, plots without range rate and positions see only the position block of P.
  const SN S = l.position_only ? SN(l.H.template leftCols<3>() * P.template topLeftCorner<3, 3>() *
                                        l.H.template leftCols<3>().transpose() +
                                    SN(m.R))
                               : SN(l.H * P * l.H.transpose() + SN(m.R));
  SN S_inv;
  double det = 0.0;    // N <= 3
  Eigen::LLT<SN> llt;  // N > 3
  if constexpr (N <= 3) {
    det = S.determinant();
    if (!(S(0, 0) > 0.0) || !(det > 0.0) ||
        (N >= 3 && !(S(0, 0) * S(1, 1) - S(0, 1) * S(1, 0) > 0.0))) {
      return out;
    }
    S_inv = S.inverse();
  } else {
    llt.compute(S);
    if (llt.info() != Eigen::Success) {
      return out;
    }
    S_inv = llt.solve(SN::Identity());
  }
  out.mahalanobis2 = l.nu.dot(S_inv * l.nu);
  if (out.mahalanobis2 > gate) {
    out.log_likelihood = -std::numeric_limits<double>::infinity();
    out.valid = std::isfinite(out.mahalanobis2);
    return out;
  }
  double log_det = 0.0;
  if constexpr (N <= 3) {
    log_det = std::log(det);
  } else {
    for (int i = 0; i < N; ++i) {
      log_det += 2.0 * std::log(llt.matrixLLT()(i, i));
    }
  }
  out.log_likelihood = -0.5 * (out.mahalanobis2 + log_det + N * std::log(2.0 * std::numbers::pi));
  out.valid = std::isfinite(out.log_likelihood);
  return out;
}

// Gaussians in a row that share a mean share the linearisation.
template <int N>
void gate_scores_fixed(const MeasurementModel& m, std::span<const Gaussian> g, double gate,
                       std::span<GateScore> out) {
  Linearised<N> l;
  for (std::size_t c = 0; c < g.size(); ++c) {
    if (c == 0 || g[c].x != g[c - 1].x) {
      l = linearise<N>(m, g[c].x);
    }
    out[c] = gate_score_fixed<N>(m, l, g[c].P, gate);
  }
}

// The EKF in fixed-size arithmetic for measurement dimension N (dynamic-size Eigen products are
// several times slower at these sizes).
template <int N>
Innovation innovate_ekf_fixed(const MeasurementModel& m, const Gaussian& g) {
  using HN = Eigen::Matrix<double, N, kStateDim>;
  using SN = Eigen::Matrix<double, N, N>;
  using VN = Eigen::Matrix<double, N, 1>;
  Innovation in;
  const Linearised<N> l = linearise<N>(m, g.x);
  const HN H = l.H;
  const VN& nu = l.nu;
  // Only the position columns of H are non-zero for bearings, plots without range rate and
  // positions: the products skip the rest (the sums are the same, less the zero terms).
  const Eigen::Matrix<double, kStateDim, N> Pxz =
      l.position_only ? Eigen::Matrix<double, kStateDim, N>(g.P.template leftCols<3>() *
                                                            H.template leftCols<3>().transpose())
                      : Eigen::Matrix<double, kStateDim, N>(g.P * H.transpose());
  const SN S = l.position_only ? SN(H.template leftCols<3>() * Pxz.template topRows<3>() + SN(m.R))
                               : SN(H * Pxz + SN(m.R));
  SN S_inv;
  double log_det = 0.0;
  if constexpr (N <= 3) {
    // Closed-form inverse for small N (Eigen's cofactor path); S must be positive definite:
    // positive leading minors (Sylvester's criterion).
    const double det = S.determinant();
    if (!(S(0, 0) > 0.0) || !(det > 0.0) ||
        (N >= 3 && !(S(0, 0) * S(1, 1) - S(0, 1) * S(1, 0) > 0.0))) {
      in.valid = false;
      return in;
    }
    S_inv = S.inverse();
    log_det = std::log(det);
  } else {
    Eigen::LLT<SN> llt(S);
    if (llt.info() != Eigen::Success) {
      in.valid = false;
      return in;
    }
    S_inv = llt.solve(SN::Identity());
    const SN& L = llt.matrixLLT();
    for (int i = 0; i < N; ++i) {
      log_det += 2.0 * std::log(L(i, i));
    }
  }
  in.mahalanobis2 = nu.dot(S_inv * nu);
  in.log_likelihood = -0.5 * (in.mahalanobis2 + log_det + N * std::log(2.0 * std::numbers::pi));
  in.valid = std::isfinite(in.log_likelihood);
  in.nu = nu;
  in.S = S;
  in.S_inv = S_inv;
  in.Pxz = Pxz;
  return in;
}

// Fills S_inv, the Mahalanobis distance and the log-likelihood from nu and S.
void finish(Innovation& in) {
  const int n = static_cast<int>(in.nu.size());
  Eigen::LLT<MeasCov> llt(in.S);
  if (llt.info() != Eigen::Success) {
    in.valid = false;
    return;
  }
  in.S_inv = llt.solve(MeasCov::Identity(n, n));
  in.mahalanobis2 = in.nu.dot(in.S_inv * in.nu);
  double log_det = 0.0;
  const auto& L = llt.matrixLLT();
  for (int i = 0; i < n; ++i) {
    log_det += 2.0 * std::log(L(i, i));
  }
  in.log_likelihood = -0.5 * (in.mahalanobis2 + log_det +
                              static_cast<double>(n) * std::log(2.0 * std::numbers::pi));
  in.valid = std::isfinite(in.log_likelihood);
}

Innovation innovate_ekf_dynamic(const MeasurementModel& m, const Gaussian& g) {
  Innovation in;
  const MeasJac H = m.jacobian(g.x);
  in.nu = m.residual(m.z, m.h(g.x));
  in.Pxz = g.P * H.transpose();
  in.S = H * in.Pxz + m.R;
  finish(in);
  return in;
}

Innovation innovate_ekf(const MeasurementModel& m, const Gaussian& g) {
  switch (m.dim) {
    case 1:  // rare (azimuth-only bearings); 1x1 fixed-size trips a g++ 12 false warning
      return innovate_ekf_dynamic(m, g);
    case 2:
      return innovate_ekf_fixed<2>(m, g);
    case 3:
      return innovate_ekf_fixed<3>(m, g);
    case 4:
      return innovate_ekf_fixed<4>(m, g);
    case 5:
      return innovate_ekf_fixed<5>(m, g);
    default:
      return innovate_ekf_fixed<6>(m, g);
  }
}

Innovation innovate_ukf(const MeasurementModel& m, const Gaussian& g) {
  constexpr int n = kStateDim;
  constexpr double kLambda = 0.0;  // alpha = 1, kappa = 0: lambda = alpha^2 (n + kappa) - n
  constexpr double kBeta = 2.0;
  const double w0m = kLambda / (n + kLambda);
  const double w0c = w0m + kBeta;  // 1 - alpha^2 + beta with alpha = 1
  const double wi = 1.0 / (2.0 * (n + kLambda));
  Innovation in;
  Eigen::LLT<StateCov> llt((n + kLambda) * g.P);
  if (llt.info() != Eigen::Success) {
    in.valid = false;
    return in;
  }
  const StateCov L = llt.matrixL();
  std::array<StateVec, 2 * n + 1> sigma;
  std::array<MeasVec, 2 * n + 1> zs;
  sigma[0] = g.x;
  for (int i = 0; i < n; ++i) {
    sigma[static_cast<std::size_t>(1 + i)] = g.x + L.col(i);
    sigma[static_cast<std::size_t>(1 + n + i)] = g.x - L.col(i);
  }
  // Angles are averaged as residuals about the first sigma point's prediction to avoid wrapping.
  const MeasVec z0 = m.h(sigma[0]);
  MeasVec zmean = MeasVec::Zero(m.dim);
  for (std::size_t i = 0; i < sigma.size(); ++i) {
    zs[i] = m.residual(m.h(sigma[i]), z0);
    zmean += (i == 0 ? w0m : wi) * zs[i];
  }
  in.S = m.R;
  in.Pxz = CrossCov::Zero(n, m.dim);
  for (std::size_t i = 0; i < sigma.size(); ++i) {
    const double w = i == 0 ? w0c : wi;
    const MeasVec dz = zs[i] - zmean;
    in.S += w * dz * dz.transpose();
    in.Pxz += w * (sigma[i] - g.x) * dz.transpose();
  }
  in.nu = m.residual(m.z, z0) - zmean;
  for (int i = 0; i < m.dim; ++i) {
    if ((m.angle_rows >> static_cast<unsigned>(i)) & 1U) {
      in.nu(i) = std::remainder(in.nu(i), 2.0 * std::numbers::pi);
    }
  }
  finish(in);
  return in;
}

}  // namespace

Innovation innovate(const MeasurementModel& m, const Gaussian& g, UpdateMethod method) {
  return method == UpdateMethod::Ukf ? innovate_ukf(m, g) : innovate_ekf(m, g);
}

namespace {

template <int N>
void apply_fixed(const Innovation& in, Gaussian& g) {
  using SN = Eigen::Matrix<double, N, N>;
  const Eigen::Matrix<double, kStateDim, N> Pxz = in.Pxz;
  const SN S_inv = in.S_inv;
  const Eigen::Matrix<double, kStateDim, N> K = Pxz * S_inv;
  g.x += K * Eigen::Matrix<double, N, 1>(in.nu);
  g.P -= K * Pxz.transpose();  // K S K' = P H' S^-1 H P = K Pxz'
  symmetrize(g.P);
}

}  // namespace

GateScore gate_score(const MeasurementModel& m, const Gaussian& g, double gate) {
  GateScore out;
  gate_scores(m, std::span<const Gaussian>(&g, 1), std::span<GateScore>(&out, 1), gate);
  return out;
}

void gate_scores(const MeasurementModel& m, std::span<const Gaussian> g, std::span<GateScore> out,
                 double gate) {
  switch (m.dim) {
    case 1:
      for (std::size_t c = 0; c < g.size(); ++c) {
        const Innovation in = innovate(m, g[c], UpdateMethod::Ekf);
        out[c] = GateScore{in.mahalanobis2, in.log_likelihood, in.valid};
      }
      return;
    case 2:
      return gate_scores_fixed<2>(m, g, gate, out);
    case 3:
      return gate_scores_fixed<3>(m, g, gate, out);
    case 4:
      return gate_scores_fixed<4>(m, g, gate, out);
    case 5:
      return gate_scores_fixed<5>(m, g, gate, out);
    default:
      return gate_scores_fixed<6>(m, g, gate, out);
  }
}

void apply(const Innovation& in, Gaussian& g) {
  switch (in.nu.size()) {
    case 1: {
      const CrossCov K = in.Pxz * in.S_inv;
      g.x += K * in.nu;
      g.P -= K * in.S * K.transpose();
      symmetrize(g.P);
      return;
    }
    case 2:
      return apply_fixed<2>(in, g);
    case 3:
      return apply_fixed<3>(in, g);
    case 4:
      return apply_fixed<4>(in, g);
    case 5:
      return apply_fixed<5>(in, g);
    default:
      return apply_fixed<6>(in, g);
  }
}

}  // namespace dewline::track
