#include "sim/emit_asterix.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/log.hpp"
#include "ingest/asterix/encoder.hpp"
#include "ingest/asterix/to_cat048.hpp"
#include "ingest/pcap/udp_frame.hpp"
#include "ingest/remoteid/capture_writer.hpp"
#include "sim/emit_common.hpp"

namespace dewline::sim {

std::uint8_t asterix_sac(SensorId id) {
  return static_cast<std::uint8_t>((to_underlying(id) >> 8U) & 0xFFU);
}
std::uint8_t asterix_sic(SensorId id) {
  return static_cast<std::uint8_t>(to_underlying(id) & 0xFFU);
}

namespace {

namespace ax = ingest::asterix;

constexpr std::uint16_t kPort = 8600;

double time_of_day_s(Time t) {
  const double s = std::fmod(t.seconds(), 86400.0);
  return s < 0.0 ? s + 86400.0 : s;
}

class AsterixEmitter final : public Emitter {
 public:
  AsterixEmitter(std::filesystem::path path, std::optional<ingest::Endpoint> to)
      : path_(std::move(path)), to_(std::move(to)) {}

  [[nodiscard]] std::string_view name() const override { return to_ ? "asterix-udp" : "asterix"; }

  Result<void, std::string> open(const EmitterContext& ctx) override {
    frame_ = ctx.frame;
    radars_.clear();
    for (const auto& s : ctx.sensors) {
      if (is_radar(s.kind)) {
        radars_.push_back(
            Radar{s, frame_.to_geodetic(s.position_m), ax::DatagramBuilder(1400), std::nullopt});
      }
    }
    if (to_) {
      auto s = ingest::UdpSender::open(*to_);
      if (!s) {
        return unexpected(s.error());
      }
      sender_.emplace(std::move(*s));
    } else {
      std::error_code ec;
      if (path_.has_parent_path()) {
        std::filesystem::create_directories(path_.parent_path(), ec);
      }
      auto w =
          ingest::remoteid::CaptureWriter::create(path_, ingest::remoteid::CaptureFormat::Pcap);
      if (!w) {
        return unexpected(w.error());
      }
      writer_.emplace(std::move(*w));
    }
    return {};
  }

  Result<void, std::string> scan_start(const SensorInfo& sensor, const ScanRef& scan) override {
    Radar* r = find(sensor.id);
    if (r == nullptr) {
      return {};
    }
    now_ = scan.start;
    if (auto f = flush(*r); !f) {
      return f;
    }
    r->first = scan.start;
    if (r->info.kind != SensorKind::RotatingRadar) {
      return {};  // an ESA sweep is no north crossing: no CAT034
    }
    ax::Cat034Record nm = ax::make_north_marker(source(*r), time_of_day_s(scan.start));
    if (r->info.scan_period_s > 0.0 && r->info.scan_period_s < 512.0) {
      nm.i041 = r->info.scan_period_s;
    }
    nm.i120 = ax::DataSourcePosition{r->position.alt_m, r->position.lat_deg, r->position.lon_deg};
    return add(*r, nm);
  }

  Result<void, std::string> detection(const SensorInfo& sensor, const Detection& d,
                                      const ScanRef* /*scan*/) override {
    Radar* r = find(sensor.id);
    if (r == nullptr) {
      return {};
    }
    now_ = d.time;
    // A radar without scan starts sends once per scan period.
    if (r->first && (d.time - *r->first).seconds() >= std::max(sensor.scan_period_s, 0.1)) {
      if (auto f = flush(*r); !f) {
        return f;
      }
    }
    if (!r->first) {
      r->first = d.time;
    }
    ax::Cat048ReportOptions opt;
    opt.source = source(*r);
    opt.typ = d.identity.mode3a || d.identity.icao24 ? 3 : 1;
    auto rec = ax::cat048_from_detection(d, frame_, r->position, opt);
    if (!rec) {
      ++dropped_;
      return {};
    }
    return add(*r, *rec);
  }

  Result<void, std::string> close() override {
    for (auto& r : radars_) {
      if (auto f = flush(r); !f) {
        return f;
      }
    }
    if (dropped_ > 0) {
      log().warn("sim --emit {}: {} records not encodable in ASTERIX, dropped", name(), dropped_);
    }
    if (writer_) {
      const bool empty = writer_->frames() == 0;
      if (auto r = writer_->close(); !r) {
        return r;
      }
      if (empty) {
        return write_empty_pcap(path_, ingest::kLinkTypeEthernet);
      }
    }
    return {};
  }

 private:
  struct Radar {
    SensorInfo info;
    Geodetic position;
    ax::DatagramBuilder builder;
    std::optional<Time> first;  // first record of the open datagram
  };

  Radar* find(SensorId id) {
    for (auto& r : radars_) {
      if (r.info.id == id) {
        return &r;
      }
    }
    return nullptr;
  }
  static ax::DataSourceIdentifier source(const Radar& r) {
    return {asterix_sac(r.info.id), asterix_sic(r.info.id)};
  }

  template <class Record>
  Result<void, std::string> add(Radar& r, const Record& rec) {
    if (auto a = r.builder.add(rec); !a) {
      ++dropped_;
    }
    return {};
  }

  Result<void, std::string> flush(Radar& r) {
    r.first.reset();
    for (const auto& dgram : r.builder.finish()) {
      if (sender_) {
        if (auto s = sender_->send(dgram); !s) {
          return s;
        }
        continue;
      }
      ingest::UdpFrameAddress addr;  // 10.0.0.1 -> 232.1.1.1, the radar's multicast group
      addr.src_port = kPort;
      addr.dst_port = kPort;
      ingest::build_udp_frame(dgram, addr, ip_id_++, frame_bytes_);
      if (auto w = writer_->write(ingest::kLinkTypeEthernet, now_, frame_bytes_); !w) {
        return w;
      }
    }
    return {};
  }

  std::filesystem::path path_;
  std::optional<ingest::Endpoint> to_;
  EnuFrame frame_;
  std::vector<Radar> radars_;
  std::optional<ingest::UdpSender> sender_;
  std::optional<ingest::remoteid::CaptureWriter> writer_;
  std::vector<std::byte> frame_bytes_;
  Time now_;
  std::uint16_t ip_id_ = 1;
  std::uint64_t dropped_ = 0;
};

}  // namespace

std::unique_ptr<Emitter> make_asterix_pcap_emitter(const std::filesystem::path& path) {
  return std::make_unique<AsterixEmitter>(path, std::nullopt);
}

std::unique_ptr<Emitter> make_asterix_udp_emitter(const ingest::Endpoint& to) {
  return std::make_unique<AsterixEmitter>(std::filesystem::path{}, to);
}

}  // namespace dewline::sim
