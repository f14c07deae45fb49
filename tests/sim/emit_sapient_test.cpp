// The SAPIENT emitter: the file of length-prefixed frames, read back through the real fusion
// node code (StreamReader -> SapientIngest: decode, validate, convert), gives every simulated
// detection again (radar plots as range-bearing, bearings, positions, class probabilities);
// same seed, same bytes; and over TCP a SapientServer on a loopback port receives them all.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>

#include "core/angles.hpp"
#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/sapient_server.hpp"
#include "ingest/sapient/sapient_session.hpp"
#include "ingest/sapient/sapient_stream.hpp"
#include "sim/emit_sapient.hpp"
#include "tests/sim/emit_test_util.hpp"

namespace dewline::sim {
namespace {

namespace sp = ingest::sapient;
using test::emit_scenario;
using test::read_bytes;
using test::run_with;

sp::SapientConfig fusion_config(const Scenario& sc) {
  sp::SapientConfig cfg;
  cfg.listen = "tcp://127.0.0.1:0";
  for (const auto& s : sc.sensors) {
    sp::NodeConfig n;
    n.sensor = s.id;
    n.node_id = sp::node_uuid_for(s.id);
    n.name = s.name;
    cfg.nodes.push_back(n);
  }
  return cfg;
}

// Every simulated detection against its decoded twin (same order: one node stream per file,
// written in event order).
void expect_same(const std::vector<test::CollectingEmitter::Item>& sim,
                 const std::vector<Detection>& dec) {
  ASSERT_EQ(sim.size(), dec.size());
  std::size_t polar = 0;
  std::size_t bearing = 0;
  std::size_t position = 0;
  std::size_t classified = 0;
  for (std::size_t i = 0; i < sim.size(); ++i) {
    const Detection& s = sim[i].detection;
    const Detection& d = dec[i];
    EXPECT_EQ(s.sensor, d.sensor) << i;
    EXPECT_NEAR(s.time.seconds(), d.time.seconds(), 1e-6) << i;
    ASSERT_EQ(s.measurement.index(), d.measurement.index()) << i;
    if (const auto* ps = std::get_if<PolarMeasurement>(&s.measurement)) {
      const auto& pd = std::get<PolarMeasurement>(d.measurement);
      EXPECT_NEAR(ps->range_m, pd.range_m, 1e-3) << i;
      EXPECT_NEAR(wrap_pi(ps->azimuth_rad - pd.azimuth_rad), 0.0, 1e-6) << i;
      ++polar;
    } else if (const auto* bs = std::get_if<BearingMeasurement>(&s.measurement)) {
      const auto& bd = std::get<BearingMeasurement>(d.measurement);
      EXPECT_NEAR(wrap_pi(bs->azimuth_rad - bd.azimuth_rad), 0.0, 1e-6) << i;
      ASSERT_EQ(bs->elevation_rad.has_value(), bd.elevation_rad.has_value()) << i;
      if (bs->elevation_rad) {
        EXPECT_NEAR(*bs->elevation_rad, *bd.elevation_rad, 1e-6) << i;
      }
      ++bearing;
    } else {
      const auto& xs = std::get<PositionMeasurement>(s.measurement);
      const auto& xd = std::get<PositionMeasurement>(d.measurement);
      EXPECT_NEAR((xs.position_m - xd.position_m).norm(), 0.0, 1e-2) << i;
      ++position;
    }
    ASSERT_EQ(s.class_probabilities.has_value(), d.class_probabilities.has_value()) << i;
    if (s.class_probabilities) {
      EXPECT_EQ(s.class_probabilities->most_likely(), d.class_probabilities->most_likely()) << i;
      ++classified;
    }
  }
  EXPECT_GT(polar, 20U);
  EXPECT_GT(bearing, 20U);
  EXPECT_GT(position, 5U);
  EXPECT_GT(classified, 0U);
}

std::vector<Detection> decode_file(const std::filesystem::path& p, const Scenario& sc,
                                   std::size_t* nodes = nullptr) {
  const auto bytes = read_bytes(p);
  sp::SapientIngest in(fusion_config(sc), EnuFrame(sc.site));
  sp::StreamReader r(bytes, sp::FramerConfig{});
  sapient_pb::SapientMessage msg;
  sp::SessionOutput out;
  while (auto item = r.next(msg)) {
    EXPECT_FALSE(item->error.has_value()) << "offset " << item->offset;
    if (!item->error) {
      in.handle_message(msg, item->payload, item->offset, Time{}, "file", out);
    }
  }
  EXPECT_TRUE(out.errors.empty()) << out.errors.front().message();
  EXPECT_TRUE(in.rejects().entries().empty());
  if (nodes != nullptr) {
    *nodes = 0;
    for (const auto& [id, n] : in.nodes().nodes()) {
      *nodes += n.registered ? 1 : 0;
    }
  }
  return out.detections;
}

std::filesystem::path emit_file(const Scenario& sc, std::uint64_t seed, const std::string& name,
                                test::CollectingEmitter* collected = nullptr) {
  const auto path = dewline::test::scratch_dir("emit_sapient") / name;
  auto e = make_sapient_file_emitter(path);
  auto c = run_with(sc, seed, *e);
  if (collected != nullptr) {
    *collected = std::move(c);
  }
  return path;
}

TEST(EmitSapient, FileDecodesToEverySimulatedDetection) {
  const Scenario sc = emit_scenario(30.0);
  test::CollectingEmitter c;
  const auto path = emit_file(sc, 3, "a.bin", &c);
  std::size_t nodes = 0;
  const auto dec = decode_file(path, sc, &nodes);
  expect_same(c.items, dec);
  std::set<SensorId> detecting;
  for (const auto& i : c.items) {
    detecting.insert(i.sensor.id);
  }
  EXPECT_EQ(nodes, detecting.size());
}

TEST(EmitSapient, SameSeedGivesIdenticalBytes) {
  const Scenario sc = emit_scenario(15.0);
  const auto a = read_bytes(emit_file(sc, 21, "s1.bin"));
  const auto b = read_bytes(emit_file(sc, 21, "s2.bin"));
  const auto other = read_bytes(emit_file(sc, 22, "s3.bin"));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
}

struct Sink final : sp::DetectionSink {
  std::mutex m;
  std::vector<Detection> got;
  void on_detection(const Detection& d) override {
    std::lock_guard<std::mutex> lock(m);
    got.push_back(d);
  }
};

TEST(EmitSapient, TcpNodesRegisterWithAFusionNodeAndDeliverEveryReport) {
  const Scenario sc = emit_scenario(10.0);
  Sink sink;
  auto server = sp::SapientServer::start(fusion_config(sc), EnuFrame(sc.site), &sink);
  ASSERT_TRUE(server.has_value()) << server.error();
  auto e = make_emitter("sapient-tcp:127.0.0.1:" + std::to_string((*server)->port()),
                        dewline::test::scratch_dir("emit_sapient"));
  ASSERT_TRUE(e.has_value()) << e.error();
  auto c = run_with(sc, 4, **e);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((*server)->detections() < c.items.size() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  (*server)->stop();
  EXPECT_TRUE((*server)->rejects().entries().empty());
  std::lock_guard<std::mutex> lock(sink.m);
  ASSERT_EQ(sink.got.size(), c.items.size());
  // Connections are served concurrently: compare per sensor, in each node's order.
  std::set<SensorId> sensors;
  for (const auto& i : c.items) {
    sensors.insert(i.sensor.id);
  }
  for (SensorId id : sensors) {
    std::vector<test::CollectingEmitter::Item> s;
    std::vector<Detection> d;
    for (const auto& i : c.items) {
      if (i.sensor.id == id) {
        s.push_back(i);
      }
    }
    for (const auto& x : sink.got) {
      if (x.sensor == id) {
        d.push_back(x);
      }
    }
    ASSERT_EQ(s.size(), d.size()) << to_underlying(id);
    for (std::size_t i = 0; i < s.size(); ++i) {
      EXPECT_NEAR(s[i].detection.time.seconds(), d[i].time.seconds(), 1e-6);
    }
  }
}

}  // namespace
}  // namespace dewline::sim
