// The Beast emitter: the ADS-B receiver's file, read back through the real decoder
// (AdsbDecoder: Beast framer -> Mode S -> CPR -> to_detection), gives one position per
// simulated detection, at the same time, within the DF17 quantisation (CPR 17 bits, 25 ft
// altitude, 1 kt velocity, 64 ft/min vertical rate), with the ICAO address and callsign; same
// seed, same bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/to_detection.hpp"
#include "sim/emit_beast.hpp"
#include "tests/sim/emit_test_util.hpp"

namespace dewline::sim {
namespace {

namespace adsb = ingest::adsb;
using test::emit_scenario;
using test::read_bytes;
using test::run_with;

constexpr double kCprHalfLsbM = 2.6;  // 6 deg / 2^17 / 2 in latitude; longitude similar here
constexpr double kAltHalfLsbM = 12.5 * 0.3048;
constexpr double kKtHalfLsbMps = 0.5 * 1852.0 / 3600.0;
constexpr double kVrateHalfLsbMps = 32.0 * 0.3048 / 60.0;

std::filesystem::path emit_file(const Scenario& sc, std::uint64_t seed, const std::string& name,
                                test::CollectingEmitter* collected = nullptr) {
  const auto path = dewline::test::scratch_dir("emit_beast") / name;
  auto e = make_beast_emitter(path);
  auto c = run_with(sc, seed, *e);
  if (collected != nullptr) {
    *collected = std::move(c);
  }
  return path;
}

TEST(EmitBeast, FileDecodesToTheSimulatedReportsWithinTheQuantisation) {
  const Scenario sc = emit_scenario(60.0);
  test::CollectingEmitter c;
  const auto path = emit_file(sc, 5, "a.beast", &c);
  const auto sim = test::of_kind(c, SensorKind::AdsbReceiver);
  ASSERT_GT(sim.size(), 20U);

  adsb::AdsbDecoder dec;
  dec.push_beast(read_bytes(path));
  dec.finish_beast();
  adsb::AdsbDetectionConfig cfg;
  cfg.sensor = sim.front().sensor.id;
  cfg.sensor_position_m = sim.front().sensor.position_m;
  const EnuFrame site(sc.site);
  std::vector<Detection> got;
  std::size_t with_callsign = 0;
  std::size_t strong = 0;
  adsb::DecodedMessage msg;
  adsb::AdsbError err;
  for (;;) {
    const auto s = dec.next_beast(msg, err);
    if (s == adsb::AdsbDecoder::Status::NeedMore) {
      break;
    }
    ASSERT_NE(s, adsb::AdsbDecoder::Status::Error) << err.reason << " at " << err.offset;
    if (s == adsb::AdsbDecoder::Status::Message) {
      if (auto d = adsb::to_detection(msg.report, site, cfg)) {
        got.push_back(*d);
      }
    }
  }
  EXPECT_TRUE(dec.rejects().entries().empty());
  ASSERT_EQ(got.size(), sim.size());
  for (std::size_t i = 0; i < sim.size(); ++i) {
    const Detection& s = sim[i].detection;
    const Detection& d = got[i];
    EXPECT_EQ(d.sensor, s.sensor);
    EXPECT_NEAR(d.time.seconds(), s.time.seconds(), 1e-7) << i;
    EXPECT_EQ(d.identity.icao24, s.identity.icao24) << i;
    if (!d.identity.callsign.empty()) {
      EXPECT_EQ(d.identity.callsign, s.identity.callsign) << i;
      ++with_callsign;
    }
    // Signal byte: the level + 50 dB as dBFS; above -30 dBFS the byte is >= 8, +-0.6 dB.
    ASSERT_TRUE(s.snr_db.has_value());
    ASSERT_TRUE(d.snr_db.has_value());
    if (*s.snr_db + 50.0 > -30.0) {
      EXPECT_NEAR(*d.snr_db, std::min(*s.snr_db + 50.0, 0.0), 0.6) << i;
      ++strong;
    }
    const auto& ps = std::get<PositionMeasurement>(s.measurement);
    const auto& pd = std::get<PositionMeasurement>(d.measurement);
    const Vec3 e = pd.position_m - ps.position_m;
    EXPECT_LE(std::hypot(e.x(), e.y()), std::sqrt(2.0) * kCprHalfLsbM) << i;
    EXPECT_LE(std::abs(e.z()), kAltHalfLsbM + 0.3) << i;  // + curvature of the local frames
    ASSERT_EQ(ps.velocity_mps.has_value(), pd.velocity_mps.has_value()) << i;
    if (ps.velocity_mps) {
      const Vec3 ev = *pd.velocity_mps - *ps.velocity_mps;
      EXPECT_LE(std::hypot(ev.x(), ev.y()), std::sqrt(2.0) * kKtHalfLsbMps + 0.05) << i;
      EXPECT_LE(std::abs(ev.z()), kVrateHalfLsbMps + 0.05) << i;
    }
  }
  EXPECT_EQ(with_callsign, sim.size());
  EXPECT_GT(strong, 0U);
}

TEST(EmitBeast, SameSeedGivesIdenticalBytes) {
  const Scenario sc = emit_scenario(20.0);
  const auto a = read_bytes(emit_file(sc, 31, "s1.beast"));
  const auto b = read_bytes(emit_file(sc, 31, "s2.beast"));
  const auto other = read_bytes(emit_file(sc, 32, "s3.beast"));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
}

}  // namespace
}  // namespace dewline::sim
