#include "track/mixture_step.hpp"

#include <algorithm>
#include <cmath>

#include "track/motion_model.hpp"

namespace dewline::track {

Mat6 transition(double dt) {
  Mat6 F = Mat6::Identity();
  F.topRightCorner<3, 3>() = dt * Eigen::Matrix3d::Identity();
  return F;
}

Mat6 turn_transition(double dt, double w) {
  const double wt = w * dt;
  if (std::abs(wt) < 1e-9) {
    return transition(dt);
  }
  const double sw = std::sin(wt);
  const double cw = std::cos(wt);
  const double s = sw / w;
  const double c = (1.0 - cw) / w;
  Mat6 F = transition(dt);
  F(0, 3) = s;
  F(0, 4) = -c;
  F(1, 3) = c;
  F(1, 4) = s;
  F(3, 3) = cw;
  F(3, 4) = -sw;
  F(4, 3) = sw;
  F(4, 4) = cw;
  return F;
}

double turn_rate(const Vec3& a, const Vec3& b, double dt) {
  constexpr double kMinSpeed = 1.0;  // m/s
  constexpr double kMaxTurn = 1.0;   // rad/s
  if (dt <= 0.0 || a.head<2>().norm() < kMinSpeed || b.head<2>().norm() < kMinSpeed) {
    return 0.0;
  }
  const double cross = a.x() * b.y() - a.y() * b.x();
  const double dot = a.x() * b.x() + a.y() * b.y();
  return std::clamp(std::atan2(cross, dot) / dt, -kMaxTurn, kMaxTurn);
}

Step StepModel::operator()(const Track& at, const Vec6& x, const Mat6& P, double dt, double w) {
  const std::size_t n = imm_.models.size();
  Step st;
  if (n == 0) {
    st.F = transition(dt);
    st.x = st.F * x;
    st.P = st.F * P * st.F.transpose();
    return st;
  }
  const auto mu = weights(at);
  std::array<Vec6, kMaxModels> xj;
  std::array<Mat6, kMaxModels> Fj;
  st.F.setZero();
  st.x.setZero();
  for (std::size_t j = 0; j < n; ++j) {
    Fj[j] = imm_.models[j].kind == MotionKind::CoordinatedTurn ? turn_transition(dt, w)
                                                               : transition(dt);
    xj[j] = Fj[j] * x;
    st.F += mu[j] * Fj[j];
    st.x += mu[j] * xj[j];
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (mu[j] <= 0.0) {
      continue;
    }
    const Vec6 d = xj[j] - st.x;
    st.P += mu[j] * (Fj[j] * P * Fj[j].transpose() + noise(j, dt) + d * d.transpose());
  }
  return st;
}

std::array<double, kMaxModels> StepModel::weights(const Track& at) const {
  const std::size_t n = imm_.models.size();
  std::array<double, kMaxModels> mu{};
  double sum = 0.0;
  for (std::size_t j = 0; j < n && j < at.model_probabilities.size(); ++j) {
    mu[j] = at.model_probabilities[j];
    sum += mu[j];
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (sum > 0.0) {
      mu[j] /= sum;
    } else {  // single-model filter or a starting track: the initial mix
      mu[j] = j < imm_.initial_probability.size() ? imm_.initial_probability[j]
                                                  : 1.0 / static_cast<double>(n);
    }
  }
  return mu;
}

const Mat6& StepModel::noise(std::size_t j, double dt) {
  dt = std::abs(dt);
  if (dt != cached_dt_) {
    cached_dt_ = dt;
    for (std::size_t i = 0; i < imm_.models.size(); ++i) {
      MotionModel m = imm_.models[i];
      m.kind = MotionKind::ConstantVelocity;
      Gaussian g;
      g.x.setZero();
      g.P.setZero();
      predict(m, dt, g);
      cached_[i] = g.P.topLeftCorner<6, 6>();
    }
  }
  return cached_[j];
}

Vec6 state_of(const Track& t) {
  Vec6 x;
  x << t.position_m, t.velocity_mps;
  return x;
}

void set_state(Track& t, const Vec6& x, const Mat6& P) {
  t.position_m = x.head<3>();
  t.velocity_mps = x.tail<3>();
  t.covariance = 0.5 * (P + P.transpose());
}

}  // namespace dewline::track
