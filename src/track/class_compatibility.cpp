#include "track/class_compatibility.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dewline::track {
namespace {

constexpr std::size_t kUnknown = static_cast<std::size_t>(TargetClass::Unknown);
constexpr double kRealClasses = static_cast<double>(kTargetClassCount - 1);

}  // namespace

std::optional<ClassProbabilities> class_opinion(const Detection& d, SensorKind kind) {
  if (d.class_probabilities) {
    ClassProbabilities p = d.class_probabilities->normalized();
    const double unknown = p.p[kUnknown];
    p.p[kUnknown] = 0.0;
    for (std::size_t c = 0; c < kTargetClassCount; ++c) {
      if (c != kUnknown) {
        p.p[c] += unknown / kRealClasses;
      }
    }
    return p;
  }
  if (kind == SensorKind::RfDetector) {
    // A direction finder hears drones' control and video links; which kind flies is open.
    ClassProbabilities p;
    p[TargetClass::DroneMultirotor] = 0.5;
    p[TargetClass::DroneFixedWing] = 0.5;
    return p;
  }
  return std::nullopt;
}

ClassProbabilities track_opinion(const std::array<double, kTargetClassCount>& class_log,
                                 double floor) {
  double top = -std::numeric_limits<double>::infinity();
  for (double l : class_log) {
    top = std::max(top, l);
  }
  ClassProbabilities p;
  double sum = 0.0;
  for (std::size_t c = 0; c < kTargetClassCount; ++c) {
    p.p[c] = std::exp(class_log[c] - top);
    sum += p.p[c];
  }
  const double unknown = p.p[kUnknown] / sum;
  double real = 0.0;
  for (std::size_t c = 0; c < kTargetClassCount; ++c) {
    p.p[c] = c == kUnknown ? 0.0 : std::max(p.p[c] / sum + unknown / kRealClasses, floor);
    real += p.p[c];
  }
  for (double& v : p.p) {
    v /= real;
  }
  return p;
}

double class_compatibility(const std::optional<ClassProbabilities>& a,
                           const std::optional<ClassProbabilities>& b) {
  if (!a || !b) {
    return 1.0;
  }
  double s = 0.0;
  for (std::size_t c = 0; c < kTargetClassCount; ++c) {
    s += a->p[c] * b->p[c];
  }
  return kRealClasses * s;
}

}  // namespace dewline::track
