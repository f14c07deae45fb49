#include "sim/broadcasts.hpp"

#include <algorithm>
#include <cmath>

#include "core/angles.hpp"

namespace dewline::sim {

Broadcasters::Broadcasters(const std::vector<BodyInfo>& bodies, std::uint64_t seed)
    : bodies_(bodies) {
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const BodyInfo& b = bodies[i];
    for (int kind = 0; kind < 2; ++kind) {
      const bool adsb = kind == 1;
      if ((adsb && !b.adsb) || (!adsb && !b.remote_id)) {
        continue;
      }
      Transmitter tx{
          i,
          adsb,
          1.0,
          0.0,
          0,
          Vec3::Zero(),
          0.0,
          Rng(stream_seed(seed, StreamKind::Broadcast, static_cast<std::uint64_t>(b.target_id),
                          static_cast<std::uint64_t>(kind)))};
      tx.period_s = 1.0 / (adsb ? b.adsb->rate_hz : b.remote_id->rate_hz);
      tx.next_s = tx.rng.uniform(0.0, tx.period_s);
      if (!adsb) {
        tx.next_jump_s = b.remote_id->spoof_from_s;
      }
      transmitters_.push_back(std::move(tx));
    }
  }
}

void Broadcasters::step(const StepView& view, std::vector<Broadcast>& out) {
  const std::size_t begin = out.size();
  for (Transmitter& tx : transmitters_) {
    while (tx.next_s < view.t1 - 1e-12) {
      const double t = tx.next_s;
      tx.next_s += tx.period_s;
      if (t >= view.t0 - 1e-12 && view.alive(tx.body)) {
        send(view, tx, t, out);
      }
    }
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(begin), out.end(),
                   [](const Broadcast& a, const Broadcast& b) { return a.t_s < b.t_s; });
}

void Broadcasters::send(const StepView& view, Transmitter& tx, double t,
                        std::vector<Broadcast>& out) {
  const BodyInfo& b = bodies_[tx.body];
  const BodyState s = view.at(tx.body, t);
  Rng& rng = tx.rng;
  Broadcast bc;
  bc.body = tx.body;
  bc.t_s = t;
  bc.adsb = tx.adsb;
  bc.transmitter_m = b.physical ? s.p : b.emitter_position_m.value_or(s.p);
  bc.truth_id = b.physical ? b.target_id : -1;
  double sh = 0.0;
  double sv = 0.0;
  double svel = 0.0;
  if (tx.adsb) {
    sh = b.adsb->sigma_h_m;
    sv = b.adsb->sigma_v_m;
    svel = b.adsb->sigma_velocity_mps;
    bc.identity.icao24 = b.adsb->icao24;
    bc.identity.callsign = b.adsb->callsign;
    bc.identity.mode3a = b.adsb->mode3a;
  } else {
    const RemoteIdSpec& r = *b.remote_id;
    sh = r.sigma_h_m;
    sv = r.sigma_v_m;
    svel = r.sigma_velocity_mps;
    bc.identity.remote_id = r.serial;
    bc.identity.operator_position_m = r.operator_position_m;
    bc.identity.operator_id = r.operator_id;
  }
  PositionMeasurement& m = bc.content;
  m.position_m = s.p + Vec3{rng.normal(0.0, sh), rng.normal(0.0, sh), rng.normal(0.0, sv)};
  m.covariance_m2 = Vec3{sh * sh, sh * sh, sv * sv}.asDiagonal();
  m.velocity_mps = s.v + Vec3{rng.normal(0.0, svel), rng.normal(0.0, svel), rng.normal(0.0, svel)};
  m.velocity_covariance_m2ps2 = Vec3{svel * svel, svel * svel, svel * svel}.asDiagonal();
  if (!tx.adsb && b.remote_id->spoofs() && t >= b.remote_id->spoof_from_s) {
    const RemoteIdSpec& r = *b.remote_id;
    bc.spoofed = true;
    if (r.spoof_jump_period_s > 0.0) {
      while (t >= tx.next_jump_s) {
        const double a = rng.uniform(-kPi, kPi);
        tx.jump += r.spoof_jump_m * Vec3{std::cos(a), std::sin(a), 0.0};
        tx.next_jump_s += r.spoof_jump_period_s;
      }
    }
    m.position_m += r.spoof_offset_m + tx.jump;
    if (!r.spoof_serials.empty()) {
      const std::size_t n = r.spoof_serials.size() + 1;
      const std::size_t k = tx.count % n;
      bc.identity.remote_id = k == 0 ? r.serial : r.spoof_serials[k - 1];
    }
  }
  ++tx.count;
  out.push_back(std::move(bc));
}

}  // namespace dewline::sim
