// ids.hpp: strong identifier types. An enum class over an integer is a distinct type that cannot
// be mixed up with another id or a count, compares and hashes like the integer, and costs nothing.
//
//   SensorId s = SensorId{3};  auto raw = to_underlying(s);
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

namespace dewline {

// A sensor, as numbered in the site configuration or the exchange CSV's sensor_id.
enum class SensorId : std::uint32_t {};
// A track: unique for the life of a tracker run, never reused.
enum class TrackId : std::uint64_t {};
// An alert: unique for the life of an assessor run.
enum class AlertId : std::uint64_t {};
// A simulated or recorded target (truth), as in truth.csv's target_id.
enum class TargetId : std::int64_t {};

template <class E>
[[nodiscard]] constexpr std::underlying_type_t<E> to_underlying(E e) noexcept {
  return static_cast<std::underlying_type_t<E>>(e);
}

[[nodiscard]] inline std::string to_string(SensorId id) { return std::to_string(to_underlying(id)); }
[[nodiscard]] inline std::string to_string(TrackId id) { return std::to_string(to_underlying(id)); }

}  // namespace dewline
