// Remote ID and ADS-B receivers (docs/simulator.md, "Cooperative receivers").
//
// A receiver hears a broadcast (broadcasts.hpp) when its transmitter is within `range_max_m`,
// with probability `p_receive`, and reports exactly what the broadcast says: a full position with
// the covariance the broadcast declares, the velocity, and the identity (Remote ID serial,
// operator position and id; or ICAO address, callsign and squawk). `snr_db` is the received
// level from the real transmitter: rssi_at_1km_db - 20 log10(R / 1 km) + N(0, sigma_rssi_db), so a
// spoofed position and the signal strength can disagree. The detection time is the broadcast
// time (the position's time of applicability).
#include <cmath>

#include "sim/sensor_models.hpp"

namespace dewline::sim {
namespace {

class ReceiverModel final : public SensorModel {
 public:
  ReceiverModel(const SensorSpec& spec, std::uint64_t seed, std::size_t n_bodies)
      : spec_(spec),
        streams_(seed, spec.id, n_bodies),
        adsb_(spec.kind == SensorKind::AdsbReceiver) {}

  [[nodiscard]] SensorInfo info() const override {
    SensorInfo s;
    s.id = spec_.id;
    s.name = spec_.name;
    s.kind = spec_.kind;
    s.position_m = spec_.position_m;
    s.pd = spec_.receiver.p_receive;
    s.range_max_m = spec_.coverage.range_max_m;
    s.scan_period_s = adsb_ ? 0.5 : 1.0;
    s.sigma_position_m = adsb_ ? 10.0 : 3.0;
    s.reports_elevation = true;
    return s;
  }

  [[nodiscard]] bool applicable(const BodyInfo& b) const override {
    return adsb_ ? b.adsb.has_value() : b.remote_id.has_value();
  }

  void step(const StepView& v, SensorOutput& out) override {
    for (const Broadcast& bc : v.broadcasts) {
      if (bc.adsb != adsb_ || bc.t_s >= v.duration_s) {
        continue;
      }
      const double range = (bc.transmitter_m - spec_.position_m).norm();
      if (range > spec_.coverage.range_max_m) {
        continue;
      }
      const BodyInfo& b = v.bodies[bc.body];
      if (b.physical) {
        out.opportunity(bc.body, bc.t_s);
      }
      Rng& rng = streams_.get(bc.body, b.target_id);
      if (!rng.bernoulli(spec_.receiver.p_receive)) {
        continue;
      }
      Detection d;
      d.time = Time::from_seconds(bc.t_s);
      d.receive_time = d.time;
      d.sensor = spec_.id;
      d.sensor_position_m = spec_.position_m;
      d.measurement = bc.content;
      d.identity = bc.identity;
      d.snr_db = spec_.receiver.rssi_at_1km_db - 20.0 * std::log10(std::max(range, 1.0) / 1000.0) +
                 rng.normal(0.0, spec_.receiver.sigma_rssi_db);
      d.truth_id = bc.truth_id;
      out.detection(std::move(d), std::nullopt,
                    b.physical ? std::optional<std::size_t>(bc.body) : std::nullopt);
    }
  }

 private:
  const SensorSpec& spec_;
  PairStreams streams_;
  bool adsb_;
};

}  // namespace

std::unique_ptr<SensorModel> make_receiver_model(const SensorSpec& spec, std::uint64_t seed,
                                                 std::size_t n_bodies) {
  return std::make_unique<ReceiverModel>(spec, seed, n_bodies);
}

}  // namespace dewline::sim
