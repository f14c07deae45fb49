// RF direction finders, acoustic arrays and EO/IR cameras (docs/simulator.md, "Passive sensors").
//
// Each reports every `period_s` (from `phase_s`) a bearing (azimuth, and elevation where the
// sensor gives one) to every target it can sense inside its coverage, with probability
//   pd(R) = pd + (pd_at_max_range - pd) R / range_max
// (a camera's pd is also multiplied by `night_pd_factor` at night). Never a range.
// - RF: only targets with an RF link (`emitting`), and ghosts' transmitters; a detection names
//   the drone model with probability `p_identify`; `snr_db` is the received level,
//   snr_at_1km_db - 20 log10(R / 1 km) + N(0, sigma_snr_db).
// - Acoustic: only targets that make noise (not birds); manned aircraft out to
//   `aircraft_range_m`. With `propagation_delay` the bearing points where the sound left the
//   target, R / 343 m/s earlier.
// - EO/IR: every physical target; the reported class is drawn from the confusion row of the true
//   class, with a confidence drawn uniformly in [confidence_min, confidence_max] on it and the
//   rest spread over the row's other classes in proportion to their weights.
#include <algorithm>
#include <cmath>

#include "core/angles.hpp"
#include "sim/sensor_models.hpp"

namespace dewline::sim {
namespace {

constexpr double kSpeedOfSoundMps = 343.0;

bool is_manned(TargetClass c) {
  return c == TargetClass::AircraftFixedWing || c == TargetClass::Helicopter ||
         c == TargetClass::Glider;
}

class PassiveModel final : public SensorModel {
 public:
  PassiveModel(const SensorSpec& spec, std::uint64_t seed, std::size_t n_bodies)
      : spec_(spec), p_(spec.passive), streams_(seed, spec.id, n_bodies) {}

  [[nodiscard]] SensorInfo info() const override {
    SensorInfo s;
    s.id = spec_.id;
    s.name = spec_.name;
    s.kind = spec_.kind;
    s.position_m = spec_.position_m;
    s.sigma_azimuth_rad = p_.sigma_azimuth_rad;
    s.sigma_elevation_rad = p_.sigma_elevation_rad.value_or(0.0);
    s.pd = p_.pd;
    s.range_min_m = spec_.coverage.range_min_m;
    s.range_max_m = spec_.coverage.range_max_m;
    s.elevation_max_rad = spec_.coverage.elevation_max_rad;
    s.scan_period_s = p_.period_s;
    s.reports_elevation = p_.sigma_elevation_rad.has_value();
    return s;
  }

  [[nodiscard]] bool applicable(const BodyInfo& b) const override {
    switch (spec_.kind) {
      case SensorKind::RfDetector:
        return (b.physical && b.emitting) || (!b.physical && b.emitter_position_m.has_value());
      case SensorKind::Acoustic:
        return b.physical && b.acoustic;
      default:
        return b.physical;
    }
  }

  void step(const StepView& v, SensorOutput& out) override {
    const double first = std::ceil((v.t0 - p_.phase_s) / p_.period_s - 1e-9);
    for (double k = std::max(first, 0.0);; k += 1.0) {
      const double t = p_.phase_s + k * p_.period_s;
      if (t >= v.t1 - 1e-12 || t >= v.duration_s) {
        break;
      }
      for (std::size_t i = 0; i < v.bodies.size(); ++i) {
        if (v.alive(i) && applicable(v.bodies[i])) {
          look(v, i, t, out);
        }
      }
    }
  }

 private:
  [[nodiscard]] double range_limit(const BodyInfo& b) const {
    if (spec_.kind == SensorKind::Acoustic && is_manned(b.target_class)) {
      return p_.aircraft_range_m;
    }
    return spec_.coverage.range_max_m;
  }

  void look(const StepView& v, std::size_t i, double t, SensorOutput& out) {
    const BodyInfo& b = v.bodies[i];
    const BodyState s = v.at(i, t);
    Vec3 source = s.p;
    if (!b.physical) {
      source = *b.emitter_position_m;  // a ghost's transmitter
    } else if (spec_.kind == SensorKind::Acoustic && p_.propagation_delay) {
      const double delay = (s.p - spec_.position_m).norm() / kSpeedOfSoundMps;
      source = s.p - s.v * delay;
    }
    const Polar pol = enu_to_polar(source - spec_.position_m);
    const double rmax = range_limit(b);
    Coverage c = spec_.coverage;
    c.range_max_m = rmax;
    if (!in_coverage(c, pol.range_m, pol.azimuth_rad, pol.elevation_rad)) {
      return;
    }
    double pd = p_.pd + (p_.pd_at_max_range - p_.pd) * pol.range_m / rmax;
    if (spec_.kind == SensorKind::EoIr && v.night) {
      pd *= p_.night_pd_factor;
    }
    if (b.physical && pd >= v.opportunity_pd) {
      out.opportunity(i, t);
    }
    Rng& rng = streams_.get(i, b.target_id);
    if (!rng.bernoulli(pd)) {
      return;
    }
    BearingMeasurement m;
    m.azimuth_rad = wrap_pi(pol.azimuth_rad + rng.normal(0.0, p_.sigma_azimuth_rad));
    m.sigma_azimuth_rad = p_.sigma_azimuth_rad;
    if (p_.sigma_elevation_rad) {
      double el = pol.elevation_rad + rng.normal(0.0, *p_.sigma_elevation_rad);
      fold_over_zenith(m.azimuth_rad, el);
      m.elevation_rad = el;
      m.sigma_elevation_rad = *p_.sigma_elevation_rad;
    }
    Detection d;
    d.time = Time::from_seconds(t);
    d.receive_time = d.time;
    d.sensor = spec_.id;
    d.sensor_position_m = spec_.position_m;
    d.measurement = m;
    if (spec_.kind == SensorKind::RfDetector) {
      d.snr_db = p_.snr_at_1km_db - 20.0 * std::log10(std::max(pol.range_m, 1.0) / 1000.0) +
                 rng.normal(0.0, p_.sigma_snr_db);
      if (!b.model.empty() && rng.bernoulli(p_.p_identify)) {
        d.identity.emitter_model = b.model;
      }
    } else if (spec_.kind == SensorKind::EoIr) {
      d.class_probabilities = classify(b.target_class, rng);
    }
    d.truth_id = b.physical ? b.target_id : -1;
    out.detection(std::move(d), std::nullopt,
                  b.physical ? std::optional<std::size_t>(i) : std::nullopt);
  }

  [[nodiscard]] ClassProbabilities classify(TargetClass truth, Rng& rng) const {
    const auto& row = p_.confusion[static_cast<std::size_t>(truth)];
    const std::size_t reported = rng.categorical(row);
    const double conf = rng.uniform(p_.confidence_min, p_.confidence_max);
    ClassProbabilities cp;
    double others = 0.0;
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k != reported) {
        others += row[k];
      }
    }
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k == reported) {
        cp.p[k] = conf;
      } else if (others > 0.0) {
        cp.p[k] = (1.0 - conf) * row[k] / others;
      }
    }
    if (!(others > 0.0)) {
      if (reported == static_cast<std::size_t>(TargetClass::Unknown)) {
        cp.p[reported] = 1.0;
      } else {
        cp[TargetClass::Unknown] += 1.0 - conf;
      }
    }
    return cp;
  }

  const SensorSpec& spec_;
  const PassiveSpec& p_;
  PairStreams streams_;
};

}  // namespace

std::unique_ptr<SensorModel> make_passive_model(const SensorSpec& spec, std::uint64_t seed,
                                                std::size_t n_bodies) {
  return std::make_unique<PassiveModel>(spec, seed, n_bodies);
}

}  // namespace dewline::sim
