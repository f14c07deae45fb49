#include "ingest/adsb/beast_framer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "tests/test_paths.hpp"

namespace dewline::ingest::adsb {
namespace {

std::vector<std::byte> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  const std::vector<char> c((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> b(c.size());
  std::memcpy(b.data(), c.data(), c.size());
  return b;
}

struct Item {
  bool is_error = false;
  BeastFrame frame;
  AdsbError error;
};

std::vector<Item> drain(BeastFramer& f) {
  std::vector<Item> out;
  for (int guard = 0; guard < 100000; ++guard) {
    Item it;
    const auto s = f.next(it.frame, it.error);
    if (s == BeastFramer::Status::NeedMore) {
      break;
    }
    it.is_error = s == BeastFramer::Status::Error;
    out.push_back(it);
  }
  return out;
}

std::vector<Item> frame_all(std::span<const std::byte> bytes) {
  BeastFramer f;
  f.push(bytes);
  f.finish();
  return drain(f);
}

std::vector<std::byte> short_payload(std::uint8_t first) {
  return {std::byte{first}, std::byte{1}, std::byte{2}, std::byte{3},
          std::byte{4},     std::byte{5}, std::byte{6}};
}

TEST(BeastFramer, RealSampleGives239FramesWithoutErrors) {
  const auto bytes = read_file(test::real_data("adsb/sample_dump1090_beast.bin"));
  ASSERT_EQ(bytes.size(), 4218u);
  const auto items = frame_all(bytes);
  ASSERT_EQ(items.size(), 239u);
  std::size_t shorts = 0;
  for (const auto& it : items) {
    ASSERT_FALSE(it.is_error) << it.error.reason << " at " << it.error.offset;
    shorts += it.frame.type == BeastFrameType::ModeSShort ? 1 : 0;
  }
  EXPECT_EQ(shorts, 185u);
  // Frame 2 holds an escaped 0x1a in its timestamp (bytes 1a 1a on the wire).
  EXPECT_EQ(items[1].frame.timestamp_12mhz, 364780044u);
  EXPECT_EQ(items[1].frame.offset, 16u);
  EXPECT_EQ(items[0].frame.signal, 13);
  EXPECT_EQ(items[0].frame.number, 1u);
  EXPECT_EQ(items[238].frame.number, 239u);
}

TEST(BeastFramer, AnySplitOfTheStreamGivesTheSameFrames) {
  const auto bytes = read_file(test::real_data("adsb/sample_dump1090_beast.bin"));
  const auto whole = frame_all(bytes);
  for (std::size_t chunk : {1u, 2u, 3u, 7u, 22u, 1000u}) {
    BeastFramer f;
    std::vector<Item> got;
    for (std::size_t i = 0; i < bytes.size(); i += chunk) {
      f.push(std::span(bytes).subspan(i, std::min(chunk, bytes.size() - i)));
      const auto part = drain(f);
      got.insert(got.end(), part.begin(), part.end());
    }
    f.finish();
    const auto tail = drain(f);
    got.insert(got.end(), tail.begin(), tail.end());
    ASSERT_EQ(got.size(), whole.size()) << "chunk " << chunk;
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_FALSE(got[i].is_error);
      EXPECT_EQ(got[i].frame.offset, whole[i].frame.offset);
      EXPECT_EQ(got[i].frame.timestamp_12mhz, whole[i].frame.timestamp_12mhz);
      EXPECT_EQ(got[i].frame.payload, whole[i].frame.payload);
    }
  }
}

TEST(BeastFramer, WriterEscapesAndFramerUnescapes) {
  std::vector<std::byte> s;
  const std::vector<std::byte> payload(14, std::byte{0x1a});
  append_beast_frame(s, BeastFrameType::ModeSLong, 0x1A1A1A1A1A1Au, 0x1a, payload);
  EXPECT_EQ(s.size(), 2u + 2u * (6 + 1 + 14));  // every byte after the type is doubled
  const std::vector<std::byte> ac{std::byte{0x12}, std::byte{0x34}};
  append_beast_frame(s, BeastFrameType::ModeAC, 5, 9, ac);
  const std::vector<std::byte> status(14, std::byte{0x42});
  append_beast_frame(s, BeastFrameType::Status, 6, 0, status);
  const auto items = frame_all(s);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].frame.timestamp_12mhz, 0x1A1A1A1A1A1Au);
  EXPECT_EQ(items[0].frame.signal, 0x1a);
  EXPECT_EQ(items[0].frame.payload_length, 14);
  EXPECT_EQ(items[0].frame.payload[13], std::byte{0x1a});
  EXPECT_EQ(items[1].frame.type, BeastFrameType::ModeAC);
  EXPECT_EQ(items[1].frame.payload_length, 2);
  EXPECT_EQ(items[1].frame.payload[1], std::byte{0x34});
  EXPECT_EQ(items[2].frame.type, BeastFrameType::Status);
  EXPECT_EQ(items[2].frame.offset, s.size() - (2 + 6 + 1 + 14));
}

TEST(BeastFramer, GarbageIsSkippedCountedAndReportedOncePerRun) {
  std::vector<std::byte> s(5, std::byte{0x55});  // 5 bytes of garbage first
  append_beast_frame(s, BeastFrameType::ModeSShort, 1, 1, short_payload(0x20));
  const std::size_t second_garbage = s.size();
  s.insert(s.end(), {std::byte{0x1a}, std::byte{0x1a}, std::byte{0x99}});  // escaped pair + junk
  append_beast_frame(s, BeastFrameType::ModeSShort, 2, 1, short_payload(0x28));
  const auto items = frame_all(s);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_TRUE(items[0].is_error);
  EXPECT_EQ(items[0].error.code, AdsbErrorCode::Garbage);
  EXPECT_EQ(items[0].error.offset, 0u);
  EXPECT_FALSE(items[1].is_error);
  EXPECT_EQ(items[1].frame.timestamp_12mhz, 1u);
  EXPECT_TRUE(items[2].is_error);
  EXPECT_EQ(items[2].error.offset, second_garbage);
  EXPECT_FALSE(items[3].is_error);
  EXPECT_EQ(items[3].frame.timestamp_12mhz, 2u);
  BeastFramer f;
  f.push(s);
  f.finish();
  (void)drain(f);
  EXPECT_EQ(f.garbage_bytes(), 8u);
  EXPECT_EQ(f.resyncs(), 2u);
}

TEST(BeastFramer, UnknownTypeIsOneErrorThenResync) {
  std::vector<std::byte> s{std::byte{0x1a}, std::byte{'9'}, std::byte{1}, std::byte{2}};
  append_beast_frame(s, BeastFrameType::ModeSShort, 7, 1, short_payload(0x20));
  const auto items = frame_all(s);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].error.code, AdsbErrorCode::BadFrameType);
  EXPECT_EQ(items[0].error.offset, 0u);
  EXPECT_EQ(items[1].frame.timestamp_12mhz, 7u);
}

TEST(BeastFramer, FrameCutByANewFrameIsReportedAndTheNewOneKept) {
  std::vector<std::byte> s;
  append_beast_frame(s, BeastFrameType::ModeSLong, 1, 1, std::vector<std::byte>(14, std::byte{3}));
  s.erase(s.end() - 5, s.end());  // lose the last 5 bytes of the long frame
  append_beast_frame(s, BeastFrameType::ModeSShort, 2, 1, short_payload(0x20));
  const auto items = frame_all(s);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].error.code, AdsbErrorCode::TruncatedFrame);
  EXPECT_EQ(items[0].error.offset, 0u);
  EXPECT_EQ(items[1].frame.timestamp_12mhz, 2u);
}

TEST(BeastFramer, PartialFrameWaitsThenIsTruncatedAtTheEnd) {
  std::vector<std::byte> s;
  append_beast_frame(s, BeastFrameType::ModeSShort, 2, 1, short_payload(0x20));
  s.pop_back();
  BeastFramer f;
  f.push(s);
  EXPECT_TRUE(drain(f).empty());  // waits for more
  EXPECT_EQ(f.buffered(), s.size());
  f.finish();
  const auto items = drain(f);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].error.code, AdsbErrorCode::TruncatedFrame);
  // A lone trailing 0x1a is garbage.
  const std::vector<std::byte> lone{std::byte{0x1a}};
  const auto l = frame_all(lone);
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].error.code, AdsbErrorCode::Garbage);
}

TEST(BeastFramer, PayloadLengthsComeFromTheType) {
  EXPECT_EQ(beast_payload_length(std::byte{'1'}), 2u);
  EXPECT_EQ(beast_payload_length(std::byte{'2'}), 7u);
  EXPECT_EQ(beast_payload_length(std::byte{'3'}), 14u);
  EXPECT_EQ(beast_payload_length(std::byte{'4'}), 14u);
  EXPECT_EQ(beast_payload_length(std::byte{'5'}), 0u);
  EXPECT_EQ(beast_payload_length(std::byte{0x1a}), 0u);
}

}  // namespace
}  // namespace dewline::ingest::adsb
