#include "track/spatial_index.hpp"

#include <algorithm>
#include <cmath>

namespace dewline::track {

namespace {

// A level with at most this many entries is scanned whole: cheaper than hashing the 4-9 cells a
// query spans on each level (radar-s100: most levels hold a few dozen tracks).
constexpr std::size_t kScanWholeLevel = 48;
// Cells are twice the largest radius filed in the level, so a query spans 2-3 cells a side.
constexpr double kCellPerRadius = 2.0;

std::uint64_t slot_hash(std::int64_t key) {
  return (static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ULL) >> 17;
}

}  // namespace

void SpatialIndex::build_slots(Level& l) {
  std::size_t cells = 0;
  for (std::size_t i = 0; i < l.entries.size(); ++i) {
    cells += (i == 0 || l.entries[i].key != l.entries[i - 1].key) ? 1U : 0U;
  }
  std::size_t size = 16;
  while (size < 2 * cells) {
    size *= 2;
  }
  l.slots.assign(size, Slot{});
  l.mask = size - 1;
  std::size_t i = 0;
  while (i < l.entries.size()) {
    std::size_t j = i;
    while (j < l.entries.size() && l.entries[j].key == l.entries[i].key) {
      ++j;
    }
    for (std::uint64_t h = slot_hash(l.entries[i].key);; ++h) {
      Slot& s = l.slots[h & l.mask];
      if (s.end == s.begin) {
        s = Slot{l.entries[i].key, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
        break;
      }
    }
    i = j;
  }
}

const SpatialIndex::Slot* SpatialIndex::find(const Level& l, std::int64_t key) {
  if (l.slots.empty()) {
    return nullptr;
  }
  for (std::uint64_t h = slot_hash(key);; ++h) {
    const Slot& s = l.slots[h & l.mask];
    if (s.end == s.begin) {
      return nullptr;
    }
    if (s.key == key) {
      return &s;
    }
  }
}

bool SpatialIndex::touches(const Entry& e, const Eigen::Vector2d& c, double r) {
  const double dx = static_cast<double>(e.x) - c.x();
  const double dy = static_cast<double>(e.y) - c.y();
  const double reach = r + static_cast<double>(e.radius);
  return dx * dx + dy * dy <= reach * reach;
}

std::int64_t SpatialIndex::cell_of(double v, double cell) {
  // Saturated: a coordinate beyond 2^40 cells (or not finite) files in the edge cell instead of
  // overflowing the integer. Nothing is lost: every candidate still gets the exact disc test.
  constexpr double kEdge = 1099511627776.0;  // 2^40
  const double c = std::floor(v / cell);
  return static_cast<std::int64_t>(std::isnan(c) ? 0.0 : std::clamp(c, -kEdge, kEdge));
}

void SpatialIndex::file(std::uint32_t item, const Disc& d, bool pending) {
  if (!std::isfinite(d.radius) || !d.center.allFinite()) {
    big_.push_back(item);
    return;
  }
  for (Level& l : levels_) {
    if (d.radius <= l.bound) {
      auto& to = pending ? l.pending : l.entries;
      Entry e;
      e.key = key(cell_of(d.center.x(), l.cell), cell_of(d.center.y(), l.cell));
      e.item = item;
      e.x = static_cast<float>(d.center.x());
      e.y = static_cast<float>(d.center.y());
      // float keeps ~7 digits: at 100 km a centre moves by up to ~4 mm; the radius absorbs it.
      e.radius = static_cast<float>(d.radius * (1.0 + 1e-6) + 1e-2 +
                                    1e-6 * (std::abs(d.center.x()) + std::abs(d.center.y())));
      to.push_back(e);
      l.reach = std::max(l.reach, static_cast<double>(e.radius));
      return;
    }
  }
  big_.push_back(item);
}

void SpatialIndex::build(const std::vector<Disc>& discs) {
  for (Level& l : levels_) {
    l.entries.clear();
    l.pending.clear();
    l.slots.clear();
    l.reach = 0.0;
  }
  big_.clear();
  std::vector<double> radii;
  radii.reserve(discs.size());
  for (const auto& d : discs) {
    if (std::isfinite(d.radius)) {
      radii.push_back(d.radius);
    }
  }
  double median = 100.0;
  if (!radii.empty()) {
    auto mid = radii.begin() + static_cast<std::ptrdiff_t>(radii.size() / 2);
    std::nth_element(radii.begin(), mid, radii.end());
    median = std::max(*mid, 10.0);
  }
  double bound = 2.0 * median;
  for (Level& l : levels_) {
    l.bound = bound;
    l.cell = kCellPerRadius * bound;
    bound *= 2.0;
  }
  for (std::uint32_t i = 0; i < discs.size(); ++i) {
    file(i, discs[i], false);
  }
  // Cells sized to what was filed: a level whose discs are all well below its bound (a scene of
  // starting tracks only) gets cells, and query margins, that fit them.
  for (Level& l : levels_) {
    if (!l.entries.empty()) {
      l.cell = std::max(kCellPerRadius * l.reach, 1e-3 * l.bound);
      for (Entry& e : l.entries) {
        e.key = key(cell_of(static_cast<double>(e.x), l.cell),
                    cell_of(static_cast<double>(e.y), l.cell));
      }
    }
    std::sort(l.entries.begin(), l.entries.end());
    build_slots(l);
  }
}

void SpatialIndex::insert(std::uint32_t item, const Disc& d) {
  file(item, d, true);
}

std::size_t SpatialIndex::entries() const {
  std::size_t n = big_.size();
  for (const Level& l : levels_) {
    n += l.entries.size() + l.pending.size();
  }
  return n;
}

void SpatialIndex::query(const Disc& q, std::vector<std::uint32_t>& out) const {
  scratch_.clear();
  scratch_.insert(scratch_.end(), big_.begin(), big_.end());
  const double qr = std::isfinite(q.radius) ? q.radius : 0.0;
  for (const Level& l : levels_) {
    if (l.entries.empty() && l.pending.empty()) {
      continue;
    }
    if (l.entries.size() > kScanWholeLevel) {
      const double r = qr + l.reach;
      const std::int64_t x0 = cell_of(q.center.x() - r, l.cell);
      const std::int64_t x1 = cell_of(q.center.x() + r, l.cell);
      const std::int64_t y0 = cell_of(q.center.y() - r, l.cell);
      const std::int64_t y1 = cell_of(q.center.y() + r, l.cell);
      // A query reaching over more cells than the level has entries (a wide plot) scans the
      // entries below instead: no query costs more than the level's size.
      const double cells =
          (static_cast<double>(x1 - x0) + 1.0) * (static_cast<double>(y1 - y0) + 1.0);
      if (cells <= static_cast<double>(l.entries.size())) {
        // Entries filed since the build (few): tested directly, once per query, not per cell.
        for (const Entry& p : l.pending) {
          if (touches(p, q.center, qr)) {
            scratch_.push_back(p.item);
          }
        }
        for (std::int64_t ix = x0; ix <= x1; ++ix) {
          for (std::int64_t iy = y0; iy <= y1; ++iy) {
            if (const Slot* s = find(l, key(ix, iy))) {
              for (std::uint32_t e = s->begin; e < s->end; ++e) {
                if (touches(l.entries[e], q.center, qr)) {
                  scratch_.push_back(l.entries[e].item);
                }
              }
            }
          }
        }
        continue;
      }
    }
    // The disc test is exact, so scanning every entry finds what the cells would.
    for (const Entry& e : l.entries) {
      if (touches(e, q.center, qr)) {
        scratch_.push_back(e.item);
      }
    }
    for (const Entry& p : l.pending) {
      if (touches(p, q.center, qr)) {
        scratch_.push_back(p.item);
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
