// [[asterix.radar]] tables: every key read with type and range, errors naming file:line and key.
#include <gtest/gtest.h>

#include "core/angles.hpp"
#include "ingest/asterix/radar_config.hpp"

namespace dewline::ingest::asterix {
namespace {

TEST(RadarConfig, ReadsEveryKey) {
  auto doc = ConfigDocument::parse(R"(
[[asterix.radar]]
name = "split"
sensor_id = 12
sac = 25
sic = 12
lat_deg = 43.571
lon_deg = 16.406
alt_m = 780.0
position_source = "config"
sigma_range_m = 30.0
sigma_azimuth_deg = 0.05
sigma_height_m = 150.0
elevation_from_flight_level = false
accept_simulated = true
accept_test_targets = true
date = "2016-05-05"

[[asterix.radar]]
name = "any"
)",
                                   "site.toml");
  ASSERT_TRUE(doc.has_value());
  const auto radars = read_radar_configs(doc->root().section("asterix"));
  ASSERT_TRUE(doc->finish().has_value());
  ASSERT_EQ(radars.size(), 2U);
  const AsterixRadarConfig& c = radars[0];
  EXPECT_EQ(c.name, "split");
  EXPECT_EQ(c.id, SensorId{12});
  EXPECT_EQ(c.sac, 25);
  EXPECT_EQ(c.sic, 12);
  ASSERT_TRUE(c.position.has_value());
  EXPECT_EQ(c.position->alt_m, 780.0);
  EXPECT_EQ(c.position_source, PositionSource::Config);
  EXPECT_DOUBLE_EQ(c.sigma_azimuth_rad, 0.05 * kDegToRad);
  EXPECT_FALSE(c.elevation_from_flight_level);
  EXPECT_TRUE(c.accept_simulated);
  EXPECT_TRUE(c.accept_test_targets);
  EXPECT_EQ(c.date->ns, 1462406400LL * 1'000'000'000LL);
  EXPECT_FALSE(radars[1].sac.has_value());
  EXPECT_TRUE(radars[1].matches(1, 2));
  const SensorInfo info = radar_sensor_info(c, EnuFrame(Geodetic{43.571, 16.406, 780.0}));
  EXPECT_LT(info.position_m.norm(), 1e-6);
  EXPECT_EQ(info.kind, SensorKind::RotatingRadar);
}

TEST(RadarConfig, BadValuesAreErrorsNamingTheKey) {
  auto doc = ConfigDocument::parse(R"(
[[asterix.radar]]
sac = 300
lat_deg = 43.0
position_source = "gps"
date = "yesterday"
colour = "red"
)",
                                   "site.toml");
  ASSERT_TRUE(doc.has_value());
  (void)read_radar_configs(doc->root().section("asterix"));
  auto r = doc->finish();
  ASSERT_FALSE(r.has_value());
  std::string all;
  for (const auto& e : r.error()) {
    all += e.message() + "\n";
  }
  for (const char* key : {"sac", "lon_deg", "position_source", "date", "colour"}) {
    EXPECT_NE(all.find(std::string("asterix.radar")), std::string::npos);
    EXPECT_NE(all.find(key), std::string::npos) << key << " not in:\n" << all;
  }
  EXPECT_NE(all.find("site.toml:"), std::string::npos);
}

}  // namespace
}  // namespace dewline::ingest::asterix
