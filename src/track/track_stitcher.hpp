// track_stitcher.hpp: offline joining of track fragments, after smoothing (track_smoother.hpp):
// one object, one id, over a whole recording, for the analyst.
//
// The live tracker loses a target now and then (behind a building, a fade, a turn it did not
// follow) and starts a new track on it later; live, it cannot know that the new track is the old
// target. Offline it can test it, as Stone Soup's track stitcher does for fragments (Stone Soup,
// stonesoup/stitcher.py; Raghu, Yuen, Jamieson, "Track stitching", IEEE ICIF 2019):
//
//   - A candidate link runs from a track's last row (its last detection, once smoothed) to another
//     track's first row (its first detection) that comes later, within `max_gap_s`.
//   - The earlier track's state is predicted over the gap by the IMM's models at its model
//     probabilities (mixture_step.hpp); the difference with the later track's first state, with
//     covariance S = P_predicted + P_first, must pass a 6-D chi-square gate at
//     `gate_probability` (position and velocity: a target that keeps its course).
//   - Tracks with different broadcast identities (Remote ID serial, ICAO address) never link.
//   - Links are chosen by an assignment over each group of tracks that compete for the same
//     ends and starts (core/assignment.hpp), minimising the summed squared Mahalanobis
//     distance, each end and each start used at most once; no link costs the gate.
//
// A chain of links takes the id of its first track. Report times in a gap are filled with the
// fusion of the earlier track predicted forward and the later one predicted back (two
// independent estimates, information-weighted), where that fusion is certain enough.
#pragma once

#include <vector>

#include "core/ids.hpp"
#include "track/imm.hpp"
#include "track/track_smoother.hpp"

namespace dewline::track {

struct StitchConfig {
  double max_gap_s = 30.0;
  double gate_probability = 0.999;
  // A link is kept only when every other candidate sharing its end or its start is this much
  // farther (squared Mahalanobis distance; 6 is a likelihood ratio of about 20): among
  // near-equals (a flock, a swarm in formation) the stitcher does not guess.
  double ambiguity_margin = 6.0;
  // A report time in a gap is filled only where the filled position's RMS error (the square root
  // of its covariance's position trace) is at most this; elsewhere the gap stays open.
  double max_fill_sigma_m = 50.0;
};

struct Stitch {
  TrackId earlier{};
  TrackId later{};
  double gap_s = 0.0;
  double distance2 = 0.0;  // squared Mahalanobis distance of the link
};

// The links among the tracks of a smoothed series, ordered by (earlier, later).
[[nodiscard]] std::vector<Stitch> find_stitches(const ReportSeries& smoothed, const ImmConfig& imm,
                                                const StitchConfig& cfg = {});

// The series with every chain of links under its first id and its gaps filled where the fill is
// certain enough (rows marked Coasting, with the assessment of the earlier track's last row).
[[nodiscard]] ReportSeries apply_stitches(ReportSeries smoothed,
                                          const std::vector<Stitch>& stitches, const ImmConfig& imm,
                                          const StitchConfig& cfg = {});

}  // namespace dewline::track
