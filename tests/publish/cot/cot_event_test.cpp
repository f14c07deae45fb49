#include "publish/cot/cot_event.hpp"

#include <gtest/gtest.h>

#include "tests/publish/test_alert.hpp"

namespace dewline::publish::cot {
namespace {

std::string attr(const std::string& xml, const std::string& element, const std::string& name) {
  const auto e = xml.find("<" + element + " ");
  if (e == std::string::npos) {
    return "<missing element>";
  }
  const auto end = xml.find('>', e);
  const auto a = xml.find(" " + name + "=\"", e);
  if (a == std::string::npos || a > end) {
    return "<missing attribute>";
  }
  const auto v = a + name.size() + 3;
  return xml.substr(v, xml.find('"', v) - v);
}

TEST(CotEvent, HostileMultirotorIsAHQ) {
  const AlertEvent a = test::sample_alert();
  const EnuFrame site(Geodetic{47.395, 8.585, 440.0});
  const std::string xml = encode_cot(cot_from_alert(a, site, Duration::from_seconds(60)));
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<event ", 0),
            0U);
  EXPECT_EQ(attr(xml, "event", "version"), "2.0");
  EXPECT_EQ(attr(xml, "event", "type"), "a-h-A-M-H-Q");
  EXPECT_EQ(attr(xml, "event", "how"), "m-f");
  EXPECT_EQ(attr(xml, "event", "uid"), "dewline-track-42");
  EXPECT_EQ(attr(xml, "event", "time"), "1970-01-01T00:02:05.500Z");
  EXPECT_EQ(attr(xml, "event", "stale"), "1970-01-01T00:03:05.500Z");
  EXPECT_NEAR(std::stod(attr(xml, "point", "lat")), 47.3977, 1e-3);
  EXPECT_NEAR(std::stod(attr(xml, "point", "lon")), 8.5684, 1e-3);
  EXPECT_NEAR(std::stod(attr(xml, "point", "hae")), 500.0, 0.5);
  EXPECT_NEAR(std::stod(attr(xml, "point", "ce")), std::sqrt(8.0), 0.1);
  EXPECT_EQ(attr(xml, "track", "course"), "90.0");  // flying east
  EXPECT_EQ(attr(xml, "track", "speed"), "15.00");
  EXPECT_NE(xml.find("<remarks>alert 3 raised (protected zone plant, threat high)"),
            std::string::npos);
  EXPECT_EQ(xml.substr(xml.size() - 17), "</detail></event>");
}

TEST(CotEvent, TypesByClassAndAffiliation) {
  Track t;
  t.assessment.target_class = TargetClass::DroneFixedWing;
  EXPECT_EQ(cot_type(t), "a-h-A-M-F-Q");
  t.assessment.friendly = true;
  EXPECT_EQ(cot_type(t), "a-f-A-M-F-Q");
  t.assessment.friendly = false;
  t.assessment.target_class = TargetClass::Helicopter;
  EXPECT_EQ(cot_type(t), "a-n-A-C-H");
  t.assessment.target_class = TargetClass::AircraftFixedWing;
  EXPECT_EQ(cot_type(t), "a-n-A-C-F");
  t.assessment.target_class = TargetClass::Bird;
  EXPECT_EQ(cot_type(t), "a-u-A");
}

TEST(CotEvent, ClearedAlertIsStaleAtOnceAndTextIsEscaped) {
  AlertEvent a = test::sample_alert(3, AlertState::Cleared);
  a.reason = "a <b> & \"c\" 'd'\x01";
  const std::string xml = encode_cot(
      cot_from_alert(a, EnuFrame(Geodetic{47.395, 8.585, 440.0}), Duration::from_seconds(60)));
  EXPECT_EQ(attr(xml, "event", "stale"), attr(xml, "event", "time"));
  EXPECT_NE(xml.find("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; "), std::string::npos);
  EXPECT_EQ(xml_escape("x&y"), "x&amp;y");
}

}  // namespace
}  // namespace dewline::publish::cot
