// Time of day -> absolute time: the reference's UTC day, midnight roll-over both ways, and the
// configured-date mode for inputs without a capture time.
#include <gtest/gtest.h>

#include "ingest/asterix/radar_config.hpp"
#include "ingest/asterix/time_of_day.hpp"

namespace dewline::ingest::asterix {
namespace {

constexpr std::int64_t kDay = kNsPerDay;
constexpr std::int64_t kMay5 = 1462406400LL * 1'000'000'000LL;  // 2016-05-05T00:00:00Z

TEST(TimeOfDayResolver, UsesTheReferenceDay) {
  TimeOfDayResolver r;
  EXPECT_EQ(r.resolve(3600.0078125, Time{kMay5 + 3601'000'000'000LL}).ns,
            kMay5 + 3600'007'812'500LL);
}

TEST(TimeOfDayResolver, RollsOverMidnightInBothDirections) {
  TimeOfDayResolver r;
  EXPECT_EQ(r.resolve(86399.0, Time{kMay5 + kDay + 2'000'000'000LL}).ns,
            kMay5 + 86399'000'000'000LL);
  EXPECT_EQ(r.resolve(1.0, Time{kMay5 + kDay - 2'000'000'000LL}).ns,
            kMay5 + kDay + 1'000'000'000LL);
  // 11 h apart is still the same day.
  EXPECT_EQ(r.resolve(40000.0, Time{kMay5 + 80000'000'000'000LL}).ns, kMay5 + 40000'000'000'000LL);
}

TEST(TimeOfDayResolver, ConfiguredDateAdvancesWhenTheFeedCrossesMidnight) {
  TimeOfDayResolver r;
  r.set_date(Time{kMay5 + 12345});
  EXPECT_EQ(r.resolve(86390.0, std::nullopt).ns, kMay5 + 86390'000'000'000LL);
  EXPECT_EQ(r.resolve(5.0, std::nullopt).ns, kMay5 + kDay + 5'000'000'000LL);
  // A late report from before midnight stays on the previous day.
  EXPECT_EQ(r.resolve(86395.0, std::nullopt).ns, kMay5 + 86395'000'000'000LL);
  EXPECT_EQ(r.resolve(6.0, std::nullopt).ns, kMay5 + kDay + 6'000'000'000LL);
}

TEST(TimeOfDayResolver, WithoutDateOrReferenceTheDayIsTheEpoch) {
  TimeOfDayResolver r;
  EXPECT_EQ(r.resolve(1.5, std::nullopt).ns, 1'500'000'000LL);
}

TEST(TimeOfDayResolver, UtcMidnightFloorsBeforeTheEpoch) {
  EXPECT_EQ(utc_midnight(Time{-1}).ns, -kDay);
  EXPECT_EQ(utc_midnight(Time{kMay5 + 5}).ns, kMay5);
  EXPECT_EQ(parse_utc_date("2016-05-05")->ns, kMay5);
  EXPECT_FALSE(parse_utc_date("2016-02-30").has_value());
  EXPECT_FALSE(parse_utc_date("5 May 2016").has_value());
}

}  // namespace
}  // namespace dewline::ingest::asterix
