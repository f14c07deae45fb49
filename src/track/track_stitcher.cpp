#include "track/track_stitcher.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <utility>

#include <Eigen/Cholesky>

#include "core/assignment.hpp"
#include "track/chi2.hpp"
#include "track/clusters.hpp"
#include "track/mixture_step.hpp"

namespace dewline::track {
namespace {

// A track of the series: its first and last rows.
struct Segment {
  TrackId id{};
  std::size_t k_first = 0;
  std::size_t k_last = 0;
  const Track* first = nullptr;
  const Track* last = nullptr;
};

std::vector<Segment> segments_of(const ReportSeries& s) {
  std::map<TrackId, Segment> by_id;
  for (std::size_t k = 0; k < s.reports.size() && k < s.times.size(); ++k) {
    for (const Track& t : s.reports[k]) {
      auto [it, fresh] = by_id.try_emplace(t.id);
      Segment& g = it->second;
      if (fresh) {
        g.id = t.id;
        g.k_first = k;
        g.first = &t;
      }
      g.k_last = k;
      g.last = &t;
    }
  }
  std::vector<Segment> out;
  out.reserve(by_id.size());
  for (auto& [id, g] : by_id) {
    out.push_back(g);
  }
  return out;
}

// Two broadcast identities that name different objects.
bool identities_conflict(const Identity& a, const Identity& b) {
  if (!a.remote_id.empty() && !b.remote_id.empty() && a.remote_id != b.remote_id) {
    return true;
  }
  return a.icao24 && b.icao24 && *a.icao24 != *b.icao24;
}

double position_trace(const Mat6& P) {
  return P(0, 0) + P(1, 1) + P(2, 2);
}

struct Candidate {
  std::size_t end = 0;    // segment index of the earlier track
  std::size_t start = 0;  // segment index of the later track
  double gap_s = 0.0;
  double distance2 = 0.0;
};

// The squared Mahalanobis distance between a predicted state and a track's reported one.
double distance2(const Step& predicted, const Track& t) {
  const Eigen::LDLT<Mat6> S(predicted.P + t.covariance);
  if (S.info() != Eigen::Success) {
    return std::numeric_limits<double>::infinity();
  }
  const Vec6 nu = state_of(t) - predicted.x;
  return nu.dot(S.solve(nu));
}

// Another track reported with B's first row fits A's prediction nearly as well as B (within
// `bound`): A's target may be that one, going on (a flock, a swarm in formation).
bool crowded(const std::vector<Track>& with_b, const Segment& A, const Segment& B,
             const Step& predicted, double bound) {
  for (const Track& t : with_b) {
    if (t.id == A.id || t.id == B.id) {
      continue;
    }
    const Vec3 d = t.position_m - predicted.x.head<3>();
    if (d.squaredNorm() > bound * (position_trace(predicted.P) + position_trace(t.covariance))) {
      continue;  // see the quick test in find_stitches
    }
    if (distance2(predicted, t) < bound) {
      return true;
    }
  }
  return false;
}

// Every other candidate sharing candidate i's end or start is at least `margin` farther (in
// squared Mahalanobis distance): the link is not a guess among near-equals (a flock, a swarm).
bool unambiguous(const std::vector<Candidate>& cand, const std::vector<std::size_t>& members,
                 std::size_t i, double margin) {
  for (std::size_t j : members) {
    if (j != i && (cand[j].end == cand[i].end || cand[j].start == cand[i].start) &&
        cand[j].distance2 < cand[i].distance2 + margin) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<Stitch> find_stitches(const ReportSeries& smoothed, const ImmConfig& imm,
                                  const StitchConfig& cfg) {
  const std::vector<Segment> seg = segments_of(smoothed);
  const double gate = chi2_quantile(cfg.gate_probability, 6);
  StepModel model(imm);

  // Starts in time order, for the window of each end.
  std::vector<std::size_t> by_start(seg.size());
  std::iota(by_start.begin(), by_start.end(), 0);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [&](std::size_t a, std::size_t b) { return seg[a].k_first < seg[b].k_first; });
  std::vector<std::size_t> start_k(by_start.size());
  for (std::size_t i = 0; i < by_start.size(); ++i) {
    start_k[i] = seg[by_start[i]].k_first;
  }

  std::vector<Candidate> cand;
  for (std::size_t a = 0; a < seg.size(); ++a) {
    const Segment& A = seg[a];
    const Time t_end = smoothed.times[A.k_last];
    const Vec6 xa = state_of(*A.last);
    const Mat6& Pa = A.last->covariance;
    // Position uncertainty of the end predicted over the longest gap: a bound for a quick test.
    const double trace_a = position_trace(model(*A.last, xa, Pa, cfg.max_gap_s, 0.0).P);
    auto it = std::upper_bound(start_k.begin(), start_k.end(), A.k_last);
    for (; it != start_k.end(); ++it) {
      const Segment& B = seg[by_start[static_cast<std::size_t>(it - start_k.begin())]];
      const double gap = (smoothed.times[B.k_first] - t_end).seconds();
      if (gap > cfg.max_gap_s) {
        break;
      }
      if (identities_conflict(A.last->identity, B.first->identity)) {
        continue;
      }
      // |d|^2 > gate * trace(S_pos) rules the pair out: the Mahalanobis distance of the
      // positions alone is at least |d|^2 / trace(S_pos), and at most that of the full state.
      const Vec3 d = B.first->position_m - (A.last->position_m + gap * A.last->velocity_mps);
      if (d.squaredNorm() > gate * (trace_a + position_trace(B.first->covariance))) {
        continue;
      }
      const Step st = model(*A.last, xa, Pa, gap, 0.0);
      const double m2 = distance2(st, *B.first);
      if (m2 <= gate &&
          !crowded(smoothed.reports[B.k_first], A, B, st, m2 + cfg.ambiguity_margin)) {
        cand.push_back({a, by_start[static_cast<std::size_t>(it - start_k.begin())], gap, m2});
      }
    }
  }

  // Groups of ends and starts that compete: the connected components of the candidates, as the
  // tracker clusters tracks and plots (clusters.hpp; an end is its "track", a start its "plot").
  std::vector<GatedPair> pairs;
  pairs.reserve(cand.size());
  for (const Candidate& c : cand) {
    pairs.push_back(
        {.track = static_cast<std::uint32_t>(c.end), .det = static_cast<std::uint32_t>(c.start)});
  }
  std::vector<Cluster> clusters;
  Clusterer().build(pairs, static_cast<std::uint32_t>(seg.size()),
                    static_cast<std::uint32_t>(seg.size()), clusters);

  std::vector<Stitch> out;
  AssignmentSolver solver;
  std::vector<double> cost;
  std::vector<std::size_t> members;
  for (const Cluster& cl : clusters) {
    members.assign(cl.pairs.begin(), cl.pairs.end());
    auto index_in = [](const std::vector<std::uint32_t>& v, std::size_t x) {
      return static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
    };
    // Rows: the ends; columns: the starts, then one "no link" column per end at the gate's cost.
    const std::size_t nr = cl.tracks.size();
    const std::size_t nc = cl.dets.size() + nr;
    cost.assign(nr * nc, kForbidden);
    for (std::size_t r = 0; r < nr; ++r) {
      cost[r * nc + cl.dets.size() + r] = gate;
    }
    for (std::size_t i : members) {
      cost[index_in(cl.tracks, cand[i].end) * nc + index_in(cl.dets, cand[i].start)] =
          cand[i].distance2;
    }
    const std::vector<int>& assigned = solver.solve(cost, nr, nc);
    for (std::size_t i : members) {
      const int col = assigned[index_in(cl.tracks, cand[i].end)];
      if (col >= 0 && static_cast<std::size_t>(col) == index_in(cl.dets, cand[i].start) &&
          unambiguous(cand, members, i, cfg.ambiguity_margin)) {
        out.push_back(
            {seg[cand[i].end].id, seg[cand[i].start].id, cand[i].gap_s, cand[i].distance2});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Stitch& a, const Stitch& b) {
    return std::pair(a.earlier, a.later) < std::pair(b.earlier, b.later);
  });
  return out;
}

ReportSeries apply_stitches(ReportSeries smoothed, const std::vector<Stitch>& stitches,
                            const ImmConfig& imm, const StitchConfig& cfg) {
  if (stitches.empty()) {
    return smoothed;
  }
  std::map<TrackId, TrackId> earlier_of;
  for (const Stitch& s : stitches) {
    earlier_of[s.later] = s.earlier;
  }
  auto root = [&](TrackId id) {
    for (auto it = earlier_of.find(id); it != earlier_of.end(); it = earlier_of.find(id)) {
      id = it->second;
    }
    return id;
  };

  // The gaps: the earlier track predicted forward fused with the later one predicted back. They
  // are added once all are made (the segments point into the reports).
  std::vector<std::pair<std::size_t, Track>> fills;
  const std::vector<Segment> seg = segments_of(smoothed);
  std::map<TrackId, const Segment*> seg_of;
  for (const Segment& g : seg) {
    seg_of[g.id] = &g;
  }
  StepModel model(imm);
  for (const Stitch& s : stitches) {
    const Segment& A = *seg_of.at(s.earlier);
    const Segment& B = *seg_of.at(s.later);
    const Vec6 xa = state_of(*A.last);
    const Vec6 xb = state_of(*B.first);
    for (std::size_t k = A.k_last + 1; k < B.k_first; ++k) {
      const Step fwd = model(*A.last, xa, A.last->covariance,
                             (smoothed.times[k] - smoothed.times[A.k_last]).seconds(), 0.0);
      const Step bwd = model(*B.first, xb, B.first->covariance,
                             (smoothed.times[k] - smoothed.times[B.k_first]).seconds(), 0.0);
      const Eigen::LDLT<Mat6> S(fwd.P + bwd.P);
      if (S.info() != Eigen::Success) {
        continue;
      }
      // x = xf + Pf (Pf + Pb)^-1 (xb - xf), P = Pf - Pf (Pf + Pb)^-1 Pf.
      const Mat6 K = S.solve(fwd.P).transpose();
      const Mat6 P = fwd.P - K * fwd.P;
      if (position_trace(P) > cfg.max_fill_sigma_m * cfg.max_fill_sigma_m) {
        continue;  // too uncertain to draw: the gap stays open, the id goes on
      }
      Track t = *A.last;
      t.time = smoothed.times[k];
      t.status = TrackStatus::Coasting;
      set_state(t, fwd.x + K * (bwd.x - fwd.x), P);
      fills.emplace_back(k, std::move(t));
    }
  }
  for (auto& [k, t] : fills) {
    smoothed.reports[k].push_back(std::move(t));
  }
  for (auto& rep : smoothed.reports) {
    for (Track& t : rep) {
      t.id = root(t.id);
    }
    std::sort(rep.begin(), rep.end(), [](const Track& a, const Track& b) { return a.id < b.id; });
  }
  return smoothed;
}

}  // namespace dewline::track
