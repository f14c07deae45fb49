// `dewline decode --format exchange`, run as a process: a measurements.csv with broken rows prints
// every good row as a detection, then one error object per broken row, and exits 1.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/test_paths.hpp"

namespace dewline::ingest {
namespace {

TEST(DecodeExchangeCli, BrokenRowsAreReportedAfterEveryGoodRow) {
  ASSERT_TRUE(std::filesystem::exists(test::dewline_binary())) << test::dewline_binary();
  const auto dir = test::scratch_dir("exchange_cli");
  std::ofstream(dir / "sensors.csv")
      << "sensor_id,x_m,y_m,z_m,sigma_range_m,sigma_azimuth_rad,sigma_elevation_rad,pd,"
         "clutter_per_scan,range_min_m,range_max_m,elevation_max_rad,scan_period_s\n"
         "0,0,0,0,5,0.005,0.005,0.9,10,100,7000,0.78,1\n";
  std::ofstream(dir / "measurements.csv")
      << "time_s,sensor_id,range_m,azimuth_rad,elevation_rad,truth_id\n"
         "0.000,0,2513.138,2.8187375,0.0638736,0\n"
         "0.000,0,25x3,2.8,0.06,0\n"
         "1.000,0,2500.0,2.8\n"
         "1.000,0,2520.5,2.8190000,0.0640000,0\n";
  const std::string cmd = test::dewline_binary().string() + " decode --format exchange " +
                          (dir / "measurements.csv").string() + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::vector<nlohmann::json> lines;
  char buf[8192];
  while (std::fgets(buf, sizeof buf, p) != nullptr) {
    lines.push_back(nlohmann::json::parse(buf));
  }
  const int status = ::pclose(p);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 1);
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0]["polar"]["range_m"].get<double>(), 2513.138);
  EXPECT_EQ(lines[0]["polar"]["sigma_range_m"].get<double>(), 5.0);  // from sensors.csv
  EXPECT_EQ(lines[1]["polar"]["range_m"].get<double>(), 2520.5);
  EXPECT_EQ(lines[2]["line"].get<int>(), 3);
  EXPECT_EQ(lines[2]["column"].get<std::string>(), "range_m");
  EXPECT_EQ(lines[3]["line"].get<int>(), 4);
  EXPECT_EQ(lines[3]["error"].get<std::string>(), "expected 6 fields, found 4");
}

}  // namespace
}  // namespace dewline::ingest
