// Tests of SAPIENT encoding: the protobuf JSON mapping both ways, the binary wire format, and
// `protoc --decode` (with dewline's own .proto files) reading what dewline encodes.
#include <gtest/gtest.h>

#include <google/protobuf/util/message_differencer.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::sapient {
namespace {

using google::protobuf::util::MessageDifferencer;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::filesystem::path> valid_files() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(test::real_data("sapient/valid"))) {
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SapientCodec, JsonRoundTripKeepsEveryValidMessage) {
  for (const auto& f : valid_files()) {
    sapient_pb::SapientMessage a;
    ASSERT_TRUE(parse_json(read_text(f), a).has_value()) << f;
    const std::string j = to_json(a);
    EXPECT_EQ(j.find('\n'), std::string::npos);
    sapient_pb::SapientMessage b;
    auto r = parse_json(j, b);
    ASSERT_TRUE(r.has_value()) << f << ": " << r.error().message() << "\n" << j;
    EXPECT_TRUE(MessageDifferencer::Equals(a, b)) << f;
    sapient_pb::SapientMessage c;
    ASSERT_TRUE(parse_json(to_json(a, true), c).has_value());
    EXPECT_TRUE(MessageDifferencer::Equals(a, c)) << f;
  }
}

TEST(SapientCodec, BinaryRoundTripKeepsEveryValidMessage) {
  for (const auto& f : valid_files()) {
    sapient_pb::SapientMessage a;
    ASSERT_TRUE(parse_json(read_text(f), a).has_value()) << f;
    std::vector<std::byte> bin;
    encode_message(a, bin);
    sapient_pb::SapientMessage b;
    ASSERT_TRUE(decode_message(bin, b).has_value()) << f;
    EXPECT_TRUE(MessageDifferencer::Equals(a, b)) << f;
    std::vector<std::byte> framed;
    encode_frame(a, framed);
    ASSERT_EQ(framed.size(), bin.size() + 4);
    EXPECT_TRUE(std::equal(bin.begin(), bin.end(), framed.begin() + 4));
  }
}

TEST(SapientCodec, JsonErrorsNameTheFieldAndTheReason) {
  sapient_pb::SapientMessage m;
  auto r = parse_json("{ not json", m);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, SapientErrorCode::BadJson);
  EXPECT_EQ(r.error().path, "$");
  EXPECT_EQ(r.error().reason.find('\n'), std::string::npos) << r.error().reason;

  r = parse_json(R"({"timestamp":"2023-07-07T12:44:17Z","nodeId":"a8654cdf-4328-47de-81fa-c495589e30c8",
                     "statusReport":{"system":"SYSTEM_SUPERB"}})",
                 m);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().path.find("system"), std::string::npos) << r.error().message();

  r = parse_json(R"({"timestamp":"2023-07-07T12:44:17Z","nodeId":"a8654cdf-4328-47de-81fa-c495589e30c8"})", m);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, SapientErrorCode::Invalid);
  EXPECT_EQ(r.error().path, "content");

  // A field the standard does not define, in an otherwise valid message.
  r = parse_json(R"({"timestamp":"2023-07-07T12:44:17Z","nodeId":"a8654cdf-4328-47de-81fa-c495589e30c8",
                     "registrationAck":{"acceptance":true,"colour":"red"}})",
                 m);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().path, "registration_ack.colour");
  EXPECT_NE(r.error().reason.find("unknown field"), std::string::npos);
}

TEST(SapientCodec, MalformedBinaryIsAnError) {
  sapient_pb::SapientMessage m;
  const std::vector<std::byte> junk = {std::byte{0x0a}, std::byte{0xff}, std::byte{0x01}};
  auto r = decode_message(junk, m);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, SapientErrorCode::Malformed);
}

// GIVEN a DetectionReport that dewline encodes, WHEN protoc decodes it with dewline's .proto
// files, THEN it prints the standard's field names and our values.
TEST(SapientCodec, ProtocDecodesWhatDewlineEncodes) {
  SensorInfo s;
  s.id = SensorId{5};
  s.name = "rf-1";
  s.kind = SensorKind::RfDetector;
  const EnuFrame site(Geodetic{51.17, -1.82, 100.0});
  SapientEncoder enc(s, site);
  Detection d;
  d.time = Time::from_seconds(1.7e9);
  d.sensor_object_id = 77;
  PolarMeasurement p;
  p.range_m = 1234.5;
  p.azimuth_rad = 0.0;  // due East
  p.sigma_range_m = 5.0;
  d.measurement = p;
  ClassProbabilities cp;
  cp[TargetClass::DroneMultirotor] = 0.75;
  cp[TargetClass::Bird] = 0.25;
  d.class_probabilities = cp;
  std::vector<std::byte> bin;
  encode_message(enc.detection_report(d), bin);

  const auto dir = test::scratch_dir("sapient_protoc");
  const auto in = dir / "msg.bin";
  const auto out = dir / "msg.txt";
  {
    std::ofstream f(in, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bin.data()), static_cast<std::streamsize>(bin.size()));
  }
  const std::string cmd = std::string(DEWLINE_PROTOC) + " -I " + DEWLINE_SOURCE_DIR +
                          "/src --decode=sapient_msg.bsi_flex_335_v2_0.SapientMessage "
                          "ingest/sapient/proto/sapient_message.proto < " +
                          in.string() + " > " + out.string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(out);
  const std::string text = read_text(out);
  EXPECT_NE(text.find("node_id: \"de411e00-0000-4000-8000-000000000005\""), std::string::npos) << text;
  EXPECT_NE(text.find("detection_report {"), std::string::npos) << text;
  EXPECT_NE(text.find("range: 1234.5"), std::string::npos) << text;
  EXPECT_NE(text.find("azimuth: 90"), std::string::npos) << text;
  EXPECT_NE(text.find("coordinate_system: RANGE_BEARING_COORDINATE_SYSTEM_DEGREES_M"),
            std::string::npos) << text;
  EXPECT_NE(text.find("type: \"UAV Rotary Wing\""), std::string::npos) << text;
  EXPECT_NE(text.find("object_id: \"" + ulid_from_u64(77) + "\""), std::string::npos) << text;
  EXPECT_NE(text.find("seconds: 1700000000"), std::string::npos) << text;
}

}  // namespace
}  // namespace dewline::ingest::sapient
