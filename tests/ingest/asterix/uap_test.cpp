// The record splitter: each of the five length rules (fixed, extended, repetitive, explicit,
// compound) measured exactly, with records holding every item of the CAT048 1.31 and CAT034 1.29
// UAPs, so the record after them starts where it should.
#include <gtest/gtest.h>

#include "ingest/asterix/uap.hpp"
#include "tests/ingest/asterix/full_records.hpp"

namespace dewline::ingest::asterix {
namespace {

using test::Bytes;

TEST(Uap, Cat048UapHas28ItemsInEditionOrder) {
  const Uap& u = cat048_uap();
  EXPECT_EQ(u.category, 48);
  EXPECT_EQ(u.edition, "1.31");
  ASSERT_EQ(u.frn_count, 28);
  EXPECT_EQ(u.frn[1].name, "I048/010");
  EXPECT_EQ(u.frn[7].name, "I048/130");
  EXPECT_EQ(u.frn[7].kind, ItemKind::Compound);
  EXPECT_EQ(u.frn[10].kind, ItemKind::Repetitive);
  EXPECT_EQ(u.frn[14].name, "I048/170");
  EXPECT_EQ(u.frn[21].name, "I048/230");
  EXPECT_EQ(u.frn[27].kind, ItemKind::Explicit);
  EXPECT_EQ(u.frn[28].name, "I048/RE");
  EXPECT_EQ(uap_for_category(62), nullptr);
}

TEST(Uap, SplitsACat048RecordWithEveryItemByItsLengthRule) {
  const Bytes rec = test::cat048_every_item(1);
  const Bytes next = test::plot(2, 1.0, 3, 4);
  Bytes data = rec;
  data.insert(data.end(), next.begin(), next.end());
  RecordLayout l;
  ASSERT_TRUE(split_record(data, 0, data.size(), cat048_uap(), l).has_value());
  EXPECT_EQ(l.fspec_length, 4U);
  EXPECT_EQ(l.length, rec.size());
  const std::size_t expected_len[29] = {0, 2, 3, 3, 4, 2,  2, 8, 3, 6, 17, 2, 4, 4, 2,
                                        4, 3, 2, 4, 2, 16, 2, 7, 1, 2, 1,  2, 5, 3};
  std::size_t off = 4;
  for (std::size_t frn = 1; frn <= 28; ++frn) {
    ASSERT_TRUE(l.has(frn)) << frn;
    EXPECT_EQ(l.item(frn).offset, off) << cat048_uap().frn[frn].name;
    EXPECT_EQ(l.item(frn).length, expected_len[frn]) << cat048_uap().frn[frn].name;
    off += expected_len[frn];
  }
  // The following record is framed from where this one ends.
  RecordLayout l2;
  ASSERT_TRUE(split_record(data, l.length, data.size(), cat048_uap(), l2).has_value());
  EXPECT_EQ(l2.length, next.size());
}

TEST(Uap, SplitsACat034RecordWithEveryItemByItsLengthRule) {
  const Bytes rec = test::cat034_every_item(1);
  RecordLayout l;
  ASSERT_TRUE(split_record(rec, 0, rec.size(), cat034_uap(), l).has_value());
  EXPECT_EQ(l.fspec_length, 2U);
  EXPECT_EQ(l.length, rec.size());
  const std::size_t expected_len[15] = {0, 2, 1, 3, 1, 2, 6, 5, 5, 8, 1, 8, 2, 2, 1};
  for (std::size_t frn = 1; frn <= 14; ++frn) {
    ASSERT_TRUE(l.has(frn)) << frn;
    EXPECT_EQ(l.item(frn).length, expected_len[frn]) << cat034_uap().frn[frn].name;
  }
}

TEST(Uap, EveryTruncationOfAFullRecordIsAnErrorNeverAnOverread) {
  const Bytes rec = test::cat048_every_item(1);
  for (std::size_t n = 0; n < rec.size(); ++n) {
    RecordLayout l;
    auto r = split_record(rec, 0, n, cat048_uap(), l);
    ASSERT_FALSE(r.has_value()) << n;
    EXPECT_EQ(r.error().code(), DecodeError::Truncated) << n << ": " << r.error().reason();
    EXPECT_LE(r.error().offset(), n);
  }
}

TEST(Uap, RepetitiveItemCountIsCheckedAgainstTheBlock) {
  // I048/250 with REP 200 (1601 bytes claimed) in a 20-byte record.
  const Bytes rec = test::raw_record({{1, test::i010(25, 1)}, {10, test::b({200, 1, 2, 3})}});
  RecordLayout l;
  auto r = split_record(rec, 0, rec.size(), cat048_uap(), l);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), DecodeError::Truncated);
  EXPECT_NE(std::string(r.error().reason()).find("REP 200"), std::string::npos);
}

}  // namespace
}  // namespace dewline::ingest::asterix
