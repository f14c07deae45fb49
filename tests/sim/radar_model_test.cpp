// The simulated radars match their parameters: detection rate, noise, clutter, coverage, timing.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/angles.hpp"
#include "sim/sensor_models.hpp"
#include "tests/sim/sim_test_util.hpp"

namespace dewline::sim {
namespace {

using test::header;
using test::must_parse;

// Static targets (no gusts) on a ring around a radar: their true polar position is known.
std::string static_targets(int n, double range, double height) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    const double a = 2.0 * kPi * i / n + 0.3;
    s += "[[target]]\nkind = \"quadcopter\"\ngust_accel_mps2 = 0\nstart_m = [" +
         std::to_string(range * std::cos(a)) + ", " + std::to_string(range * std::sin(a)) + ", " +
         std::to_string(height) + "]\n";
  }
  return s;
}

const char* kFixedRadar = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 10]
scan_period_s = 0.1
pd_model = "fixed"
pd = 0.8
sigma_range_m = 7
sigma_azimuth_deg = 0.4
sigma_elevation_deg = 0.6
reports_range_rate = true
sigma_range_rate_mps = 0.5
range_max_m = 3000
)";

TEST(RadarModel, DetectionRateWithinThreeSigmaOfFixedPd) {
  // GIVEN 5 static targets in coverage and 1000 scans of a radar with pd = 0.8
  const Scenario sc = must_parse(header(100.0) + kFixedRadar + static_targets(5, 1000.0, 100.0));
  auto r = test::run(sc, 7);
  // THEN each target's detection count is within 3 sigma of n pd, and of all targets together.
  std::size_t total = 0;
  for (std::int64_t id = 1; id <= 5; ++id) {
    std::size_t k = 0;
    for (const auto& d : r.events.of_sensor(1)) {
      k += d.truth_id == id ? 1U : 0U;
    }
    test::expect_binomial(k, 1000U, 0.8, "per target");
    total += k;
  }
  test::expect_binomial(total, 5000U, 0.8, "all targets");
}

TEST(RadarModel, NoiseStandardDeviationsWithinFivePercent) {
  const Scenario sc = must_parse(header(200.0) + kFixedRadar + static_targets(6, 1500.0, 200.0));
  auto r = test::run(sc, 11);
  std::vector<double> er, ea, ee, err;
  const Vec3 radar{0.0, 0.0, 10.0};
  for (const auto& d : r.events.of_sensor(1)) {
    const auto& m = std::get<PolarMeasurement>(d.measurement);
    const std::int64_t id = *d.truth_id;
    ASSERT_GE(id, 1);
    const Vec3 p = sc.targets[static_cast<std::size_t>(id - 1)].start_m;
    const Polar t = enu_to_polar(p - radar);
    er.push_back(m.range_m - t.range_m);
    ea.push_back(wrap_pi(m.azimuth_rad - t.azimuth_rad));
    ee.push_back(*m.elevation_rad - t.elevation_rad);
    err.push_back(*m.range_rate_mps);
    EXPECT_DOUBLE_EQ(m.sigma_range_m, 7.0);
  }
  ASSERT_GT(er.size(), 9000U);
  EXPECT_NEAR(test::rms(er), 7.0, 0.05 * 7.0);
  EXPECT_NEAR(test::rms(ea), 0.4 * kDegToRad, 0.05 * 0.4 * kDegToRad);
  EXPECT_NEAR(test::rms(ee), 0.6 * kDegToRad, 0.05 * 0.6 * kDegToRad);
  EXPECT_NEAR(test::rms(err), 0.5, 0.05 * 0.5);
}

TEST(RadarModel, RadarEquationPdFollowsRangeAndRcs) {
  // Pd(R, sigma) = Pd_ref ^ ((sigma_ref / sigma) (R / R_ref)^4)
  RadarSpec r;
  r.reference_range_m = 3000.0;
  r.reference_rcs_m2 = 0.01;
  r.reference_pd = 0.9;
  EXPECT_NEAR(radar_pd(r, 3000.0, 0.01), 0.9, 1e-12);
  EXPECT_NEAR(radar_pd(r, 3000.0 * std::pow(2.0, 0.25), 0.02), 0.9, 1e-12);
  EXPECT_NEAR(radar_pd(r, 6000.0, 0.01), std::pow(0.9, 16.0), 1e-12);
  EXPECT_GT(radar_pd(r, 1000.0, 0.01), 0.998);
}

TEST(RadarModel, SwerlingOneDetectionRateMatchesRadarEquation) {
  // GIVEN targets at the range where the radar equation gives Pd = 0.5
  RadarSpec ref;
  ref.reference_range_m = 2000.0;
  ref.reference_rcs_m2 = 0.01;
  ref.reference_pd = 0.9;
  const double range = 2000.0 * std::pow(std::log(0.5) / std::log(0.9), 0.25);
  ASSERT_NEAR(radar_pd(ref, range, 0.01), 0.5, 1e-9);
  const std::string radar = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 0]
scan_period_s = 0.1
reference_range_m = 2000
reference_rcs_m2 = 0.01
reference_pd = 0.9
range_max_m = 5000
)";
  // Targets at 100 m height: compute each one's exact range for its expected Pd.
  const Scenario sc = must_parse(header(100.0) + radar + static_targets(4, range, 100.0));
  auto r = test::run(sc, 3);
  std::size_t k = 0;
  double expected = 0.0;
  for (const auto& t : sc.targets) {
    expected += radar_pd(ref, t.start_m.norm(), t.rcs_m2);  // quadcopters: 0.02 m^2
  }
  for (const auto& d : r.events.of_sensor(1)) {
    k += *d.truth_id > 0 ? 1U : 0U;
    EXPECT_TRUE(d.snr_db.has_value());
    EXPECT_GE(*d.snr_db, 13.0 - 1e-9);  // above the threshold
  }
  test::expect_binomial(k, 4000U, expected / 4.0, "Swerling 1");
}

TEST(RadarModel, ClutterCountMeanWithinThreeSigmaAndInsideCoverage) {
  const std::string radar = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 5]
scan_period_s = 0.1
clutter_per_scan = 12
range_min_m = 200
range_max_m = 4000
elevation_min_deg = 0
elevation_max_deg = 20
sector_center_deg = 90
sector_width_deg = 120
)";
  const Scenario sc = must_parse(header(100.0) + radar);
  auto r = test::run(sc, 5);
  const auto plots = r.events.of_sensor(1);
  const double n_scans = 1000.0;
  const double mean = static_cast<double>(plots.size()) / n_scans;
  EXPECT_LE(std::abs(mean - 12.0), 3.0 * std::sqrt(12.0 / n_scans)) << "mean " << mean;
  EXPECT_EQ(r.result.clutter, plots.size());
  // Uniform over the volume: half the plots below the range that halves r^3.
  const double r_half = std::cbrt(0.5 * (200.0 * 200.0 * 200.0 + 4000.0 * 4000.0 * 4000.0));
  std::size_t below = 0;
  for (const auto& d : plots) {
    const auto& m = std::get<PolarMeasurement>(d.measurement);
    EXPECT_EQ(*d.truth_id, -1);
    EXPECT_GE(m.range_m, 200.0);
    EXPECT_LE(m.range_m, 4000.0);
    EXPECT_GE(*m.elevation_rad, 0.0);
    EXPECT_LE(*m.elevation_rad, 20.0 * kDegToRad + 1e-12);
    // Compass 30..150 degrees = azimuth -60..60 degrees.
    EXPECT_LE(std::abs(m.azimuth_rad), 60.0 * kDegToRad + 1e-9);
    below += m.range_m < r_half ? 1U : 0U;
  }
  test::expect_binomial(below, plots.size(), 0.5, "clutter below the median range");
}

TEST(RadarModel, PlotTimeIsWhenTheBeamReachesTheTarget) {
  // GIVEN a clockwise radar starting north with a 2 s period and a target due east
  const std::string radar = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 0]
scan_period_s = 2.0
pd_model = "fixed"
pd = 1.0
)";
  const Scenario sc = must_parse(
      header(20.0) + radar +
      "[[target]]\nkind = \"quadcopter\"\ngust_accel_mps2 = 0\nstart_m = [1000, 0, 50]\n");
  auto r = test::run(sc, 1);
  // THEN each plot comes a quarter turn (0.5 s) after its scan start, and carries that scan
  const auto& items = r.events.items;
  ASSERT_EQ(items.size(), 10U);
  for (std::size_t k = 0; k < items.size(); ++k) {
    ASSERT_TRUE(items[k].scan.has_value());
    EXPECT_EQ(items[k].scan->index, k);
    EXPECT_NEAR(items[k].scan->start.seconds(), 2.0 * static_cast<double>(k), 1e-9);
    EXPECT_NEAR(items[k].detection.time.seconds() - items[k].scan->start.seconds(), 0.5, 1e-6);
  }
  EXPECT_EQ(r.events.scans.size(), 10U);
}

TEST(RadarModel, RespectsRangeElevationAndSectorLimits) {
  const std::string radar = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 0]
scan_period_s = 0.5
pd_model = "fixed"
pd = 1.0
range_max_m = 2000
elevation_max_deg = 30
sector_center_deg = 0
sector_width_deg = 90
)";
  const std::string targets = R"(
[[target]]
id = 1
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [0, 1500, 100]
[[target]]
id = 2
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [0, 2500, 100]
[[target]]
id = 3
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [0, 500, 400]
[[target]]
id = 4
kind = "quadcopter"
gust_accel_mps2 = 0
start_m = [0, -1000, 100]
)";
  const Scenario sc = must_parse(header(10.0) + radar + targets);
  auto r = test::run(sc, 1);
  std::set<std::int64_t> seen;
  for (const auto& d : r.events.of_sensor(1)) {
    seen.insert(*d.truth_id);
  }
  // In coverage; beyond range; above the elevation limit; outside the sector.
  EXPECT_EQ(seen, std::set<std::int64_t>{1});
  ASSERT_EQ(r.result.coverage.size(), 4U);
  EXPECT_TRUE(r.result.coverage[0].first_in_coverage_s.has_value());
  EXPECT_FALSE(r.result.coverage[1].first_in_coverage_s.has_value());
  EXPECT_FALSE(r.result.coverage[2].first_in_coverage_s.has_value());
  EXPECT_FALSE(r.result.coverage[3].first_in_coverage_s.has_value());
}

TEST(RadarModel, TwoDimensionalRadarReportsNoElevation) {
  const std::string radar = R"(
[[sensor]]
type = "rotating_radar"
position_m = [0, 0, 0]
pd_model = "fixed"
pd = 1.0
reports_elevation = false
)";
  const Scenario sc = must_parse(header(5.0) + radar + static_targets(2, 800.0, 50.0));
  auto r = test::run(sc, 1);
  ASSERT_FALSE(r.events.items.empty());
  for (const auto& i : r.events.items) {
    EXPECT_FALSE(std::get<PolarMeasurement>(i.detection.measurement).elevation_rad.has_value());
    EXPECT_FALSE(i.sensor.reports_elevation);
  }
}

TEST(RadarModel, ElectronicRadarRevisitsAtItsPeriod) {
  const std::string radar = R"(
[[sensor]]
type = "esa_radar"
position_m = [0, 0, 0]
pd_model = "fixed"
pd = 1.0
sector_center_deg = 45
sector_width_deg = 90
)";
  const Scenario sc = must_parse(header(10.0) + radar + static_targets(1, 700.0, 50.0) +
                                 "[[target]]\nkind = \"quadcopter\"\ngust_accel_mps2 = 0\n"
                                 "start_m = [-700, -100, 50]\n");
  auto r = test::run(sc, 1);
  // Target 1 (azimuth 0.3 rad, compass 73 degrees) is in the sector, target 2 is not.
  std::size_t k1 = 0;
  for (const auto& d : r.events.of_sensor(1)) {
    EXPECT_EQ(*d.truth_id, 1);
    k1 += 1;
  }
  EXPECT_EQ(k1, 100U);  // 10 Hz for 10 s
}

}  // namespace
}  // namespace dewline::sim
