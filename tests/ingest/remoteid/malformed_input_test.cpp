// Bad input: truncated frames and elements, wrong lengths, bad pack counts, garbage. Every
// case is counted per (sensor, reason), never crashes, and good frames around it still decode.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/ble_link.hpp"
#include "ingest/remoteid/frame_builder.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/wifi_link.hpp"
#include "tests/ingest/remoteid/test_messages.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::remoteid {
namespace {

std::vector<Message> pack3() {
  return {sample::basic_id("GOOD-1"), sample::location(10.0, 20.0), sample::operator_id("OP")};
}

struct Sample {
  int link_type;
  std::vector<std::byte> frame;
};

std::vector<Sample> good_frames() {
  WifiFrameParams wp;
  wp.transmitter = *MacAddress::parse("02:00:00:00:00:01");
  BleFrameParams bp;
  bp.address = *MacAddress::parse("c0:00:00:00:00:01");
  return {{kDltIeee80211Radiotap, build_wifi_beacon(wp, 1, pack3())},
          {kDltIeee80211Radiotap, build_wifi_nan(wp, 2, pack3())},
          {kDltBluetoothLeLlWithPhdr, build_bt_legacy(bp, 3, pack3()[1])},
          {kDltNordicBle, build_bt5_long_range(bp, 4, pack3())},
          {kDltBluetoothLeLlWithPhdr, build_bt5_long_range(bp, 5, pack3(),
                                                           BleLinkType::LeLlWithPhdr)}};
}

TEST(MalformedInput, EveryTruncationOfEveryTransportIsSafeAndCounted) {
  for (const Sample& s : good_frames()) {
    FrameDecoder dec("rx");
    DecodedFrame f;
    std::uint64_t odid_ok = 0;
    for (std::size_t n = 0; n < s.frame.size(); ++n) {
      // A truncated frame is either skipped (not recognisable), or rejected with a reason; it
      // never yields the full set of messages of the complete frame.
      dec.decode(s.link_type, std::span(s.frame).first(n), n, f);
      if (f.status == LinkStatus::Odid && f.messages.errors().empty() &&
          f.messages.size() == (s.link_type == kDltBluetoothLeLlWithPhdr &&
                                        f.info.transport == Transport::BtLegacy
                                    ? 1U
                                    : 3U)) {
        ++odid_ok;
      }
    }
    dec.decode(s.link_type, s.frame, 0, f);
    EXPECT_EQ(f.status, LinkStatus::Odid);
    EXPECT_EQ(odid_ok, 0U) << "a truncated frame decoded as complete, link " << s.link_type;
    EXPECT_EQ(dec.stats().frames, s.frame.size() + 1);
    EXPECT_GT(dec.rejects().total(), 0U) << "link " << s.link_type;
  }
}

TEST(MalformedInput, RandomGarbageNeverCrashesAndGoodFramesAroundItDecode) {
  std::mt19937 rng(1234);  // seeded: deterministic
  const auto good = good_frames();
  FrameDecoder dec("fuzzed");
  DecodedFrame f;
  std::uint64_t good_decoded = 0;
  for (int round = 0; round < 2000; ++round) {
    const Sample& g = good[static_cast<std::size_t>(round) % good.size()];
    // Garbage of random length on the same link type, then a mutated copy, then the good one.
    std::vector<std::byte> junk(rng() % 300);
    for (auto& b : junk) {
      b = static_cast<std::byte>(rng() & 0xFFU);
    }
    dec.decode(g.link_type, junk, 1, f);
    std::vector<std::byte> mutated = g.frame;
    for (int k = 0; k < 3; ++k) {
      mutated[rng() % mutated.size()] ^= static_cast<std::byte>(1U << (rng() % 8));
    }
    dec.decode(g.link_type, mutated, 2, f);
    dec.decode(g.link_type, g.frame, 3, f);
    ASSERT_EQ(f.status, LinkStatus::Odid);
    good_decoded += f.messages.empty() ? 0U : 1U;
  }
  EXPECT_EQ(good_decoded, 2000U);
  EXPECT_GT(dec.rejects().total(), 100U);
  const FrameStats& s = dec.stats();
  EXPECT_EQ(s.frames, 6000U);
  // Every frame lands in exactly one bucket: ODID container found (possibly with bad
  // messages), another network's frame, or a malformed ODID frame rejected whole.
  EXPECT_EQ(s.frames, s.odid_frames + s.other_frames + s.malformed_frames);
}

TEST(MalformedInput, BadPackInsideAGoodBeaconIsReportedPerMessage) {
  WifiFrameParams wp;
  wp.transmitter = *MacAddress::parse("02:00:00:00:00:01");
  wp.with_fcs = false;
  auto frame = build_wifi_beacon(wp, 1, pack3());
  // The pack follows radiotap 15 + header 24 + fixed 12 + SSID 5 + rates 3 + DS 3 +
  // vendor header 6 + counter 1 = offset 69; message 2 starts at 69 + 3 + 25.
  ASSERT_EQ(std::to_integer<unsigned>(frame[69]) >> 4U, 0xFU);
  frame[69 + 3 + 25] = std::byte{0xF2};  // a pack inside the pack
  FrameDecoder dec("rx");
  DecodedFrame f;
  dec.decode(kDltIeee80211Radiotap, frame, 7, f);
  EXPECT_EQ(f.status, LinkStatus::Odid);
  EXPECT_EQ(f.messages.size(), 2U);
  ASSERT_EQ(f.messages.errors().size(), 1U);
  EXPECT_EQ(f.messages.errors()[0].code, ErrorCode::NestedPack);
  EXPECT_EQ(dec.rejects().count_of("rx", "nested_pack"), 1U);
  EXPECT_EQ(dec.stats().message_errors, 1U);

  frame[69 + 2] = std::byte{12};  // pack count 12
  dec.decode(kDltIeee80211Radiotap, frame, 8, f);
  EXPECT_TRUE(f.messages.empty());
  EXPECT_EQ(dec.rejects().count_of("rx", "bad_pack_count"), 1U);
  frame[69 + 2] = std::byte{3};
  frame[69 + 1] = std::byte{24};  // single message size 24
  dec.decode(kDltIeee80211Radiotap, frame, 9, f);
  EXPECT_EQ(dec.rejects().count_of("rx", "bad_message_size"), 1U);
  EXPECT_EQ(dec.stats().malformed_frames, 2U);
}

TEST(MalformedInput, GarbageInterleavedInARealCaptureLeavesItsMessagesIntact) {
  auto reader = PcapReader::open_file(test::real_data("remoteid/parrot_anafi4_real.pcapng"));
  ASSERT_TRUE(reader.has_value());
  FrameDecoder dec("parrot+junk");
  DecodedFrame f;
  std::mt19937 rng(99);
  std::uint64_t messages = 0;
  while (auto fr = reader->next()) {
    std::vector<std::byte> junk(fr->bytes.begin(), fr->bytes.end());
    if (!junk.empty()) {
      junk.resize(rng() % junk.size());  // a truncated copy of the real frame
    }
    dec.decode(fr->link_type, junk, fr->number, f);
    dec.decode(fr->link_type, fr->bytes, fr->number, f);
    messages += f.messages.size();
  }
  EXPECT_EQ(messages, 2295U);
  EXPECT_GT(dec.rejects().total(), 0U);
}

}  // namespace
}  // namespace dewline::ingest::remoteid
