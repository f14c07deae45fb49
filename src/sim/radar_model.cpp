// Rotating and electronically scanned radars (docs/simulator.md, "Radars").
//
// Beam timing. A rotating radar's beam turns through 360 degrees each `scan_period_s`
// (clockwise seen from above unless configured otherwise), starting scan k at t = k P from
// `start_azimuth`. An electronically scanned radar sweeps its sector counter-clockwise once per
// period. A target is looked at when the beam passes its azimuth: with the sweep phase
// phi(t) = t / P and the target's phase psi(theta) in [0, 1) of the sweep, the look happens
// where phi(t) - psi(theta(t)) crosses an integer n (found by linear interpolation inside the
// simulation step), and belongs to scan n, whose start time is n P.
//
// Detection. Fixed model: probability `pd` for any target in coverage. Radar equation: the
// signal-to-noise ratio is SNR = SNR_ref (sigma / sigma_ref) (R_ref / R)^4 with the RCS sigma
// drawn from an exponential distribution around the target's mean RCS at every scan (Swerling
// case 1, scan-to-scan fluctuation); the target is detected when SNR exceeds the threshold T.
// SNR_ref is set so that a target of mean RCS sigma_ref at R_ref is detected with probability
// Pd_ref: Pd = P(SNR > T) = exp(-T / mean SNR), so SNR_ref = T / (-ln Pd_ref), and in general
// Pd(R, sigma) = Pd_ref ^ ((sigma_ref / sigma) (R / R_ref)^4).
//
// Clutter: a Poisson number of false plots per scan (mean `clutter_per_scan`), uniform over the
// coverage volume (r^3, sin(elevation) and azimuth uniform), each timed when the beam passes it.
#include <algorithm>
#include <cmath>

#include "core/angles.hpp"
#include "sim/sensor_models.hpp"

namespace dewline::sim {
namespace {

double snr_reference(const RadarSpec& r) {
  const double threshold = std::pow(10.0, r.threshold_db / 10.0);
  return threshold / -std::log(r.reference_pd);
}

class RadarModel final : public SensorModel {
 public:
  RadarModel(const SensorSpec& spec, std::uint64_t seed, std::size_t n_bodies)
      : spec_(spec),
        r_(spec.radar),
        streams_(seed, spec.id, n_bodies),
        clutter_rng_(stream_seed(seed, StreamKind::SensorClutter,
                                 static_cast<std::uint64_t>(to_underlying(spec.id)))),
        threshold_(std::pow(10.0, r_.threshold_db / 10.0)),
        snr_ref_(snr_reference(r_)) {
    if (r_.electronic) {
      sweep_start_ = spec.coverage.sector_start_rad;
      sweep_width_ = spec.coverage.sector_width_rad;
      clockwise_ = false;
    } else {
      sweep_start_ = r_.start_azimuth_rad;
      sweep_width_ = 2.0 * kPi;
      clockwise_ = r_.clockwise;
    }
  }

  [[nodiscard]] SensorInfo info() const override {
    SensorInfo s;
    s.id = spec_.id;
    s.name = spec_.name;
    s.kind = spec_.kind;
    s.position_m = spec_.position_m;
    s.sigma_range_m = r_.sigma_range_m;
    s.sigma_azimuth_rad = r_.sigma_azimuth_rad;
    s.sigma_elevation_rad = r_.sigma_elevation_rad.value_or(0.0);
    s.sigma_range_rate_mps = r_.sigma_range_rate_mps.value_or(0.0);
    s.pd = r_.nominal_pd.value_or(r_.pd_model == PdModel::Fixed ? r_.pd : r_.reference_pd);
    s.clutter_per_scan = r_.clutter_per_scan;
    s.range_min_m = spec_.coverage.range_min_m;
    s.range_max_m = spec_.coverage.range_max_m;
    s.elevation_max_rad = spec_.coverage.elevation_max_rad;
    s.scan_period_s = r_.scan_period_s;
    s.reports_elevation = r_.sigma_elevation_rad.has_value();
    return s;
  }

  [[nodiscard]] bool applicable(const BodyInfo& b) const override { return b.physical; }

  void step(const StepView& v, SensorOutput& out) override {
    const double period = r_.scan_period_s;
    // Scan starts (and their clutter) inside [t0, t1).
    for (auto n = static_cast<std::int64_t>(std::ceil(v.t0 / period - 1e-9));; ++n) {
      const double ts = static_cast<double>(n) * period;
      if (ts >= v.t1 - 1e-12 || ts >= v.duration_s) {
        break;
      }
      const ScanRef scan{static_cast<std::uint64_t>(n), Time::from_seconds(ts)};
      out.scan_start(scan.index, scan.start);
      clutter(v, scan, out);
    }
    for (std::size_t i = 0; i < v.bodies.size(); ++i) {
      if (!v.alive(i) || !v.bodies[i].physical) {
        continue;
      }
      crossings(v, i, out);
    }
  }

 private:
  [[nodiscard]] double phase_of(double azimuth) const {
    const double a =
        clockwise_ ? wrap_two_pi(sweep_start_ - azimuth) : wrap_two_pi(azimuth - sweep_start_);
    return a / sweep_width_;
  }

  void crossings(const StepView& v, std::size_t i, SensorOutput& out) {
    const Vec3 d0 = v.s0[i].p - spec_.position_m;
    const Vec3 d1 = v.s1[i].p - spec_.position_m;
    const double th0 = std::atan2(d0.y(), d0.x());
    const double th1 = std::atan2(d1.y(), d1.x());
    const double psi0 = phase_of(th0);
    const double dth = wrap_pi(th1 - th0);
    const double psi1 = psi0 + (clockwise_ ? -dth : dth) / sweep_width_;
    const double g0 = v.t0 / r_.scan_period_s - psi0;
    const double g1 = v.t1 / r_.scan_period_s - psi1;
    if (!(g1 > g0)) {
      return;
    }
    for (double n = std::floor(g0) + 1.0; n <= g1; n += 1.0) {
      const double t = v.t0 + (n - g0) / (g1 - g0) * (v.t1 - v.t0);
      const double scan_start = n * r_.scan_period_s;
      if (n < 0.0 || scan_start >= v.duration_s || t >= v.duration_s) {
        continue;
      }
      const BodyState s = v.at(i, t);
      const Polar pol = enu_to_polar(s.p - spec_.position_m);
      if (phase_of(pol.azimuth_rad) > 1.0) {
        continue;  // outside an electronic sweep
      }
      look(v, i, t, ScanRef{static_cast<std::uint64_t>(n), Time::from_seconds(scan_start)}, s, pol,
           out);
    }
  }

  void look(const StepView& v, std::size_t i, double t, const ScanRef& scan, const BodyState& s,
            const Polar& pol, SensorOutput& out) {
    if (!in_coverage(spec_.coverage, pol.range_m, pol.azimuth_rad, pol.elevation_rad)) {
      return;
    }
    const BodyInfo& b = v.bodies[i];
    const bool fixed = r_.pd_model == PdModel::Fixed;
    const double mean_pd = fixed ? r_.pd : radar_pd(r_, pol.range_m, b.rcs_m2);
    if (mean_pd >= v.opportunity_pd) {
      out.opportunity(i, t);
    }
    Rng& rng = streams_.get(i, b.target_id);
    double snr = 0.0;
    bool detected = false;
    if (fixed) {
      detected = rng.bernoulli(r_.pd);
    } else {
      const double rcs = rng.exponential(b.rcs_m2);  // Swerling 1: new each scan
      const double q = r_.reference_range_m / std::max(pol.range_m, 1.0);
      snr = snr_ref_ * (rcs / r_.reference_rcs_m2) * q * q * q * q;
      detected = snr >= threshold_;
    }
    if (!detected) {
      return;
    }
    PolarMeasurement m;
    m.range_m = std::max(0.0, pol.range_m + rng.normal(0.0, r_.sigma_range_m));
    m.azimuth_rad = wrap_pi(pol.azimuth_rad + rng.normal(0.0, r_.sigma_azimuth_rad));
    m.sigma_range_m = r_.sigma_range_m;
    m.sigma_azimuth_rad = r_.sigma_azimuth_rad;
    if (r_.sigma_elevation_rad) {
      double el = pol.elevation_rad + rng.normal(0.0, *r_.sigma_elevation_rad);
      fold_over_zenith(m.azimuth_rad, el);
      m.elevation_rad = el;
      m.sigma_elevation_rad = *r_.sigma_elevation_rad;
    }
    if (r_.sigma_range_rate_mps) {
      const Vec3 d = s.p - spec_.position_m;
      const double rr = d.dot(s.v) / std::max(d.norm(), 1e-9);
      m.range_rate_mps = rr + rng.normal(0.0, *r_.sigma_range_rate_mps);
      m.sigma_range_rate_mps = *r_.sigma_range_rate_mps;
    }
    Detection det = make(t);
    det.measurement = m;
    if (!fixed) {
      det.snr_db = 10.0 * std::log10(snr);
    }
    det.truth_id = b.target_id;
    out.detection(std::move(det), scan, i);
  }

  void clutter(const StepView& v, const ScanRef& scan, SensorOutput& out) {
    if (r_.clutter_per_scan <= 0.0) {
      return;
    }
    const Coverage& c = spec_.coverage;
    const std::uint64_t n = clutter_rng_.poisson(r_.clutter_per_scan);
    const double r3min = c.range_min_m * c.range_min_m * c.range_min_m;
    const double r3max = c.range_max_m * c.range_max_m * c.range_max_m;
    const double smin = std::sin(c.elevation_min_rad);
    const double smax = std::sin(c.elevation_max_rad);
    const double period = r_.scan_period_s;
    for (std::uint64_t k = 0; k < n; ++k) {
      Rng& rng = clutter_rng_;
      const double range = std::cbrt(rng.uniform(r3min, r3max));
      const double el = std::asin(std::clamp(rng.uniform(smin, smax), -1.0, 1.0));
      const double az = wrap_pi(c.sector_start_rad + rng.uniform(0.0, c.sector_width_rad));
      const double ts = scan.start.seconds() + std::min(phase_of(az), 1.0) * period;
      PolarMeasurement m;
      m.range_m = range;
      m.azimuth_rad = az;
      m.sigma_range_m = r_.sigma_range_m;
      m.sigma_azimuth_rad = r_.sigma_azimuth_rad;
      if (r_.sigma_elevation_rad) {
        m.elevation_rad = el;
        m.sigma_elevation_rad = *r_.sigma_elevation_rad;
      }
      if (r_.sigma_range_rate_mps) {
        m.range_rate_mps = rng.normal(0.0, r_.clutter_sigma_range_rate_mps);
        m.sigma_range_rate_mps = *r_.sigma_range_rate_mps;
      }
      const double snr_db = r_.threshold_db + rng.exponential(1.5);
      if (ts >= v.duration_s) {
        continue;
      }
      Detection det = make(ts);
      det.measurement = m;
      if (r_.pd_model == PdModel::RadarEquation) {
        det.snr_db = snr_db;
      }
      det.truth_id = -1;
      out.detection(std::move(det), scan, std::nullopt);
    }
  }

  [[nodiscard]] Detection make(double t) const {
    Detection d;
    d.time = Time::from_seconds(t);
    d.receive_time = d.time;
    d.sensor = spec_.id;
    d.sensor_position_m = spec_.position_m;
    return d;
  }

  const SensorSpec& spec_;
  const RadarSpec& r_;
  PairStreams streams_;
  Rng clutter_rng_;
  double threshold_;
  double snr_ref_;
  double sweep_start_ = 0.0;
  double sweep_width_ = 2.0 * kPi;
  bool clockwise_ = true;
};

}  // namespace

double radar_pd(const RadarSpec& r, double range_m, double rcs_m2) {
  const double q = std::max(range_m, 1.0) / r.reference_range_m;
  return std::pow(r.reference_pd, (r.reference_rcs_m2 / rcs_m2) * q * q * q * q);
}

std::unique_ptr<SensorModel> make_radar_model(const SensorSpec& spec, std::uint64_t seed,
                                              std::size_t n_bodies) {
  return std::make_unique<RadarModel>(spec, seed, n_bodies);
}

}  // namespace dewline::sim
