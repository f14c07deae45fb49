#include "track/motion_model.hpp"

#include <gtest/gtest.h>

namespace dewline::track {
namespace {

Gaussian moving(double vx, double vy, double omega) {
  Gaussian g;
  g.x << 100, 200, 50, vx, vy, 1.0, omega;
  g.P = StateCov::Identity();
  return g;
}

TEST(MotionModel, ConstantVelocityMovesStraightAndGrowsCovariance) {
  MotionModel cv;
  cv.q = 0.5;
  cv.q_vertical = 0.2;
  Gaussian g = moving(10, -5, 0.0);
  predict(cv, 2.0, g);
  EXPECT_DOUBLE_EQ(g.x(0), 120.0);
  EXPECT_DOUBLE_EQ(g.x(1), 190.0);
  EXPECT_DOUBLE_EQ(g.x(2), 52.0);
  // P = F P F' + Q: position variance 1 + 4*1 + q dt^3 / 3.
  EXPECT_NEAR(g.P(0, 0), 1.0 + 4.0 + 0.5 * 8.0 / 3.0, 1e-12);
  EXPECT_NEAR(g.P(0, 3), 2.0 + 0.5 * 4.0 / 2.0, 1e-12);
  EXPECT_NEAR(g.P(2, 2), 1.0 + 4.0 + 0.2 * 8.0 / 3.0, 1e-12);
}

// With a reference speed, turn-rate noise is lateral-acceleration noise: a target ten times
// faster than the reference gets a hundredth of q_turn; at or below it, q_turn itself.
TEST(MotionModel, TurnRateNoiseFallsAsOneOverSpeedSquaredAboveTheReferenceSpeed) {
  MotionModel ct;
  ct.kind = MotionKind::CoordinatedTurn;
  ct.q_turn = 0.01;
  ct.turn_reference_speed_mps = 15.0;
  for (const double speed : {5.0, 15.0, 150.0}) {
    Gaussian g = moving(speed, 0.0, 0.0);
    predict(ct, 2.0, g);
    const double want = speed <= 15.0 ? 0.01 : 0.01 * (15.0 * 15.0) / (speed * speed);
    EXPECT_NEAR(g.P(6, 6), 1.0 + want * 2.0, 1e-12) << "at " << speed << " m/s";
  }
  ct.turn_reference_speed_mps = 0.0;  // off: q_turn at every speed
  Gaussian fast = moving(150.0, 0.0, 0.0);
  predict(ct, 2.0, fast);
  EXPECT_NEAR(fast.P(6, 6), 1.0 + 0.01 * 2.0, 1e-12);
}

TEST(MotionModel, CoordinatedTurnTurnsTheVelocity) {
  MotionModel ct;
  ct.kind = MotionKind::CoordinatedTurn;
  ct.q = 0.0;
  ct.q_vertical = 0.0;
  // 90 degrees in 10 s at 10 m/s east: ends heading north, displaced by the turn radius.
  const double w = 3.141592653589793 / 2.0 / 10.0;
  Gaussian g = moving(10, 0, w);
  predict(ct, 10.0, g);
  const double radius = 10.0 / w;
  EXPECT_NEAR(g.x(3), 0.0, 1e-9);
  EXPECT_NEAR(g.x(4), 10.0, 1e-9);
  EXPECT_NEAR(g.x(0), 100.0 + radius, 1e-6);
  EXPECT_NEAR(g.x(1), 200.0 + radius, 1e-6);
}

TEST(MotionModel, CoordinatedTurnWithoutTurnIsConstantVelocity) {
  MotionModel ct;
  ct.kind = MotionKind::CoordinatedTurn;
  MotionModel cv;
  ct.q = cv.q = 0.3;
  ct.q_vertical = cv.q_vertical = 0.3;
  Gaussian a = moving(7, 3, 0.0);
  a.P(6, 6) = 0.0;  // a known zero turn rate: the omega column of the Jacobian adds nothing
  Gaussian b = a;
  predict(ct, 1.5, a);
  predict(cv, 1.5, b);
  const bool same_x = a.x.head<6>().isApprox(b.x.head<6>(), 1e-12);
  const bool same_p = a.P.topLeftCorner<6, 6>().isApprox(b.P.topLeftCorner<6, 6>(), 1e-9);
  EXPECT_TRUE(same_x);
  EXPECT_TRUE(same_p);
}

TEST(MotionModel, CoordinatedTurnJacobianMatchesFiniteDifferences) {
  // The covariance propagation must use the true Jacobian: compare F P F' from the model with a
  // numerical F built from predict_mean.
  MotionModel ct;
  ct.kind = MotionKind::CoordinatedTurn;
  ct.q = ct.q_vertical = ct.q_turn = 0.0;
  Gaussian g = moving(12, -4, 0.2);
  const double dt = 1.3;
  StateCov F;
  const double h = 1e-6;
  for (int j = 0; j < kStateDim; ++j) {
    StateVec xp = g.x;
    StateVec xm = g.x;
    xp(j) += h;
    xm(j) -= h;
    F.col(j) = (predict_mean(ct, dt, xp) - predict_mean(ct, dt, xm)) / (2 * h);
  }
  Gaussian model = g;
  predict(ct, dt, model);
  const StateCov expected = F * g.P * F.transpose();
  EXPECT_TRUE(model.P.isApprox(expected, 1e-6)) << model.P << "\n\n" << expected;
}

}  // namespace
}  // namespace dewline::track
