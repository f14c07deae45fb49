// association.hpp: deciding which detection belongs to which track inside one cluster.
//
// Every gated pair carries the likelihood ratio of "track t made detection k" against "t was not
// detected and k is clutter or a new target" (tracker_update.cpp derives it), in two forms:
// rho = r Pd g / ((1 - r Pd Pg) lambda), weighted by the track's existence r (JIPDA), and the
// same given that the track exists (r = 1). Then:
// - GNN: the single most likely joint assignment, maximising sum ln rho over assigned pairs with
//   "not assigned" worth 0: a linear assignment with one private "miss" column per track, solved
//   exactly by core/assignment.hpp. Where tracks compete for plots the existence-weighted rho
//   decides, so that a tentative duplicate (often started from a manoeuvring target's plot) does
//   not take the plot from the confirmed track (manoeuvring_drones GOSPA 70 -> 36, benchmark
//   scenarios unchanged). A lone track with a lone plot takes it when rho(r=1) > 1: weighting by
//   r there would refuse a tentative track its second plot and throw its evidence away.
// - JPDA: the marginal probability of every pair over all feasible joint hypotheses (Fortmann,
//   Bar-Shalom & Scheffe, IEEE JOE 8(3), 1983), weighted by existence (JIPDA), by depth-first
//   enumeration; clusters with more hypotheses than the cap fall back to GNN (counted).
#pragma once

#include <cstdint>
#include <vector>

#include "core/sparse_assignment.hpp"
#include "track/clusters.hpp"

namespace dewline::track {

// Reused buffers of solve_gnn.
struct GnnScratch {
  SparseAssignmentSolver solver;
  SparseCostMatrix cost;
  std::vector<std::int32_t> edge_pair;  // parallel to cost.col: the pair index, or -1 (miss)
  std::vector<std::uint32_t> row_fill;
  std::vector<std::uint32_t> order;
};

// For GNN: pair index chosen for each cluster track (parallel to cluster.tracks), or -1. The
// assignment is solved sparse (only gated pairs are edges, plus each track's own "miss"), so a
// cluster of thousands of tracks costs about its pairs, not tracks x plots.
void solve_gnn(const Cluster& c, const std::vector<GatedPair>& pairs, GnnScratch& scratch,
               std::vector<std::int32_t>& chosen);

// For JPDA: weight[i] for each pair of the cluster (parallel to cluster.pairs) and miss[j] for
// each cluster track. Returns false (weights untouched) when the hypothesis count exceeds cap.
bool solve_jpda(const Cluster& c, const std::vector<GatedPair>& pairs, std::uint32_t cap,
                std::vector<double>& weight, std::vector<double>& miss);

}  // namespace dewline::track
