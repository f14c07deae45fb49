#include "core/config.hpp"

#include <gtest/gtest.h>

namespace dewline {
namespace {

struct Sample {
  double gate = 0.99;
  int hits = 3;
  std::string mode = "gnn";
  bool enabled = false;
};

Result<void, std::vector<ConfigError>> read_sample(std::string_view text, Sample& s) {
  auto doc = ConfigDocument::parse(text, "site.toml");
  if (!doc) {
    return unexpected(std::vector<ConfigError>{doc.error()});
  }
  ConfigSection t = doc->root().section("tracker");
  t.get("gate", s.gate, Range{0.5, 0.999999});
  t.get("hits", s.hits, Range{1, 10});
  t.get_enum("mode", s.mode, {{"gnn", std::string("gnn")}, {"jpda", std::string("jpda")}});
  t.get("enabled", s.enabled);
  return doc->finish();
}

TEST(Config, ReadsValuesAndKeepsDefaults) {
  Sample s;
  auto r = read_sample("[tracker]\ngate = 0.95\nmode = \"jpda\"\n", s);
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(s.gate, 0.95);
  EXPECT_EQ(s.hits, 3);
  EXPECT_EQ(s.mode, "jpda");
}

TEST(Config, UnknownKeyNamesFileLineAndKey) {
  Sample s;
  auto r = read_sample("[tracker]\ngate = 0.95\ngaet = 0.9\n", s);
  ASSERT_FALSE(r.has_value());
  ASSERT_EQ(r.error().size(), 1U);
  const ConfigError& e = r.error()[0];
  EXPECT_EQ(e.file, "site.toml");
  EXPECT_EQ(e.line, 3U);
  EXPECT_EQ(e.key, "tracker.gaet");
  EXPECT_EQ(e.reason, "unknown key");
  EXPECT_EQ(e.message(), "site.toml:3:1: tracker.gaet: unknown key");
}

TEST(Config, WrongTypeIsReported) {
  Sample s;
  auto r = read_sample("[tracker]\nhits = \"three\"\n", s);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error()[0].key, "tracker.hits");
  EXPECT_EQ(r.error()[0].line, 2U);
  EXPECT_NE(r.error()[0].reason.find("expected an integer, got a string"), std::string::npos);
  EXPECT_EQ(s.hits, 3) << "a bad value must not replace the default";
}

TEST(Config, OutOfRangeIsReported) {
  Sample s;
  auto r = read_sample("[tracker]\n\ngate = 2.0\n", s);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error()[0].line, 3U);
  EXPECT_EQ(r.error()[0].key, "tracker.gate");
  EXPECT_NE(r.error()[0].reason.find("out of range"), std::string::npos);
}

TEST(Config, InvalidChoiceListsTheChoices) {
  Sample s;
  auto r = read_sample("[tracker]\nmode = \"mht\"\n", s);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error()[0].reason.find("expected one of gnn, jpda"), std::string::npos);
}

TEST(Config, SyntaxErrorHasLine) {
  Sample s;
  auto r = read_sample("[tracker]\ngate = = 1\n", s);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error()[0].line, 2U);
  EXPECT_NE(r.error()[0].reason.find("syntax error"), std::string::npos);
}

TEST(Config, MissingFileIsAnError) {
  auto doc = ConfigDocument::load_file("/nonexistent/dewline.toml");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().message(), "/nonexistent/dewline.toml: no such file");
}

TEST(Config, RequiredKeyMissing) {
  auto doc = ConfigDocument::parse("[site]\nlat = 1.0\n", "s.toml");
  ASSERT_TRUE(doc.has_value());
  double lat = 0;
  double lon = 0;
  doc->root().section("site").get("lat", lat).get("lon", lon, {}, true);
  auto r = doc->finish();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error()[0].key, "site.lon");
  EXPECT_EQ(r.error()[0].reason, "missing required key");
}

TEST(Config, ArrayOfTablesAndAllErrorsCollected) {
  auto doc = ConfigDocument::parse(
      "[[sensor]]\nname = \"a\"\nrange = 5\n[[sensor]]\nname = 3\nbogus = 1\n", "s.toml");
  ASSERT_TRUE(doc.has_value());
  for (ConfigSection s : doc->root().sections("sensor")) {
    std::string name;
    double range = 0;
    s.get("name", name).get("range", range);
  }
  auto r = doc->finish();
  ASSERT_FALSE(r.has_value());
  ASSERT_EQ(r.error().size(), 2U);
  EXPECT_EQ(r.error()[0].key, "sensor[1].name");
  EXPECT_EQ(r.error()[1].key, "sensor[1].bogus");
}

}  // namespace
}  // namespace dewline
