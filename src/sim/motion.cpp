#include "sim/motion.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/angles.hpp"
#include "sim/motion_groups.hpp"
#include "sim/pilot_bird.hpp"
#include "sim/pilot_fixed_wing.hpp"
#include "sim/pilot_multirotor.hpp"
#include "sim/random.hpp"

namespace dewline::sim {

void TimedMotion::init(std::span<BodyState> out) {
  for (auto& s : out) {
    s.alive = false;
  }
  if (start_s_ <= 0.0) {
    on_start(out);
    started_ = true;
  }
}

void TimedMotion::advance(double t0, double dt, std::span<BodyState> out) {
  const double t1 = t0 + dt;
  if (finished_) {
    return;
  }
  if (!started_) {
    // Born at the first step end at or after start_s (1 ns tolerance for the grid).
    if (t1 >= start_s_ - 1e-9) {
      on_start(out);
      started_ = true;
    }
    return;
  }
  if (end_s_ && t1 > *end_s_ + 1e-9) {
    for (auto& s : out) {
      s.alive = false;
    }
    finished_ = true;
    return;
  }
  on_step(t0, dt, out);
}

namespace {

std::uint64_t target_stream(std::uint64_t seed, StreamKind kind, std::int64_t id) {
  return stream_seed(seed, kind, static_cast<std::uint64_t>(id));
}

template <class Pilot>
class PilotMotion final : public TimedMotion {
 public:
  PilotMotion(const TargetSpec& spec, double start_s, const Vec3& start, std::uint64_t seed)
      : TimedMotion(start_s, spec.end_s), spec_(spec), start_(start), seed_(seed) {}
  [[nodiscard]] std::size_t size() const override { return 1; }

 protected:
  void on_start(std::span<BodyState> out) override {
    pilot_ = std::make_unique<Pilot>(spec_, start_, seed_);
    out[0] = pilot_->state();
  }
  void on_step(double /*t0*/, double dt, std::span<BodyState> out) override {
    if (!out[0].alive) {
      return;
    }
    pilot_->step(dt);
    out[0] = pilot_->state();
  }

 private:
  const TargetSpec& spec_;
  Vec3 start_;
  std::uint64_t seed_;
  std::unique_ptr<Pilot> pilot_;
};

class BirdMotion final : public TimedMotion {
 public:
  BirdMotion(const TargetSpec& spec, double start_s, const Vec3& start, const Vec3& wind,
             std::uint64_t setup_seed, std::uint64_t motion_seed)
      : TimedMotion(start_s, spec.end_s), pilot_(spec, start, wind, setup_seed, motion_seed) {}
  [[nodiscard]] std::size_t size() const override { return 1; }

 protected:
  void on_start(std::span<BodyState> out) override { out[0] = pilot_.state(); }
  void on_step(double t0, double dt, std::span<BodyState> out) override {
    pilot_.step(t0, dt);
    out[0] = pilot_.state();
  }

 private:
  BirdPilot pilot_;
};

// A recorded flight: alive over its recorded span, exact at the records.
class ReplayMotion final : public Motion {
 public:
  explicit ReplayMotion(const ReplayTrack& track) : track_(track) {}
  [[nodiscard]] std::size_t size() const override { return 1; }
  void init(std::span<BodyState> out) override { set(0.0, out[0]); }
  void advance(double t0, double dt, std::span<BodyState> out) override { set(t0 + dt, out[0]); }

 private:
  void set(double t, BodyState& s) const {
    if (t < track_.start_s() || t > track_.end_s()) {
      s.alive = false;
      return;
    }
    s = track_.at(t);
  }
  const ReplayTrack& track_;
};

// A copy's start: the spec's start (or a random point of a bird's area) spread over a disc.
Vec3 start_of(const TargetSpec& spec, Rng& setup) {
  Vec3 p = spec.start_m;
  const bool bird = spec.motion == MotionKind::Bird;
  if (bird && !spec.has_start) {
    const double r = spec.area_radius_m * std::sqrt(setup.uniform());
    const double a = setup.uniform(-kPi, kPi);
    p = spec.area_center_m + Vec3{r * std::cos(a), r * std::sin(a), 0.0};
    p.z() = setup.uniform(spec.altitude_min_m, spec.altitude_max_m);
  } else if (spec.spread_m > 0.0) {
    const double r = spec.spread_m * std::sqrt(setup.uniform());
    const double a = setup.uniform(-kPi, kPi);
    p += Vec3{r * std::cos(a), r * std::sin(a), 0.0};
  }
  return p;
}

BodyInfo info_of(const TargetSpec& spec, std::size_t spec_index, std::int64_t id, std::size_t k,
                 std::size_t n) {
  BodyInfo b;
  b.target_id = id;
  b.spec_index = spec_index;
  b.target_class = spec.target_class;
  b.physical = spec.physical;
  b.rcs_m2 = spec.rcs_m2;
  b.emitting = spec.emitting;
  b.acoustic = spec.acoustic;
  b.model = spec.model;
  b.emitter_position_m = spec.emitter_position_m;
  b.remote_id = spec.remote_id;
  if (b.remote_id && n > 1) {
    b.remote_id->serial += fmt::format("-{}", k + 1);
  }
  b.adsb = spec.adsb;
  if (b.adsb && n > 1 && spec.motion != MotionKind::Replay) {
    // Group members: consecutive addresses, and the callsign numbered (at most 8 characters).
    b.adsb->icao24 = (b.adsb->icao24 + static_cast<std::uint32_t>(k)) & 0xFFFFFFU;
    if (!b.adsb->callsign.empty()) {
      const std::string num = std::to_string(k + 1);
      b.adsb->callsign = b.adsb->callsign.substr(0, 8 - std::min<std::size_t>(num.size(), 8)) + num;
    }
  }
  return b;
}

}  // namespace

Population build_population(const Scenario& sc, std::uint64_t seed) {
  Population pop;
  for (std::size_t si = 0; si < sc.targets.size(); ++si) {
    const TargetSpec& spec = sc.targets[si];
    const std::size_t first = pop.bodies.size();
    const auto n = static_cast<std::size_t>(std::max(spec.count, 1));
    switch (spec.motion) {
      case MotionKind::Swarm:
      case MotionKind::Flock: {
        for (std::size_t k = 0; k < n; ++k) {
          pop.bodies.push_back(info_of(spec, si, spec.id + static_cast<std::int64_t>(k), k, n));
        }
        auto m = spec.motion == MotionKind::Swarm ? make_swarm(spec, seed)
                                                  : make_flock(spec, sc.wind_mps, seed);
        pop.motions.push_back({std::move(m), first});
        break;
      }
      case MotionKind::Replay: {
        for (std::size_t k = 0; k < spec.replay_tracks.size(); ++k) {
          const ReplayTrack& tr = spec.replay_tracks[k];
          BodyInfo b = info_of(spec, si, spec.id + static_cast<std::int64_t>(k), k, 1);
          if (b.adsb) {
            b.adsb->icao24 = tr.icao24;
            b.adsb->callsign = tr.callsign;
          }
          pop.bodies.push_back(std::move(b));
          pop.motions.push_back({std::make_unique<ReplayMotion>(tr), pop.bodies.size() - 1});
        }
        break;
      }
      default: {
        for (std::size_t k = 0; k < n; ++k) {
          const std::int64_t id = spec.id + static_cast<std::int64_t>(k);
          Rng setup(target_stream(seed, StreamKind::TargetSetup, id));
          const Vec3 start = start_of(spec, setup);
          const double start_s = spec.start_s + static_cast<double>(k) * spec.spawn_interval_s;
          const std::uint64_t motion_seed = target_stream(seed, StreamKind::TargetMotion, id);
          std::unique_ptr<Motion> m;
          if (spec.motion == MotionKind::Multirotor) {
            m = std::make_unique<PilotMotion<MultirotorPilot>>(spec, start_s, start, motion_seed);
          } else if (spec.motion == MotionKind::FixedWing) {
            m = std::make_unique<PilotMotion<FixedWingPilot>>(spec, start_s, start, motion_seed);
          } else {
            m = std::make_unique<BirdMotion>(spec, start_s, start, sc.wind_mps, setup.bits(),
                                             motion_seed);
          }
          pop.bodies.push_back(info_of(spec, si, id, k, n));
          pop.motions.push_back({std::move(m), pop.bodies.size() - 1});
        }
        break;
      }
    }
  }
  return pop;
}

}  // namespace dewline::sim
