#include "assess/features.hpp"

#include <algorithm>
#include <cmath>

#include "core/angles.hpp"

namespace dewline::assess {
namespace {

constexpr double kMovingMps = 2.0;
constexpr double kHoverMps = 1.5;

struct Stats {
  double n = 0.0;
  double sum = 0.0;
  double sum2 = 0.0;
  void add(double x) {
    n += 1.0;
    sum += x;
    sum2 += x * x;
  }
  [[nodiscard]] double mean() const { return n > 0.0 ? sum / n : 0.0; }
  [[nodiscard]] double stddev() const {
    if (n < 2.0) {
      return 0.0;
    }
    const double m = mean();
    return std::sqrt(std::max(0.0, sum2 / n - m * m));
  }
};

}  // namespace

// Edges chosen by hand to resolve the ranges where the classes differ (docs/assessment.md).
const std::array<FeatureSpec, kFeatureCount> kFeatureSpecs = {{
    {"speed",
     {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40, 50, 65, 90, 130, 200},
     24},
    {"speed_max",
     {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40, 50, 65, 90, 130, 200},
     24},
    {"speed_cv",
     {0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1.0},
     15},
    {"alt",
     {5,   10,  20,  30,  40,  50,  60,  70,   80,   100,  120,
      150, 200, 250, 300, 400, 500, 700, 1000, 1500, 2500, 4000},
     22},
    {"climb", {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0}, 13},
    {"vz_std", {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0}, 12},
    {"turn", {0.2, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90}, 14},
    {"turn_std", {0.2, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90}, 14},
    {"hover", {0.01, 0.1, 0.3, 0.6, 0.9, 0.99}, 6},
    {"straight", {0.2, 0.4, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.96, 0.98, 0.99, 0.995, 0.999}, 13},
    {"accel", {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0}, 12},
    {"manoeuvre", {0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 11},
}};

std::size_t FeatureSpec::bin_of(double x) const {
  const auto* end = edges.begin() + static_cast<std::ptrdiff_t>(edge_count);
  return static_cast<std::size_t>(std::upper_bound(edges.begin(), end, x) - edges.begin());
}

TrackSample sample_of(const Track& t) {
  TrackSample s;
  s.time = t.time;
  s.position_m = t.position_m;
  s.velocity_mps = t.velocity_mps;
  const double total =
      t.model_probabilities[0] + t.model_probabilities[1] + t.model_probabilities[2];
  s.manoeuvre = total > 0.0 ? 1.0 - t.model_probabilities[0] / total : 0.0;
  return s;
}

KinematicFeatures compute_features(const std::deque<TrackSample>& samples, double window_s) {
  KinematicFeatures f;
  if (samples.empty()) {
    return f;
  }
  const Time newest = samples.back().time;
  const Time oldest_allowed = newest - Duration::from_seconds(window_s);
  std::size_t first = samples.size();
  while (first > 0 && samples[first - 1].time >= oldest_allowed) {
    --first;
  }
  const std::size_t n = samples.size() - first;
  f.samples = n;
  if (n == 0) {
    return f;
  }
  f.span_s = seconds_between(samples[first].time, newest);

  Stats speed;
  Stats alt;
  Stats climb;
  Stats vz;
  Stats turn;
  Stats accel;
  Stats manoeuvre;
  double speed_max = 0.0;
  double hover = 0.0;
  double path = 0.0;
  for (std::size_t i = first; i < samples.size(); ++i) {
    const TrackSample& s = samples[i];
    const double vh = s.velocity_mps.head<2>().norm();
    speed.add(vh);
    speed_max = std::max(speed_max, vh);
    alt.add(s.position_m.z());
    climb.add(std::abs(s.velocity_mps.z()));
    vz.add(s.velocity_mps.z());
    manoeuvre.add(s.manoeuvre);
    if (s.velocity_mps.norm() < kHoverMps) {
      hover += 1.0;
    }
    if (i > first) {
      const TrackSample& p = samples[i - 1];
      const double dt = seconds_between(p.time, s.time);
      if (dt <= 1e-6) {
        continue;
      }
      path += (s.position_m.head<2>() - p.position_m.head<2>()).norm();
      accel.add((s.velocity_mps - p.velocity_mps).norm() / dt);
      const double vp = p.velocity_mps.head<2>().norm();
      if (vh > kMovingMps && vp > kMovingMps) {
        const double h1 = std::atan2(p.velocity_mps.y(), p.velocity_mps.x());
        const double h2 = std::atan2(s.velocity_mps.y(), s.velocity_mps.x());
        turn.add(std::abs(wrap_pi(h2 - h1)) / dt * kRadToDeg);
      }
    }
  }
  auto set = [&](Feature k, double v, bool ok = true) {
    f.value[static_cast<std::size_t>(k)] = v;
    f.valid[static_cast<std::size_t>(k)] = ok && std::isfinite(v);
  };
  const bool pairs = n >= 2 && f.span_s > 0.0;
  set(Feature::Speed, speed.mean());
  set(Feature::SpeedMax, speed_max);
  set(Feature::SpeedCv, speed.mean() > kMovingMps ? speed.stddev() / speed.mean() : 0.0,
      n >= 3 && speed.mean() > kMovingMps);
  set(Feature::Alt, alt.mean());
  set(Feature::Climb, climb.mean());
  set(Feature::VzStd, vz.stddev(), n >= 3);
  set(Feature::Turn, turn.mean(), turn.n >= 2.0);
  set(Feature::TurnStd, turn.stddev(), turn.n >= 3.0);
  set(Feature::Hover, hover / static_cast<double>(n));
  const double net =
      (samples.back().position_m.head<2>() - samples[first].position_m.head<2>()).norm();
  set(Feature::Straight, path > 1e-6 ? net / path : 0.0, pairs && path > 5.0);
  set(Feature::Accel, accel.stddev(), accel.n >= 3.0);
  set(Feature::Manoeuvre, manoeuvre.mean());
  return f;
}

}  // namespace dewline::assess
