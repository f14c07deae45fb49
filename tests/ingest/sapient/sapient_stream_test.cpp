// Tests of reading a recorded SAPIENT stream: garbage between frames, an oversize prefix and a
// truncated end are reported with offsets, and the frames after them are still read.
#include <gtest/gtest.h>

#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_stream.hpp"

namespace dewline::ingest::sapient {
namespace {

TEST(SapientStream, StepsOverGarbageAndOversizePrefixes) {
  SensorInfo s;
  s.id = SensorId{1};
  SapientEncoder enc(s, EnuFrame(Geodetic{51.0, -1.0, 0.0}));
  const Time t = Time::from_seconds(1.7e9);
  std::vector<std::byte> data;
  encode_frame(enc.registration(t), data);
  const std::size_t garbage_at = data.size();
  for (int i = 0; i < 37; ++i) {
    data.push_back(static_cast<std::byte>(0xA5 ^ i));
  }
  const std::size_t second_at = data.size();
  encode_frame(enc.status_report(t), data);
  const std::size_t huge_at = data.size();
  for (int b : {0x00, 0x00, 0x00, 0x80, 0x01, 0x02, 0x03}) {
    data.push_back(static_cast<std::byte>(b));
  }
  const std::size_t third_at = data.size();
  encode_frame(enc.status_report(t), data);
  const std::size_t cut_at = data.size();
  encode_frame(enc.status_report(t), data);
  data.resize(data.size() - 3);

  StreamReader r(data, FramerConfig{});
  sapient_pb::SapientMessage m;
  std::vector<StreamItem> items;
  while (auto it = r.next(m)) {
    items.push_back(*it);
  }
  ASSERT_EQ(items.size(), 6U);
  EXPECT_FALSE(items[0].error);
  EXPECT_EQ(items[0].offset, 0U);
  ASSERT_TRUE(items[1].error);
  EXPECT_EQ(items[1].offset, garbage_at);
  EXPECT_EQ(items[1].length, second_at - garbage_at);
  EXPECT_FALSE(items[2].error);
  EXPECT_EQ(items[2].offset, second_at);
  ASSERT_TRUE(items[3].error);
  EXPECT_EQ(items[3].error->code, SapientErrorCode::Oversize);
  EXPECT_EQ(items[3].offset, huge_at);
  EXPECT_FALSE(items[4].error);
  EXPECT_EQ(items[4].offset, third_at);
  ASSERT_TRUE(items[5].error);
  EXPECT_EQ(items[5].error->code, SapientErrorCode::Truncated);
  EXPECT_EQ(items[5].offset, cut_at);
}

}  // namespace
}  // namespace dewline::ingest::sapient
