// The 25-byte message codec and message packs (odid_codec.hpp) and the unit rules
// (odid_units.hpp).
#include <gtest/gtest.h>

#include <vector>

#include "ingest/remoteid/odid_codec.hpp"
#include "ingest/remoteid/odid_units.hpp"
#include "tests/ingest/remoteid/test_messages.hpp"

namespace dewline::ingest::remoteid {
namespace {

std::vector<std::byte> bytes(std::initializer_list<unsigned> v) {
  std::vector<std::byte> b;
  for (unsigned x : v) {
    b.push_back(static_cast<std::byte>(x));
  }
  return b;
}

TEST(OdidCodec, EveryMessageTypeRoundTrips) {
  const std::vector<Message> all = {
      sample::basic_id("1588E040445AC004418"), sample::location(47.1986439, 8.7301779),
      sample::auth_page(0, 2, 50, 1),          sample::auth_page(2, 0, 0, 9),
      sample::self_id("Drone ID demo"),        sample::system_msg(47.198656, 8.7302205, 410.5),
      sample::operator_id("FIN87astrdge12kxyz8")};
  for (const Message& m : all) {
    const EncodedMessage e = encode_message(m);
    EXPECT_EQ(std::to_integer<unsigned>(e[0]) >> 4U, static_cast<unsigned>(m.type()));
    auto d = decode_message(e);
    ASSERT_TRUE(d.has_value()) << to_string(m.type());
    EXPECT_EQ(*d, m) << to_string(m.type());
  }
}

TEST(OdidCodec, DecodesTheWifiBeaconSampleLocationBytes) {
  // Location message of odid_wifi_bcn_sample.pcap frame 1 (reference: lat 45.5457468,
  // lon -122.9681496, geodetic 237 m, height 100 m, 20.5 m/s, 92 deg, h_acc 9, v_acc 3).
  const auto b = bytes({0x10, 0x00, 0x5C, 0x52, 0x7E, 0xBC, 0xBA, 0x25, 0x1B, 0xA8, 0x8C, 0xB4,
                        0xB6, 0x00, 0x00, 0xAA, 0x09, 0x98, 0x08, 0x39, 0x41, 0x00, 0x00, 0x0A,
                        0x00});
  auto m = decode_message(b);
  ASSERT_TRUE(m.has_value());
  const auto& l = std::get<Location>(m->body);
  EXPECT_DOUBLE_EQ(*latitude_deg(l), 45.5457468);
  EXPECT_DOUBLE_EQ(*longitude_deg(l), -122.9681496);
  EXPECT_DOUBLE_EQ(*geodetic_altitude_m(l), 237.0);
  EXPECT_FALSE(pressure_altitude_m(l).has_value());
  EXPECT_DOUBLE_EQ(*height_m(l), 100.0);
  EXPECT_DOUBLE_EQ(*speed_horizontal_mps(l), 20.5);
  EXPECT_DOUBLE_EQ(*direction_deg(l), 92.0);
  EXPECT_FALSE(speed_vertical_mps(l).has_value());  // raw 126 = 63 m/s: unknown
  EXPECT_EQ(l.horizontal_accuracy, 9);
  EXPECT_EQ(l.vertical_accuracy, 3);
  EXPECT_EQ(l.baro_accuracy, 4);
  EXPECT_EQ(l.speed_accuracy, 1);
  EXPECT_DOUBLE_EQ(*timestamp_accuracy_s(l.timestamp_accuracy), 1.0);
}

TEST(OdidUnits, UnknownSentinelsDecodeToNullopt) {
  Location l;
  set_direction(l, std::nullopt);
  set_speed_horizontal(l, std::nullopt);
  set_speed_vertical(l, std::nullopt);
  EXPECT_FALSE(direction_deg(l).has_value());
  EXPECT_FALSE(speed_horizontal_mps(l).has_value());
  EXPECT_FALSE(speed_vertical_mps(l).has_value());
  EXPECT_FALSE(latitude_deg(l).has_value());
  EXPECT_FALSE(geodetic_altitude_m(l).has_value());
  l.timestamp = 0xFFFF;
  EXPECT_FALSE(timestamp_s_since_hour(l).has_value());
  // One of lat/lon zero is a real position (the equator or the prime meridian).
  l.latitude = 0;
  l.longitude = 87302371;
  EXPECT_DOUBLE_EQ(*latitude_deg(l), 0.0);
  EXPECT_DOUBLE_EQ(*longitude_deg(l), 8.7302371);
}

TEST(OdidUnits, SpeedMultiplierAndDirectionHalvesFollowTheStandard) {
  Location l;
  set_speed_horizontal(l, 100.0);  // above 63.75 m/s: 0.75 m/s steps
  EXPECT_EQ(l.speed_multiplier, 1);
  EXPECT_NEAR(*speed_horizontal_mps(l), 100.0, 0.375);
  set_speed_horizontal(l, 63.75);
  EXPECT_EQ(l.speed_multiplier, 0);
  EXPECT_DOUBLE_EQ(*speed_horizontal_mps(l), 63.75);
  set_direction(l, 288.0);
  EXPECT_EQ(l.ew_direction, 1);
  EXPECT_EQ(l.direction, 108);
  EXPECT_DOUBLE_EQ(*direction_deg(l), 288.0);
  set_speed_vertical(l, -1.0);
  EXPECT_EQ(l.speed_vertical, -2);
  EXPECT_DOUBLE_EQ(*speed_vertical_mps(l), -1.0);
}

TEST(OdidUnits, AccuracyCategoriesMapBothWays) {
  EXPECT_DOUBLE_EQ(*horizontal_accuracy_m(9), 30.0);
  EXPECT_DOUBLE_EQ(*horizontal_accuracy_m(12), 1.0);
  EXPECT_FALSE(horizontal_accuracy_m(0).has_value());
  EXPECT_FALSE(horizontal_accuracy_m(13).has_value());  // reserved
  EXPECT_DOUBLE_EQ(*vertical_accuracy_m(3), 25.0);
  EXPECT_DOUBLE_EQ(*speed_accuracy_mps(4), 0.3);
  EXPECT_EQ(horizontal_accuracy_code(8.0), 10);  // < 10 m
  EXPECT_EQ(horizontal_accuracy_code(25.0), 9);  // < 30 m
  EXPECT_EQ(horizontal_accuracy_code(20000.0), 0);
  EXPECT_EQ(vertical_accuracy_code(2.0), 5);
  EXPECT_EQ(speed_accuracy_code(0.5), 3);
}

TEST(OdidCodec, PackDecodesEveryMessageInOrder) {
  const std::vector<Message> msgs = {sample::basic_id("ABC"), sample::location(1.0, 2.0),
                                     sample::system_msg(1.0, 2.0), sample::operator_id("OP")};
  std::vector<std::byte> buf(3 + 25 * msgs.size());
  ASSERT_EQ(encode_pack(msgs, buf), buf.size());
  MessageList out;
  ASSERT_TRUE(decode_container(buf, 100, out));
  EXPECT_TRUE(out.in_pack());
  ASSERT_EQ(out.size(), msgs.size());
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    EXPECT_EQ(out.message(i), msgs[i]);
    EXPECT_EQ(out.pack_index(i), i + 1);
  }
  EXPECT_TRUE(out.errors().empty());
}

TEST(OdidCodec, EmptyPackIsValidAndEmpty) {
  const auto b = bytes({0xF0, 0x19, 0x00});
  MessageList out;
  EXPECT_TRUE(decode_container(b, 0, out));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(out.errors().empty());
}

TEST(OdidCodec, RejectsPackWithWrongMessageSize) {
  auto b = bytes({0xF0, 0x18, 0x01});
  b.resize(3 + 25);
  MessageList out;
  EXPECT_FALSE(decode_container(b, 10, out));
  ASSERT_EQ(out.errors().size(), 1U);
  EXPECT_EQ(out.errors()[0].code, ErrorCode::BadMessageSize);
  EXPECT_EQ(out.errors()[0].offset, 11U);
}

TEST(OdidCodec, RejectsPackCountAboveNine) {
  auto b = bytes({0xF0, 0x19, 0x0A});
  b.resize(3 + 25 * 10);
  MessageList out;
  EXPECT_FALSE(decode_container(b, 0, out));
  ASSERT_EQ(out.errors().size(), 1U);
  EXPECT_EQ(out.errors()[0].code, ErrorCode::BadPackCount);
}

TEST(OdidCodec, PackCountBeyondBytesKeepsTheMessagesPresent) {
  const std::vector<Message> msgs = {sample::basic_id("ABC"), sample::location(1.0, 2.0)};
  std::vector<std::byte> buf(3 + 25 * 2);
  ASSERT_GT(encode_pack(msgs, buf), 0U);
  buf[2] = std::byte{5};  // claims 5 messages, 2 present
  MessageList out;
  EXPECT_TRUE(decode_container(buf, 0, out));
  EXPECT_EQ(out.size(), 2U);
  ASSERT_EQ(out.errors().size(), 1U);
  EXPECT_EQ(out.errors()[0].code, ErrorCode::BadPackCount);
}

TEST(OdidCodec, BadMessageInsidePackIsReportedAndNeighboursDecode) {
  const std::vector<Message> msgs = {sample::basic_id("ABC"), sample::location(1.0, 2.0),
                                     sample::operator_id("OP")};
  std::vector<std::byte> buf(3 + 25 * 3);
  ASSERT_GT(encode_pack(msgs, buf), 0U);
  buf[3 + 25] = std::byte{0x72};  // second message: reserved type 7
  MessageList out;
  EXPECT_TRUE(decode_container(buf, 0, out));
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out.message(0), msgs[0]);
  EXPECT_EQ(out.message(1), msgs[2]);
  EXPECT_EQ(out.pack_index(1), 3);
  ASSERT_EQ(out.errors().size(), 1U);
  EXPECT_EQ(out.errors()[0].code, ErrorCode::ReservedMessageType);
  EXPECT_EQ(out.errors()[0].pack_index, 2);
  EXPECT_EQ(out.errors()[0].offset, 3U + 25U);
}

TEST(OdidCodec, NestedPackIsRejected) {
  auto b = bytes({0xF0, 0x19, 0x01, 0xF0, 0x19, 0x00});
  b.resize(3 + 25);
  MessageList out;
  EXPECT_FALSE(decode_container(b, 0, out));
  ASSERT_EQ(out.errors().size(), 1U);
  EXPECT_EQ(out.errors()[0].code, ErrorCode::NestedPack);
}

TEST(OdidCodec, TruncatedSingleMessageIsRejected) {
  const EncodedMessage e = encode_message(sample::basic_id("ABC"));
  MessageList out;
  EXPECT_FALSE(decode_container(std::span<const std::byte>(e).first(24), 0, out));
  ASSERT_EQ(out.errors().size(), 1U);
  EXPECT_EQ(out.errors()[0].code, ErrorCode::TruncatedMessage);
}

TEST(OdidCodec, EncodePackRefusesMoreThanNineMessages) {
  const std::vector<Message> msgs(10, sample::basic_id("X"));
  std::vector<std::byte> buf(3 + 25 * 10);
  EXPECT_EQ(encode_pack(msgs, buf), 0U);
  std::vector<std::byte> small(10);
  EXPECT_EQ(encode_pack(std::span<const Message>(msgs).first(1), small), 0U);
}

}  // namespace
}  // namespace dewline::ingest::remoteid
