#include "track/clusters.hpp"

#include <algorithm>

namespace dewline::track {

std::uint32_t Clusterer::find(std::uint32_t a) {
  while (parent_[a] != a) {
    parent_[a] = parent_[parent_[a]];
    a = parent_[a];
  }
  return a;
}

void Clusterer::build(const std::vector<GatedPair>& pairs, std::uint32_t tracks, std::uint32_t dets,
                      std::vector<Cluster>& out) {
  out.clear();
  // Nodes: tracks 0..T-1, detections T..T+D-1.
  const std::uint32_t n = tracks + dets;
  parent_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    parent_[i] = i;
  }
  for (const auto& p : pairs) {
    std::uint32_t a = find(p.track);
    std::uint32_t b = find(tracks + p.det);
    if (a != b) {
      // Smaller root wins: the cluster's root is its smallest node, a track when it has one.
      if (b < a) {
        std::swap(a, b);
      }
      parent_[b] = a;
    }
  }
  cluster_of_root_.assign(n, -1);
  // Clusters in order of their smallest track (roots are the smallest node of each component).
  std::vector<std::uint32_t> order(pairs.size());
  for (std::uint32_t i = 0; i < pairs.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return find(pairs[x].track) < find(pairs[y].track);
  });
  for (std::uint32_t i : order) {
    const std::uint32_t root = find(pairs[i].track);
    if (cluster_of_root_[root] < 0) {
      cluster_of_root_[root] = static_cast<std::int32_t>(out.size());
      out.emplace_back();
    }
    Cluster& c = out[static_cast<std::size_t>(cluster_of_root_[root])];
    c.pairs.push_back(i);
    c.tracks.push_back(pairs[i].track);
    c.dets.push_back(pairs[i].det);
  }
  for (Cluster& c : out) {
    std::sort(c.pairs.begin(), c.pairs.end());
    std::sort(c.tracks.begin(), c.tracks.end());
    c.tracks.erase(std::unique(c.tracks.begin(), c.tracks.end()), c.tracks.end());
    std::sort(c.dets.begin(), c.dets.end());
    c.dets.erase(std::unique(c.dets.begin(), c.dets.end()), c.dets.end());
  }
}

}  // namespace dewline::track
