// track_kernels_bench.cpp: the tracker's kernels, one at a time, and one whole scan.
//
// - EkfUpdate, UkfUpdate: one polar (range, azimuth, elevation, range rate) update.
// - GateScore: one EKF gate test (what the tracker does per candidate pair).
// - Gating/N and GatingAllPairs/N: N tracks against N plots of one scan. Gating builds the
//   spatial index over the tracks' gate discs and tests only the pairs it returns (what the
//   tracker does); GatingAllPairs tests every pair. Both report the pairs inside the gate.
// - ImmPredictUpdate: one IMM cycle (CV, CT, CV-manoeuvre) with a polar plot.
// - Assignment/N: the dense JV solver on a random N x N cost matrix.
// - SparseAssignment/N: the sparse solver on a tracker-shaped problem of N tracks (about 8
//   gated plots each, plus a private miss column); DenseAssignmentTrackerShaped/N: the dense
//   solver on the same problem.
// - TrackerScan/N: a whole 1 s scan of N targets (+ N/10 clutter plots) through the tracker:
//   index query, gating, clustering, GNN, updates, management.
//
// Figures and the command: docs/performance.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/angles.hpp"
#include "core/assignment.hpp"
#include "core/detection.hpp"
#include "core/sensor.hpp"
#include "core/sparse_assignment.hpp"
#include "track/chi2.hpp"
#include "track/imm.hpp"
#include "track/kalman.hpp"
#include "track/measurement_model.hpp"
#include "track/spatial_index.hpp"
#include "track/tracker.hpp"
#include "track/tracker_config.hpp"

namespace {

using namespace dewline;
using namespace dewline::track;

Detection polar_plot(const Vec3& target, double t, double range_noise) {
  Detection d;
  d.time = Time::from_seconds(t);
  d.receive_time = d.time;
  d.sensor = SensorId{1};
  const Polar p = enu_to_polar(target);
  PolarMeasurement m;
  m.range_m = p.range_m + range_noise;
  m.azimuth_rad = p.azimuth_rad;
  m.elevation_rad = p.elevation_rad;
  m.range_rate_mps = 3.0;
  m.sigma_range_m = 5.0;
  m.sigma_azimuth_rad = 0.004;
  m.sigma_elevation_rad = 0.006;
  m.sigma_range_rate_mps = 0.3;
  d.measurement = m;
  return d;
}

Gaussian prior() {
  Gaussian g;
  g.x << 1500.0, 800.0, 120.0, 10.0, -4.0, 0.5, 0.0;
  g.P.diagonal() << 100.0, 100.0, 50.0, 25.0, 25.0, 4.0, 1e-4;
  return g;
}

void update_bench(benchmark::State& state, UpdateMethod method) {
  const MeasurementModel m = make_measurement_model(polar_plot({1503.0, 797.0, 121.0}, 0.0, 0.0));
  const Gaussian g0 = prior();
  for (auto _ : state) {
    Gaussian g = g0;
    const Innovation in = innovate(m, g, method);
    apply(in, g);
    benchmark::DoNotOptimize(g);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EkfUpdate(benchmark::State& state) {
  update_bench(state, UpdateMethod::Ekf);
}
BENCHMARK(BM_EkfUpdate);

void BM_UkfUpdate(benchmark::State& state) {
  update_bench(state, UpdateMethod::Ukf);
}
BENCHMARK(BM_UkfUpdate);

void BM_GateScore(benchmark::State& state) {
  const MeasurementModel m = make_measurement_model(polar_plot({1503.0, 797.0, 121.0}, 0.0, 0.0));
  const Gaussian g = prior();
  for (auto _ : state) {
    benchmark::DoNotOptimize(gate_score(m, g));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GateScore);

// One scan's gating problem: N confirmed-looking tracks over 16 x 16 km (position sigma 10 m,
// velocity sigma 2 m/s) and one plot near each, from a radar at the origin.
struct GatingScene {
  std::vector<Gaussian> tracks;
  std::vector<MeasurementModel> plots;
  std::vector<SpatialIndex::Disc> discs;  // each track's gate, bounded (index_disc's idea)
  double gate = 0.0;
};

GatingScene gating_scene(std::size_t n) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> pos(-8000.0, 8000.0);
  std::normal_distribution<double> noise(0.0, 5.0);
  GatingScene s;
  s.gate = chi2_quantile(0.9999, 4);  // range, azimuth, elevation, range rate
  const double k = std::sqrt(chi2_quantile(0.9999, 4));
  for (std::size_t i = 0; i < n; ++i) {
    Gaussian g;
    g.x << pos(rng), pos(rng), 150.0, 10.0, -4.0, 0.0, 0.0;
    g.P.diagonal() << 100.0, 100.0, 100.0, 4.0, 4.0, 1.0, 1e-4;
    s.tracks.push_back(g);
    const Vec3 at{g.x(0) + noise(rng), g.x(1) + noise(rng), g.x(2) + noise(rng)};
    Detection d = polar_plot(at, 0.0, noise(rng));
    std::get<PolarMeasurement>(d.measurement).range_rate_mps =
        at.normalized().dot(g.x.segment<3>(3)) + 0.06 * noise(rng);
    s.plots.push_back(make_measurement_model(d));
    // The plot's own spread reaches at most ~3 sigma of 0.004 rad at 11 km (~130 m).
    s.discs.push_back({g.x.head<2>(), k * std::sqrt(g.P(0, 0) + g.P(1, 1)) + 150.0});
  }
  return s;
}

template <bool Indexed>
void BM_Gating(benchmark::State& state) {
  const GatingScene s = gating_scene(static_cast<std::size_t>(state.range(0)));
  SpatialIndex index;
  std::vector<std::uint32_t> candidates;
  std::size_t inside = 0;
  for (auto _ : state) {
    inside = 0;
    if constexpr (Indexed) {
      index.build(s.discs);
    }
    for (const MeasurementModel& m : s.plots) {
      candidates.clear();
      if constexpr (Indexed) {
        const Vec3 p = m.sensor + polar_to_enu(m.z(0), m.z(1), m.z(2));
        index.query({p.head<2>(), 0.0}, candidates);
      } else {
        for (std::uint32_t t = 0; t < s.tracks.size(); ++t) {
          candidates.push_back(t);
        }
      }
      for (std::uint32_t t : candidates) {
        const GateScore g = gate_score(m, s.tracks[t], s.gate);
        inside += g.valid && g.mahalanobis2 <= s.gate ? 1U : 0U;
      }
    }
    benchmark::DoNotOptimize(inside);
  }
  state.counters["inside"] = static_cast<double>(inside);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Gating<true>)
    ->Name("BM_Gating")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Gating<false>)
    ->Name("BM_GatingAllPairs")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond);

void BM_ImmPredictUpdate(benchmark::State& state) {
  const TrackerConfig cfg = TrackerConfig::defaults();
  const Imm imm(cfg.imm);
  const MeasurementModel m = make_measurement_model(polar_plot({1503.0, 797.0, 121.0}, 0.0, 0.0));
  const ImmState s0 = imm.init(prior());
  for (auto _ : state) {
    ImmState s = s0;
    imm.predict(s, 1.0);
    benchmark::DoNotOptimize(imm.update(s, m, UpdateMethod::Ekf));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ImmPredictUpdate);

void BM_Assignment(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 100.0);
  std::vector<double> cost(n * n);
  for (double& c : cost) {
    c = u(rng);
  }
  AssignmentSolver solver;
  for (auto _ : state) {
    benchmark::DoNotOptimize(solver.solve(cost, n, n).data());
  }
  state.SetComplexityN(static_cast<std::int64_t>(n));
}
BENCHMARK(BM_Assignment)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// The tracker's shape: N tracks, N plots, ~8 gated plots per track (log-likelihood ratios, some
// negative) and one private zero-cost "miss" column per track, solved sparse and, for the
// ratio, dense on the same problem.
void tracker_shaped(std::size_t n, SparseCostMatrix& m, std::vector<double>& dense) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::size_t> near(0, 16);
  std::uniform_real_distribution<double> cost(-12.0, 4.0);
  m.clear(2 * n);
  dense.assign(n * 2 * n, kForbidden);
  for (std::size_t t = 0; t < n; ++t) {
    std::vector<std::uint32_t> cols;
    for (int k = 0; k < 8; ++k) {
      const std::size_t c = std::min(n - 1, (t + near(rng) + n - 8) % n);
      if (std::find(cols.begin(), cols.end(), c) == cols.end()) {
        cols.push_back(static_cast<std::uint32_t>(c));
      }
    }
    std::sort(cols.begin(), cols.end());
    cols.push_back(static_cast<std::uint32_t>(n + t));
    for (std::uint32_t c : cols) {
      const double x = c >= n ? 0.0 : cost(rng);
      m.add(c, x);
      dense[t * 2 * n + c] = x;
    }
    m.end_row();
  }
}

// Sparse (the tracker's solver) or dense on the same tracker-shaped problem.
template <bool Sparse>
void BM_TrackerShapedAssignment(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  SparseCostMatrix m;
  std::vector<double> dense;
  tracker_shaped(n, m, dense);
  SparseAssignmentSolver sparse;
  AssignmentSolver full;
  for (auto _ : state) {
    if constexpr (Sparse) {
      benchmark::DoNotOptimize(sparse.solve(m).data());
    } else {
      benchmark::DoNotOptimize(full.solve(dense, n, 2 * n).data());
    }
  }
}
BENCHMARK(BM_TrackerShapedAssignment<true>)
    ->Name("BM_SparseAssignment")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrackerShapedAssignment<false>)
    ->Name("BM_DenseAssignmentTrackerShaped")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond);

// N targets on straight lines spread over 8 km, one snapshot radar at the origin, 1 s scans.
void BM_TrackerScan(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  SensorInfo radar;
  radar.id = SensorId{1};
  radar.name = "radar";
  radar.kind = SensorKind::RotatingRadar;
  radar.sigma_range_m = 5.0;
  radar.sigma_azimuth_rad = 0.004;
  radar.sigma_elevation_rad = 0.006;
  radar.sigma_range_rate_mps = 0.3;
  radar.pd = 0.9;
  radar.clutter_per_scan = static_cast<double>(n) / 10.0 + 1.0;
  radar.range_min_m = 50.0;
  radar.range_max_m = 10000.0;
  radar.elevation_max_rad = 1.2;
  radar.scan_period_s = 1.0;
  radar.plots_share_scan_time = true;
  SensorRegistry reg;
  reg.add(radar);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> pos(-8000.0, 8000.0);
  std::normal_distribution<double> vel(0.0, 10.0);
  std::normal_distribution<double> noise(0.0, 5.0);
  std::vector<Vec3> p(n);
  std::vector<Vec3> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    p[i] = {pos(rng), pos(rng), 100.0 + std::abs(vel(rng)) * 10.0};
    v[i] = {vel(rng), vel(rng), 0.0};
  }
  // Warm up 10 scans so that tracks exist; then time one scan per iteration.
  Tracker tracker(TrackerConfig::defaults(), reg);
  double t = 0.0;
  auto scan = [&] {
    for (std::size_t i = 0; i < n; ++i) {
      p[i] += v[i];
      tracker.add(polar_plot(p[i], t, noise(rng)));
    }
    for (std::size_t c = 0; c < n / 10; ++c) {
      tracker.add(polar_plot({pos(rng), pos(rng), 150.0}, t, 0.0));
    }
    tracker.advance_to(Time::from_seconds(t));
    benchmark::DoNotOptimize(tracker.report(Time::from_seconds(t)).size());
    t += 1.0;
  };
  for (int k = 0; k < 10; ++k) {
    scan();
  }
  for (auto _ : state) {
    scan();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_TrackerScan)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Iterations(200)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
