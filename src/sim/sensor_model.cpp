#include "sim/sensor_model.hpp"

#include <cmath>

#include "core/angles.hpp"
#include "sim/sensor_models.hpp"

namespace dewline::sim {

void SensorOutput::detection(Detection d, std::optional<ScanRef> scan,
                             std::optional<std::size_t> body) {
  if (body) {
    const double t = d.time.seconds();
    double& det = first_det_[sensor_ * n_bodies_ + *body];
    if (std::isnan(det) || t < det) {
      det = t;
    }
    opportunity(*body, t);  // a detection is an opportunity that was taken
  }
  SimEvent e;
  e.time = d.time;
  e.sensor = sensor_;
  e.seq = seq_++;
  e.detection = std::move(d);
  e.scan = scan;
  pending_.push_back(std::move(e));
}

void SensorOutput::scan_start(std::uint64_t index, Time start) {
  SimEvent e;
  e.time = start;
  e.sensor = sensor_;
  e.seq = seq_++;
  e.is_scan_start = true;
  e.scan = ScanRef{index, start};
  pending_.push_back(std::move(e));
}

void SensorOutput::opportunity(std::size_t body, double t_s) {
  double& cov = first_cov_[sensor_ * n_bodies_ + body];
  if (std::isnan(cov) || t_s < cov) {
    cov = t_s;
  }
}

Rng& PairStreams::get(std::size_t body, std::int64_t target_id) {
  auto& r = rngs_[body];
  if (!r) {
    r = std::make_unique<Rng>(stream_seed(seed_, StreamKind::SensorTarget,
                                          static_cast<std::uint64_t>(to_underlying(sensor_)),
                                          static_cast<std::uint64_t>(target_id)));
  }
  return *r;
}

void fold_over_zenith(double& azimuth_rad, double& elevation_rad) {
  if (elevation_rad > kPi / 2.0) {
    elevation_rad = kPi - elevation_rad;
    azimuth_rad = wrap_pi(azimuth_rad + kPi);
  } else if (elevation_rad < -kPi / 2.0) {
    elevation_rad = -kPi - elevation_rad;
    azimuth_rad = wrap_pi(azimuth_rad + kPi);
  }
}

bool in_sector(const Coverage& c, double azimuth_rad) {
  if (c.sector_width_rad >= 2.0 * kPi - 1e-12) {
    return true;
  }
  return wrap_two_pi(azimuth_rad - c.sector_start_rad) <= c.sector_width_rad;
}

bool in_coverage(const Coverage& c, double range_m, double azimuth_rad, double elevation_rad) {
  return range_m >= c.range_min_m && range_m <= c.range_max_m &&
         elevation_rad >= c.elevation_min_rad && elevation_rad <= c.elevation_max_rad &&
         in_sector(c, azimuth_rad);
}

std::unique_ptr<SensorModel> make_sensor_model(const SensorSpec& spec, std::uint64_t seed,
                                               std::size_t n_bodies) {
  switch (spec.kind) {
    case SensorKind::RotatingRadar:
    case SensorKind::EsaRadar:
      return make_radar_model(spec, seed, n_bodies);
    case SensorKind::RfDetector:
    case SensorKind::Acoustic:
    case SensorKind::EoIr:
      return make_passive_model(spec, seed, n_bodies);
    case SensorKind::RemoteIdReceiver:
    case SensorKind::AdsbReceiver:
    case SensorKind::Other:
      break;
  }
  return make_receiver_model(spec, seed, n_bodies);
}

}  // namespace dewline::sim
