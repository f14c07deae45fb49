#include "assess/assess_config.hpp"

#include <gtest/gtest.h>

#include "tests/test_paths.hpp"
#include "track/tracker_config.hpp"

namespace dewline::assess {
namespace {

std::vector<ConfigError> read(const std::string& text, AssessConfig& cfg) {
  auto doc = ConfigDocument::parse(text, "site.toml");
  EXPECT_TRUE(doc.has_value());
  read_assess_config(doc->root().section("assess"), cfg);
  auto done = doc->finish();
  return done ? std::vector<ConfigError>{} : done.error();
}

TEST(AssessConfig, ReadsAllowListsPoliciesAndOverrides) {
  AssessConfig cfg = AssessConfig::defaults();
  const auto errors = read(R"(
[assess.allow]
remote_id = ["1581F5FJD239C00HOB01"]
icao24 = ["4B1815", "abc"]
callsign = ["REGA1"]
[assess.threat]
high_time_s = 90
[assess.defaults.warning]
alert_cooperative = true
[[assess.zone]]
name = "plant"
alert_classes = ["drone", "unknown"]
min_alert_threat = 3
allow_remote_id = ["X"]
)",
                           cfg);
  ASSERT_TRUE(errors.empty()) << errors.front().message();
  EXPECT_EQ(cfg.allow.remote_ids, std::vector<std::string>{"1581F5FJD239C00HOB01"});
  EXPECT_EQ(cfg.allow.icao24, (std::vector<std::uint32_t>{0x4b1815, 0xabc}));
  EXPECT_EQ(cfg.threat.high_time_s, 90.0);
  EXPECT_TRUE(cfg.warning_policy.alert_cooperative);
  ASSERT_EQ(cfg.zone_overrides.size(), 1U);
  EXPECT_EQ(cfg.zone_overrides[0].zone, "plant");
  ASSERT_TRUE(cfg.zone_overrides[0].alert_classes.has_value());
  EXPECT_EQ(cfg.zone_overrides[0].alert_classes->size(), 2U);
  EXPECT_EQ(cfg.zone_overrides[0].min_alert_threat, 3);
  EXPECT_EQ(cfg.zone_overrides[0].allow.remote_ids, std::vector<std::string>{"X"});
}

TEST(AssessConfig, ErrorsNameFileLineAndKey) {
  AssessConfig cfg = AssessConfig::defaults();
  const auto errors = read(R"([assess.threat]
critical_time_s = -5
[assess.allow]
icao24 = ["xyz123"]
[[assess.zone]]
name = "plant"
alert_classes = ["dragon"]
colour = "red"
)",
                           cfg);
  ASSERT_EQ(errors.size(), 4U);
  EXPECT_EQ(errors[0].message(),
            "site.toml:2:19: assess.threat.critical_time_s: out of range: -5 is not in [0, 3600]");
  EXPECT_EQ(errors[1].line, 4U);
  EXPECT_EQ(errors[1].key, "assess.allow.icao24");
  EXPECT_EQ(errors[2].line, 7U);
  EXPECT_EQ(errors[2].key, "assess.zone[0].alert_classes");
  EXPECT_NE(errors[2].reason.find("dragon"), std::string::npos);
  EXPECT_EQ(errors[3].line, 8U);
  EXPECT_EQ(errors[3].reason, "unknown key");
}

TEST(AssessConfig, AlertLevelByNameOrNumber) {
  AssessConfig cfg = AssessConfig::defaults();
  auto errors = read(R"(
[assess.defaults.protected]
min_alert_threat = "high"
[assess.defaults.warning]
min_alert_threat = 4
[[assess.zone]]
name = "plant"
min_alert_threat = "low"
)",
                     cfg);
  ASSERT_TRUE(errors.empty()) << errors.front().message();
  EXPECT_EQ(cfg.protected_policy.min_alert_threat, 3);
  EXPECT_EQ(cfg.warning_policy.min_alert_threat, 4);
  EXPECT_EQ(cfg.zone_overrides[0].min_alert_threat, 1);
  errors = read("[assess.defaults.warning]\nmin_alert_threat = \"severe\"\n", cfg);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 2U);
  EXPECT_EQ(errors[0].key, "assess.defaults.warning.min_alert_threat");
}

// The example site configuration shipped in config/ loads without an error (tracker and assess
// tables) and says what the defaults say where it repeats them.
TEST(AssessConfig, SiteExampleLoadsWithoutErrors) {
  const auto path = test::source_dir() / "config" / "site.example.toml";
  auto doc = ConfigDocument::load_file(path);
  ASSERT_TRUE(doc.has_value()) << doc.error().message();
  track::TrackerConfig tcfg = track::TrackerConfig::defaults();
  track::read_tracker_config(doc->root().section("tracker"), tcfg);
  AssessConfig cfg = AssessConfig::defaults();
  read_assess_config(doc->root().section("assess"), cfg);
  auto done = doc->finish();
  ASSERT_TRUE(done.has_value()) << done.error().front().message();
  const track::TrackerConfig d = track::TrackerConfig::defaults();
  EXPECT_EQ(tcfg.imm.models.size(), d.imm.models.size());
  for (std::size_t j = 0; j < d.imm.models.size(); ++j) {
    EXPECT_EQ(tcfg.imm.models[j].q, d.imm.models[j].q) << "model " << j;
    EXPECT_EQ(tcfg.imm.models[j].q_vertical, d.imm.models[j].q_vertical) << "model " << j;
  }
  EXPECT_EQ(tcfg.imm_union_gate, d.imm_union_gate);
  EXPECT_EQ(tcfg.triangulation_await_third, d.triangulation_await_third);
  EXPECT_EQ(tcfg.class_aided_association, d.class_aided_association);
  EXPECT_DOUBLE_EQ(tcfg.class_opinion_floor, d.class_opinion_floor);
  ASSERT_EQ(tcfg.velocity_prior.size(), d.velocity_prior.size());
  for (std::size_t j = 0; j < d.velocity_prior.size(); ++j) {
    EXPECT_EQ(tcfg.velocity_prior[j].sigma_h_mps, d.velocity_prior[j].sigma_h_mps) << "class " << j;
    EXPECT_EQ(tcfg.velocity_prior[j].sigma_v_mps, d.velocity_prior[j].sigma_v_mps) << "class " << j;
  }
  EXPECT_EQ(tcfg.tentative_min_log_lr, d.tentative_min_log_lr);
  const AssessConfig a = AssessConfig::defaults();
  EXPECT_EQ(cfg.classifier.settle_s, a.classifier.settle_s);
  EXPECT_EQ(cfg.threat.unknown_max_bird_probability, a.threat.unknown_max_bird_probability);
  EXPECT_EQ(cfg.protected_policy.alert_classes, a.protected_policy.alert_classes);
  EXPECT_EQ(cfg.protected_policy.min_alert_threat, a.protected_policy.min_alert_threat);
  EXPECT_EQ(cfg.allow.callsigns, std::vector<std::string>{"REGA1"});
}

TEST(AssessConfig, ParsesIcaoAddresses) {
  EXPECT_EQ(parse_icao24("4b1815"), 0x4b1815U);
  EXPECT_EQ(parse_icao24("FFFFFF"), 0xffffffU);
  EXPECT_FALSE(parse_icao24("").has_value());
  EXPECT_FALSE(parse_icao24("1234567").has_value());
  EXPECT_FALSE(parse_icao24("12g").has_value());
}

}  // namespace
}  // namespace dewline::assess
