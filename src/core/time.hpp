// time.hpp: the one representation of time in dewline.
//
// A `Time` is a signed 64-bit count of nanoseconds since 1970-01-01T00:00:00 UTC on the POSIX
// timeline (no leap seconds), which spans the years 1678..2262. Live sensors stamp detections in
// UTC; offline scenarios put their start at `Time{}` (the epoch) unless the scenario says
// otherwise, so that the exchange CSV's `time_s` (seconds from the scenario start) maps onto it
// exactly for any time with at most nanosecond resolution.
//
// Integer nanoseconds keep arithmetic exact and deterministic (replays compare bit for bit);
// convert to double seconds only at the edge of a computation (`seconds_between`).
// The tracker never reads the wall clock: its time is the detections' time.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>
#include <string>

namespace dewline {

// Duration: signed nanoseconds.
struct Duration {
  std::int64_t ns = 0;

  static constexpr Duration from_ns(std::int64_t v) { return Duration{v}; }
  static constexpr Duration from_ms(std::int64_t v) { return Duration{v * 1'000'000}; }
  // Rounds to the nearest nanosecond.
  static Duration from_seconds(double s) { return Duration{std::llround(s * 1e9)}; }
  [[nodiscard]] constexpr double seconds() const { return static_cast<double>(ns) / 1e9; }  // correctly rounded

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration{ns + o.ns}; }
  constexpr Duration operator-(Duration o) const { return Duration{ns - o.ns}; }
  constexpr Duration operator-() const { return Duration{-ns}; }
};

// Time: nanoseconds since the Unix epoch (UTC, POSIX).
struct Time {
  std::int64_t ns = 0;

  static constexpr Time from_ns(std::int64_t v) { return Time{v}; }
  // Seconds since the epoch (or the scenario start), rounded to the nearest nanosecond.
  static Time from_seconds(double s) { return Time{std::llround(s * 1e9)}; }
  [[nodiscard]] constexpr double seconds() const { return static_cast<double>(ns) / 1e9; }  // correctly rounded

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time{ns + d.ns}; }
  constexpr Time operator-(Duration d) const { return Time{ns - d.ns}; }
  constexpr Duration operator-(Time o) const { return Duration{ns - o.ns}; }
  Time& operator+=(Duration d) {
    ns += d.ns;
    return *this;
  }
};

// Seconds from `a` to `b` as a double (b - a).
[[nodiscard]] inline double seconds_between(Time a, Time b) { return (b - a).seconds(); }

// ISO 8601 UTC with nanoseconds trimmed to milliseconds: "2026-11-25T19:07:17.123Z".
[[nodiscard]] std::string to_iso8601(Time t);

}  // namespace dewline
