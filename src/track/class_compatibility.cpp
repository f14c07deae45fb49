#include "track/class_compatibility.hpp"

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
