// track_smoother.hpp: offline reconstruction of the tracks of a whole recording, for the analyst
// after an incident ("where exactly did it fly, and from when to when"), not for the live picture.
//
// The live tracker reports each scan from the detections up to that scan. Once the recording is
// over, every report can also use the detections that came after it:
//
//   - Fixed-interval Rauch-Tung-Striebel smoothing of each confirmed track's reported states
//     (Bar-Shalom, Li, Kirubarajan, "Estimation with Applications to Tracking and Navigation",
//     2001, section 8.6). A report is the tracker's estimate given the data up to its time; the
//     backward pass corrects it with the smoothed estimate of the next report. The prediction
//     between two reports is the constant-velocity model of each IMM model's acceleration noise,
//     weighted by the track's model probabilities (a coordinated turn enters as its CV noise: its
//     turn is in the forward states the smoother starts from, not replayed here).
//   - The track spans its detections: it starts at the report time of its first detection (the
//     tentative scans before confirmation are filled in, by the smoothed state at confirmation
//     predicted back) and ends at its last detection (the coasting scans after it, while the
//     tracker could not yet know that the target had gone, are dropped). Report times inside a
//     track's life where the live picture did not show it are filled in by the same smoothing.
//
// Association is not revisited: the ids, and which detections made each track, are the live
// tracker's. The output is deterministic (tracks by id, reports by time).
#pragma once

#include <vector>

#include "core/time.hpp"
#include "core/track.hpp"
#include "track/imm.hpp"

namespace dewline::track {

struct SmootherConfig {
  bool from_first_detection = true;  // fill in the tentative scans before confirmation
  bool to_last_detection = true;     // drop the coasting scans after the last detection
};

// The reports of a run: times ascending, reports[k] the tracks reported at times[k].
struct ReportSeries {
  std::vector<Time> times;
  std::vector<std::vector<Track>> reports;
};

// Smooths every track of `in` with the motion models of `imm` (the tracker's ImmConfig). The
// result has the same report times; each report holds its tracks sorted by id. Rows filled in
// before confirmation are marked Tentative, rows filled in inside a track's life Coasting; their
// assessment and identity are those of the nearest report of the track.
[[nodiscard]] ReportSeries smooth_reports(ReportSeries in, const ImmConfig& imm,
                                          const SmootherConfig& cfg = {});

}  // namespace dewline::track
