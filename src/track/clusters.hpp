// clusters.hpp: splits gated (track, detection) pairs into independent clusters — connected
// components of the bipartite gating graph — so that assignment (GNN) or hypothesis enumeration
// (JPDA) runs on small problems instead of one big one. Union-find with path halving; clusters are
// ordered by their smallest track, pairs inside a cluster keep their input order (deterministic).
#pragma once

#include <cstdint>
#include <vector>

namespace dewline::track {

struct GatedPair {
  std::uint32_t track = 0;  // index into the frame's candidate tracks
  std::uint32_t det = 0;    // index into the frame's detections
  double log_ratio = 0.0;   // ln rho: JIPDA association ratio, existence-weighted (GNN, JPDA)
  double log_assoc = 0.0;   // ln of the same ratio given that the track exists (lone pairs)
  double log_likelihood = 0.0;
  bool track_confirmed = false;  // the track has been confirmed (the staged GNN asks)
};

struct Cluster {
  std::vector<std::uint32_t> pairs;   // indices into the pair list
  std::vector<std::uint32_t> tracks;  // distinct, ascending
  std::vector<std::uint32_t> dets;    // distinct, ascending
};

class Clusterer {
 public:
  // `tracks` and `dets` are the sizes of the index spaces.
  void build(const std::vector<GatedPair>& pairs, std::uint32_t tracks, std::uint32_t dets,
             std::vector<Cluster>& out);

 private:
  std::uint32_t find(std::uint32_t a);
  std::vector<std::uint32_t> parent_;
  std::vector<std::int32_t> cluster_of_root_;
  std::vector<std::uint32_t> root_of_pair_;
  std::vector<std::uint32_t> pairs_of_root_;
  std::vector<std::uint8_t> listed_;
};

}  // namespace dewline::track
