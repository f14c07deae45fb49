#include "sim/emit_beast.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include "ingest/adsb/beast_framer.hpp"
#include "ingest/adsb/encoder.hpp"
#include "sim/emit_common.hpp"

namespace dewline::sim {
namespace {

namespace adsb = ingest::adsb;

constexpr double kFeetPerMetre = 1.0 / 0.3048;
constexpr double kKnotsPerMps = 3600.0 / 1852.0;
constexpr double kFpmPerMps = 60.0 / 0.3048;
constexpr double kPairAfterSilenceS = 61.0;  // > AircraftTableConfig::local_reference_max_age
constexpr std::uint64_t kIdentEvery = 10;
constexpr double kFullScaleDbm = 50.0;  // the receiver's full scale is -50 dBm

class BeastEmitter final : public Emitter {
 public:
  explicit BeastEmitter(std::filesystem::path path) : path_(std::move(path)) {}

  [[nodiscard]] std::string_view name() const override { return "beast"; }

  Result<void, std::string> open(const EmitterContext& ctx) override {
    frame_ = ctx.frame;
    receivers_.clear();
    std::size_t n = 0;
    for (const auto& s : ctx.sensors) {
      n += s.kind == SensorKind::AdsbReceiver ? 1 : 0;
    }
    receivers_.reserve(n);
    for (const auto& s : ctx.sensors) {
      if (s.kind != SensorKind::AdsbReceiver) {
        continue;
      }
      receivers_.emplace_back();
      receivers_.back().id = s.id;
      if (auto r = receivers_.back().file.open(per_sensor_path(path_, s, n)); !r) {
        return r;
      }
    }
    return {};
  }

  Result<void, std::string> detection(const SensorInfo& sensor, const Detection& d,
                                      const ScanRef* /*scan*/) override {
    const auto* pm = std::get_if<PositionMeasurement>(&d.measurement);
    Receiver* rx = find(sensor.id);
    if (pm == nullptr || rx == nullptr || !d.identity.icao24) {
      return {};
    }
    const std::uint32_t icao = *d.identity.icao24 & 0xFFFFFFU;
    Aircraft& ac = rx->aircraft[icao];
    const auto ticks = static_cast<std::uint64_t>(
        std::max<std::int64_t>(0, std::llround(d.time.seconds() * adsb::kBeastClockHz)));
    std::uint8_t signal = 255;
    if (d.snr_db) {
      const double dbfs = std::min(*d.snr_db + kFullScaleDbm, 0.0);
      const double s = 255.0 * std::pow(10.0, dbfs / 20.0);
      signal = static_cast<std::uint8_t>(std::clamp(std::lround(s), 1L, 255L));
    }
    out_.clear();
    auto put = [&](const adsb::MessageBytes& m) {
      adsb::append_beast_frame(out_, adsb::BeastFrameType::ModeSLong, ticks, signal,
                               std::as_bytes(std::span(m)));
    };

    const Geodetic g = frame_.to_geodetic(pm->position_m);
    if (pm->velocity_mps) {
      const Vec3 v = frame_.rotation_from_local(g).transpose() * *pm->velocity_mps;
      adsb::AirborneVelocityInput vin;
      vin.icao = icao;
      vin.v_east_kt = v.x() * kKnotsPerMps;
      vin.v_north_kt = v.y() * kKnotsPerMps;
      vin.vertical_rate_fpm = v.z() * kFpmPerMps;
      vin.vertical_rate_baro = false;
      vin.geo_minus_baro_ft = 0.0;
      put(adsb::encode_airborne_velocity(vin));
    }
    if (!d.identity.callsign.empty() && ac.reports % kIdentEvery == 0) {
      put(adsb::encode_identification(icao, d.identity.callsign));
    }
    adsb::AirbornePositionInput pin;
    pin.icao = icao;
    pin.lat_deg = g.lat_deg;
    pin.lon_deg = g.lon_deg;
    pin.altitude_ft = g.alt_m * kFeetPerMetre;
    const bool pair = !ac.last || (d.time - *ac.last).seconds() > kPairAfterSilenceS;
    if (pair) {
      put(adsb::encode_airborne_position(pin, ac.odd));
      ac.odd = !ac.odd;
    }
    put(adsb::encode_airborne_position(pin, ac.odd));
    ac.odd = !ac.odd;
    ac.last = d.time;
    ++ac.reports;
    return rx->file.write(out_);
  }

  Result<void, std::string> close() override {
    for (auto& r : receivers_) {
      if (auto c = r.file.close(); !c) {
        return c;
      }
    }
    return {};
  }

 private:
  struct Aircraft {
    bool odd = false;
    std::optional<Time> last;
    std::uint64_t reports = 0;
  };
  struct Receiver {
    SensorId id{};
    ByteFile file;
    std::map<std::uint32_t, Aircraft> aircraft;
  };

  Receiver* find(SensorId id) {
    for (auto& r : receivers_) {
      if (r.id == id) {
        return &r;
      }
    }
    return nullptr;
  }

  std::filesystem::path path_;
  EnuFrame frame_;
  std::vector<Receiver> receivers_;
  std::vector<std::byte> out_;
};

}  // namespace

std::unique_ptr<Emitter> make_beast_emitter(const std::filesystem::path& path) {
  return std::make_unique<BeastEmitter>(path);
}

}  // namespace dewline::sim
