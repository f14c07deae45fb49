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
  // Each pair's root, found once. Roots are the smallest node of their component, so clusters
  // in ascending root order are in order of their smallest track; a counting pass over the roots
  // gives that order in O(nodes + pairs), and filling in input order keeps each cluster's pairs
  // ascending.
  root_of_pair_.resize(pairs.size());
  pairs_of_root_.assign(n, 0);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    root_of_pair_[i] = find(pairs[i].track);
    ++pairs_of_root_[root_of_pair_[i]];
  }
  cluster_of_root_.assign(n, -1);
  for (std::uint32_t r = 0; r < n; ++r) {
    if (pairs_of_root_[r] > 0) {
      cluster_of_root_[r] = static_cast<std::int32_t>(out.size());
      out.emplace_back().pairs.reserve(pairs_of_root_[r]);
    }
  }
  // Distinct tracks and detections per cluster: a node belongs to one cluster only, so one mark
  // per node says whether it has been listed.
  listed_.assign(n, 0);
  for (std::uint32_t i = 0; i < pairs.size(); ++i) {
    Cluster& c = out[static_cast<std::size_t>(cluster_of_root_[root_of_pair_[i]])];
    c.pairs.push_back(i);
    const std::uint32_t t = pairs[i].track;
    const std::uint32_t d = pairs[i].det;
    if (listed_[t] == 0) {
      listed_[t] = 1;
      c.tracks.push_back(t);
    }
    if (listed_[tracks + d] == 0) {
      listed_[tracks + d] = 1;
      c.dets.push_back(d);
    }
  }
  for (Cluster& c : out) {
    std::sort(c.tracks.begin(), c.tracks.end());
    std::sort(c.dets.begin(), c.dets.end());
  }
}

}  // namespace dewline::track
