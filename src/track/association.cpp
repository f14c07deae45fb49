#include "track/association.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dewline::track {

void solve_gnn(const Cluster& c, const std::vector<GatedPair>& pairs, GnnScratch& scratch,
               std::vector<std::int32_t>& chosen) {
  const std::size_t nt = c.tracks.size();
  const std::size_t nd = c.dets.size();
  chosen.assign(nt, -1);
  if (nt == 1 && c.pairs.size() == 1) {  // the common case: one track, one detection
    if (pairs[c.pairs[0]].log_assoc > 0.0) {
      chosen[0] = static_cast<std::int32_t>(c.pairs[0]);
    }
    return;
  }
  auto local = [](const std::vector<std::uint32_t>& v, std::uint32_t x) {
    return static_cast<std::uint32_t>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
  };
  // Rows are the cluster's tracks; columns its detections, then one private "miss" column per
  // track at cost 0. Pairs are bucketed by track (counting sort keeps their order).
  std::vector<std::uint32_t>& fill = scratch.row_fill;
  std::vector<std::uint32_t>& order = scratch.order;
  fill.assign(nt + 1, 0);
  for (std::uint32_t pi : c.pairs) {
    ++fill[local(c.tracks, pairs[pi].track) + 1];
  }
  for (std::size_t t = 0; t < nt; ++t) {
    fill[t + 1] += fill[t];
  }
  order.resize(c.pairs.size());
  for (std::uint32_t pi : c.pairs) {
    order[fill[local(c.tracks, pairs[pi].track)]++] = pi;
  }
  SparseCostMatrix& m = scratch.cost;
  m.clear(nd + nt);
  scratch.edge_pair.clear();
  std::size_t k = 0;
  for (std::size_t t = 0; t < nt; ++t) {
    for (; k < order.size() && local(c.tracks, pairs[order[k]].track) == t; ++k) {
      const GatedPair& p = pairs[order[k]];
      m.add(local(c.dets, p.det), -p.log_ratio);
      scratch.edge_pair.push_back(static_cast<std::int32_t>(order[k]));
    }
    m.add(static_cast<std::uint32_t>(nd + t), 0.0);
    scratch.edge_pair.push_back(-1);
    m.end_row();
  }
  const std::vector<int>& a = scratch.solver.solve(m);
  for (std::size_t t = 0; t < nt; ++t) {
    if (a[t] < 0 || static_cast<std::size_t>(a[t]) >= nd) {
      continue;
    }
    for (std::uint32_t e = m.row_start[t]; e < m.row_start[t + 1]; ++e) {
      if (m.col[e] == static_cast<std::uint32_t>(a[t])) {
        chosen[t] = scratch.edge_pair[e];
        break;
      }
    }
  }
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
