#include "publish/alert_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/publish/test_alert.hpp"

namespace dewline::publish {
namespace {

TEST(AlertJson, CarriesTheExchangeKeysAndTheEvidence) {
  const AlertEvent e = test::sample_alert();
  const EnuFrame site(Geodetic{47.395, 8.585, 440.0});
  const std::string line = alert_to_jsonl(e, &site);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["time_s"], 125.5);
  EXPECT_EQ(j["alert_id"], 3);
  EXPECT_EQ(j["track_id"], 42);
  EXPECT_EQ(j["state"], "raised");
  EXPECT_EQ(j["zone"], "plant");
  EXPECT_EQ(j["level"], "protected");
  EXPECT_EQ(j["reason"], e.reason);
  EXPECT_EQ(j["threat"], "high");
  EXPECT_EQ(j["class"], "drone");
  EXPECT_NEAR(j["p_drone"].get<double>(), 0.97, 1e-9);
  const auto& ev = j["evidence"];
  EXPECT_EQ(ev["track"]["sensors"], nlohmann::json::array({1, 3}));
  EXPECT_EQ(ev["history"].size(), 2U);
  EXPECT_NEAR(ev["track"]["lat_deg"].get<double>(), 47.3977, 1e-3);
  EXPECT_NEAR(ev["track"]["lon_deg"].get<double>(), 8.5684, 1e-3);
}

}  // namespace
}  // namespace dewline::publish
