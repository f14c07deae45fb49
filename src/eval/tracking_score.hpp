// tracking_score.hpp: scores a whole run of tracks against the truth (exchange-csv.md, Scoring).
//
// At every time present in truth.csv, GOSPA between the truth alive then and the tracks reported
// then (a scan without track rows counts as zero tracks); the means over those scans; and the
// track-level figures an analyst asks for next:
//   - id switches: a truth's matched track id changes from the one it last had (gaps ignored);
//   - fragmentations: a truth loses its match and later gets one again;
//   - false tracks: track ids that are matched to no truth in more than half of their scans.
// Matches are GOSPA's optimal pairs within the cut-off c.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "eval/gospa.hpp"
#include "ingest/exchange/exchange_csv.hpp"

namespace dewline::eval {

struct ScanScore {
  double time_s = 0.0;
  std::size_t truths = 0;
  std::size_t tracks = 0;
  GospaResult gospa;
  // Parallel to the truth rows and track rows of this scan (indices into the input vectors).
  std::vector<std::size_t> truth_rows;
  std::vector<std::size_t> track_rows;
};

struct TrackingScore {
  GospaParams params;
  std::size_t scans = 0;
  double gospa_mean = 0.0;
  double gospa_localisation_mean = 0.0;
  double missed_mean = 0.0;
  double false_mean = 0.0;
  double ospa_mean = 0.0;
  std::size_t id_switches = 0;
  std::size_t fragmentations = 0;
  std::size_t track_ids = 0;        // distinct track ids scored
  std::size_t false_track_ids = 0;  // track ids mostly matched to no truth
  std::size_t truth_ids = 0;
  std::size_t track_rows_unscored = 0;  // track rows at times with no truth scan
  std::vector<ScanScore> per_scan;
};

// Truth and track times are matched to the microsecond.
[[nodiscard]] TrackingScore score_tracking(const std::vector<ingest::TruthRow>& truth,
                                           const std::vector<ingest::TrackRow>& tracks,
                                           GospaParams params = {});

}  // namespace dewline::eval
