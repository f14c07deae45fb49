// The Remote ID emitter: the capture of Wi-Fi beacons, read back through the real receiver
// (PcapReader -> RemoteIdIngest: radiotap / 802.11 / ODID message pack -> Detection), gives one
// detection per simulated one, at the same time within the Location timestamp's 0.1 s, within
// the message's quantisation (1e-7 deg, 0.5 m altitude, 0.25 m/s and 1 deg, 0.5 m/s vertical),
// with the serial, operator id and operator position; pcapng too; same seed, same bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>

#include "ingest/net/socket_io.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/loopback_link.hpp"
#include "ingest/remoteid/remoteid_ingest.hpp"
#include "sim/emit_remoteid.hpp"
#include "tests/sim/emit_test_util.hpp"

namespace dewline::sim {
namespace {

namespace rid = ingest::remoteid;
using test::emit_scenario;
using test::read_bytes;
using test::run_with;

std::filesystem::path emit_file(const Scenario& sc, std::uint64_t seed, const std::string& name,
                                test::CollectingEmitter* collected = nullptr,
                                RemoteIdTransport transport = RemoteIdTransport::WifiBeacon) {
  const auto path = dewline::test::scratch_dir("emit_remoteid") / name;
  auto e = make_remoteid_emitter(path, transport);
  auto c = run_with(sc, seed, *e);
  if (collected != nullptr) {
    *collected = std::move(c);
  }
  return path;
}

rid::RemoteIdConfig receiver_config(const std::vector<test::CollectingEmitter::Item>& sim) {
  rid::RemoteIdConfig cfg;
  cfg.sensor = sim.front().sensor.id;
  cfg.position_m = sim.front().sensor.position_m;
  return cfg;
}

void expect_same(const std::vector<test::CollectingEmitter::Item>& sim,
                 const rid::RemoteIdIngest& in, const std::vector<Detection>& got) {
  EXPECT_TRUE(in.rejects().entries().empty());
  EXPECT_EQ(in.stats().measurement_time_from_receive_time, 0U);
  ASSERT_EQ(got.size(), sim.size());
  for (std::size_t i = 0; i < sim.size(); ++i) {
    const Detection& s = sim[i].detection;
    const Detection& d = got[i];
    EXPECT_EQ(d.sensor, s.sensor);
    EXPECT_NEAR(d.time.seconds(), s.time.seconds(), 0.05 + 1e-6) << i;
    EXPECT_EQ(d.identity.remote_id, s.identity.remote_id) << i;
    EXPECT_EQ(d.identity.operator_id, s.identity.operator_id) << i;
    ASSERT_EQ(d.identity.operator_position_m.has_value(),
              s.identity.operator_position_m.has_value());
    if (s.identity.operator_position_m) {
      const Vec3 eo = *d.identity.operator_position_m - *s.identity.operator_position_m;
      EXPECT_LE(std::hypot(eo.x(), eo.y()), 0.02) << i;
      EXPECT_LE(std::abs(eo.z()), 0.26) << i;
    }
    const auto& ps = std::get<PositionMeasurement>(s.measurement);
    const auto& pd = std::get<PositionMeasurement>(d.measurement);
    const Vec3 e = pd.position_m - ps.position_m;
    EXPECT_LE(std::hypot(e.x(), e.y()), 0.02) << i;  // 1e-7 deg = 1.1 cm
    EXPECT_LE(std::abs(e.z()), 0.26) << i;           // 0.5 m steps
    ASSERT_EQ(ps.velocity_mps.has_value(), pd.velocity_mps.has_value()) << i;
    if (ps.velocity_mps) {
      const Vec3 ev = *pd.velocity_mps - *ps.velocity_mps;
      const double speed = std::hypot(ps.velocity_mps->x(), ps.velocity_mps->y());
      // 0.125 m/s speed rounding plus half a degree of course at this speed.
      EXPECT_LE(std::hypot(ev.x(), ev.y()), 0.125 + speed * 0.5 * std::numbers::pi / 180.0 + 1e-3)
          << i;
      EXPECT_LE(std::abs(ev.z()), 0.25 + 1e-6) << i;
    }
    // The declared accuracy category covers the simulated noise.
    EXPECT_GE(pd.covariance_m2(0, 0) + 1e-9, ps.covariance_m2(0, 0) * 0.999) << i;
  }
}

void check_capture(const std::string& name, RemoteIdTransport transport, rid::Transport expected) {
  const Scenario sc = emit_scenario(40.0);
  test::CollectingEmitter c;
  const auto path = emit_file(sc, 6, name, &c, transport);
  const auto sim = test::of_kind(c, SensorKind::RemoteIdReceiver);
  ASSERT_GT(sim.size(), 10U);
  rid::RemoteIdIngest in(receiver_config(sim), EnuFrame(sc.site));
  std::vector<Detection> got;
  auto r = ingest::PcapReader::open_file(path.string());
  ASSERT_TRUE(r.has_value()) << r.error();
  std::uint64_t frames = 0;
  while (auto f = r->next()) {
    ++frames;
    in.on_frame(f->link_type, f->time, f->bytes, f->number, got);
    EXPECT_EQ(in.last_frame().info.transport, expected);
  }
  EXPECT_EQ(frames, sim.size());
  expect_same(sim, in, got);
}

TEST(EmitRemoteId, PcapDecodesToTheSimulatedBroadcasts) {
  check_capture("a.pcap", RemoteIdTransport::WifiBeacon, rid::Transport::WifiBeacon);
}
TEST(EmitRemoteId, PcapngDecodesToTheSimulatedBroadcasts) {
  check_capture("a.pcapng", RemoteIdTransport::WifiBeacon, rid::Transport::WifiBeacon);
}
TEST(EmitRemoteId, Bt5LongRangeDecodesToTheSimulatedBroadcasts) {
  check_capture("bt5.pcap", RemoteIdTransport::Bt5LongRange, rid::Transport::Bt5LongRange);
}

TEST(EmitRemoteId, UdpLoopbackLinkCarriesTheFrames) {
  auto rx =
      ingest::UdpReceiver::open(ingest::Endpoint{ingest::Endpoint::Scheme::Udp, "127.0.0.1", 0});
  ASSERT_TRUE(rx.has_value()) << rx.error();
  auto e = make_emitter("remoteid-udp:127.0.0.1:" + std::to_string(rx->local_port()),
                        dewline::test::scratch_dir("emit_remoteid"));
  ASSERT_TRUE(e.has_value()) << e.error();
  const Scenario sc = emit_scenario(20.0);
  auto c = run_with(sc, 8, **e);
  const auto sim = test::of_kind(c, SensorKind::RemoteIdReceiver);
  ASSERT_GT(sim.size(), 5U);
  rid::RemoteIdIngest in(receiver_config(sim), EnuFrame(sc.site));
  std::vector<Detection> got;
  std::uint64_t n = 0;
  while (auto d = rx->receive(Duration::from_ms(300))) {
    auto f = rid::decode_loopback(*d);
    ASSERT_TRUE(f.has_value()) << f.error();
    in.on_frame(f->link_type, f->time, f->bytes, ++n, got);
  }
  expect_same(sim, in, got);
}

// Two receivers: one capture each (FILE's stem + "-<sensor id>"), each decoding to its own
// receiver's detections; a broadcast both heard carries the same message counter in both.
TEST(EmitRemoteId, SeveralReceiversWriteOneCaptureEach) {
  const Scenario sc = test::must_parse(test::header(30.0) + test::kEmitScene +
                                       "[[sensor]]\nid = 9\ntype = \"remote_id\"\n"
                                       "position_m = [100, 100, 5]\n");
  const auto dir = dewline::test::scratch_dir("emit_remoteid_two");
  auto e = make_remoteid_emitter(dir / "rid.pcap");
  auto c = run_with(sc, 6, *e);
  std::map<std::pair<std::int64_t, std::uint64_t>, std::uint8_t> counters;  // (time, address)
  std::size_t shared = 0;
  for (std::uint32_t id : {6U, 9U}) {
    const auto path = dir / ("rid-" + std::to_string(id) + ".pcap");
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    std::vector<test::CollectingEmitter::Item> sim;
    for (const auto& i : c.items) {
      if (to_underlying(i.sensor.id) == id) {
        sim.push_back(i);
      }
    }
    ASSERT_GT(sim.size(), 5U);
    rid::RemoteIdIngest in(receiver_config(sim), EnuFrame(sc.site));
    std::vector<Detection> got;
    auto r = ingest::PcapReader::open_file(path.string());
    ASSERT_TRUE(r.has_value()) << r.error();
    while (auto f = r->next()) {
      in.on_frame(f->link_type, f->time, f->bytes, f->number, got);
      const std::uint8_t counter = in.last_frame().info.message_counter;
      const std::pair<std::int64_t, std::uint64_t> key{f->time.ns,
                                                       in.last_frame().info.transmitter.key()};
      if (id == 6U) {
        counters[key] = counter;
      } else if (auto it = counters.find(key); it != counters.end()) {
        EXPECT_EQ(it->second, counter);
        ++shared;
      }
    }
    expect_same(sim, in, got);
  }
  EXPECT_GT(shared, 0U);
}

TEST(EmitRemoteId, SameSeedGivesIdenticalBytes) {
  const Scenario sc = emit_scenario(20.0);
  const auto a = read_bytes(emit_file(sc, 41, "s1.pcap"));
  const auto b = read_bytes(emit_file(sc, 41, "s2.pcap"));
  const auto other = read_bytes(emit_file(sc, 42, "s3.pcap"));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
}

}  // namespace
}  // namespace dewline::sim
