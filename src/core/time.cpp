#include "core/time.hpp"

#include <fmt/format.h>

namespace dewline {
namespace {

// Days since 1970-01-01 to a proleptic Gregorian civil date (Howard Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", civil_from_days).
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
}

}  // namespace

std::string to_iso8601(Time t) {
  constexpr std::int64_t kNsPerDay = 86'400'000'000'000;
  std::int64_t days = t.ns / kNsPerDay;
  std::int64_t rem = t.ns % kNsPerDay;
  if (rem < 0) {
    rem += kNsPerDay;
    --days;
  }
  std::int64_t y = 0;
  unsigned mo = 0;
  unsigned d = 0;
  civil_from_days(days, y, mo, d);
  const std::int64_t ms_total = rem / 1'000'000;
  const std::int64_t h = ms_total / 3'600'000;
  const std::int64_t mi = (ms_total / 60'000) % 60;
  const std::int64_t s = (ms_total / 1000) % 60;
  const std::int64_t ms = ms_total % 1000;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", y, mo, d, h, mi, s, ms);
}

}  // namespace dewline
