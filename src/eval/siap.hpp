// siap.hpp: the Single Integrated Air Picture (SIAP) attribute measures of a run of tracks
// against the truth (Votruba et al., "Single Integrated Air Picture (SIAP) Metrics
// Implementation", SIAP SE Task Force, 29 October 2001), as Stone Soup's SIAPMetrics reports
// them, so that an analyst can read dewline's figures beside Stone Soup's.
//
// Association, at every time present in truth.csv: each track row is associated with the truth
// nearest to it in 3D position, if that is within `threshold_m` (ties: the lower target id). A
// truth may hold several tracks (ambiguity); a track holds at most one truth. An association
// segment is a run of consecutive truth times of one truth held by one track.
//
// Sums over the scans, with J truths, N tracks, NA associated tracks and JT truths holding one:
//   completeness  C  = sum JT / sum J           (1 is best)
//   ambiguity     A  = sum NA / sum JT          (1 is best)
//   spuriousness  S  = sum (N - NA) / sum N     (0 is best)
//   position accuracy PA and velocity accuracy VA: mean 3D error of the associated pairs
//   rate of track number change R = sum_j (NU_j - 1) / sum_j TT_j per second, where NU_j is the
//     fewest segments that cover truth j's associated times (taken greedily, each time the
//     segment that lasts longest) and TT_j the time between consecutive truth times of j held by
//     one segment. Truths never tracked are left out of the numerator (Stone Soup counts each
//     as -1, which lowers R for every target missed).
//   longest track segment LS = sum_j TL_j / sum_j T_j, TL_j the longest segment on truth j and
//     T_j its lifetime (1 is best).
#pragma once

#include <cstddef>
#include <vector>

#include "ingest/exchange/exchange_csv.hpp"

namespace dewline::eval {

struct SiapScore {
  double threshold_m = 100.0;
  double completeness = 0.0;
  double ambiguity = 1.0;
  double spuriousness = 0.0;
  double position_accuracy_m = 0.0;
  double velocity_accuracy_mps = 0.0;
  double track_number_changes_per_s = 0.0;
  double longest_segment = 0.0;
  // The sums behind them.
  std::size_t truth_scans = 0;             // sum J
  std::size_t truth_scans_tracked = 0;     // sum JT
  std::size_t track_scans = 0;             // sum N
  std::size_t track_scans_associated = 0;  // sum NA
};

// Truth and track times are matched to the microsecond; track rows at other times are ignored.
[[nodiscard]] SiapScore score_siap(const std::vector<ingest::TruthRow>& truth,
                                   const std::vector<ingest::TrackRow>& tracks,
                                   double threshold_m = 100.0);

}  // namespace dewline::eval
