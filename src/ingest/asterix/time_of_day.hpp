// time_of_day.hpp: turns an ASTERIX time of day (seconds since UTC midnight, I048/140 and
// I034/030, LSB 1/128 s) into an absolute dewline::Time.
//
// ASTERIX carries no date. The date comes from a reference time: the capture timestamp of the
// pcap frame or the receive time of the live datagram. The record's time is the one nearest to
// the reference among "reference's UTC day + time of day" and the same on the day before or
// after, so a report stamped 23:59:59.9 and received at 00:00:00.2 lands on the previous day
// (midnight roll-over in both directions, up to 12 h of clock difference).
//
// Without a reference (a raw block file), a configured UTC date is used and the day advances when
// the time of day steps back by more than 12 h (the feed crossed midnight); with neither, the
// date is 1970-01-01 (Time{} + time of day), as for scenarios that start at the epoch.
//
//   TimeOfDayResolver t;  t.set_date(midnight_utc);
//   Time when = t.resolve(27354.6015625, frame.time);
#pragma once

#include <optional>

#include "core/time.hpp"

namespace dewline::ingest::asterix {

inline constexpr std::int64_t kNsPerDay = 86'400'000'000'000;

class TimeOfDayResolver {
 public:
  // The UTC date (any time on it) used when resolve() gets no reference.
  void set_date(Time any_time_on_the_day);
  [[nodiscard]] Time resolve(double time_of_day_s, std::optional<Time> reference);

 private:
  std::int64_t day_start_ns_ = 0;     // midnight of the current day (no-reference mode)
  std::optional<double> last_tod_s_;  // previous time of day (no-reference mode)
};

// Midnight UTC of the day containing t (floor, also for times before 1970).
[[nodiscard]] Time utc_midnight(Time t);

}  // namespace dewline::ingest::asterix
