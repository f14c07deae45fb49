#include "sim/traffic_replay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include <Eigen/Dense>

#include "core/angles.hpp"

namespace dewline::sim {
namespace {

constexpr double kFeetToMetres = 0.3048;
constexpr double kFpmToMps = 0.3048 / 60.0;

// Value and slope at knot i of a weighted local quadratic through the knots' positions within
// +-h; `p` and `v` are left as they are where fewer than 5 records fall inside.
void local_quadratic(const std::vector<Knot>& raw, std::size_t i, double h, Vec3& p, Vec3& v) {
  const double ti = raw[i].t_s;
  const double width = h;
  std::size_t lo = i;
  while (lo > 0 && ti - raw[lo - 1].t_s < width) {
    --lo;
  }
  std::size_t hi = i;
  while (hi + 1 < raw.size() && raw[hi + 1].t_s - ti < width) {
    ++hi;
  }
  if (hi - lo + 1 < 5) {
    return;  // too few records to smooth: keep the exact knot
  }
  // Normal equations of sum w (a + b u + c u^2 - x)^2, u = t - ti, for x, y and z at once.
  Eigen::Matrix3d A = Eigen::Matrix3d::Zero();
  Eigen::Matrix3d B = Eigen::Matrix3d::Zero();  // columns: x, y, z
  for (std::size_t j = lo; j <= hi; ++j) {
    const double u = raw[j].t_s - ti;
    const double r = std::abs(u) / width;
    const double w = std::pow(1.0 - r * r * r, 3.0);
    const Eigen::Vector3d phi{1.0, u, u * u};
    A += w * phi * phi.transpose();
    B += w * phi * raw[j].p.transpose();
  }
  const Eigen::Matrix3d coef = A.ldlt().solve(B);
  if (!coef.allFinite()) {
    return;
  }
  p = coef.row(0).transpose();
  v = coef.row(1).transpose();
}

// Three-point finite-difference slopes (the derivative of the parabola through each knot and its
// neighbours; one-sided at the ends).
void set_slopes(std::vector<Knot>& knots) {
  const std::size_t n = knots.size();
  if (n < 2) {
    return;
  }
  const std::vector<Knot> k = knots;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0 || i + 1 == n) {
      const Knot& a = k[i == 0 ? 0 : n - 2];
      const Knot& b = k[i == 0 ? 1 : n - 1];
      knots[i].v = (b.p - a.p) / (b.t_s - a.t_s);
    } else {
      const double h0 = k[i].t_s - k[i - 1].t_s;
      const double h1 = k[i + 1].t_s - k[i].t_s;
      knots[i].v = (h1 * h1 * (k[i].p - k[i - 1].p) + h0 * h0 * (k[i + 1].p - k[i].p)) /
                   (h0 * h1 * (h0 + h1));
    }
  }
}

}  // namespace

ReplayTrack to_replay_track(const TrafficFlight& flight, const EnuFrame& frame, std::int64_t ref_ms,
                            double offset_s, double altitude_offset_m, double smoothing_s) {
  ReplayTrack out;
  out.icao24 = flight.icao24;
  out.callsign = flight.callsign;
  const auto& r = flight.records;
  out.knots.resize(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    Knot& k = out.knots[i];
    k.t_s = static_cast<double>(r[i].timestamp_ms - ref_ms) / 1000.0 + offset_s;
    k.p = frame.to_enu(
        Geodetic{r[i].lat_deg, r[i].lon_deg, r[i].altitude_ft * kFeetToMetres + altitude_offset_m});
  }
  const std::size_t n = out.knots.size();
  set_slopes(out.knots);
  for (std::size_t i = 0; i < n; ++i) {
    if (r[i].vertical_rate_fpm) {
      out.knots[i].v.z() = *r[i].vertical_rate_fpm * kFpmToMps;
    }
  }
  if (smoothing_s > 0.0 && n >= 3) {
    // Smoothed positions, then slopes from the smoothed positions themselves: slopes from the
    // separate local fits disagree from knot to knot and would put the noise back as jerk.
    const std::vector<Knot> raw = out.knots;
    for (std::size_t i = 0; i < n; ++i) {
      Vec3 slope = raw[i].v;
      local_quadratic(raw, i, smoothing_s, out.knots[i].p, slope);
    }
    set_slopes(out.knots);
  }
  return out;
}

std::vector<ReplayTrack> build_replay_tracks(const TrafficFile& file, const ReplaySpec& spec,
                                             const EnuFrame& frame, double duration_s) {
  std::vector<const TrafficFlight*> chosen;
  for (const auto& f : file.flights) {
    if (!spec.icao24.empty() &&
        std::find(spec.icao24.begin(), spec.icao24.end(), f.icao24) == spec.icao24.end()) {
      continue;
    }
    if (!spec.callsigns.empty() && std::find(spec.callsigns.begin(), spec.callsigns.end(),
                                             f.callsign) == spec.callsigns.end()) {
      continue;
    }
    chosen.push_back(&f);
  }
  std::int64_t ref_ms = std::llround(spec.record_start_s * 1000.0);
  if (spec.record_start_s <= 0.0) {
    ref_ms = std::numeric_limits<std::int64_t>::max();
    for (const auto* f : chosen) {
      ref_ms = std::min(ref_ms, f->records.front().timestamp_ms);
    }
  }
  struct Candidate {
    ReplayTrack track;
    double distance_m = 0.0;
  };
  std::vector<Candidate> out;
  for (const auto* f : chosen) {
    const double first_s =
        static_cast<double>(f->records.front().timestamp_ms - ref_ms) / 1000.0 + spec.time_offset_s;
    const double last_s =
        static_cast<double>(f->records.back().timestamp_ms - ref_ms) / 1000.0 + spec.time_offset_s;
    if (last_s < 0.0 || first_s > duration_s) {
      continue;
    }
    ReplayTrack t = to_replay_track(*f, frame, ref_ms, spec.time_offset_s, spec.altitude_offset_m,
                                    spec.smoothing_s);
    if (t.end_s() < 0.0 || t.start_s() > duration_s) {
      continue;
    }
    const double d = t.min_horizontal_distance_m();
    if (spec.within_m > 0.0 && d > spec.within_m) {
      continue;
    }
    out.push_back(Candidate{std::move(t), d});
  }
  if (spec.within_m > 0.0 || spec.max_flights > 0) {
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
      return std::tie(a.distance_m, a.track.icao24) < std::tie(b.distance_m, b.track.icao24);
    });
  }
  if (spec.max_flights > 0 && out.size() > static_cast<std::size_t>(spec.max_flights)) {
    out.resize(static_cast<std::size_t>(spec.max_flights));
  }
  std::vector<ReplayTrack> tracks;
  tracks.reserve(out.size());
  for (auto& c : out) {
    tracks.push_back(std::move(c.track));
  }
  return tracks;
}

}  // namespace dewline::sim
