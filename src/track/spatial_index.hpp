// spatial_index.hpp: a multi-level uniform 2D grid over the site's east/north plane that finds,
// for a detection, the tracks whose gates could contain it, so that gating costs grow about
// linearly with the number of targets (no all-pairs test).
//
// Each track registers a disc (its predicted position over the index's validity window and a
// radius covering its gate); a query returns every track whose disc may touch the query disc.
// Tracks are filed by their centre only, in the level whose radius bound covers theirs (levels
// with bounds 2, 4, 8, 16 and 32 times the median radius: confirmed tracks have small gates,
// starting tracks large ones); a query looks in each level with its radius grown by the largest
// radius filed there, and each level's cells are sized to that radius (discs of one size, as in a
// scene of starting tracks only, are half their level's bound). Height is ignored: 2D radars carry
// no height, and the exact gate test follows anyway.
// Entries are sorted by cell, so results are deterministic. Larger discs go to a short list that
// every query returns.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace dewline::track {

class SpatialIndex {
 public:
  struct Disc {
    Eigen::Vector2d center;
    double radius = 0.0;
  };

  // Rebuilds from discs[i] for item i.
  void build(const std::vector<Disc>& discs);
  // Adds one more item (e.g. a track created since the last build).
  void insert(std::uint32_t item, const Disc& d);
  // Appends the items whose discs may touch `q` to `out` (each at most once, ascending).
  void query(const Disc& q, std::vector<std::uint32_t>& out) const;
  [[nodiscard]] std::size_t entries() const;

 private:
  // Open-addressing table from a cell key to its run of entries.
  struct Slot {
    std::int64_t key = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;  // end == begin: empty slot
  };
  // One filed disc. The query tests the discs themselves, not only their cells, so that what
  // it returns is what may touch (a dense flock fills a cell with tracks far from the plot).
  struct Entry {
    std::int64_t key = 0;  // cell
    std::uint32_t item = 0;
    float x = 0.0F;  // centre and radius, rounded outwards (radius up) so no touch is lost
    float y = 0.0F;
    float radius = 0.0F;
    friend bool operator<(const Entry& a, const Entry& b) {
      return a.key != b.key ? a.key < b.key : a.item < b.item;
    }
  };
  struct Level {
    double bound = 0.0;          // largest radius that may be filed here
    double reach = 0.0;          // largest radius filed here so far (<= bound)
    double cell = 1.0;           // cell size (2 * bound)
    std::vector<Entry> entries;  // sorted by (cell, item)
    std::vector<Entry> pending;  // inserted since build
    std::vector<Slot> slots;
    std::uint64_t mask = 0;
  };
  static void build_slots(Level& l);
  [[nodiscard]] static const Slot* find(const Level& l, std::int64_t key);
  [[nodiscard]] static bool touches(const Entry& e, const Eigen::Vector2d& c, double r);
  static constexpr std::size_t kLevels = 5;

  [[nodiscard]] static std::int64_t key(std::int64_t ix, std::int64_t iy) {
    return (ix << 32) ^ (iy & 0xFFFFFFFF);
  }
  [[nodiscard]] static std::int64_t cell_of(double v, double cell);
  void file(std::uint32_t item, const Disc& d, bool pending);

  std::array<Level, kLevels> levels_{};
  std::vector<std::uint32_t> big_;  // items returned by every query
  mutable std::vector<std::uint32_t> scratch_;
};

}  // namespace dewline::track
