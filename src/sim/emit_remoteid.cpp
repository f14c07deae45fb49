#include "sim/emit_remoteid.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>
#include <vector>

#include "ingest/remoteid/capture_writer.hpp"
#include "ingest/remoteid/frame_builder.hpp"
#include "ingest/remoteid/loopback_link.hpp"
#include "ingest/remoteid/odid_units.hpp"
#include "ingest/remoteid/wifi_link.hpp"
#include "sim/emit_common.hpp"

namespace dewline::sim {
namespace {

namespace rid = ingest::remoteid;

constexpr std::uint8_t kProtocolVersion = 2;  // F3411-22a
constexpr double kCircular95 = 2.4477468306808166;
constexpr double kLinear95 = 1.959963984540054;

template <std::size_t N>
void set_text(rid::FixedText<N>& f, std::string_view s) {
  f.bytes.fill('\0');
  std::copy_n(s.begin(), std::min(N, s.size()), f.bytes.begin());
}

// FNV-1a 64 of the serial: a stable, locally administered unicast address per transmitter.
rid::MacAddress address_for(std::string_view serial, std::int64_t fallback) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](std::uint8_t b) {
    h ^= b;
    h *= 0x100000001b3ULL;
  };
  if (serial.empty()) {
    for (int i = 0; i < 8; ++i) {
      mix(static_cast<std::uint8_t>((static_cast<std::uint64_t>(fallback) >> (8 * i)) & 0xFFU));
    }
  }
  for (char c : serial) {
    mix(static_cast<std::uint8_t>(c));
  }
  rid::MacAddress m;
  for (std::size_t i = 0; i < 6; ++i) {
    m.octets[i] = static_cast<std::uint8_t>((h >> (8 * i)) & 0xFFU);
  }
  m.octets[0] = static_cast<std::uint8_t>((m.octets[0] & 0xFCU) | 0x02U);
  return m;
}

class RemoteIdEmitter final : public Emitter {
 public:
  RemoteIdEmitter(std::filesystem::path path, RemoteIdTransport transport,
                  std::optional<ingest::Endpoint> to)
      : path_(std::move(path)), transport_(transport), to_(std::move(to)) {}

  [[nodiscard]] std::string_view name() const override {
    return to_                                             ? "remoteid-udp"
           : transport_ == RemoteIdTransport::Bt5LongRange ? "remoteid-bt5"
                                                           : "remoteid";
  }

  Result<void, std::string> open(const EmitterContext& ctx) override {
    frame_ = ctx.frame;
    receivers_.clear();
    if (to_) {
      auto s = rid::LoopbackSender::open(*to_);
      if (!s) {
        return unexpected(s.error());
      }
      sender_.emplace(std::move(*s));
      for (const auto& s2 : ctx.sensors) {
        if (s2.kind == SensorKind::RemoteIdReceiver) {
          receivers_.emplace_back(s2.id, std::nullopt);
        }
      }
      return {};
    }
    std::size_t n = 0;
    for (const auto& s : ctx.sensors) {
      n += s.kind == SensorKind::RemoteIdReceiver ? 1 : 0;
    }
    const auto format =
        path_.extension() == ".pcapng" ? rid::CaptureFormat::Pcapng : rid::CaptureFormat::Pcap;
    for (const auto& s : ctx.sensors) {
      if (s.kind != SensorKind::RemoteIdReceiver) {
        continue;
      }
      const auto p = per_sensor_path(path_, s, n);
      std::error_code ec;
      if (p.has_parent_path()) {
        std::filesystem::create_directories(p.parent_path(), ec);
      }
      auto w = rid::CaptureWriter::create(p, format);
      if (!w) {
        return unexpected(w.error());
      }
      receivers_.emplace_back(s.id, std::move(*w));
      paths_.push_back(p);
    }
    return {};
  }

  Result<void, std::string> detection(const SensorInfo& sensor, const Detection& d,
                                      const ScanRef* /*scan*/) override {
    const auto* pm = std::get_if<PositionMeasurement>(&d.measurement);
    bool known = false;
    rid::CaptureWriter* w = find(sensor.id, known);
    if (pm == nullptr || !known) {
      return {};
    }
    build_messages(d, *pm);
    const rid::MacAddress address = address_for(d.identity.remote_id, d.truth_id.value_or(-1));
    // One broadcast heard by several receivers is one transmission: same counter and sequence.
    Transmitter& tx = transmitters_[address.key()];
    if (tx.last && *tx.last != d.time) {
      ++tx.counter;
      ++tx.sequence;
    }
    tx.last = d.time;
    const auto rssi =
        static_cast<std::int8_t>(d.snr_db ? std::clamp(std::lround(*d.snr_db), -127L, 0L) : -60L);
    std::vector<std::byte> bytes;
    int link = rid::kDltIeee80211Radiotap;
    if (transport_ == RemoteIdTransport::Bt5LongRange) {
      rid::BleFrameParams p;
      p.address = address;
      p.channel = static_cast<std::uint8_t>(tx.counter % 37U);  // a secondary channel
      p.rssi_dbm = rssi;
      p.advertising_data_id = static_cast<std::uint16_t>(tx.sequence & 0x0FFFU);
      bytes = rid::build_bt5_long_range(p, tx.counter, messages_);
      link = rid::link_type_of(rid::BleLinkType::NordicBle);
    } else {
      rid::WifiFrameParams p;
      p.transmitter = address;
      p.tsf_us = static_cast<std::uint64_t>(std::max<std::int64_t>(d.time.ns / 1000, 0));
      p.sequence = static_cast<std::uint16_t>(tx.sequence & 0x0FFFU);
      p.rssi_dbm = rssi;
      bytes = rid::build_wifi_beacon(p, tx.counter, messages_);
    }
    if (sender_) {
      return sender_->send(link, d.time, bytes);
    }
    return w->write(link, d.time, bytes);
  }

  Result<void, std::string> close() override {
    for (std::size_t i = 0; i < receivers_.size(); ++i) {
      auto& w = receivers_[i].second;
      if (!w) {
        continue;
      }
      const bool empty = w->frames() == 0;
      if (auto r = w->close(); !r) {
        return r;
      }
      if (empty && format_ == rid::CaptureFormat::Pcap) {
        // CaptureWriter writes a pcap header with the first frame: give a silent receiver a
        // valid empty capture instead of an empty file.
        const int link = transport_ == RemoteIdTransport::Bt5LongRange
                             ? rid::link_type_of(rid::BleLinkType::NordicBle)
                             : rid::kDltIeee80211Radiotap;
        if (auto r = write_empty_pcap(paths_[i], link); !r) {
          return r;
        }
      }
    }
    return {};
  }

 private:
  struct Transmitter {
    std::uint8_t counter = 0;
    std::uint32_t sequence = 0;
    std::optional<Time> last;  // time of the last transmission
  };

  // The receiver's capture (null when sending over UDP); `known` whether it is a receiver.
  rid::CaptureWriter* find(SensorId id, bool& known) {
    for (auto& [sid, w] : receivers_) {
      if (sid == id) {
        known = true;
        return w ? &*w : nullptr;
      }
    }
    return nullptr;
  }

  void build_messages(const Detection& d, const PositionMeasurement& pm) {
    messages_.clear();
    rid::BasicId basic;
    basic.id_type = 1;  // serial number (ANSI/CTA-2063-A)
    set_text(basic.uas_id, d.identity.remote_id);
    messages_.push_back(rid::Message{kProtocolVersion, basic});

    const Geodetic g = frame_.to_geodetic(pm.position_m);
    rid::Location loc;
    loc.status = 2;  // airborne
    loc.latitude = rid::encode_lat_lon(g.lat_deg);
    loc.longitude = rid::encode_lat_lon(g.lon_deg);
    loc.geodetic_altitude = rid::encode_altitude(g.alt_m);
    loc.pressure_altitude = rid::encode_altitude(std::nullopt);
    loc.height = rid::encode_altitude(std::nullopt);
    if (pm.velocity_mps) {
      // Site axes -> the drone's local ENU axes (the broadcast's course is true north there).
      const Vec3 v = frame_.rotation_from_local(g).transpose() * *pm.velocity_mps;
      double course = std::atan2(v.x(), v.y()) * 180.0 / std::numbers::pi;
      course = course < 0.0 ? course + 360.0 : course;
      rid::set_direction(loc, course);
      rid::set_speed_horizontal(loc, std::hypot(v.x(), v.y()));
      rid::set_speed_vertical(loc, v.z());
      const double sv = std::sqrt(std::max(pm.velocity_covariance_m2ps2(0, 0), 0.0));
      loc.speed_accuracy = rid::speed_accuracy_code(sv * kLinear95);
    } else {
      rid::set_direction(loc, std::nullopt);
      rid::set_speed_horizontal(loc, std::nullopt);
      rid::set_speed_vertical(loc, std::nullopt);
    }
    const double sh = std::sqrt(std::max(pm.covariance_m2(0, 0), 0.0));
    const double sz = std::sqrt(std::max(pm.covariance_m2(2, 2), 0.0));
    loc.horizontal_accuracy = rid::horizontal_accuracy_code(sh * kCircular95);
    loc.vertical_accuracy = rid::vertical_accuracy_code(sz * kLinear95);
    const double since_hour = std::fmod(d.time.seconds(), 3600.0);
    loc.timestamp = static_cast<std::uint16_t>(std::lround(since_hour * 10.0) % 36000);
    loc.timestamp_accuracy = 1;  // 0.1 s

    if (d.identity.operator_position_m) {
      const Geodetic op = frame_.to_geodetic(*d.identity.operator_position_m);
      rid::System sys;
      sys.operator_location_type = 0;  // take-off
      sys.operator_latitude = rid::encode_lat_lon(op.lat_deg);
      sys.operator_longitude = rid::encode_lat_lon(op.lon_deg);
      sys.area_count = 1;
      sys.area_ceiling = rid::encode_altitude(std::nullopt);
      sys.area_floor = rid::encode_altitude(std::nullopt);
      sys.operator_altitude_geo = rid::encode_altitude(op.alt_m);
      messages_.push_back(rid::Message{kProtocolVersion, sys});
    }
    if (!d.identity.operator_id.empty()) {
      rid::OperatorId op;
      set_text(op.operator_id, d.identity.operator_id);
      messages_.push_back(rid::Message{kProtocolVersion, op});
    }
    // Location last: a receiver turns it into a detection with what came before it.
    messages_.push_back(rid::Message{kProtocolVersion, loc});
  }

  std::filesystem::path path_;
  RemoteIdTransport transport_;
  std::optional<ingest::Endpoint> to_;
  std::optional<rid::LoopbackSender> sender_;
  EnuFrame frame_;
  std::vector<std::pair<SensorId, std::optional<rid::CaptureWriter>>> receivers_;
  std::vector<std::filesystem::path> paths_;  // of receivers_ (files only)
  rid::CaptureFormat format_ = rid::CaptureFormat::Pcap;
  std::map<std::uint64_t, Transmitter> transmitters_;
  std::vector<rid::Message> messages_;
};

}  // namespace

std::unique_ptr<Emitter> make_remoteid_emitter(const std::filesystem::path& path,
                                               RemoteIdTransport transport) {
  return std::make_unique<RemoteIdEmitter>(path, transport, std::nullopt);
}

std::unique_ptr<Emitter> make_remoteid_udp_emitter(const ingest::Endpoint& to) {
  return std::make_unique<RemoteIdEmitter>(std::filesystem::path{}, RemoteIdTransport::WifiBeacon,
                                           to);
}

}  // namespace dewline::sim
