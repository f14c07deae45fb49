// Tests of SAPIENT identifier formats (UUID for nodes, ULID for reports and objects).
#include <gtest/gtest.h>

#include <set>

#include "ingest/sapient/sapient_ids.hpp"

namespace dewline::ingest::sapient {
namespace {

TEST(SapientIds, AcceptsUuidFormsOfRfc4122) {
  EXPECT_TRUE(is_uuid("a8654cdf-4328-47de-81fa-c495589e30c8"));
  EXPECT_TRUE(is_uuid("A8654CDF-4328-47DE-81FA-C495589E30C8"));
  EXPECT_TRUE(is_uuid("a8654cdf432847de81fac495589e30c8"));
  EXPECT_TRUE(is_uuid("{a8654cdf-4328-47de-81fa-c495589e30c8}"));
  EXPECT_FALSE(is_uuid("AAA"));
  EXPECT_FALSE(is_uuid("01H4R63D7NVN8444Z5M77WEBY6"));  // a ULID
  EXPECT_FALSE(is_uuid("a8654cdf-4328-47de-81fa-c495589e30cg"));
  EXPECT_FALSE(is_uuid("a8654cdf-4328-47de-81fac-495589e30c8"));
  EXPECT_FALSE(is_uuid(""));
}

TEST(SapientIds, AcceptsOnlyCrockfordUlidsOf128Bits) {
  EXPECT_TRUE(is_ulid("01GGYFBAXH4VYRQYEX7S3XGK3H"));
  EXPECT_TRUE(is_ulid("01ggyfbaxh4vyrqyex7s3xgk3h"));
  EXPECT_TRUE(is_ulid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
  EXPECT_FALSE(is_ulid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ"));  // more than 128 bits
  EXPECT_FALSE(is_ulid("01GGYFBAXH4VYRQYEX7S3XGK3"));   // 25 characters
  EXPECT_FALSE(is_ulid("01GGYFBAXH4VYRQYEX7S3XGK3U"));  // U is not Crockford
  EXPECT_FALSE(is_ulid("a8654cdf-4328-47de-81fa-c495589e30c9"));
  EXPECT_FALSE(is_ulid("AAA"));
}

TEST(SapientIds, FoldsUlidsTo64BitsAndBack) {
  for (std::uint64_t v : {0ULL, 1ULL, 42ULL, 0xFFFFFFFFFFFFFFFFULL, 0x0123456789ABCDEFULL}) {
    const std::string u = ulid_from_u64(v);
    ASSERT_TRUE(is_ulid(u)) << u;
    EXPECT_EQ(ulid_to_u64(u), v);
  }
  EXPECT_FALSE(ulid_to_u64("not a ulid").has_value());
  // Different ULIDs of the standard's examples give different numbers.
  EXPECT_NE(ulid_to_u64("01GGYFBAXH4VYRQYEX7S3XGK3H"), ulid_to_u64("01H4R63D7NVN8444Z5M77WEBY2"));
}

TEST(SapientIds, GeneratesDeterministicDistinctUlids) {
  UlidGenerator a(7);
  UlidGenerator b(7);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const Time t = Time::from_seconds(1.7e9 + i / 10);
    const std::string x = a.next(t);
    EXPECT_EQ(x, b.next(t));
    EXPECT_TRUE(is_ulid(x)) << x;
    EXPECT_TRUE(seen.insert(x).second) << x;
  }
  EXPECT_TRUE(is_uuid(node_uuid_for(SensorId{12})));
  EXPECT_NE(node_uuid_for(SensorId{12}), node_uuid_for(SensorId{13}));
}

}  // namespace
}  // namespace dewline::ingest::sapient
