#include "track/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dewline::track {
namespace {

// A disc covering more than this many cells per side is kept on the short "big" list.
constexpr double kMaxCellsPerSide = 8.0;

}  // namespace

std::int64_t SpatialIndex::cell_of(double v) const {
  return static_cast<std::int64_t>(std::floor(v / cell_));
}

void SpatialIndex::add_entries(std::uint32_t item, const Disc& d,
                               std::vector<std::pair<std::int64_t, std::uint32_t>>& to) {
  if (!std::isfinite(d.radius) || !d.center.allFinite() || d.radius > kMaxCellsPerSide * cell_) {
    big_.push_back(item);
    return;
  }
  const std::int64_t x0 = cell_of(d.center.x() - d.radius);
  const std::int64_t x1 = cell_of(d.center.x() + d.radius);
  const std::int64_t y0 = cell_of(d.center.y() - d.radius);
  const std::int64_t y1 = cell_of(d.center.y() + d.radius);
  for (std::int64_t ix = x0; ix <= x1; ++ix) {
    for (std::int64_t iy = y0; iy <= y1; ++iy) {
      to.emplace_back(key(ix, iy), item);
    }
  }
}

void SpatialIndex::build(const std::vector<Disc>& discs) {
  entries_.clear();
  pending_.clear();
  big_.clear();
  // Cell size: twice the median radius, within [25 m, 20 km].
  std::vector<double> radii;
  radii.reserve(discs.size());
  for (const auto& d : discs) {
    if (std::isfinite(d.radius)) {
      radii.push_back(d.radius);
    }
  }
  if (!radii.empty()) {
    auto mid = radii.begin() + static_cast<std::ptrdiff_t>(radii.size() / 2);
    std::nth_element(radii.begin(), mid, radii.end());
    cell_ = std::clamp(2.0 * *mid, 25.0, 20000.0);
    if (std::getenv("DEWLINE_DEBUG_INDEX")) {
      std::sort(radii.begin(), radii.end());
      std::fprintf(stderr, "index n=%zu r p10 %.0f p50 %.0f p75 %.0f p90 %.0f max %.0f cell %.0f\n", radii.size(),
                   radii[radii.size() / 10], radii[radii.size() / 2], radii[radii.size() * 3 / 4],
                   radii[radii.size() * 9 / 10], radii.back(), cell_);
    }
  }
  for (std::uint32_t i = 0; i < discs.size(); ++i) {
    add_entries(i, discs[i], entries_);
  }
  std::sort(entries_.begin(), entries_.end());
}

void SpatialIndex::insert(std::uint32_t item, const Disc& d) { add_entries(item, d, pending_); }

void SpatialIndex::query(const Disc& q, std::vector<std::uint32_t>& out) const {
  scratch_.clear();
  scratch_.insert(scratch_.end(), big_.begin(), big_.end());
  const double r = std::isfinite(q.radius) ? std::min(q.radius, kMaxCellsPerSide * cell_) : 0.0;
  const std::int64_t x0 = cell_of(q.center.x() - r);
  const std::int64_t x1 = cell_of(q.center.x() + r);
  const std::int64_t y0 = cell_of(q.center.y() - r);
  const std::int64_t y1 = cell_of(q.center.y() + r);
  for (std::int64_t ix = x0; ix <= x1; ++ix) {
    for (std::int64_t iy = y0; iy <= y1; ++iy) {
      const std::int64_t k = key(ix, iy);
      auto it = std::lower_bound(entries_.begin(), entries_.end(),
                                 std::make_pair(k, std::uint32_t{0}));
      for (; it != entries_.end() && it->first == k; ++it) {
        scratch_.push_back(it->second);
      }
      for (const auto& p : pending_) {
        if (p.first == k) {
          scratch_.push_back(p.second);
        }
      }
    }
  }
  if (scratch_.size() > 1) {
    std::sort(scratch_.begin(), scratch_.end());
    scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  }
  out.insert(out.end(), scratch_.begin(), scratch_.end());
}

}  // namespace dewline::track
