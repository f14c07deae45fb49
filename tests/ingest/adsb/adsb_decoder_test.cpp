#include "ingest/adsb/adsb_decoder.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "ingest/adsb/encoder.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::adsb {
namespace {

std::vector<std::byte> sample() {
  std::ifstream in(test::real_data("adsb/sample_dump1090_beast.bin"), std::ios::binary);
  const std::vector<char> c((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> b(c.size());
  std::memcpy(b.data(), c.data(), c.size());
  return b;
}

struct RunResult {
  std::vector<DecodedMessage> messages;
  std::vector<AdsbError> errors;
};

RunResult run(AdsbDecoder& dec, std::span<const std::byte> bytes) {
  RunResult out;
  dec.push_beast(bytes);
  dec.finish_beast();
  DecodedMessage m;
  AdsbError e;
  for (;;) {
    const auto s = dec.next_beast(m, e);
    if (s == AdsbDecoder::Status::NeedMore) {
      return out;
    }
    if (s == AdsbDecoder::Status::Message) {
      out.messages.push_back(m);
    } else if (s == AdsbDecoder::Status::Error) {
      out.errors.push_back(e);
    }
  }
}

TEST(AdsbDecoder, BadBytesAroundGoodFramesAreCountedAndTheRestDecodes) {
  auto bytes = sample();
  // Frame 15 (the first DF17, at a known offset) gets a flipped payload bit: bad parity.
  AdsbDecoder clean;
  const RunResult ref = run(clean, bytes);
  ASSERT_EQ(ref.messages.size(), 239u);
  const std::uint64_t f15 = ref.messages[14].offset;
  ASSERT_EQ(ref.messages[14].mode_s.df, 17);
  bytes[f15 + 2 + 7 + 6] ^= std::byte{0x04};
  // Garbage after frame 100 and an unknown frame type after frame 200.
  const std::uint64_t f101 = ref.messages[100].offset;
  const std::uint64_t f201 = ref.messages[200].offset;
  std::vector<std::byte> mangled(bytes.begin(), bytes.begin() + static_cast<long>(f101));
  for (int i = 0; i < 9; ++i) {
    mangled.push_back(std::byte{0x77});
  }
  mangled.insert(mangled.end(), bytes.begin() + static_cast<long>(f101),
                 bytes.begin() + static_cast<long>(f201));
  mangled.insert(mangled.end(), {std::byte{0x1a}, std::byte{'7'}, std::byte{0}});
  mangled.insert(mangled.end(), bytes.begin() + static_cast<long>(f201), bytes.end());

  AdsbDecoder dec(AdsbDecoderConfig{.sensor = "rx-test", .log_rejects = false});
  const RunResult got = run(dec, mangled);
  EXPECT_EQ(got.messages.size(), 238u);  // all but the corrupted DF17
  ASSERT_EQ(got.errors.size(), 3u);
  EXPECT_EQ(got.errors[0].code, AdsbErrorCode::BadCrc);
  EXPECT_EQ(got.errors[0].offset, f15);
  EXPECT_EQ(got.errors[1].code, AdsbErrorCode::Garbage);
  EXPECT_EQ(got.errors[1].offset, f101);
  EXPECT_EQ(got.errors[2].code, AdsbErrorCode::BadFrameType);
  EXPECT_EQ(dec.rejects().count_of("rx-test", "bad_crc"), 1u);
  EXPECT_EQ(dec.rejects().count_of("rx-test", "garbage"), 1u);
  EXPECT_EQ(dec.rejects().count_of("rx-test", "bad_frame_type"), 1u);
  EXPECT_EQ(dec.stats().rejected, 3u);
  EXPECT_EQ(dec.stats().messages, 238u);
  // The frames after the damage are the same as in the clean run.
  EXPECT_EQ(got.messages.back().mode_s.bytes, ref.messages.back().mode_s.bytes);
  EXPECT_EQ(got.messages.back().timestamp_12mhz, ref.messages.back().timestamp_12mhz);
}

TEST(AdsbDecoder, ModeAcAndStatusFramesAreSkippedNotRejected) {
  std::vector<std::byte> s;
  append_beast_frame(s, BeastFrameType::ModeAC, 1, 1, std::vector<std::byte>(2, std::byte{7}));
  append_beast_frame(s, BeastFrameType::Status, 2, 0, std::vector<std::byte>(14));
  const auto m = encode_identification(0x123456, "ABC");
  append_beast_frame(s, BeastFrameType::ModeSLong, 3, 9,
                     std::as_bytes(std::span<const std::uint8_t>(m.data(), 14)));
  AdsbDecoder dec;
  const RunResult r = run(dec, s);
  EXPECT_EQ(r.messages.size(), 1u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(dec.stats().skipped_mode_ac, 1u);
  EXPECT_EQ(dec.stats().skipped_status, 1u);
}

TEST(AdsbDecoder, LiveFeedsUseTheReceiveTime) {
  std::vector<std::byte> s;
  const auto m = encode_identification(0x123456, "ABC");
  append_beast_frame(s, BeastFrameType::ModeSLong, 999'999, 9,
                     std::as_bytes(std::span<const std::uint8_t>(m.data(), 14)));
  AdsbDecoder dec(AdsbDecoderConfig{.beast_time = BeastTime::ReceiveTime});
  dec.push_beast(s, Time::from_seconds(1.7e9));
  DecodedMessage msg;
  AdsbError e;
  ASSERT_EQ(dec.next_beast(msg, e), AdsbDecoder::Status::Message);
  EXPECT_EQ(msg.time, Time::from_seconds(1.7e9));
  // Files map the 12 MHz clock onto the epoch given.
  AdsbDecoder file_dec(AdsbDecoderConfig{.beast_epoch = Time::from_seconds(100.0)});
  file_dec.push_beast(s);
  ASSERT_EQ(file_dec.next_beast(msg, e), AdsbDecoder::Status::Message);
  EXPECT_NEAR(msg.time.seconds(), 100.0 + 999'999 / 12e6, 1e-9);
}

TEST(AdsbDecoder, TextLinesAreCountedPerReason) {
  AdsbDecoder dec(AdsbDecoderConfig{.sensor = "hex", .log_rejects = false});
  DecodedMessage msg;
  AdsbError e;
  EXPECT_EQ(dec.decode_hex_line("8D4840D6202CC371C32CE0576098", 1, msg, e),
            AdsbDecoder::Status::Message);
  EXPECT_EQ(dec.decode_hex_line("8D4840D6202CC371C32CE0576099", 2, msg, e),
            AdsbDecoder::Status::Error);
  EXPECT_EQ(e.code, AdsbErrorCode::BadCrc);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(dec.decode_hex_line("zz", 3, msg, e), AdsbDecoder::Status::Error);
  EXPECT_EQ(dec.decode_hex_line("", 4, msg, e), AdsbDecoder::Status::Skipped);
  EXPECT_EQ(dec.decode_sbs_line("MSG,3,1,1,48520A", 5, msg, e), AdsbDecoder::Status::Error);
  EXPECT_EQ(dec.rejects().count_of("hex", "bad_crc"), 1u);
  EXPECT_EQ(dec.rejects().count_of("hex", "bad_hex"), 1u);
  EXPECT_EQ(dec.rejects().count_of("hex", "bad_field_count"), 1u);
  EXPECT_EQ(dec.stats().skipped_lines, 1u);
}

}  // namespace
}  // namespace dewline::ingest::adsb
