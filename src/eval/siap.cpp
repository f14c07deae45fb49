#include "eval/siap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>

namespace dewline::eval {
namespace {

std::int64_t time_key(double t) {
  return std::llround(t * 1e6);
}

// One truth's times (ascending) and, at each, the ids of the tracks associated with it.
struct TruthHistory {
  std::vector<std::int64_t> times;
  std::vector<std::vector<std::uint64_t>> held_by;  // parallel to times; sorted once complete
};

// A run of consecutive times of one truth held by one track: indices into TruthHistory::times.
struct Segment {
  std::size_t first = 0;
  std::size_t last = 0;
};

std::vector<Segment> segments_of(const TruthHistory& h) {
  std::vector<Segment> out;
  std::map<std::uint64_t, std::size_t> open;  // track id -> first index of its current run
  for (std::size_t i = 0; i < h.times.size(); ++i) {
    const auto& held = h.held_by[i];
    for (auto it = open.begin(); it != open.end();) {
      if (std::binary_search(held.begin(), held.end(), it->first)) {
        ++it;
      } else {
        out.push_back({it->second, i - 1});
        it = open.erase(it);
      }
    }
    for (const std::uint64_t k : held) {
      open.emplace(k, i);  // no effect on a run already open
    }
  }
  for (const auto& [k, first] : open) {
    out.push_back({first, h.times.size() - 1});
  }
  return out;
}

double seconds(std::int64_t a, std::int64_t b) {
  return static_cast<double>(b - a) * 1e-6;
}

// NU_j: walking the truth's times, each time not yet covered takes the segment through it that
// ends last (Stone Soup's min_num_tracks_needed_to_track).
std::size_t segments_needed(const std::vector<Segment>& segs, std::size_t times) {
  std::size_t needed = 0;
  std::size_t i = 0;
  while (i < times) {
    const Segment* best = nullptr;
    for (const Segment& s : segs) {
      if (s.first <= i && i <= s.last && (best == nullptr || s.last > best->last)) {
        best = &s;
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    ++needed;
    i = best->last + 1;
  }
  return needed;
}

// The truth rows of one scan filed by horizontal cell (cell size = threshold), so that a track
// row looks at the 3 x 3 cells around it, not at every truth: the 10,000-target scenes.
class TruthGrid {
 public:
  TruthGrid(const std::vector<ingest::TruthRow>& truth, const std::vector<std::size_t>& rows,
            double cell)
      : truth_(truth), cell_(cell) {
    for (const std::size_t r : rows) {
      filed_.emplace_back(key(truth[r].position_m.x(), truth[r].position_m.y()), r);
    }
    std::sort(filed_.begin(), filed_.end());
  }

  // The nearest truth row within `limit` of p (ties: the lower target id), or npos.
  [[nodiscard]] std::size_t nearest(const Vec3& p, double limit) const {
    std::size_t best = npos;
    double best_d = std::numeric_limits<double>::infinity();
    const auto [cx, cy] = key(p.x(), p.y());
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const Cell c{cx + dx, cy + dy};
        auto it = std::lower_bound(filed_.begin(), filed_.end(), std::make_pair(c, std::size_t{0}));
        for (; it != filed_.end() && it->first == c; ++it) {
          const ingest::TruthRow& t = truth_[it->second];
          const double d = (t.position_m - p).norm();
          if (d > limit) {
            continue;
          }
          if (d < best_d || (d == best_d && t.target_id < truth_[best].target_id)) {
            best = it->second;
            best_d = d;
          }
        }
      }
    }
    return best;
  }

  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

 private:
  using Cell = std::pair<std::int64_t, std::int64_t>;
  [[nodiscard]] Cell key(double x, double y) const {
    // Saturated far out (and for non-finite values) so the integers cannot overflow; a track
    // that far away is then compared with a few more truths, never with fewer.
    auto index = [this](double v) {
      const double c = std::floor(v / cell_);
      constexpr double kEdge = 1099511627776.0;  // 2^40
      return static_cast<std::int64_t>(std::isnan(c) ? 0.0 : std::clamp(c, -kEdge, kEdge));
    };
    return {index(x), index(y)};
  }
  const std::vector<ingest::TruthRow>& truth_;
  double cell_;
  std::vector<std::pair<Cell, std::size_t>> filed_;
};

}  // namespace

SiapScore score_siap(const std::vector<ingest::TruthRow>& truth,
                     const std::vector<ingest::TrackRow>& tracks, double threshold_m) {
  SiapScore out;
  out.threshold_m = threshold_m;
  if (!(threshold_m > 0.0) || !std::isfinite(threshold_m)) {
    return out;
  }
  std::map<std::int64_t, std::vector<std::size_t>> truth_by_time;
  std::map<std::int64_t, std::vector<std::size_t>> tracks_by_time;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    truth_by_time[time_key(truth[i].time_s)].push_back(i);
  }
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    tracks_by_time[time_key(tracks[i].time_s)].push_back(i);
  }
  std::map<std::int64_t, TruthHistory> history;  // by target id
  double position_error = 0.0;
  double velocity_error = 0.0;
  for (const auto& [key, trows] : truth_by_time) {
    // Each truth row's place in its history.
    std::map<std::size_t, std::pair<TruthHistory*, std::size_t>> slot;
    for (const std::size_t r : trows) {
      TruthHistory& h = history[truth[r].target_id];
      h.times.push_back(key);
      h.held_by.emplace_back();
      slot[r] = {&h, h.times.size() - 1};
    }
    out.truth_scans += trows.size();
    auto it = tracks_by_time.find(key);
    if (it == tracks_by_time.end()) {
      continue;
    }
    const TruthGrid grid(truth, trows, threshold_m);
    std::vector<std::size_t> held;  // truth rows holding a track
    for (const std::size_t k : it->second) {
      ++out.track_scans;
      const std::size_t r = grid.nearest(tracks[k].position_m, threshold_m);
      if (r == TruthGrid::npos) {
        continue;
      }
      ++out.track_scans_associated;
      position_error += (tracks[k].position_m - truth[r].position_m).norm();
      velocity_error += (tracks[k].velocity_mps - truth[r].velocity_mps).norm();
      auto& [h, i] = slot[r];
      h->held_by[i].push_back(tracks[k].track_id);
      held.push_back(r);
    }
    std::sort(held.begin(), held.end());
    out.truth_scans_tracked +=
        static_cast<std::size_t>(std::unique(held.begin(), held.end()) - held.begin());
  }

  const auto ratio = [](double a, double b, double if_none) { return b > 0.0 ? a / b : if_none; };
  out.completeness = ratio(static_cast<double>(out.truth_scans_tracked),
                           static_cast<double>(out.truth_scans), 0.0);
  out.ambiguity = ratio(static_cast<double>(out.track_scans_associated),
                        static_cast<double>(out.truth_scans_tracked), 1.0);
  out.spuriousness = ratio(static_cast<double>(out.track_scans - out.track_scans_associated),
                           static_cast<double>(out.track_scans), 0.0);
  out.position_accuracy_m =
      ratio(position_error, static_cast<double>(out.track_scans_associated), 0.0);
  out.velocity_accuracy_mps =
      ratio(velocity_error, static_cast<double>(out.track_scans_associated), 0.0);

  double changes = 0.0;
  double time_tracked = 0.0;
  double longest = 0.0;
  double lifetime = 0.0;
  for (auto& [id, h] : history) {
    for (auto& held : h.held_by) {
      std::sort(held.begin(), held.end());
      held.erase(std::unique(held.begin(), held.end()), held.end());
    }
    lifetime += seconds(h.times.front(), h.times.back());
    const std::vector<Segment> segs = segments_of(h);
    if (segs.empty()) {
      continue;
    }
    changes += static_cast<double>(segments_needed(segs, h.times.size()) - 1);
    double tl = 0.0;
    for (const Segment& s : segs) {
      tl = std::max(tl, seconds(h.times[s.first], h.times[s.last]));
    }
    longest += tl;
    for (std::size_t i = 0; i + 1 < h.times.size(); ++i) {
      const auto& a = h.held_by[i];
      const auto& b = h.held_by[i + 1];
      const bool shared = std::any_of(a.begin(), a.end(), [&b](std::uint64_t k) {
        return std::binary_search(b.begin(), b.end(), k);
      });
      if (shared) {
        time_tracked += seconds(h.times[i], h.times[i + 1]);
      }
    }
  }
  out.track_number_changes_per_s = ratio(changes, time_tracked, 0.0);
  out.longest_segment = ratio(longest, lifetime, 0.0);
  return out;
}

}  // namespace dewline::eval
