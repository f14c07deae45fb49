#include "track/track_smoother.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <utility>

#include <Eigen/Cholesky>

#include "track/mixture_step.hpp"

namespace dewline::track {
namespace {

// One report time of a track: the tracker's estimate there, or (filled) the estimate predicted
// from the previous one; then, after the backward pass, the smoothed estimate.
struct Entry {
  std::size_t k = 0;  // index into the report times
  Track track;        // carries identity, assessment, model probabilities
  Vec6 x = Vec6::Zero();
  Mat6 P = Mat6::Identity();
  bool reported = false;  // the tracker reported it (else filled in)
  Step from_previous;     // the step that leads here from the entry before
};

// Forward: each step's prediction; a report time the tracker skipped gets the predicted state.
void forward(std::vector<Entry>& e, const std::vector<Time>& times, StepModel& model) {
  double w = 0.0;
  for (std::size_t i = 1; i < e.size(); ++i) {
    const double dt = (times[e[i].k] - times[e[i - 1].k]).seconds();
    if (e[i].reported) {
      w = turn_rate(e[i - 1].x.tail<3>(), e[i].x.tail<3>(), dt);
    }
    e[i].from_previous = model(e[i - 1].track, e[i - 1].x, e[i - 1].P, dt, w);
    if (!e[i].reported) {
      e[i].x = e[i].from_previous.x;
      e[i].P = e[i].from_previous.P;
    }
  }
}

// Rauch-Tung-Striebel backward pass over the entries in place (x, P become smoothed).
void backward(std::vector<Entry>& e) {
  for (std::size_t i = e.size() - 1; i-- > 0;) {
    const Step& st = e[i + 1].from_previous;
    const Eigen::LDLT<Mat6> ldlt(st.P);
    if (ldlt.info() != Eigen::Success) {
      continue;  // keep the forward estimate
    }
    const Mat6 C = ldlt.solve(st.F * e[i].P).transpose();  // P F' Pp^-1
    const Vec6 xs = e[i].x + C * (e[i + 1].x - st.x);
    const Mat6 Ps = e[i].P + C * (e[i + 1].P - st.P) * C.transpose();
    if (!xs.allFinite() || !Ps.allFinite()) {
      continue;
    }
    e[i].x = xs;
    e[i].P = 0.5 * (Ps + Ps.transpose());
  }
}

// First index k with times[k] >= t (times ascending).
std::size_t first_at_or_after(const std::vector<Time>& times, Time t) {
  return static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), t) - times.begin());
}

}  // namespace

ReportSeries smooth_reports(ReportSeries in, const ImmConfig& imm, const SmootherConfig& cfg) {
  ReportSeries out;
  out.times = in.times;
  out.reports.resize(in.times.size());
  const std::size_t n_times = std::min(in.times.size(), in.reports.size());

  // Each track's reports in time order, as (report, position in it); ids ordered, so the output
  // does not depend on hashing.
  std::map<TrackId, std::vector<std::pair<std::size_t, std::size_t>>> by_id;
  for (std::size_t k = 0; k < n_times; ++k) {
    for (std::size_t j = 0; j < in.reports[k].size(); ++j) {
      by_id[in.reports[k][j].id].emplace_back(k, j);
    }
  }
  auto at = [&](std::pair<std::size_t, std::size_t> kj) -> Track& {
    return in.reports[kj.first][kj.second];
  };

  StepModel model(imm);
  for (const auto& track_reports : by_id) {
    const auto& ks = track_reports.second;
    const Track& first = at(ks.front());
    const Track& last = at(ks.back());
    std::size_t k_end = ks.back().first;
    if (cfg.to_last_detection) {
      // The first report at or after the last detection: the coasting reports after it go (but
      // never the track's first report).
      k_end =
          std::clamp(first_at_or_after(in.times, last.last_update_time), ks.front().first, k_end);
    }
    std::size_t k_begin = ks.front().first;
    if (cfg.from_first_detection) {
      k_begin = std::min(k_begin, first_at_or_after(in.times, first.first_time));
    }

    // Forward pass: the tracker's reports, with report times it skipped predicted forward.
    std::vector<Entry> e;
    std::size_t next = 0;
    for (std::size_t k = ks.front().first; k <= k_end && k < n_times; ++k) {
      Entry en;
      en.k = k;
      if (next < ks.size() && ks[next].first == k) {
        en.track = std::move(at(ks[next]));  // each report is read once, here
        en.x = state_of(en.track);
        en.P = en.track.covariance;
        en.reported = true;
        ++next;
      } else {
        en.track = e.back().track;
        en.track.status = TrackStatus::Coasting;
      }
      e.push_back(std::move(en));
    }
    if (e.empty()) {
      continue;
    }
    forward(e, in.times, model);
    backward(e);

    // Before confirmation: the smoothed first report predicted back to each earlier time.
    for (std::size_t k = k_begin; k < e.front().k; ++k) {
      const double dt = (in.times[k] - in.times[e.front().k]).seconds();
      const Step back = model(e.front().track, e.front().x, e.front().P, dt, 0.0);
      Track t = e.front().track;
      t.time = in.times[k];
      t.status = TrackStatus::Tentative;
      set_state(t, back.x, back.P);
      out.reports[k].push_back(std::move(t));
    }
    for (Entry& en : e) {
      Track t = std::move(en.track);
      t.time = in.times[en.k];
      set_state(t, en.x, en.P);
      out.reports[en.k].push_back(std::move(t));
    }
  }
  for (auto& rep : out.reports) {
    std::sort(rep.begin(), rep.end(), [](const Track& a, const Track& b) { return a.id < b.id; });
  }
  return out;
}

}  // namespace dewline::track
