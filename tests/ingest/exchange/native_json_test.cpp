#include "ingest/exchange/native_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace dewline::ingest {
namespace {

Detection bearing(double t, std::uint32_t sensor, double az) {
  Detection d;
  d.time = Time::from_seconds(t);
  d.receive_time = d.time;
  d.sensor = SensorId{sensor};
  BearingMeasurement b;
  b.azimuth_rad = az;
  b.sigma_azimuth_rad = 0.05;
  d.measurement = b;
  return d;
}

TEST(NativeJson, DetectionLinesReadBackAsWritten) {
  const std::vector<Detection> in = {bearing(1.0, 2, 0.5), bearing(1.5, 3, -1.0)};
  std::string text;
  for (const Detection& d : in) {
    text += to_json(d).dump() + "\n";
  }
  const auto out = parse_detections_jsonl(text, "detections.jsonl");
  ASSERT_TRUE(out.has_value()) << out.error().message();
  ASSERT_EQ(out->size(), 2U);
  EXPECT_EQ((*out)[1].sensor, SensorId{3});
  EXPECT_EQ((*out)[1].time, Time::from_seconds(1.5));
  ASSERT_TRUE(std::holds_alternative<BearingMeasurement>((*out)[1].measurement));
  EXPECT_EQ(std::get<BearingMeasurement>((*out)[1].measurement).azimuth_rad, -1.0);
}

TEST(NativeJson, StrictReadFailsOnTheFirstBadLineWithItsNumber) {
  const std::string text = to_json(bearing(1.0, 2, 0.5)).dump() + "\n{\"time_s\": \n";
  const auto out = parse_detections_jsonl(text, "detections.jsonl");
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message(), "detections.jsonl:2: not a JSON object");
}

// Broken lines among good ones: the good ones are all kept; each broken one is recorded with its
// line and, when the object names one, its sensor.
TEST(NativeJson, LenientReadSkipsBadLinesAndKeepsEveryGoodOne) {
  const std::string text = to_json(bearing(1.0, 2, 0.5)).dump() + "\n" +  // 1: good
                           "not json\n" +                                 // 2
                           "[1, 2]\n" +                                   // 3: not an object
                           "{\"sensor\": 7, \"time_s\": \"soon\"}\n" +    // 4: sensor 7
                           "\n" +                                         // 5: empty, passed
                           to_json(bearing(2.0, 2, 0.6)).dump() + "\n";   // 6: good
  std::vector<SkippedRow> skipped;
  const auto out = parse_detections_jsonl(text, "detections.jsonl", &skipped);
  ASSERT_TRUE(out.has_value()) << out.error().message();
  ASSERT_EQ(out->size(), 2U);
  EXPECT_EQ((*out)[1].time, Time::from_seconds(2.0));
  ASSERT_EQ(skipped.size(), 3U);
  EXPECT_EQ(skipped[0].error.line, 2U);
  EXPECT_EQ(skipped[1].error.line, 3U);
  EXPECT_EQ(skipped[2].error.line, 4U);
  EXPECT_EQ(skipped[2].sensor, SensorId{7});
  EXPECT_FALSE(skipped[0].sensor.has_value());
}

// Fields of the wrong type are errors with their path, never exceptions (found by the fuzzer:
// a non-hex ICAO address threw out of std::stoul and ended the process).
TEST(NativeJson, WrongTypesInIdentityAndSensorAreErrorsNotExceptions) {
  nlohmann::json good = to_json(bearing(1.0, 2, 0.5));
  const auto reason = [](const nlohmann::json& j) {
    const auto d = detection_from_json(j);
    return d ? std::string("accepted") : d.error();
  };
  nlohmann::json j = good;
  j["identity"] = {{"icao24", "4b1a2c"}, {"mode3a", "7700"}, {"callsign", "SWR123"}};
  const auto d = detection_from_json(j);
  ASSERT_TRUE(d.has_value()) << d.error();
  EXPECT_EQ(d->identity.icao24, 0x4b1a2cU);
  EXPECT_EQ(d->identity.mode3a, 07700U);
  j["identity"] = {{"icao24", "zz12"}};
  EXPECT_EQ(reason(j), "identity.icao24: expected hex digits");
  j["identity"] = {{"icao24", 5}};
  EXPECT_EQ(reason(j), "identity.icao24: expected a string");
  j["identity"] = {{"mode3a", "7780"}};
  EXPECT_EQ(reason(j), "identity.mode3a: expected octal digits");
  j["identity"] = {{"callsign", 12}};
  EXPECT_EQ(reason(j), "identity.callsign: expected a string");
  j = good;
  j["sensor"] = 4294967296ULL;
  EXPECT_EQ(reason(j), "sensor: missing or not a 32-bit non-negative integer");
  const auto sensors = parse_sensors_json(R"({"sensors": [{"id": 1, "name": 7}]})", "sensors.json");
  ASSERT_FALSE(sensors.has_value());
  EXPECT_EQ(sensors.error().message(),
            "sensors.json: column 'sensors[0]': name: expected a string");
}

}  // namespace
}  // namespace dewline::ingest
