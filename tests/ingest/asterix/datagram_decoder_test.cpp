// Framing and bad input: several blocks per datagram and several records per block; LEN checked
// against the datagram; garbage between blocks; unknown categories; truncated records; runaway
// FX chains; absurd values. Each bad thing is reported with its kind and offset while the good
// records around it still decode.
#include <gtest/gtest.h>

#include <random>

#include "ingest/asterix/datagram_decoder.hpp"
#include "tests/ingest/asterix/test_records.hpp"

namespace dewline::ingest::asterix {
namespace {

using test::b;
using test::block;
using test::Bytes;
using test::cat;
using test::CollectSink;
using test::north_marker;
using test::plot;
using test::raw_record;

CollectSink decode(const Bytes& d, DecodeStats* stats = nullptr) {
  AsterixDecoder dec;
  CollectSink s;
  const DecodeStats st = dec.decode(d, s);
  if (stats != nullptr) {
    *stats = st;
  }
  return s;
}

TEST(DatagramDecoder, DecodesSeveralBlocksWithSeveralRecordsEach) {
  const Bytes d = cat({block(34, {north_marker(13, 100.0), north_marker(14, 100.5)}),
                       block(48, {plot(13, 101.0, 256, 0), plot(13, 101.25, 512, 16384),
                                  plot(14, 101.5, 1024, 32768)})});
  DecodeStats st;
  const CollectSink s = decode(d, &st);
  EXPECT_TRUE(s.errors.empty());
  ASSERT_EQ(s.records.size(), 5U);
  EXPECT_EQ(st.blocks, 2U);
  EXPECT_EQ(st.records, 5U);
  EXPECT_EQ(s.records[0].category, 34);
  EXPECT_EQ(s.records[0].block, 1U);
  EXPECT_EQ(s.records[1].record, 2U);
  EXPECT_EQ(s.records[1].r034.i010->sic, 14);
  EXPECT_EQ(s.records[2].category, 48);
  EXPECT_EQ(s.records[2].block, 2U);
  EXPECT_EQ(s.records[4].record, 3U);
  EXPECT_EQ(s.records[2].r048.i040->rho_nm, 1.0);
  EXPECT_EQ(s.records[3].r048.i040->theta_deg, 90.0);
  EXPECT_EQ(s.records[4].r048.i040->theta_deg, 180.0);
  EXPECT_EQ(*s.records[4].r048.i140, 101.5);
  // Offsets: first record right after the first block header.
  EXPECT_EQ(s.records[0].offset, 3U);
}

TEST(DatagramDecoder, RejectsLenBeyondDatagramAndKeepsTheBlockBefore) {
  const Bytes good = block(48, {plot(1, 10.0, 100, 100)});
  const Bytes bad = block(48, {plot(1, 11.0, 100, 100)}, 200);  // LEN 200, 17 bytes there
  const CollectSink s = decode(cat({good, bad}));
  ASSERT_EQ(s.records.size(), 1U);
  EXPECT_EQ(*s.records[0].r048.i140, 10.0);
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::BadBlockLength);
  EXPECT_EQ(s.errors[0].offset(), good.size());
}

TEST(DatagramDecoder, LenTooSmallLosesItsBlockButNotTheNextOne) {
  const Bytes rec = plot(1, 10.0, 100, 100);
  const Bytes short_len = block(48, {rec}, static_cast<int>(rec.size() + 3 - 4));
  const Bytes next = block(34, {north_marker(1, 12.0)});
  const CollectSink s = decode(cat({short_len, next}));
  ASSERT_EQ(s.records.size(), 1U);
  EXPECT_EQ(s.records[0].category, 34);
  EXPECT_EQ(s.records[0].offset, short_len.size() + 3);
  ASSERT_EQ(s.errors.size(), 2U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::Truncated);  // record runs past the claimed LEN
  // The 4 bytes LEN did not cover read as a block header that does not fit: skipped.
  EXPECT_EQ(s.errors[1].code(), DecodeError::BadBlockLength);
  EXPECT_EQ(s.errors[1].offset(), short_len.size() - 4);
  EXPECT_NE(std::string(s.errors[1].reason()).find("skipped 4 bytes"), std::string::npos)
      << s.errors[1].reason();
}

TEST(DatagramDecoder, GarbageBetweenBlocksIsReportedOnceAndSkipped) {
  const Bytes a = block(48, {plot(1, 10.0, 100, 100), plot(2, 10.5, 100, 100)});
  const Bytes junk = b({0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01, 0x02});
  const Bytes c = block(48, {plot(3, 11.0, 100, 100)});
  const CollectSink s = decode(cat({a, junk, c}));
  ASSERT_EQ(s.records.size(), 3U);
  EXPECT_EQ(s.records[2].r048.i010->sic, 3);
  EXPECT_EQ(s.records[2].offset, a.size() + junk.size() + 3);
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].offset(), a.size());
  EXPECT_NE(std::string(s.errors[0].reason()).find("skipped 7 bytes"), std::string::npos)
      << s.errors[0].reason();
}

TEST(DatagramDecoder, GarbageBeforeTheFirstBlockIsSkipped) {
  const Bytes junk = b({0x30, 0xFF, 0xFF, 0x12});
  const Bytes a = block(48, {plot(1, 10.0, 100, 100)});
  const CollectSink s = decode(cat({junk, a}));
  ASSERT_EQ(s.records.size(), 1U);
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].offset(), 0U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::BadBlockLength);
}

TEST(DatagramDecoder, UnknownCategoryIsSkippedByItsLen) {
  const Bytes cat062 = b({62, 0, 8, 0x80, 1, 2, 3, 4});
  const Bytes a = block(48, {plot(1, 10.0, 100, 100)});
  const CollectSink s = decode(cat({cat062, a, cat062}));
  ASSERT_EQ(s.records.size(), 1U);
  ASSERT_EQ(s.errors.size(), 2U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::UnknownCategory);
  EXPECT_EQ(s.errors[0].offset(), 0U);
  EXPECT_EQ(s.errors[1].offset(), cat062.size() + a.size());
  EXPECT_NE(std::string(s.errors[0].reason()).find("CAT062"), std::string::npos);
}

TEST(DatagramDecoder, TruncatedRecordReportsItemAndOffsetAndKeepsEarlierRecords) {
  Bytes last = plot(2, 10.5, 100, 100);
  last.resize(last.size() - 2);  // I048/040 cut in half
  const Bytes a = block(48, {plot(1, 10.0, 100, 100), last});
  const Bytes c = block(34, {north_marker(1, 12.0)});
  const CollectSink s = decode(cat({a, c}));
  ASSERT_EQ(s.records.size(), 2U);
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::Truncated);
  EXPECT_NE(std::string(s.errors[0].reason()).find("I048/040"), std::string::npos);
  EXPECT_EQ(s.errors[0].offset(), a.size() - 2);  // where I048/040 starts
}

TEST(DatagramDecoder, FspecLongerThanTheUapIsCapped) {
  const Bytes rec = b({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
  const CollectSink s = decode(block(48, {rec}));
  EXPECT_TRUE(s.records.empty());
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::FspecTooLong);
  EXPECT_EQ(s.errors[0].offset(), 3U);
}

TEST(DatagramDecoder, ExtendedItemFxChainIsCapped) {
  Bytes i030(40, std::byte{0x03});  // every octet has FX set
  const Bytes rec = raw_record({{1, test::i010(25, 1)}, {16, i030}});
  const CollectSink s = decode(block(48, {rec}));
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::BadItemLength);
  EXPECT_NE(std::string(s.errors[0].reason()).find("I048/030"), std::string::npos);
}

TEST(DatagramDecoder, ExplicitLenZeroIsRejected) {
  const Bytes rec = raw_record({{1, test::i010(25, 1)}, {27, b({0x00, 0x11})}});
  const CollectSink s = decode(block(48, {rec}));
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::BadItemLength);
  EXPECT_NE(std::string(s.errors[0].reason()).find("I048/SP"), std::string::npos);
}

TEST(DatagramDecoder, UndefinedCompoundSubfieldCannotBeSkipped) {
  // I034/050 primary subfield with bit 7 (subfield #2, spare in edition 1.29) set.
  const Bytes rec = raw_record({{1, test::i010(25, 1)}, {6, b({0x40, 0x00})}});
  const CollectSink s = decode(cat({block(34, {rec}), block(34, {north_marker(1, 5.0)})}));
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::UnknownItem);
  ASSERT_EQ(s.records.size(), 1U);  // the next block still decodes
}

TEST(DatagramDecoder, EmptyFspecIsReported) {
  const CollectSink s = decode(block(48, {b({0x00, 0x00, 0x00})}));
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::EmptyRecord);
}

TEST(DatagramDecoder, AbsurdValuesRejectOnlyTheirRecord) {
  const Bytes bad_tod = raw_record({{1, test::i010(25, 1)}, {2, b({0xFF, 0xFF, 0xFF})}});
  const Bytes bad_fl = raw_record({{1, test::i010(25, 1)}, {6, b({0x1F, 0xFF})}});  // FL 2047.75
  // I048/240 with code 27 (not in the ICAO set) as first character.
  const Bytes bad_id =
      raw_record({{1, test::i010(25, 1)}, {9, b({27 << 2, 0x00, 0x00, 0x00, 0x00, 0x00})}});
  const Bytes bad_lat =
      raw_record({{1, test::i010(25, 1)}, {11, b({0, 0, 0x7F, 0xFF, 0xFF, 0, 0, 0})}});
  const Bytes d = cat({block(48, {plot(1, 1.0, 1, 1), bad_tod, plot(1, 2.0, 1, 1), bad_fl, bad_id,
                                  plot(1, 3.0, 1, 1)}),
                       block(34, {bad_lat, north_marker(1, 4.0)})});
  const CollectSink s = decode(d);
  ASSERT_EQ(s.records.size(), 4U);
  EXPECT_EQ(*s.records[2].r048.i140, 3.0);
  EXPECT_EQ(s.records[3].category, 34);
  ASSERT_EQ(s.errors.size(), 4U);
  for (const auto& e : s.errors) {
    EXPECT_EQ(e.code(), DecodeError::ValueOutOfRange) << e.reason();
  }
  EXPECT_NE(std::string(s.errors[0].reason()).find("I048/140"), std::string::npos);
  EXPECT_NE(std::string(s.errors[1].reason()).find("I048/090"), std::string::npos);
  EXPECT_NE(std::string(s.errors[2].reason()).find("I048/240"), std::string::npos);
  EXPECT_NE(std::string(s.errors[3].reason()).find("I034/120"), std::string::npos);
}

TEST(DatagramDecoder, TrailingBytesTooShortForAHeaderAreReported) {
  const Bytes a = block(48, {plot(1, 10.0, 100, 100)});
  const CollectSink s = decode(cat({a, b({0x30, 0x00})}));
  ASSERT_EQ(s.records.size(), 1U);
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].code(), DecodeError::Truncated);
  EXPECT_EQ(s.errors[0].offset(), a.size());
}

TEST(DatagramDecoder, BaseOffsetIsAddedToEveryReportedOffset) {
  const Bytes d = cat({block(48, {plot(1, 10.0, 100, 100)}), b({0x30, 0x00})});
  AsterixDecoder dec;
  CollectSink s;
  dec.decode(d, s, 1000);
  ASSERT_EQ(s.records.size(), 1U);
  EXPECT_EQ(s.records[0].offset, 1003U);
  ASSERT_EQ(s.errors.size(), 1U);
  EXPECT_EQ(s.errors[0].offset(), 1000U + d.size() - 2);
}

TEST(DatagramDecoder, EmptyDatagramGivesNothing) {
  DecodeStats st;
  const CollectSink s = decode({}, &st);
  EXPECT_TRUE(s.records.empty());
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(st.blocks, 0U);
}

// Random bytes, mutated good datagrams: never a crash, every offset inside the datagram, and
// the decoder says something about every datagram that is not well formed.
TEST(DatagramDecoder, RandomAndMutatedInputIsBoundedAndReported) {
  std::mt19937 rng(4242);
  const Bytes good = cat({block(34, {north_marker(13, 100.0)}),
                          block(48, {plot(13, 101.0, 256, 0), plot(13, 101.25, 512, 16384)})});
  AsterixDecoder dec;
  for (int i = 0; i < 20000; ++i) {
    Bytes d;
    if (i % 2 == 0) {
      d.resize(rng() % 200);
      for (auto& x : d) {
        x = static_cast<std::byte>(rng() & 0xFFU);
      }
    } else {
      d = good;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < flips; ++k) {
        d[rng() % d.size()] = static_cast<std::byte>(rng() & 0xFFU);
      }
    }
    CollectSink s;
    const DecodeStats st = dec.decode(d, s);
    ASSERT_EQ(st.records, s.records.size());
    ASSERT_EQ(st.errors, s.errors.size());
    for (const auto& e : s.errors) {
      ASSERT_LE(e.offset(), d.size());
    }
    for (const auto& r : s.records) {
      ASSERT_LT(r.offset, d.size());
      ASSERT_LE(r.offset + r.layout.length, d.size());
    }
    if (!d.empty() && s.records.empty()) {
      ASSERT_FALSE(s.errors.empty());
    }
  }
}

}  // namespace
}  // namespace dewline::ingest::asterix
