#include "eval/tracking_score.hpp"

#include <cmath>
#include <set>

namespace dewline::eval {
namespace {

std::int64_t time_key(double t) { return std::llround(t * 1e6); }

}  // namespace

TrackingScore score_tracking(const std::vector<ingest::TruthRow>& truth,
                             const std::vector<ingest::TrackRow>& tracks, GospaParams params) {
  TrackingScore out;
  out.params = params;

  // Group rows by time key; std::map keeps scans in time order.
  std::map<std::int64_t, std::vector<std::size_t>> truth_by_time;
  std::map<std::int64_t, std::vector<std::size_t>> tracks_by_time;
  std::set<std::int64_t> truth_ids;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    truth_by_time[time_key(truth[i].time_s)].push_back(i);
    truth_ids.insert(truth[i].target_id);
  }
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const auto k = time_key(tracks[i].time_s);
    if (truth_by_time.count(k) == 0) {
      ++out.track_rows_unscored;
      continue;
    }
    tracks_by_time[k].push_back(i);
  }
  out.truth_ids = truth_ids.size();

  GospaCalculator calc(params);
  std::vector<Vec3> tp;
  std::vector<Vec3> kp;
  // Per truth id: the last matched track id, and whether it was matched at its previous scan.
  std::map<std::int64_t, std::uint64_t> last_match;
  std::map<std::int64_t, bool> matched_prev;
  // Per track id: scans scored and scans matched.
  std::map<std::uint64_t, std::pair<std::size_t, std::size_t>> track_usage;

  double sum_g = 0.0;
  double sum_l = 0.0;
  double sum_m = 0.0;
  double sum_f = 0.0;
  double sum_o = 0.0;
  for (const auto& [key, trows] : truth_by_time) {
    ScanScore s;
    s.time_s = static_cast<double>(key) * 1e-6;
    s.truth_rows = trows;
    auto it = tracks_by_time.find(key);
    if (it != tracks_by_time.end()) {
      s.track_rows = it->second;
    }
    tp.clear();
    kp.clear();
    for (auto i : s.truth_rows) {
      tp.push_back(truth[i].position_m);
    }
    for (auto j : s.track_rows) {
      kp.push_back(tracks[j].position_m);
    }
    s.truths = tp.size();
    s.tracks = kp.size();
    s.gospa = calc.compute(tp, kp);
    sum_g += s.gospa.gospa;
    sum_l += s.gospa.localisation;
    sum_m += static_cast<double>(s.gospa.missed);
    sum_f += static_cast<double>(s.gospa.false_tracks);
    sum_o += s.gospa.ospa;

    std::vector<char> track_matched(s.track_rows.size(), 0);
    for (std::size_t a = 0; a < s.truth_rows.size(); ++a) {
      const std::int64_t tid = truth[s.truth_rows[a]].target_id;
      const int k = s.gospa.truth_to_track[a];
      if (k < 0) {
        matched_prev[tid] = false;
        continue;
      }
      track_matched[static_cast<std::size_t>(k)] = 1;
      const std::uint64_t kid = tracks[s.track_rows[static_cast<std::size_t>(k)]].track_id;
      auto lm = last_match.find(tid);
      if (lm != last_match.end()) {
        if (lm->second != kid) {
          ++out.id_switches;
        }
        if (!matched_prev[tid]) {
          ++out.fragmentations;
        }
      }
      last_match[tid] = kid;
      matched_prev[tid] = true;
    }
    for (std::size_t b = 0; b < s.track_rows.size(); ++b) {
      auto& u = track_usage[tracks[s.track_rows[b]].track_id];
      ++u.first;
      u.second += static_cast<std::size_t>(track_matched[b]);
    }
    out.per_scan.push_back(std::move(s));
  }
  out.scans = out.per_scan.size();
  if (out.scans > 0) {
    const auto n = static_cast<double>(out.scans);
    out.gospa_mean = sum_g / n;
    out.gospa_localisation_mean = sum_l / n;
    out.missed_mean = sum_m / n;
    out.false_mean = sum_f / n;
    out.ospa_mean = sum_o / n;
  }
  out.track_ids = track_usage.size();
  for (const auto& [id, u] : track_usage) {
    if (2 * u.second < u.first) {
      ++out.false_track_ids;
    }
  }
  return out;
}

}  // namespace dewline::eval
