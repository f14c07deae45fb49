// spatial_index.hpp: a uniform 2D grid over the site's east/north plane that finds, for a
// detection, the tracks whose gates could contain it, so that gating costs grow about linearly
// with the number of targets (no all-pairs test).
//
// Each track registers a disc (its predicted position over the index's validity window and a
// radius covering its gate); a query returns every track whose disc may touch the query disc.
// Height is ignored: 2D radars carry no height, and the exact gate test follows anyway. Entries
// live in one vector sorted by cell key, so queries and results are deterministic. Tracks whose
// disc would cover too many cells go to a short list that every query returns.
#pragma once

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

  // Rebuilds from discs[i] for item i. The cell size adapts to the typical radius.
  void build(const std::vector<Disc>& discs);
  // Adds one more item (e.g. a track created since the last build).
  void insert(std::uint32_t item, const Disc& d);
  // Appends the items whose discs may touch `q` to `out` (each at most once, ascending).
  void query(const Disc& q, std::vector<std::uint32_t>& out) const;
  [[nodiscard]] double cell_size() const { return cell_; }
  [[nodiscard]] std::size_t entries() const { return entries_.size() + pending_.size(); }

 private:
  [[nodiscard]] std::int64_t key(std::int64_t ix, std::int64_t iy) const {
    return (ix << 32) ^ (iy & 0xFFFFFFFF);
  }
  [[nodiscard]] std::int64_t cell_of(double v) const;
  void add_entries(std::uint32_t item, const Disc& d, std::vector<std::pair<std::int64_t, std::uint32_t>>& to);

  double cell_ = 500.0;
  std::vector<std::pair<std::int64_t, std::uint32_t>> entries_;  // sorted by key, then item
  std::vector<std::pair<std::int64_t, std::uint32_t>> pending_;  // inserted since build, unsorted
  std::vector<std::uint32_t> big_;                               // items returned by every query
  mutable std::vector<std::uint32_t> scratch_;
};

}  // namespace dewline::track
