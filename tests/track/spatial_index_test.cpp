#include "track/spatial_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace dewline::track {
namespace {

TEST(SpatialIndex, FindsEveryOverlappingDisc) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> pos(-5000, 5000);
  std::uniform_real_distribution<double> rad(5, 400);
  std::vector<SpatialIndex::Disc> discs;
  for (int i = 0; i < 500; ++i) {
    discs.push_back({Eigen::Vector2d(pos(rng), pos(rng)), rad(rng)});
  }
  discs.push_back({Eigen::Vector2d(0, 0), 1e9});  // a huge disc goes to the short list
  SpatialIndex index;
  index.build(discs);
  std::vector<std::uint32_t> out;
  for (int q = 0; q < 300; ++q) {
    const SpatialIndex::Disc query{Eigen::Vector2d(pos(rng), pos(rng)), rad(rng)};
    out.clear();
    index.query(query, out);
    for (std::uint32_t i = 0; i < discs.size(); ++i) {
      const bool overlaps =
          (discs[i].center - query.center).norm() <= discs[i].radius + query.radius;
      if (overlaps) {
        EXPECT_TRUE(std::find(out.begin(), out.end(), i) != out.end()) << "missed " << i;
      }
    }
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
  }
}

// Discs of nearly one size (a scene of starting tracks only) get cells fitted to what was filed,
// well below the level's bound; discs inserted later may be larger than any filed at the build.
// Neither may lose a touch.
TEST(SpatialIndex, FindsEveryOverlappingDiscWhenRadiiAreAlikeAndLaterOnesLarger) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> pos(-3000, 3000);
  std::uniform_real_distribution<double> alike(290, 300);
  std::uniform_real_distribution<double> larger(300, 1100);
  std::vector<SpatialIndex::Disc> discs;
  for (int i = 0; i < 400; ++i) {
    discs.push_back({Eigen::Vector2d(pos(rng), pos(rng)), alike(rng)});
  }
  SpatialIndex index;
  index.build(discs);
  for (std::uint32_t i = 400; i < 500; ++i) {
    discs.push_back({Eigen::Vector2d(pos(rng), pos(rng)), larger(rng)});
    index.insert(i, discs.back());
  }
  std::vector<std::uint32_t> out;
  for (int q = 0; q < 300; ++q) {
    const SpatialIndex::Disc query{Eigen::Vector2d(pos(rng), pos(rng)), alike(rng) / 30.0};
    out.clear();
    index.query(query, out);
    for (std::uint32_t i = 0; i < discs.size(); ++i) {
      const bool overlaps =
          (discs[i].center - query.center).norm() <= discs[i].radius + query.radius;
      EXPECT_EQ(std::find(out.begin(), out.end(), i) != out.end(), overlaps) << "disc " << i;
    }
  }
}

TEST(SpatialIndex, InsertedItemsAreFound) {
  SpatialIndex index;
  index.build({{Eigen::Vector2d(0, 0), 50}});
  index.insert(1, {Eigen::Vector2d(1000, 1000), 50});
  std::vector<std::uint32_t> out;
  index.query({Eigen::Vector2d(1010, 990), 10}, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{1}));
}

// A plot whose spread covers the whole scene (a 3 rad bearing sigma at 9,000 km passes the input
// check) must not walk billions of cells: the level is scanned instead, with the same answer.
// And coordinates far beyond any cell number must not overflow the cell arithmetic (UBSan).
TEST(SpatialIndex, HugeQueriesScanTheLevelAndFarCoordinatesSaturate) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> pos(-5000, 5000);
  std::vector<SpatialIndex::Disc> discs;
  for (int i = 0; i < 400; ++i) {
    discs.push_back({Eigen::Vector2d(pos(rng), pos(rng)), 20.0});
  }
  discs.push_back({Eigen::Vector2d(3e12, -3e12), 20.0});
  SpatialIndex index;
  index.build(discs);
  std::vector<std::uint32_t> out;
  index.query({Eigen::Vector2d(0, 0), 2.7e7}, out);
  EXPECT_EQ(out.size(), 400U);  // every disc of the scene, not the far one
  out.clear();
  index.query({Eigen::Vector2d(3e12, -3e12 + 30.0), 15.0}, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{400}));
  out.clear();
  index.query({Eigen::Vector2d(1e300, -1e300), 1.0}, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace dewline::track
