// target_class.hpp: what a target is. Fine classes (what sensors and the classifier resolve) roll
// up into the coarse classes of the exchange CSV (drone, bird, aircraft, unknown).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dewline {

enum class TargetClass : std::uint8_t {
  Unknown = 0,
  DroneMultirotor,
  DroneFixedWing,
  Bird,
  AircraftFixedWing,  // manned aeroplane
  Helicopter,         // manned rotorcraft
  Glider,             // manned glider, balloon, paraglider
};
inline constexpr std::size_t kTargetClassCount = 7;

enum class CoarseClass : std::uint8_t { Unknown = 0, Drone, Bird, Aircraft };
inline constexpr std::size_t kCoarseClassCount = 4;

[[nodiscard]] CoarseClass coarse_of(TargetClass c);
// "unknown", "drone_multirotor", "drone_fixed_wing", "bird", "aircraft_fixed_wing", "helicopter",
// "glider".
[[nodiscard]] std::string_view to_string(TargetClass c);
// "unknown", "drone", "bird", "aircraft" (the exchange CSV's class column).
[[nodiscard]] std::string_view to_string(CoarseClass c);
[[nodiscard]] std::optional<TargetClass> target_class_from_string(std::string_view s);
// Accepts the coarse names and also fine names (rolled up).
[[nodiscard]] std::optional<CoarseClass> coarse_class_from_string(std::string_view s);

// A probability per fine class. Sensors may report a partial distribution; `normalized()`
// rescales to sum 1 (a zero vector becomes all Unknown).
struct ClassProbabilities {
  std::array<double, kTargetClassCount> p{};

  [[nodiscard]] double operator[](TargetClass c) const { return p[static_cast<std::size_t>(c)]; }
  double& operator[](TargetClass c) { return p[static_cast<std::size_t>(c)]; }
  [[nodiscard]] ClassProbabilities normalized() const;
  [[nodiscard]] double coarse(CoarseClass c) const;
  [[nodiscard]] TargetClass most_likely() const;
  bool operator==(const ClassProbabilities&) const = default;
};

}  // namespace dewline
