#include "sim/simulator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "sim/broadcasts.hpp"

namespace dewline::sim {
namespace {

// Event order: time, then scan starts before plots, then sensor id, then generation order.
bool event_before(const SimEvent& a, const SimEvent& b, const std::vector<SensorInfo>& sensors) {
  return std::make_tuple(a.time, !a.is_scan_start, sensors[a.sensor].id, a.seq) <
         std::make_tuple(b.time, !b.is_scan_start, sensors[b.sensor].id, b.seq);
}

std::optional<double> opt(double v) {
  return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

}  // namespace

Simulator::Simulator(const Scenario& scenario, std::uint64_t seed)
    : scenario_(scenario), seed_(seed), population_(build_population(scenario, seed)) {
  for (const auto& spec : scenario.sensors) {
    models_.push_back(make_sensor_model(spec, seed, population_.bodies.size()));
    sensor_infos_.push_back(models_.back()->info());
  }
}

Simulator::~Simulator() = default;

Result<SimResult, std::string> Simulator::run(std::span<Emitter* const> emitters) {
  const std::size_t n_bodies = population_.bodies.size();
  const std::size_t n_sensors = models_.size();
  SimResult result;
  result.sensors = sensor_infos_;
  result.detections_per_sensor.assign(n_sensors, 0);

  EmitterContext ctx{scenario_.name, seed_, EnuFrame(scenario_.site), sensor_infos_,
                     scenario_.duration};
  for (Emitter* e : emitters) {
    if (auto r = e->open(ctx); !r) {
      return unexpected(std::string(e->name()) + ": " + r.error());
    }
  }

  std::vector<BodyState> s0(n_bodies);
  std::vector<BodyState> s1(n_bodies);
  for (auto& slot : population_.motions) {
    slot.motion->init(std::span(s1).subspan(slot.first, slot.motion->size()));
  }

  std::vector<double> first_cov(n_sensors * n_bodies, std::nan(""));
  std::vector<double> first_det(n_sensors * n_bodies, std::nan(""));
  std::vector<SimEvent> pending;
  std::vector<SimEvent> ready;
  std::vector<Broadcast> broadcasts;
  std::uint64_t seq = 0;
  SensorOutput output(pending, seq, first_cov, first_det, n_bodies);
  Broadcasters transmitters(population_.bodies, seed_);

  result.bodies.resize(n_bodies);
  for (std::size_t i = 0; i < n_bodies; ++i) {
    result.bodies[i].info = population_.bodies[i];
  }
  auto note_alive = [&](double t) {
    for (std::size_t i = 0; i < n_bodies; ++i) {
      if (s1[i].alive) {
        auto& b = result.bodies[i];
        if (!b.born_s) {
          b.born_s = t;
        }
        b.last_alive_s = t;
      }
    }
  };
  auto record_truth = [&](double t) {
    for (std::size_t i = 0; i < n_bodies; ++i) {
      if (s1[i].alive && population_.bodies[i].physical) {
        result.truth.push_back(
            ingest::TruthRow{t, population_.bodies[i].target_id, s1[i].p, s1[i].v});
      }
    }
  };
  std::vector<Rng> latency_rng;
  for (std::size_t i = 0; i < scenario_.sensors.size(); ++i) {
    latency_rng.emplace_back(stream_seed(seed_, StreamKind::SensorLatency, i));
  }
  // Emits every pending event before `limit`, in order.
  auto flush = [&](Time limit) -> Result<void, std::string> {
    auto mid = std::partition(pending.begin(), pending.end(),
                              [&](const SimEvent& e) { return e.time < limit; });
    ready.assign(std::make_move_iterator(pending.begin()), std::make_move_iterator(mid));
    pending.erase(pending.begin(), mid);
    std::sort(ready.begin(), ready.end(), [&](const SimEvent& a, const SimEvent& b) {
      return event_before(a, b, sensor_infos_);
    });
    for (const SimEvent& e : ready) {
      const SensorInfo& s = sensor_infos_[e.sensor];
      const SensorSpec& spec = scenario_.sensors[e.sensor];
      const Detection* det = &e.detection;
      Detection delayed;
      if (!e.is_scan_start && (spec.latency_s > 0.0 || spec.latency_jitter_s > 0.0)) {
        delayed = e.detection;
        const double jitter = spec.latency_jitter_s > 0.0
                                  ? spec.latency_jitter_s * latency_rng[e.sensor].uniform()
                                  : 0.0;
        delayed.receive_time = delayed.time + Duration::from_seconds(spec.latency_s + jitter);
        det = &delayed;
      }
      for (Emitter* em : emitters) {
        auto r = e.is_scan_start ? em->scan_start(s, *e.scan)
                                 : em->detection(s, *det, e.scan ? &*e.scan : nullptr);
        if (!r) {
          return unexpected(std::string(em->name()) + ": " + r.error());
        }
      }
      if (!e.is_scan_start) {
        ++result.detections_per_sensor[e.sensor];
        if (e.detection.truth_id == std::optional<std::int64_t>(-1) && e.scan) {
          ++result.clutter;
        }
      }
    }
    ready.clear();
    return {};
  };

  const std::int64_t step_ns = scenario_.step.ns;
  const std::int64_t duration_ns = scenario_.duration.ns;
  const std::int64_t truth_ns = scenario_.truth_period.ns;
  const double duration_s = static_cast<double>(duration_ns) / 1e9;
  note_alive(0.0);
  record_truth(0.0);
  for (std::int64_t k = 0; k * step_ns < duration_ns; ++k) {
    const std::int64_t t0_ns = k * step_ns;
    const std::int64_t t1_ns = t0_ns + step_ns;
    // Division (not multiplication by 1e-9) gives the double nearest each grid time, so whole
    // seconds are exact.
    const double t0 = static_cast<double>(t0_ns) / 1e9;
    const double t1 = static_cast<double>(t1_ns) / 1e9;
    s0 = s1;
    for (auto& slot : population_.motions) {
      slot.motion->advance(t0, t1 - t0, std::span(s1).subspan(slot.first, slot.motion->size()));
    }
    StepView view;
    view.t0 = t0;
    view.t1 = t1;
    view.duration_s = duration_s;
    view.night = scenario_.night;
    view.opportunity_pd = scenario_.output.opportunity_pd;
    view.s0 = s0;
    view.s1 = s1;
    view.bodies = population_.bodies;
    broadcasts.clear();
    transmitters.step(view, broadcasts);
    result.broadcasts += broadcasts.size();
    view.broadcasts = broadcasts;
    for (std::size_t si = 0; si < n_sensors; ++si) {
      output.set_sensor(si);
      models_[si]->step(view, output);
    }
    if (auto r = flush(Time::from_ns(t1_ns)); !r) {
      return unexpected(r.error());
    }
    if (t1_ns <= duration_ns) {
      note_alive(t1);
      if (t1_ns % truth_ns == 0) {
        record_truth(t1);
      }
    }
  }
  if (auto r = flush(Time::from_ns(duration_ns)); !r) {
    return unexpected(r.error());
  }
  for (Emitter* e : emitters) {
    if (auto r = e->close(); !r) {
      return unexpected(std::string(e->name()) + ": " + r.error());
    }
  }

  for (std::size_t i = 0; i < n_bodies; ++i) {
    BodySummary& b = result.bodies[i];
    for (std::size_t si = 0; si < n_sensors; ++si) {
      if (!models_[si]->applicable(population_.bodies[i])) {
        continue;
      }
      const double cov = first_cov[si * n_bodies + i];
      const double det = first_det[si * n_bodies + i];
      if (population_.bodies[i].physical) {
        result.coverage.push_back(
            CoverageRow{population_.bodies[i].target_id, sensor_infos_[si].id, opt(cov), opt(det)});
      }
      if (!std::isnan(cov) && (!b.first_opportunity_s || cov < *b.first_opportunity_s)) {
        b.first_opportunity_s = cov;
        b.first_opportunity_sensor = sensor_infos_[si].id;
      }
      if (!std::isnan(det) && (!b.first_detection_s || det < *b.first_detection_s)) {
        b.first_detection_s = det;
        b.first_detection_sensor = sensor_infos_[si].id;
      }
    }
  }
  std::stable_sort(result.truth.begin(), result.truth.end(),
                   [](const ingest::TruthRow& a, const ingest::TruthRow& b) {
                     return std::tie(a.time_s, a.target_id) < std::tie(b.time_s, b.target_id);
                   });
  std::stable_sort(result.coverage.begin(), result.coverage.end(),
                   [](const CoverageRow& a, const CoverageRow& b) {
                     return std::tie(a.target_id, a.sensor) < std::tie(b.target_id, b.sensor);
                   });
  return result;
}

}  // namespace dewline::sim
