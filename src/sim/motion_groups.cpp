#include "sim/motion_groups.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/angles.hpp"
#include "sim/pilot_bird.hpp"
#include "sim/pilot_multirotor.hpp"

namespace dewline::sim {
namespace {

Vec3 rotate_z(const Vec3& v, double heading) {
  const double c = std::cos(heading);
  const double s = std::sin(heading);
  return Vec3{c * v.x() - s * v.y(), s * v.x() + c * v.y(), v.z()};
}

// Per-axis Ornstein-Uhlenbeck position jitter with standard deviation sigma.
void ou_step(Vec3& x, double sigma, double tau, double dt, Rng& rng) {
  const double decay = std::exp(-dt / tau);
  const double k = sigma * std::sqrt(1.0 - decay * decay);
  for (int i = 0; i < 3; ++i) {
    x[i] = x[i] * decay + k * rng.normal() * (i == 2 ? 0.5 : 1.0);
  }
}

class SwarmMotion final : public TimedMotion {
 public:
  SwarmMotion(const TargetSpec& spec, std::uint64_t seed)
      : TimedMotion(spec.start_s, spec.end_s),
        spec_(spec),
        leader_(
            spec, spec.start_m,
            stream_seed(seed, StreamKind::TargetMotion, static_cast<std::uint64_t>(spec.id), 1)) {
    const auto n = static_cast<std::size_t>(spec.count);
    members_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      Member& m = members_[i];
      m.slot = formation_offset(spec.formation, i, n, spec.spacing_m);
      m.rng = std::make_unique<Rng>(
          stream_seed(seed, StreamKind::TargetMotion, static_cast<std::uint64_t>(spec.id) + i));
    }
    limits_ = limits_of(spec.airframe);
    limits_.max_speed_mps *= 1.4;  // members catch up on the outside of turns
    heading_ = spec.heading_rad;
  }

  [[nodiscard]] std::size_t size() const override { return members_.size(); }

 protected:
  void on_start(std::span<BodyState> out) override {
    const BodyState& l = leader_.state();
    if (l.v.head<2>().norm() > 1.0) {
      heading_ = std::atan2(l.v.y(), l.v.x());
    }
    for (std::size_t i = 0; i < members_.size(); ++i) {
      out[i].p = l.p + rotate_z(members_[i].slot, heading_);
      out[i].v = l.v;
      out[i].alive = true;
    }
  }

  void on_step(double /*t0*/, double dt, std::span<BodyState> out) override {
    leader_.step(dt);
    const BodyState& l = leader_.state();
    if (l.v.head<2>().norm() > 1.0) {
      const double want = std::atan2(l.v.y(), l.v.x());
      const double max_turn = 30.0 * kDegToRad * dt;
      heading_ = wrap_pi(heading_ + std::clamp(wrap_pi(want - heading_), -max_turn, max_turn));
    }
    for (std::size_t i = 0; i < members_.size(); ++i) {
      Member& m = members_[i];
      BodyState& s = out[i];
      if (!s.alive) {
        continue;
      }
      ou_step(m.jitter, spec_.jitter_m, 5.0, dt, *m.rng);
      if (!m.diving && leader_.diving()) {
        m.diving = true;
        m.dive_point = leader_.dive_point() + rotate_z(m.slot * 0.2, heading_);
        m.dive_point.z() = leader_.dive_point().z();
      }
      if (m.diving) {
        PointMassLimits lim = limits_;
        lim.max_accel_mps2 *= 2.0;
        lim.max_speed_mps = std::max(lim.max_speed_mps, leader_.dive_speed());
        lim.max_descent_mps = std::max(lim.max_descent_mps, leader_.dive_speed());
        lim.keep_above_ground = false;
        const Vec3 d = m.dive_point - s.p;
        const double dist = d.norm();
        const Vec3 cmd = dist > 1e-9 ? Vec3(d / dist * leader_.dive_speed()) : Vec3::Zero();
        point_mass_step(s, cmd, lim, dt, Vec3::Zero());
        if ((m.dive_point - s.p).norm() < 1.5 || s.p.z() <= m.dive_point.z() + 0.3) {
          s.alive = false;  // impact
        }
        continue;
      }
      if (!leader_.alive()) {
        s.alive = false;  // the leader landed or vanished: the swarm goes with it
        continue;
      }
      const Vec3 slot = l.p + rotate_z(m.slot, heading_) + m.jitter;
      const Vec3 cmd = l.v + (slot - s.p) / 1.5;
      point_mass_step(s, cmd, limits_, dt, Vec3::Zero());
    }
  }

 private:
  struct Member {
    Vec3 slot = Vec3::Zero();
    Vec3 jitter = Vec3::Zero();
    std::unique_ptr<Rng> rng;
    bool diving = false;
    Vec3 dive_point = Vec3::Zero();
  };
  const TargetSpec& spec_;
  MultirotorPilot leader_;
  std::vector<Member> members_;
  PointMassLimits limits_;
  double heading_ = 0.0;
};

class FlockMotion final : public TimedMotion {
 public:
  FlockMotion(const TargetSpec& spec, const Vec3& start, const Vec3& wind, std::uint64_t seed)
      : TimedMotion(spec.start_s, spec.end_s),
        leader_(
            spec, start, wind,
            stream_seed(seed, StreamKind::TargetSetup, static_cast<std::uint64_t>(spec.id), 1),
            stream_seed(seed, StreamKind::TargetMotion, static_cast<std::uint64_t>(spec.id), 1)),
        jitter_m_(spec.jitter_m) {
    const auto n = static_cast<std::size_t>(spec.count);
    const double radius = spec.spacing_m * std::sqrt(static_cast<double>(n)) / 2.0;
    members_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      Member& m = members_[i];
      Rng setup(
          stream_seed(seed, StreamKind::TargetSetup, static_cast<std::uint64_t>(spec.id) + i));
      const double r = radius * std::sqrt(setup.uniform());
      const double a = setup.uniform(-kPi, kPi);
      m.home = Vec3{r * std::cos(a), r * std::sin(a), setup.uniform(-1.0, 1.0) * spec.spacing_m};
      m.amp = spec.behaviour == BirdBehaviour::Soaring ? 0.0 : setup.uniform(0.1, 0.5);
      m.omega = 2.0 * std::numbers::pi / setup.uniform(2.0, 5.0);
      m.phase = setup.uniform(0.0, 2.0 * std::numbers::pi);
      m.rng = std::make_unique<Rng>(
          stream_seed(seed, StreamKind::TargetMotion, static_cast<std::uint64_t>(spec.id) + i));
    }
    limits_.max_accel_mps2 = 5.0;
    limits_.max_speed_mps = 1.6 * spec.speed_max_mps + wind.head<2>().norm();
    limits_.max_climb_mps = 4.0;
    limits_.max_descent_mps = 4.0;
    limits_.response_s = 1.0;
  }

  [[nodiscard]] std::size_t size() const override { return members_.size(); }

 protected:
  void on_start(std::span<BodyState> out) override {
    const BodyState& l = leader_.state();
    for (std::size_t i = 0; i < members_.size(); ++i) {
      Member& m = members_[i];
      m.base.p = l.p + m.home;
      m.base.p.z() = std::max(m.base.p.z(), 2.0);
      m.base.v = l.v;
      m.base.alive = true;
      write(m, 0.0, out[i]);
    }
  }

  void on_step(double t0, double dt, std::span<BodyState> out) override {
    leader_.step(t0, dt);
    const BodyState& l = leader_.state();
    for (std::size_t i = 0; i < members_.size(); ++i) {
      Member& m = members_[i];
      ou_step(m.drift, jitter_m_, 20.0, dt, *m.rng);
      const Vec3 slot = l.p + m.home + m.drift;
      const Vec3 cmd = l.v + (slot - m.base.p) / 3.0;
      point_mass_step(m.base, cmd, limits_, dt, Vec3::Zero());
      write(m, t0 + dt, out[i]);
    }
  }

 private:
  struct Member {
    Vec3 home = Vec3::Zero();
    Vec3 drift = Vec3::Zero();
    BodyState base;
    double amp = 0.0;
    double omega = 1.0;
    double phase = 0.0;
    std::unique_ptr<Rng> rng;
  };
  static void write(const Member& m, double t, BodyState& out) {
    const double a = m.omega * t + m.phase;
    out.p = m.base.p;
    out.p.z() += m.amp * std::sin(a);
    out.v = m.base.v;
    out.v.z() += m.amp * m.omega * std::cos(a);
    out.alive = true;
  }

  BirdPilot leader_;
  double jitter_m_;
  std::vector<Member> members_;
  PointMassLimits limits_;
};

}  // namespace

Vec3 formation_offset(const std::string& formation, std::size_t i, std::size_t n,
                      double spacing_m) {
  const double s = spacing_m;
  const auto fi = static_cast<double>(i);
  const auto fn = static_cast<double>(n);
  if (formation == "line") {
    return Vec3{0.0, (fi - (fn - 1.0) / 2.0) * s, 0.0};
  }
  if (formation == "column") {
    return Vec3{-fi * s, 0.0, 0.0};
  }
  if (formation == "grid") {
    const auto cols = static_cast<std::size_t>(std::ceil(std::sqrt(fn)));
    const auto row = static_cast<double>(i / cols);
    const auto col = static_cast<double>(i % cols);
    return Vec3{-row * s, (col - (static_cast<double>(cols) - 1.0) / 2.0) * s, 0.0};
  }
  if (formation == "circle") {
    if (n == 1) {
      return Vec3::Zero();
    }
    const double r = s * fn / (2.0 * std::numbers::pi);
    const double a = 2.0 * std::numbers::pi * fi / fn;
    return Vec3{r * std::cos(a), r * std::sin(a), 0.0};
  }
  // wedge: the leader's slot first, then pairs behind it to the left and right.
  if (i == 0) {
    return Vec3::Zero();
  }
  const auto rank = static_cast<double>((i + 1) / 2);
  const double side = (i % 2 == 1) ? 1.0 : -1.0;
  return Vec3{-rank * s, side * rank * s, 0.0};
}

std::unique_ptr<Motion> make_swarm(const TargetSpec& spec, std::uint64_t seed) {
  return std::make_unique<SwarmMotion>(spec, seed);
}

std::unique_ptr<Motion> make_flock(const TargetSpec& spec, const Vec3& wind, std::uint64_t seed) {
  Vec3 start = spec.start_m;
  if (!spec.has_start) {
    Rng setup(stream_seed(seed, StreamKind::TargetSetup, static_cast<std::uint64_t>(spec.id), 2));
    const double r = spec.area_radius_m * std::sqrt(setup.uniform());
    const double a = setup.uniform(-kPi, kPi);
    start = spec.area_center_m + Vec3{r * std::cos(a), r * std::sin(a), 0.0};
    start.z() = setup.uniform(spec.altitude_min_m, spec.altitude_max_m);
  }
  return std::make_unique<FlockMotion>(spec, start, wind, seed);
}

}  // namespace dewline::sim
