#include "ingest/asterix/time_of_day.hpp"

namespace dewline::ingest::asterix {

Time utc_midnight(Time t) {
  std::int64_t d = t.ns / kNsPerDay;
  if (t.ns % kNsPerDay < 0) {
    --d;
  }
  return Time{d * kNsPerDay};
}

void TimeOfDayResolver::set_date(Time any_time_on_the_day) {
  day_start_ns_ = utc_midnight(any_time_on_the_day).ns;
  last_tod_s_.reset();
}

Time TimeOfDayResolver::resolve(double time_of_day_s, std::optional<Time> reference) {
  const Duration tod = Duration::from_seconds(time_of_day_s);  // exact: 1/128 s = 7812500 ns
  constexpr std::int64_t kHalfDay = kNsPerDay / 2;
  if (reference) {
    Time t = utc_midnight(*reference) + tod;
    const std::int64_t diff = (t - *reference).ns;
    if (diff > kHalfDay) {
      t = t - Duration{kNsPerDay};  // stamped before midnight, received after
    } else if (diff < -kHalfDay) {
      t = t + Duration{kNsPerDay};  // stamped after midnight, reference before it
    }
    return t;
  }
  constexpr double kHalfDayS = 43200.0;
  if (last_tod_s_) {
    if (time_of_day_s < *last_tod_s_ - kHalfDayS) {
      day_start_ns_ += kNsPerDay;  // the feed crossed midnight
    } else if (time_of_day_s > *last_tod_s_ + kHalfDayS) {
      // A late report from before midnight: previous day, without moving the current day back.
      return Time{day_start_ns_ - kNsPerDay} + tod;
    }
  }
  last_tod_s_ = time_of_day_s;
  return Time{day_start_ns_} + tod;
}

}  // namespace dewline::ingest::asterix
