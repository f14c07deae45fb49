#include "ingest/exchange/exchange_csv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "tests/test_paths.hpp"

namespace dewline::ingest {
namespace {

CsvReader reader(std::string text) {
  auto r = CsvReader::from_string(std::move(text), "measurements.csv");
  EXPECT_TRUE(r.has_value());
  return std::move(*r);
}

constexpr const char* kHeader = "time_s,sensor_id,range_m,azimuth_rad,elevation_rad,truth_id\n";

TEST(ExchangeCsv, MeasurementsWrittenAndReadBackAreTheSame) {
  const std::vector<MeasurementRow> rows = {{0.0, SensorId{0}, 2513.138, 2.8187375, 0.0638736, 7},
                                            {1.0, SensorId{3}, 100.5, -3.1, 0.5, -1}};
  const auto path = test::scratch_dir("exchange") / "measurements.csv";
  ASSERT_TRUE(write_measurements_csv(path, rows).has_value());
  const auto back = read_measurements_csv(path);
  ASSERT_TRUE(back.has_value()) << back.error().message();
  ASSERT_EQ(back->size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ((*back)[i].time_s, rows[i].time_s);
    EXPECT_EQ((*back)[i].sensor, rows[i].sensor);
    EXPECT_EQ((*back)[i].range_m, rows[i].range_m);
    EXPECT_EQ((*back)[i].azimuth_rad, rows[i].azimuth_rad);
    EXPECT_EQ((*back)[i].elevation_rad, rows[i].elevation_rad);
    EXPECT_EQ((*back)[i].truth_id, rows[i].truth_id);
  }
}

TEST(ExchangeCsv, StrictMeasurementsReadFailsAtTheFirstMalformedRow) {
  CsvReader r = reader(std::string(kHeader) + "0.0,0,100,0.1,0.0,-1\n0.0,0,abc,0.1,0.0,-1\n");
  const auto rows = read_measurements_csv(r);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().message(), "measurements.csv:3: column 'range_m': not a number: \"abc\"");
}

// A recording with a few broken rows among good ones: every good row is kept, in order, and
// each broken one is recorded with its line, its reason and, where the field reads, its sensor.
TEST(ExchangeCsv, LenientMeasurementsReadSkipsMalformedRowsAndKeepsEveryGoodOne) {
  CsvReader r = reader(std::string(kHeader) +
                       "0.0,0,100,0.1,0.0,-1\n"    // 2: good
                       "0.0,0,150\n"               // 3: too few fields
                       "1.0,2,abc,0.1,0.0,-1\n"    // 4: range not a number (sensor 2)
                       "1.0,x,120,0.1,0.0,-1\n"    // 5: sensor id not an integer
                       "1.0,1,120,,0.0,-1\n"       // 6: azimuth empty (sensor 1)
                       "1.0,0,nan,0.1,0.0,-1\n"    // 7: NaN reads: the tracker rejects it
                       "2.0,0,200,0.2,0.01,4\n");  // 8: good
  std::vector<SkippedRow> skipped;
  const auto rows = read_measurements_csv(r, &skipped);
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  ASSERT_EQ(rows->size(), 3U);
  EXPECT_EQ((*rows)[0].range_m, 100.0);
  EXPECT_TRUE(std::isnan((*rows)[1].range_m));
  EXPECT_EQ((*rows)[2].range_m, 200.0);
  EXPECT_EQ((*rows)[2].truth_id, 4);
  ASSERT_EQ(skipped.size(), 4U);
  EXPECT_EQ(skipped[0].error.line, 3U);
  EXPECT_EQ(skipped[0].error.reason, "expected 6 fields, found 3");
  EXPECT_FALSE(skipped[0].sensor.has_value());
  EXPECT_EQ(skipped[1].error.line, 4U);
  EXPECT_EQ(skipped[1].error.column, "range_m");
  EXPECT_EQ(skipped[1].sensor, SensorId{2});
  EXPECT_EQ(skipped[2].error.line, 5U);
  EXPECT_EQ(skipped[2].error.column, "sensor_id");
  EXPECT_FALSE(skipped[2].sensor.has_value());
  EXPECT_EQ(skipped[3].error.line, 6U);
  EXPECT_EQ(skipped[3].error.column, "azimuth_rad");
  EXPECT_EQ(skipped[3].sensor, SensorId{1});
}

TEST(ExchangeCsv, MissingHeaderColumnFailsEvenALenientRead) {
  CsvReader r = reader("time_s,sensor_id,range_m,elevation_rad\n0.0,0,100,0.0\n");
  std::vector<SkippedRow> skipped;
  const auto rows = read_measurements_csv(r, &skipped);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().column, "azimuth_rad");
  EXPECT_TRUE(skipped.empty());
}

TEST(ExchangeCsv, SensorsRowBecomesARadarAndBadValuesNameTheirColumn) {
  const std::string header =
      "sensor_id,x_m,y_m,z_m,sigma_range_m,sigma_azimuth_rad,sigma_elevation_rad,pd,"
      "clutter_per_scan,range_min_m,range_max_m,elevation_max_rad,scan_period_s\n";
  auto ok = CsvReader::from_string(header + "4,1,2,3,5,0.005,0.006,0.9,60,100,7000,0.78,1\n",
                                   "sensors.csv");
  const auto sensors = read_sensors_csv(*ok);
  ASSERT_TRUE(sensors.has_value()) << sensors.error().message();
  ASSERT_EQ(sensors->size(), 1U);
  const SensorInfo& s = sensors->front();
  EXPECT_EQ(s.id, SensorId{4});
  EXPECT_EQ(s.name, "radar-4");
  EXPECT_EQ(s.position_m, Vec3(1, 2, 3));
  EXPECT_TRUE(s.reports_elevation);
  EXPECT_TRUE(s.plots_share_scan_time);
  EXPECT_EQ(s.range_max_m, 7000.0);
  auto bad_pd = CsvReader::from_string(header + "4,1,2,3,5,0.005,0.006,1.5,60,100,7000,0.78,1\n",
                                       "sensors.csv");
  const auto e = read_sensors_csv(*bad_pd);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message(), "sensors.csv:2: column 'pd': pd 1.5 is not in (0, 1]");
}

TEST(ExchangeCsv, TracksWithAssessmentColumnsRoundTrip) {
  TrackRow t;
  t.time_s = 3.0;
  t.track_id = 12;
  t.position_m = Vec3(100.25, -50.5, 30.0);
  t.velocity_mps = Vec3(1.5, -2.0, 0.25);
  t.class_name = "drone";
  t.p_drone = 0.9;
  t.p_bird = 0.08;
  t.p_aircraft = 0.02;
  t.threat = "high";
  const auto path = test::scratch_dir("exchange") / "tracks.csv";
  ASSERT_TRUE(write_tracks_csv(path, {t}, TrackColumns{true, true, false}).has_value());
  const auto back = read_tracks_csv(path);
  ASSERT_TRUE(back.has_value()) << back.error().message();
  ASSERT_EQ(back->size(), 1U);
  const TrackRow& b = back->front();
  EXPECT_EQ(b.track_id, 12U);
  EXPECT_EQ(b.position_m, t.position_m);
  EXPECT_EQ(b.velocity_mps, t.velocity_mps);
  EXPECT_EQ(b.class_name, "drone");
  ASSERT_TRUE(b.p_drone.has_value());
  EXPECT_NEAR(*b.p_drone, 0.9, 1e-9);
  EXPECT_EQ(b.threat, "high");
}

TEST(ExchangeCsv, SiteOutsideTheGlobeIsAnError) {
  auto r = CsvReader::from_string("lat_deg,lon_deg,alt_m\n95,8.5,440\n", "site.csv");
  const auto site = read_site_csv(*r);
  ASSERT_FALSE(site.has_value());
  EXPECT_EQ(site.error().line, 2U);
  EXPECT_EQ(site.error().column, "lat_deg");
  auto empty = CsvReader::from_string("lat_deg,lon_deg,alt_m\n", "site.csv");
  EXPECT_EQ(read_site_csv(*empty).error().reason, "no site row");
}

// The benchmark files that Stone Soup's figures come from read whole, strictly: every row of
// radar-s10 (1 header + 1372 plots) and its truth.
TEST(ExchangeCsv, ReadsTheSharedRadarS10ScenarioStrictly) {
  const auto dir = test::shared_scenario("radar-s10");
  const auto sensors = read_sensors_csv(dir / "sensors.csv");
  ASSERT_TRUE(sensors.has_value()) << sensors.error().message();
  EXPECT_EQ(sensors->size(), 1U);
  const auto plots = read_measurements_csv(dir / "measurements.csv");
  ASSERT_TRUE(plots.has_value()) << plots.error().message();
  EXPECT_EQ(plots->size(), 1372U);
  const auto truth = read_truth_csv(dir / "truth.csv");
  ASSERT_TRUE(truth.has_value()) << truth.error().message();
  EXPECT_FALSE(truth->empty());
}

}  // namespace
}  // namespace dewline::ingest
