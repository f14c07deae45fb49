#include "track/motion_model.hpp"

#include <cmath>

namespace dewline::track {
namespace {

// Below this |omega * dt| the turn is treated as straight (series limits of sin/cos terms).
constexpr double kSmallTurn = 1e-6;

// The turn-rate noise density at the state's horizontal speed (see MotionModel).
double turn_noise(const MotionModel& m, const StateVec& x) {
  const double ref2 = m.turn_reference_speed_mps * m.turn_reference_speed_mps;
  const double v2 = x(3) * x(3) + x(4) * x(4);
  return v2 > ref2 && ref2 > 0.0 ? m.q_turn * ref2 / v2 : m.q_turn;
}

// Adds the white-noise-acceleration process noise of one axis pair (pos index i, vel index j).
void add_wna(StateCov& P, int i, int j, double q, double dt, NoiseKind kind) {
  const double dt2 = dt * dt;
  const double dt3 = dt2 * dt;
  if (kind == NoiseKind::Discrete) {
    P(i, i) += q * dt2 * dt2 / 4.0;
    P(i, j) += q * dt3 / 2.0;
    P(j, i) += q * dt3 / 2.0;
    P(j, j) += q * dt2;
    return;
  }
  P(i, i) += q * dt3 / 3.0;
  P(i, j) += q * dt2 / 2.0;
  P(j, i) += q * dt2 / 2.0;
  P(j, j) += q * dt;
}

void predict_cv(const MotionModel& m, double dt, Gaussian& g) {
  StateVec& x = g.x;
  const double q_turn = turn_noise(m, x);
  x(0) += dt * x(3);
  x(1) += dt * x(4);
  x(2) += dt * x(5);
  // P <- F P F' with F = [I dtI 0; 0 I 0; 0 0 1], done blockwise (F is sparse).
  StateCov& P = g.P;
  for (int c = 0; c < kStateDim; ++c) {  // rows: P(0..2, :) += dt * P(3..5, :)
    P(0, c) += dt * P(3, c);
    P(1, c) += dt * P(4, c);
    P(2, c) += dt * P(5, c);
  }
  for (int r = 0; r < kStateDim; ++r) {  // columns: P(:, 0..2) += dt * P(:, 3..5)
    P(r, 0) += dt * P(r, 3);
    P(r, 1) += dt * P(r, 4);
    P(r, 2) += dt * P(r, 5);
  }
  add_wna(P, 0, 3, m.q, dt, m.noise);
  add_wna(P, 1, 4, m.q, dt, m.noise);
  add_wna(P, 2, 5, m.q_vertical, dt, m.noise);
  // A CV model carries omega unchanged; its variance grows slowly so that a CT model mixing it in
  // does not trust a stale turn rate.
  P(6, 6) += q_turn * dt;
}

void predict_ct(const MotionModel& m, double dt, Gaussian& g) {
  StateVec& x = g.x;
  const double q_turn = turn_noise(m, x);
  const double vx = x(3);
  const double vy = x(4);
  const double w = x(6);
  const double wt = w * dt;
  double s = 0.0;   // sin(wt)/w
  double c = 0.0;   // (1 - cos(wt))/w
  double ds = 0.0;  // d s / d w
  double dc = 0.0;  // d c / d w
  const double sw = std::sin(wt);
  const double cw = std::cos(wt);
  if (std::abs(wt) < kSmallTurn) {
    s = dt;
    c = 0.5 * w * dt * dt;
    ds = -w * dt * dt * dt / 3.0;
    dc = 0.5 * dt * dt;
  } else {
    s = sw / w;
    c = (1.0 - cw) / w;
    ds = (dt * cw - s) / w;
    dc = (dt * sw - c) / w;
  }
  // Jacobian F: identity but for rows 0-4 (x, y, z, vx, vy); z and vz, vz and omega carry over.
  const double f06 = ds * vx - dc * vy;
  const double f16 = dc * vx + ds * vy;
  const double f36 = -dt * sw * vx - dt * cw * vy;
  const double f46 = dt * cw * vx - dt * sw * vy;

  x(0) += s * vx - c * vy;
  x(1) += c * vx + s * vy;
  x(2) += dt * x(5);
  x(3) = cw * vx - sw * vy;
  x(4) = sw * vx + cw * vy;

  // P <- F P F' in two sparse passes (F has at most four non-zeros per row): A = F P, then
  // P = A F'. A dense 7x7 product would do four times the work.
  StateCov& P = g.P;
  const auto mix_rows = [&](StateCov& M) {  // M <- F M, row by row
    for (int k = 0; k < kStateDim; ++k) {
      const double m0 = M(0, k);
      const double m1 = M(1, k);
      const double m2 = M(2, k);
      const double m3 = M(3, k);
      const double m4 = M(4, k);
      const double m5 = M(5, k);
      const double m6 = M(6, k);
      M(0, k) = m0 + s * m3 - c * m4 + f06 * m6;
      M(1, k) = m1 + c * m3 + s * m4 + f16 * m6;
      M(2, k) = m2 + dt * m5;
      M(3, k) = cw * m3 - sw * m4 + f36 * m6;
      M(4, k) = sw * m3 + cw * m4 + f46 * m6;
    }
  };
  mix_rows(P);
  P.transposeInPlace();  // (F P)' = P F', P being symmetric
  mix_rows(P);           // F P F' (made exactly symmetric by predict())
  add_wna(g.P, 0, 3, m.q, dt, m.noise);
  add_wna(g.P, 1, 4, m.q, dt, m.noise);
  add_wna(g.P, 2, 5, m.q_vertical, dt, m.noise);
  g.P(6, 6) += q_turn * dt;
}

}  // namespace

std::string_view to_string(MotionKind k) {
  return k == MotionKind::CoordinatedTurn ? "ct" : "cv";
}

void predict(const MotionModel& m, double dt, Gaussian& g) {
  if (dt == 0.0) {
    return;
  }
  if (m.kind == MotionKind::CoordinatedTurn) {
    predict_ct(m, dt, g);
  } else {
    predict_cv(m, dt, g);
  }
  symmetrize(g.P);
}

StateVec predict_mean(const MotionModel& m, double dt, const StateVec& x) {
  Gaussian g;
  g.x = x;
  if (m.kind == MotionKind::CoordinatedTurn && std::abs(x(6) * dt) >= kSmallTurn) {
    const double w = x(6);
    const double s = std::sin(w * dt) / w;
    const double c = (1.0 - std::cos(w * dt)) / w;
    StateVec y = x;
    y(0) += s * x(3) - c * x(4);
    y(1) += c * x(3) + s * x(4);
    y(2) += dt * x(5);
    y(3) = std::cos(w * dt) * x(3) - std::sin(w * dt) * x(4);
    y(4) = std::sin(w * dt) * x(3) + std::cos(w * dt) * x(4);
    return y;
  }
  StateVec y = x;
  y(0) += dt * x(3);
  y(1) += dt * x(4);
  y(2) += dt * x(5);
  return y;
}

}  // namespace dewline::track
