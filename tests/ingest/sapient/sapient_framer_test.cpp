// Tests of SAPIENT TCP framing (4-byte little-endian length + SapientMessage): any split of the
// byte stream gives the same frames; an oversize prefix (e.g. 2 GB) is an error that allocates
// nothing; a stream cut inside a frame is reported at its end.
#include <gtest/gtest.h>

#include <numeric>

#include "ingest/sapient/sapient_framer.hpp"

namespace dewline::ingest::sapient {
namespace {

std::vector<std::byte> bytes(std::initializer_list<int> v) {
  std::vector<std::byte> out;
  for (int b : v) {
    out.push_back(static_cast<std::byte>(b));
  }
  return out;
}

std::vector<std::byte> stream_of(const std::vector<std::vector<std::byte>>& payloads) {
  std::vector<std::byte> s;
  for (const auto& p : payloads) {
    append_frame(p, s);
  }
  return s;
}

std::vector<std::vector<std::byte>> payloads() {
  std::vector<std::vector<std::byte>> p;
  p.push_back(bytes({0x0a, 0x02, 0x08, 0x01}));
  p.push_back({});  // a zero-length frame is a frame (the validator rejects its content)
  std::vector<std::byte> big(3000);
  std::iota(reinterpret_cast<unsigned char*>(big.data()),
            reinterpret_cast<unsigned char*>(big.data()) + big.size(), static_cast<unsigned char>(0));
  p.push_back(big);
  p.push_back(bytes({0x12, 0x01, 0x41}));
  return p;
}

std::vector<std::vector<std::byte>> drain(SapientFramer& f) {
  std::vector<std::vector<std::byte>> out;
  for (;;) {
    auto r = f.next();
    if (r.status != FrameStatus::Frame) {
      EXPECT_EQ(r.status, FrameStatus::NeedMore);
      return out;
    }
    out.emplace_back(r.payload.begin(), r.payload.end());
  }
}

TEST(SapientFramer, WritesLittleEndianLengthPrefix) {
  std::vector<std::byte> s;
  append_frame(std::vector<std::byte>(0x0102, std::byte{7}), s);
  ASSERT_EQ(s.size(), 4U + 0x0102U);
  EXPECT_EQ(s[0], std::byte{0x02});
  EXPECT_EQ(s[1], std::byte{0x01});
  EXPECT_EQ(s[2], std::byte{0x00});
  EXPECT_EQ(s[3], std::byte{0x00});
  EXPECT_EQ(read_length_prefix(s), 0x0102U);
}

TEST(SapientFramer, GivesTheSameFramesForEverySplitOfTheStream) {
  const auto want = payloads();
  const auto s = stream_of(want);
  // GIVEN the stream cut into two pieces at every offset, THEN the frames are the same.
  for (std::size_t cut = 0; cut <= s.size(); ++cut) {
    SapientFramer f;
    f.feed(std::span<const std::byte>(s).first(cut));
    auto got = drain(f);
    f.feed(std::span<const std::byte>(s).subspan(cut));
    auto rest = drain(f);
    got.insert(got.end(), rest.begin(), rest.end());
    ASSERT_EQ(got, want) << "cut at " << cut;
    EXPECT_EQ(f.finish().status, FrameStatus::NeedMore);
  }
  // One byte at a time.
  SapientFramer f;
  std::vector<std::vector<std::byte>> got;
  for (std::byte b : s) {
    f.feed(std::span<const std::byte>(&b, 1));
    auto more = drain(f);
    got.insert(got.end(), more.begin(), more.end());
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(f.stream_offset(), s.size());
}

TEST(SapientFramer, ReportsFrameOffsets) {
  const auto s = stream_of(payloads());
  SapientFramer f;
  f.feed(s);
  std::vector<std::uint64_t> offsets;
  for (auto r = f.next(); r.status == FrameStatus::Frame; r = f.next()) {
    offsets.push_back(r.offset);
  }
  EXPECT_EQ(offsets, (std::vector<std::uint64_t>{0, 8, 12, 3016}));
}

TEST(SapientFramer, RejectsA2GbLengthPrefixWithoutAllocating) {
  SapientFramer f(FramerConfig{1 << 20});
  const auto good = stream_of({bytes({0x0a, 0x00})});
  f.feed(good);
  const auto huge = bytes({0x00, 0x00, 0x00, 0x80, 0x01, 0x02});  // 2^31 bytes claimed
  f.feed(huge);
  auto r = f.next();
  ASSERT_EQ(r.status, FrameStatus::Frame);  // the good frame before it still comes through
  r = f.next();
  ASSERT_EQ(r.status, FrameStatus::Error);
  EXPECT_EQ(r.error.code, SapientErrorCode::Oversize);
  EXPECT_EQ(r.offset, good.size());
  EXPECT_NE(r.error.reason.find("2147483648"), std::string::npos) << r.error.reason;
  EXPECT_EQ(f.buffered(), 0U);
  // The error is sticky: the stream cannot be re-synchronised.
  f.feed(good);
  EXPECT_EQ(f.next().status, FrameStatus::Error);
  EXPECT_TRUE(f.failed());
}

TEST(SapientFramer, AcceptsAFrameOfExactlyTheMaximum) {
  SapientFramer f(FramerConfig{100});
  f.feed(stream_of({std::vector<std::byte>(100)}));
  EXPECT_EQ(f.next().status, FrameStatus::Frame);
  f.feed(stream_of({std::vector<std::byte>(101)}));
  EXPECT_EQ(f.next().status, FrameStatus::Error);
}

TEST(SapientFramer, ReportsAStreamThatEndsInsideAFrame) {
  SapientFramer f;
  auto s = stream_of({bytes({1, 2, 3, 4, 5})});
  s.pop_back();
  f.feed(s);
  EXPECT_EQ(f.next().status, FrameStatus::NeedMore);
  auto end = f.finish();
  ASSERT_EQ(end.status, FrameStatus::Error);
  EXPECT_EQ(end.error.code, SapientErrorCode::Truncated);
  EXPECT_EQ(end.offset, 0U);

  SapientFramer g;
  g.feed(bytes({5, 0}));
  EXPECT_EQ(g.finish().error.code, SapientErrorCode::Truncated);
}

}  // namespace
}  // namespace dewline::ingest::sapient
