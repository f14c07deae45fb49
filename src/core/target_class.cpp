#include "core/target_class.hpp"

#include <array>
#include <cmath>
#include <utility>

namespace dewline {
namespace {

constexpr std::array<std::string_view, kTargetClassCount> kFineNames = {
    "unknown", "drone_multirotor", "drone_fixed_wing", "bird", "aircraft_fixed_wing",
    "helicopter", "glider"};
constexpr std::array<std::string_view, kCoarseClassCount> kCoarseNames = {"unknown", "drone",
                                                                          "bird", "aircraft"};

}  // namespace

CoarseClass coarse_of(TargetClass c) {
  switch (c) {
    case TargetClass::DroneMultirotor:
    case TargetClass::DroneFixedWing:
      return CoarseClass::Drone;
    case TargetClass::Bird:
      return CoarseClass::Bird;
    case TargetClass::AircraftFixedWing:
    case TargetClass::Helicopter:
    case TargetClass::Glider:
      return CoarseClass::Aircraft;
    case TargetClass::Unknown:
      break;
  }
  return CoarseClass::Unknown;
}

std::string_view to_string(TargetClass c) { return kFineNames[static_cast<std::size_t>(c)]; }
std::string_view to_string(CoarseClass c) { return kCoarseNames[static_cast<std::size_t>(c)]; }

std::optional<TargetClass> target_class_from_string(std::string_view s) {
  for (std::size_t i = 0; i < kFineNames.size(); ++i) {
    if (kFineNames[i] == s) {
      return static_cast<TargetClass>(i);
    }
  }
  return std::nullopt;
}

std::optional<CoarseClass> coarse_class_from_string(std::string_view s) {
  for (std::size_t i = 0; i < kCoarseNames.size(); ++i) {
    if (kCoarseNames[i] == s) {
      return static_cast<CoarseClass>(i);
    }
  }
  if (auto fine = target_class_from_string(s)) {
    return coarse_of(*fine);
  }
  return std::nullopt;
}

ClassProbabilities ClassProbabilities::normalized() const {
  double sum = 0.0;
  for (double v : p) {
    sum += v;
  }
  ClassProbabilities out;
  // No mass, or so much that the sum overflows (each value finite, checked at input): no opinion.
  if (!(sum > 0.0) || !std::isfinite(sum)) {
    out[TargetClass::Unknown] = 1.0;
    return out;
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    out.p[i] = p[i] / sum;
  }
  return out;
}

double ClassProbabilities::coarse(CoarseClass c) const {
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (coarse_of(static_cast<TargetClass>(i)) == c) {
      sum += p[i];
    }
  }
  return sum;
}

TargetClass ClassProbabilities::most_likely() const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (p[i] > p[best]) {
      best = i;
    }
  }
  return static_cast<TargetClass>(best);
}

}  // namespace dewline
