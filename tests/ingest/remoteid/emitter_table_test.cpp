// Per-emitter state (emitter_table.hpp): identities, operator data, auth pages, bounds.
#include <gtest/gtest.h>

#include "ingest/remoteid/emitter_table.hpp"
#include "tests/ingest/remoteid/test_messages.hpp"

namespace dewline::ingest::remoteid {
namespace {

FrameInfo from(std::string_view mac) {
  FrameInfo i;
  i.transmitter = *MacAddress::parse(mac);
  return i;
}

TEST(EmitterTable, KeepsIdentityAndOperatorPerAddress) {
  EmitterTable t;
  const FrameInfo a = from("90:3a:e6:5b:c8:a8");
  const FrameInfo b = from("84:cc:a8:60:43:24");
  t.update(a, Time{1}, sample::basic_id("1588E040445AC004418"));
  t.update(a, Time{2}, sample::operator_id("OP-A"));
  t.update(b, Time{3}, sample::basic_id("MFG1A0123456789", 0, 0));
  t.update(a, Time{4}, sample::system_msg(47.2, 8.7));
  ASSERT_EQ(t.all().size(), 2U);
  const EmitterState* ea = t.find(a.transmitter);
  ASSERT_NE(ea, nullptr);
  EXPECT_EQ(ea->remote_id(), "1588E040445AC004418");
  ASSERT_TRUE(ea->operator_id.has_value());
  EXPECT_EQ(ea->operator_id->operator_id.text(), "OP-A");
  EXPECT_TRUE(ea->system.has_value());
  EXPECT_EQ(ea->messages, 3U);
  EXPECT_FALSE(ea->several_identities());
  EXPECT_EQ(t.find(b.transmitter)->remote_id(), "MFG1A0123456789");
}

TEST(EmitterTable, SerialAndSessionIdFromOneEmitterIsNotASpoofSign) {
  EmitterTable t;
  const FrameInfo a = from("02:00:00:00:00:01");
  t.update(a, Time{1}, sample::basic_id("SERIAL123", 1));
  t.update(a, Time{2}, sample::basic_id("SESSION-77", 4));
  const EmitterState* e = t.find(a.transmitter);
  EXPECT_EQ(e->distinct_identities(), 2U);
  EXPECT_FALSE(e->several_identities());
  EXPECT_EQ(e->remote_id(), "SERIAL123");  // the serial is preferred
}

TEST(EmitterTable, TwoSerialsFromOneEmitterIsMarked) {
  EmitterTable t;
  const FrameInfo a = from("02:00:00:00:00:01");
  t.update(a, Time{1}, sample::basic_id("SERIAL-A"));
  t.update(a, Time{2}, sample::basic_id("SERIAL-A"));
  EXPECT_FALSE(t.find(a.transmitter)->several_identities());
  t.update(a, Time{3}, sample::basic_id("SERIAL-B"));
  const EmitterState* e = t.find(a.transmitter);
  EXPECT_TRUE(e->several_identities());
  EXPECT_EQ(e->distinct_identities(), 2U);
  EXPECT_EQ(e->remote_id(), "SERIAL-B");  // the latest
}

TEST(EmitterTable, IdentitiesBeyondCapacityAreCountedNotStored) {
  EmitterTable t;
  const FrameInfo a = from("02:00:00:00:00:01");
  for (int i = 0; i < 20; ++i) {
    t.update(a, Time{i}, sample::basic_id("ID" + std::to_string(i)));
  }
  const EmitterState* e = t.find(a.transmitter);
  EXPECT_EQ(e->identity_count, EmitterState::kMaxIdentities);
  EXPECT_EQ(e->distinct_identities(), 20U);
  EXPECT_TRUE(e->several_identities());
}

TEST(EmitterTable, EvictsTheLeastRecentlyHeardWhenFull) {
  EmitterTable t(3);
  for (int i = 0; i < 3; ++i) {
    FrameInfo f = from("02:00:00:00:00:00");
    f.transmitter.octets[5] = static_cast<std::uint8_t>(i);
    t.update(f, Time{10 + i}, sample::basic_id("X"));
  }
  FrameInfo f0 = from("02:00:00:00:00:00");
  t.update(f0, Time{20}, sample::basic_id("X"));  // 00 heard again: 01 is now the oldest
  FrameInfo f9 = from("02:00:00:00:00:09");
  t.update(f9, Time{21}, sample::basic_id("Y"));
  EXPECT_EQ(t.all().size(), 3U);
  EXPECT_EQ(t.evicted(), 1U);
  EXPECT_EQ(t.find(*MacAddress::parse("02:00:00:00:00:01")), nullptr);
  EXPECT_NE(t.find(f9.transmitter), nullptr);
  EXPECT_NE(t.find(f0.transmitter), nullptr);
  // Still sorted by address.
  for (std::size_t i = 1; i < t.all().size(); ++i) {
    EXPECT_LT(t.all()[i - 1].address.key(), t.all()[i].address.key());
  }
}

TEST(EmitterTable, ExpireForgetsSilentEmitters) {
  EmitterTable t;
  t.update(from("02:00:00:00:00:01"), Time::from_seconds(0), sample::basic_id("A"));
  t.update(from("02:00:00:00:00:02"), Time::from_seconds(100), sample::basic_id("B"));
  EXPECT_EQ(t.expire(Time::from_seconds(150), Duration::from_seconds(60)), 1U);
  EXPECT_EQ(t.all().size(), 1U);
  EXPECT_EQ(t.all()[0].remote_id(), "B");
}

TEST(AuthAssembly, PagesReassembleInAnyOrder) {
  AuthAssembly a;
  // 17 + 23 + 10 = 50 bytes over pages 0..2.
  const Message p2 = sample::auth_page(2, 0, 0, 100);
  const Message p0 = sample::auth_page(0, 2, 50, 0);
  const Message p1 = sample::auth_page(1, 0, 0, 50);
  a.add(std::get<Auth>(p2.body));
  EXPECT_FALSE(a.complete().has_value());
  a.add(std::get<Auth>(p0.body));
  EXPECT_FALSE(a.complete().has_value());
  a.add(std::get<Auth>(p1.body));
  auto data = a.complete();
  ASSERT_TRUE(data.has_value());
  ASSERT_EQ(data->size(), 50U);
  EXPECT_EQ((*data)[0], 0);
  EXPECT_EQ((*data)[16], 16);
  EXPECT_EQ((*data)[17], 50);
  EXPECT_EQ((*data)[40], 100);
  EXPECT_EQ(a.auth_type(), 1);
}

}  // namespace
}  // namespace dewline::ingest::remoteid
