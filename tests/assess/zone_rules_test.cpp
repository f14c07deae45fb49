#include "assess/zone_rules.hpp"

#include <gtest/gtest.h>

#include "tests/assess/test_tracks.hpp"

namespace dewline::assess {
namespace {

TEST(ZoneRules, LevelDefaultsThenPropertiesThenConfigOverrides) {
  AssessConfig cfg = AssessConfig::defaults();
  Zone p = test::plant();
  p.properties = {{"alert_classes", "[\"drone\",\"unknown\"]"},
                  {"horizon_s", "300"},
                  {"allow_remote_id", "[\"A1\",\"A2\"]"},
                  {"fill", "#ff0000"}};  // styling: ignored
  ZonePolicyOverride o;
  o.zone = "plant";
  o.min_alert_threat = 3;
  cfg.zone_overrides.push_back(o);
  auto built = build_zone_rules({p, test::perimeter()}, cfg);
  ASSERT_TRUE(built.has_value());
  const ZonePolicy& pp = (*built)[0].policy;
  EXPECT_EQ(pp.alert_classes.size(), 2U);
  EXPECT_EQ(pp.horizon_s, 300.0);
  EXPECT_EQ(pp.min_alert_threat, 3);
  EXPECT_EQ(pp.allow.remote_ids, (std::vector<std::string>{"A1", "A2"}));
  const ZonePolicy& wp = (*built)[1].policy;
  EXPECT_EQ(wp.horizon_s, 0.0);  // warning zones: inside only
  EXPECT_FALSE(wp.alert_cooperative);
}

TEST(ZoneRules, BadPropertiesNameZoneAndField) {
  Zone p = test::plant();
  p.properties = {{"alert_classes", "drone,dragon"},
                  {"horizon_s", "soon"},
                  {"min_alert_threat", "extreme"},
                  {"allow_icao24", "[\"zz\"]"},
                  {"alert_cooperative", "maybe"}};
  auto built = build_zone_rules({test::perimeter(), p}, AssessConfig::defaults());
  ASSERT_FALSE(built.has_value());
  const auto& e = built.error();
  ASSERT_EQ(e.size(), 5U);
  EXPECT_EQ(e[0].zone_index, 1U);
  EXPECT_EQ(e[0].field, "properties.alert_classes");
  EXPECT_NE(e[0].reason.find("dragon"), std::string::npos);
  EXPECT_EQ(e[1].field, "properties.horizon_s");
  EXPECT_EQ(e[2].field, "properties.min_alert_threat");
  EXPECT_EQ(e[3].field, "properties.allow_icao24");
  EXPECT_EQ(e[4].field, "properties.alert_cooperative");
  EXPECT_EQ(e[1].message(),
            "zone \"plant\" (features[1]): properties.horizon_s: expected a number, got soon");
}

TEST(ZoneRules, AllowListMatchesSerialAddressAndCallsign) {
  AllowList a;
  a.remote_ids = {"SER1"};
  a.icao24 = {0x4b1815};
  a.callsigns = {"REGA1"};
  Identity id;
  EXPECT_FALSE(allow_listed(a, id));
  id.remote_id = "SER1";
  EXPECT_TRUE(allow_listed(a, id));
  Identity b;
  b.icao24 = 0x4b1815;
  EXPECT_TRUE(allow_listed(a, b));
  Identity c;
  c.callsign = "REGA1   ";  // ADS-B pads callsigns with spaces
  EXPECT_TRUE(allow_listed(a, c));
  c.callsign = "REGA2";
  EXPECT_FALSE(allow_listed(a, c));
}

}  // namespace
}  // namespace dewline::assess
