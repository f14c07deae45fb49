// features.hpp: kinematic features of one track over a sliding window of its reported states —
// what the classifier (classifier.hpp) reads to tell a drone from a bird from a manned aircraft.
//
// The window holds the track's filtered states (tracker reports, about one per second). Features
// are plain statistics of them; each has fixed histogram bin edges (kFeatureSpecs) shared by the
// classifier and the offline fitting tool (tools/fit_classifier.cpp), so that a likelihood table
// row always means the same thing:
//
//   speed      mean horizontal speed, m/s            (drones 0-30, birds 3-20, aircraft 25-250)
//   speed_max  largest horizontal speed, m/s
//   speed_cv   speed standard deviation / mean       (flapping and erratic birds vary)
//   alt        mean height above the site, m
//   climb      mean |vertical speed|, m/s
//   vz_std     standard deviation of vertical speed, m/s
//   turn       mean |turn rate|, deg/s, where moving (> 2 m/s)
//   turn_std   standard deviation of the turn rate, deg/s
//   hover      fraction of states slower than 1.5 m/s (3D)
//   straight   net horizontal displacement / horizontal path length (1 = straight line)
//   accel      standard deviation of the acceleration magnitude, m/s^2
//   manoeuvre  mean IMM probability of the manoeuvre models (1 - p(quiet CV))
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <string_view>

#include "core/geodesy.hpp"
#include "core/time.hpp"
#include "core/track.hpp"

namespace dewline::assess {

// One reported state of a track, as kept in the assessor's per-track history.
struct TrackSample {
  Time time;
  Vec3 position_m = Vec3::Zero();
  Vec3 velocity_mps = Vec3::Zero();
  double manoeuvre = 0.0;  // 1 - IMM probability of the quiet CV model (0 without IMM)
};

[[nodiscard]] TrackSample sample_of(const Track& t);

inline constexpr std::size_t kFeatureCount = 12;

enum class Feature : std::uint8_t {
  Speed,
  SpeedMax,
  SpeedCv,
  Alt,
  Climb,
  VzStd,
  Turn,
  TurnStd,
  Hover,
  Straight,
  Accel,
  Manoeuvre,
};

struct FeatureSpec {
  std::string_view name;
  // Bin edges: bin 0 is (-inf, e0), bin k is [e(k-1), e(k)), the last is [e(n-1), inf).
  std::array<double, 24> edges;
  std::size_t edge_count;
  [[nodiscard]] std::size_t bins() const { return edge_count + 1; }
  [[nodiscard]] std::size_t bin_of(double x) const;
};

extern const std::array<FeatureSpec, kFeatureCount> kFeatureSpecs;

struct KinematicFeatures {
  std::size_t samples = 0;
  double span_s = 0.0;  // time covered by the window
  std::array<double, kFeatureCount> value{};
  std::array<bool, kFeatureCount> valid{};  // e.g. turn rate needs motion

  [[nodiscard]] double operator[](Feature f) const { return value[static_cast<std::size_t>(f)]; }
};

// Features of the samples in [newest.time - window_s, newest.time] (samples oldest first).
[[nodiscard]] KinematicFeatures compute_features(const std::deque<TrackSample>& samples,
                                                 double window_s);

}  // namespace dewline::assess
