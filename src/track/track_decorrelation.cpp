#include "track/track_decorrelation.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "core/golden_section.hpp"

namespace dewline::track {
namespace {

// Variance given to directions without new information: large enough to change nothing, small
// enough to keep the innovation covariance well conditioned.
constexpr double kNoInformationVariance = 1e10;
// Eigenvalues of the new information below this fraction of the estimate's largest are noise.
constexpr double kRelativeFloor = 1e-9;

}  // namespace

std::optional<EquivalentMeasurement> equivalent_measurement(const SensorTrackEstimate& prev,
                                                            const SensorTrackEstimate& now,
                                                            double q) {
  const double dt = (now.time - prev.time).seconds();
  if (!(dt > 0.0)) {
    return std::nullopt;
  }
  Mat6 F = Mat6::Identity();
  F.topRightCorner<3, 3>() = dt * Eigen::Matrix3d::Identity();
  Mat6 Q = Mat6::Zero();  // continuous white-noise acceleration, every axis
  for (int a = 0; a < 3; ++a) {
    Q(a, a) = q * dt * dt * dt / 3.0;
    Q(a, a + 3) = Q(a + 3, a) = q * dt * dt / 2.0;
    Q(a + 3, a + 3) = q * dt;
  }
  const Vec6 x_pred = F * prev.x;
  const Mat6 P_pred = F * prev.P * F.transpose() + Q;
  const Eigen::LLT<Mat6> llt_now(now.P);
  const Eigen::LLT<Mat6> llt_pred(P_pred);
  if (llt_now.info() != Eigen::Success || llt_pred.info() != Eigen::Success) {
    return std::nullopt;
  }
  const Mat6 I_now = llt_now.solve(Mat6::Identity());
  const Mat6 I_pred = llt_pred.solve(Mat6::Identity());
  Mat6 I_new = I_now - I_pred;
  I_new = (0.5 * (I_new + I_new.transpose())).eval();
  const Vec6 i_new = I_now * now.x - I_pred * x_pred;

  const Eigen::SelfAdjointEigenSolver<Mat6> eig(I_new);
  if (eig.info() != Eigen::Success) {
    return std::nullopt;
  }
  const double floor =
      kRelativeFloor *
      Eigen::SelfAdjointEigenSolver<Mat6>(I_now, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
  EquivalentMeasurement out;
  out.z.setZero();
  out.R.setZero();
  for (int i = 0; i < 6; ++i) {
    const Vec6 v = eig.eigenvectors().col(i);
    const double lambda = eig.eigenvalues()(i);
    if (lambda > floor) {
      out.z += (v.dot(i_new) / lambda) * v;
      out.R += (1.0 / lambda) * v * v.transpose();
      ++out.informative_dims;
    } else {
      out.z += v.dot(now.x) * v;  // no new information: the estimate's own value, unweighted
      out.R += kNoInformationVariance * v * v.transpose();
    }
  }
  if (out.informative_dims == 0) {
    return std::nullopt;
  }
  out.R = (0.5 * (out.R + out.R.transpose())).eval();
  return out;
}

double covariance_intersection_weight(const Eigen::Matrix3d& A, const Eigen::Matrix3d& B) {
  const Eigen::LLT<Eigen::Matrix3d> la(A);
  const Eigen::LLT<Eigen::Matrix3d> lb(B);
  if (la.info() != Eigen::Success || lb.info() != Eigen::Success) {
    return 0.5;
  }
  const Eigen::Matrix3d Ai = la.solve(Eigen::Matrix3d::Identity());
  const Eigen::Matrix3d Bi = lb.solve(Eigen::Matrix3d::Identity());
  auto trace_at = [&](double w) {
    const Eigen::Matrix3d info = w * Ai + (1.0 - w) * Bi;
    return Eigen::LLT<Eigen::Matrix3d>(info).solve(Eigen::Matrix3d::Identity()).trace();
  };
  return golden_section_min(trace_at, 0.001, 0.999, 40).x;
}

}  // namespace dewline::track
