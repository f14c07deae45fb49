// association.hpp: deciding which detection belongs to which track inside one cluster.
//
// Every gated pair carries the likelihood ratio of "track t made detection k" against "t was not
// detected and k is clutter or a new target" (tracker_update.cpp derives it), in two forms:
// rho = r Pd g / ((1 - r Pd Pg) lambda), weighted by the track's existence r (JIPDA), and the
// same given that the track exists (r = 1). Then:
// - GNN: the single most likely joint assignment, maximising sum ln rho over assigned pairs with
//   "not assigned" worth 0: a linear assignment with one private "miss" column per track, solved
//   exactly by core/sparse_assignment.hpp, in two stages:
//   1. All tracks, where they compete, by the existence-weighted rho, so that a weak track (a
//      tentative duplicate started from a manoeuvring target's plot) does not take the plot of a
//      sure one (manoeuvring_drones GOSPA 70 -> 36 when this came in). A lone track with a lone
//      plot takes it when rho(r = 1) > 1.
//   2. Tentative tracks left without a plot, on the plots left, by rho given existence (r = 1),
//      when it exceeds a floor (TrackerConfig::tentative_min_log_lr). Stage 1 alone refuses a
//      starting track its plots wherever its existence starts low: near a radar, where clutter
//      is dense in space, a new track starts at r ~ 1e-4 and needs three plots, and each plot
//      would start yet another one-plot track, so the evidence never added up (radar-s100: a
//      target 400 m from the radar detected 11 scans in a row went untracked for 12 s).
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
  std::vector<std::uint32_t> pair_row;    // per stage pair: its row
  std::vector<std::uint32_t> track_pos;   // frame track index -> position in the cluster
  std::vector<std::uint32_t> det_pos;     // frame detection index -> position in the cluster
  std::vector<std::uint32_t> row_of_pos;  // cluster track position -> row of the stage
  std::vector<std::uint32_t> pair_col;    // per stage pair: its detection's column
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> stage_rows;   // positions in cluster.tracks
  std::vector<std::uint32_t> stage_pairs;  // indices into the pair list
  std::vector<char> det_taken;             // per cluster detection
};

// For GNN: pair index chosen for each cluster track (parallel to cluster.tracks), or -1. The
// assignment is solved sparse (only gated pairs are edges, plus each track's own "miss"), so a
// cluster of thousands of tracks costs about its pairs, not tracks x plots.
// Stage 2 reads GatedPair::track_confirmed.
void solve_gnn(const Cluster& c, const std::vector<GatedPair>& pairs, double tentative_min_log_lr,
               GnnScratch& scratch, std::vector<std::int32_t>& chosen);

// For JPDA: weight[i] for each pair of the cluster (parallel to cluster.pairs) and miss[j] for
// each cluster track. Returns false (weights untouched) when the hypothesis count exceeds cap.
bool solve_jpda(const Cluster& c, const std::vector<GatedPair>& pairs, std::uint32_t cap,
                std::vector<double>& weight, std::vector<double>& miss);

}  // namespace dewline::track
