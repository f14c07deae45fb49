#include "track/association.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dewline::track {

namespace {

// One stage: rows are `rows` (positions in c.tracks), edges the pairs in `stage_pairs` (each of
// one of those tracks), columns the cluster's detections then one private "miss" column per
// row at cost 0. Writes the chosen pair of each row into `chosen`.
void solve_stage(const Cluster& c, const std::vector<GatedPair>& pairs,
                 const std::vector<std::uint32_t>& rows,
                 const std::vector<std::uint32_t>& stage_pairs, bool existence_weighted,
                 GnnScratch& scratch, std::vector<std::int32_t>& chosen) {
  const std::size_t nr = rows.size();
  const std::size_t nd = c.dets.size();
  if (nr == 0 || stage_pairs.empty()) {
    return;
  }
  auto score = [&](const GatedPair& p) { return existence_weighted ? p.log_ratio : p.log_assoc; };
  if (nr == 1 && stage_pairs.size() == 1 && (!existence_weighted || c.pairs.size() == 1)) {
    if (pairs[stage_pairs[0]].log_assoc > 0.0) {
      chosen[rows[0]] = static_cast<std::int32_t>(stage_pairs[0]);
    }
    return;
  }
  // Row and column of each pair, looked up once (solve_gnn fills the tables).
  scratch.row_of_pos.resize(c.tracks.size());
  for (std::uint32_t r = 0; r < nr; ++r) {
    scratch.row_of_pos[rows[r]] = r;
  }
  std::vector<std::uint32_t>& row = scratch.pair_row;
  std::vector<std::uint32_t>& col = scratch.pair_col;
  row.resize(stage_pairs.size());
  col.resize(stage_pairs.size());
  for (std::size_t i = 0; i < stage_pairs.size(); ++i) {
    const GatedPair& p = pairs[stage_pairs[i]];
    row[i] = scratch.row_of_pos[scratch.track_pos[p.track]];
    col[i] = scratch.det_pos[p.det];
  }
  std::vector<std::uint32_t>& fill = scratch.row_fill;
  std::vector<std::uint32_t>& order = scratch.order;
  fill.assign(nr + 1, 0);
  for (std::size_t i = 0; i < stage_pairs.size(); ++i) {
    ++fill[row[i] + 1];
  }
  for (std::size_t r = 0; r < nr; ++r) {
    fill[r + 1] += fill[r];
  }
  order.resize(stage_pairs.size());
  for (std::uint32_t i = 0; i < stage_pairs.size(); ++i) {  // counting sort by row keeps order
    order[fill[row[i]]++] = i;
  }
  SparseCostMatrix& m = scratch.cost;
  m.clear(nd + nr);
  scratch.edge_pair.clear();
  std::size_t k = 0;
  for (std::size_t r = 0; r < nr; ++r) {
    for (; k < order.size() && row[order[k]] == r; ++k) {
      const std::uint32_t pi = stage_pairs[order[k]];
      m.add(col[order[k]], -score(pairs[pi]));
      scratch.edge_pair.push_back(static_cast<std::int32_t>(pi));
    }
    m.add(static_cast<std::uint32_t>(nd + r), 0.0);
    scratch.edge_pair.push_back(-1);
    m.end_row();
  }
  const std::vector<int>& a = scratch.solver.solve(m);
  for (std::size_t r = 0; r < nr; ++r) {
    if (a[r] < 0 || static_cast<std::size_t>(a[r]) >= nd) {
      continue;
    }
    for (std::uint32_t e = m.row_start[r]; e < m.row_start[r + 1]; ++e) {
      if (m.col[e] == static_cast<std::uint32_t>(a[r])) {
        chosen[rows[r]] = scratch.edge_pair[e];
        break;
      }
    }
  }
}

}  // namespace

void solve_gnn(const Cluster& c, const std::vector<GatedPair>& pairs, double tentative_min_log_lr,
               GnnScratch& scratch, std::vector<std::int32_t>& chosen) {
  const std::size_t nt = c.tracks.size();
  chosen.assign(nt, -1);
  if (nt == 0) {
    return;
  }
  // Positions in the cluster of its tracks and detections, by frame index: tables rather than
  // binary searches (a flock's cluster holds thousands). Entries of other clusters stay stale
  // and are never read.
  if (scratch.track_pos.size() <= c.tracks.back()) {
    scratch.track_pos.resize(c.tracks.back() + 1);
  }
  for (std::uint32_t t = 0; t < nt; ++t) {
    scratch.track_pos[c.tracks[t]] = t;
  }
  if (!c.dets.empty() && scratch.det_pos.size() <= c.dets.back()) {
    scratch.det_pos.resize(c.dets.back() + 1);
  }
  for (std::uint32_t d = 0; d < c.dets.size(); ++d) {
    scratch.det_pos[c.dets[d]] = d;
  }
  std::vector<std::uint32_t>& rows = scratch.stage_rows;
  std::vector<std::uint32_t>& stage_pairs = scratch.stage_pairs;
  // Stage 1: every track, existence-weighted.
  rows.resize(nt);
  for (std::uint32_t t = 0; t < nt; ++t) {
    rows[t] = t;
  }
  solve_stage(c, pairs, rows, c.pairs, true, scratch, chosen);
  if (nt == 1 && c.pairs.size() == 1) {
    return;  // a lone track with a lone plot was decided by rho(r = 1) already
  }
  // Stage 2: tentative tracks left without a plot, on the plots left, given existence, where the
  // plot is clearly theirs (rho(r = 1) above the floor).
  std::vector<char>& taken = scratch.det_taken;
  taken.assign(c.dets.size(), 0);
  for (std::int32_t pi : chosen) {
    if (pi >= 0) {
      taken[scratch.det_pos[pairs[static_cast<std::size_t>(pi)].det]] = 1;
    }
  }
  // The pairs first: a track's confirmed flag travels with its pairs.
  rows.clear();
  stage_pairs.clear();
  for (std::uint32_t pi : c.pairs) {
    const GatedPair& p = pairs[pi];
    if (!p.track_confirmed && chosen[scratch.track_pos[p.track]] < 0 &&
        taken[scratch.det_pos[p.det]] == 0 && p.log_assoc > tentative_min_log_lr) {
      stage_pairs.push_back(pi);
      rows.push_back(scratch.track_pos[p.track]);
    }
  }
  if (stage_pairs.empty()) {
    return;
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  solve_stage(c, pairs, rows, stage_pairs, false, scratch, chosen);
}

namespace {

struct JpdaSearch {
  const Cluster& c;
  const std::vector<GatedPair>& pairs;
  std::vector<std::vector<std::uint32_t>> options;  // per cluster track: indices into c.pairs
  std::vector<std::size_t> det_local;               // per cluster pair: local det index
  std::vector<char> used;
  std::vector<std::int32_t> pick;  // per track: cluster-pair position or -1
  std::vector<double>& weight;
  std::vector<double>& miss;
  double total = 0.0;
  double scale = 0.0;  // log-weights are shifted by this to avoid overflow
  std::uint64_t count = 0;
  std::uint64_t cap = 0;

  bool run(std::size_t t, double log_w) {
    if (t == options.size()) {
      if (++count > cap) {
        return false;
      }
      const double w = std::exp(log_w - scale);
      total += w;
      for (std::size_t j = 0; j < pick.size(); ++j) {
        if (pick[j] < 0) {
          miss[j] += w;
        } else {
          weight[static_cast<std::size_t>(pick[j])] += w;
        }
      }
      return true;
    }
    pick[t] = -1;
    if (!run(t + 1, log_w)) {
      return false;
    }
    for (std::uint32_t k : options[t]) {
      const std::size_t d = det_local[k];
      if (used[d] != 0) {
        continue;
      }
      used[d] = 1;
      pick[t] = static_cast<std::int32_t>(k);
      const bool ok = run(t + 1, log_w + pairs[c.pairs[k]].log_ratio);
      used[d] = 0;
      if (!ok) {
        return false;
      }
    }
    pick[t] = -1;
    return true;
  }
};

}  // namespace

bool solve_jpda(const Cluster& c, const std::vector<GatedPair>& pairs, std::uint32_t cap,
                std::vector<double>& weight, std::vector<double>& miss) {
  std::vector<double> w(c.pairs.size(), 0.0);
  std::vector<double> m(c.tracks.size(), 0.0);
  JpdaSearch s{c, pairs, {}, {}, {}, {}, w, m};
  s.options.resize(c.tracks.size());
  s.det_local.resize(c.pairs.size());
  s.used.assign(c.dets.size(), 0);
  s.pick.assign(c.tracks.size(), -1);
  s.cap = cap;
  // The best hypothesis bounds the log-weights: shift by the sum of each track's best ratio.
  std::vector<double> best(c.tracks.size(), 0.0);
  for (std::size_t k = 0; k < c.pairs.size(); ++k) {
    const GatedPair& p = pairs[c.pairs[k]];
    const auto t = static_cast<std::size_t>(
        std::lower_bound(c.tracks.begin(), c.tracks.end(), p.track) - c.tracks.begin());
    s.det_local[k] = static_cast<std::size_t>(
        std::lower_bound(c.dets.begin(), c.dets.end(), p.det) - c.dets.begin());
    s.options[t].push_back(static_cast<std::uint32_t>(k));
    best[t] = std::max(best[t], p.log_ratio);
  }
  for (double b : best) {
    s.scale += b;
  }
  if (!s.run(0, 0.0) || !(s.total > 0.0)) {
    return false;
  }
  for (auto& x : w) {
    x /= s.total;
  }
  for (auto& x : m) {
    x /= s.total;
  }
  weight = std::move(w);
  miss = std::move(m);
  return true;
}

}  // namespace dewline::track
