// The ASTERIX emitter: the pcap it writes, read back through the real decoder (PcapReader ->
// AsterixIngest), gives the simulated radar plots again within the CAT048 LSBs; CAT034 I034/120
// gives the radar positions; tshark dissects the same records; same seed, same bytes; and the
// UDP output carries the same datagrams over loopback.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "core/angles.hpp"
#include "ingest/asterix/asterix_ingest.hpp"
#include "ingest/net/socket_io.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "sim/emit_asterix.hpp"
#include "tests/sim/emit_test_util.hpp"

namespace dewline::sim {
namespace {

namespace ax = ingest::asterix;
using test::emit_scenario;
using test::read_bytes;
using test::run_with;

constexpr double kRhoLsbM = 1852.0 / 256.0;
constexpr double kThetaLsbRad = 2.0 * std::numbers::pi / 65536.0;
constexpr double kTodLsbS = 1.0 / 128.0;
constexpr double kLatLonLsbDeg = 180.0 / 8388608.0;  // I034/120

std::vector<ax::AsterixRadarConfig> radar_configs(const Scenario& sc, const EnuFrame& site,
                                                  bool position_from_cat034) {
  std::vector<ax::AsterixRadarConfig> out;
  for (const auto& s : sc.sensors) {
    const SensorInfo info = make_sensor_model(s, 1, 0)->info();
    if (info.kind != SensorKind::RotatingRadar && info.kind != SensorKind::EsaRadar) {
      continue;
    }
    ax::AsterixRadarConfig c;
    c.name = info.name;
    c.id = info.id;
    c.sac = asterix_sac(info.id);
    c.sic = asterix_sic(info.id);
    if (position_from_cat034 && info.kind == SensorKind::RotatingRadar) {
      c.position_source = ax::PositionSource::Cat034;  // ESA radars send no CAT034
    } else {
      c.position = site.to_geodetic(info.position_m);
      c.position_source = ax::PositionSource::Config;
    }
    c.elevation_from_flight_level = false;
    out.push_back(c);
  }
  return out;
}

struct Decoded {
  std::vector<Detection> detections;
  std::size_t datagrams = 0;
  std::unique_ptr<ax::AsterixIngest> ingest;
};

Decoded decode_pcap(const std::filesystem::path& p, const EnuFrame& site,
                    std::vector<ax::AsterixRadarConfig> radars) {
  Decoded d;
  d.ingest = std::make_unique<ax::AsterixIngest>("sim-pcap", site, std::move(radars));
  auto r = ingest::PcapReader::open_file(p.string());
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error());
  if (!r) {
    return d;
  }
  while (auto f = r->next()) {
    auto u = ingest::udp_payload(f->link_type, f->bytes);
    EXPECT_TRUE(u.has_value()) << "frame " << f->number << " is not UDP";
    if (u) {
      ++d.datagrams;
      d.ingest->ingest(u->payload, f->time, d.detections);
    }
  }
  EXPECT_TRUE(r->error().empty()) << r->error();
  return d;
}

// (sensor, time, range on the RHO grid, azimuth): the same order for simulated plots (times
// already on the I048/140 grid) and decoded ones, even for plots of one time whose ranges fall
// into the same RHO step.
bool by_sensor_time(const Detection& a, const Detection& b) {
  const auto& pa = std::get<PolarMeasurement>(a.measurement);
  const auto& pb = std::get<PolarMeasurement>(b.measurement);
  const auto ra = std::llround(pa.range_m / kRhoLsbM);
  const auto rb = std::llround(pb.range_m / kRhoLsbM);
  return std::tie(a.sensor, a.time.ns, ra, pa.azimuth_rad) <
         std::tie(b.sensor, b.time.ns, rb, pb.azimuth_rad);
}

std::vector<Detection> simulated_plots(const test::CollectingEmitter& c) {
  std::vector<Detection> out;
  for (const auto& i : c.items) {
    if (i.sensor.kind == SensorKind::RotatingRadar || i.sensor.kind == SensorKind::EsaRadar) {
      out.push_back(i.detection);
    }
  }
  return out;
}

// Pairs decoded with simulated plots: both sorted by (sensor, time, range); times within the
// I048/140 LSB can swap the order of equal-time plots only when their ranges differ by less
// than the RHO LSB, which the tolerance covers.
void expect_same_plots(std::vector<Detection> sim, std::vector<Detection> dec) {
  ASSERT_EQ(sim.size(), dec.size());
  ASSERT_GT(sim.size(), 20U);
  // Quantise the simulated times to the I048/140 grid before sorting, so both sort alike.
  for (auto& d : sim) {
    d.time = Time::from_seconds(std::round(d.time.seconds() / kTodLsbS) * kTodLsbS);
  }
  std::sort(sim.begin(), sim.end(), by_sensor_time);
  std::sort(dec.begin(), dec.end(), by_sensor_time);
  for (std::size_t i = 0; i < sim.size(); ++i) {
    const auto& s = std::get<PolarMeasurement>(sim[i].measurement);
    const auto& d = std::get<PolarMeasurement>(dec[i].measurement);
    EXPECT_EQ(sim[i].sensor, dec[i].sensor) << i;
    EXPECT_NEAR(sim[i].time.seconds(), dec[i].time.seconds(), 1e-6) << i;
    EXPECT_NEAR(s.range_m, d.range_m, kRhoLsbM / 2 + 1e-6) << i;
    // CAT048 I040 is a 2D bearing in the radar's own axes: turning it into the site's axes
    // without the elevation (no I090 here) adds up to tan(elevation) x the tilt between the radar's
    // and the site's vertical (distance / Earth radius).
    const double tilt =
        std::hypot(sim[i].sensor_position_m.x(), sim[i].sensor_position_m.y()) / 6371000.0;
    const double bound =
        kThetaLsbRad / 2 + std::abs(std::tan(s.elevation_rad.value_or(0.0))) * tilt + 1e-9;
    EXPECT_NEAR(wrap_pi(s.azimuth_rad - d.azimuth_rad), 0.0, bound)
        << i << " sensor " << to_underlying(sim[i].sensor) << " t " << sim[i].time.seconds()
        << " r " << s.range_m << " el " << s.elevation_rad.value_or(-9) << " dec t "
        << dec[i].time.seconds() << " r " << d.range_m;
    EXPECT_NEAR((sim[i].sensor_position_m - dec[i].sensor_position_m).norm(), 0.0, 1e-6) << i;
  }
}

// Scan starts of rotating radars (the ones that send north markers).
std::size_t rotating_scans(const test::CollectingEmitter& c) {
  std::size_t n = 0;
  for (const auto& s : c.scans) {
    n += to_underlying(s.first) == 8 ? 0U : 1U;  // sensor 8 is the ESA radar of kEmitScene
  }
  return n;
}

std::filesystem::path emit_pcap(const Scenario& sc, std::uint64_t seed, const std::string& name,
                                test::CollectingEmitter* collected = nullptr) {
  const auto path = dewline::test::scratch_dir("emit_asterix") / name;
  auto e = make_asterix_pcap_emitter(path);
  auto c = run_with(sc, seed, *e);
  if (collected != nullptr) {
    *collected = std::move(c);
  }
  return path;
}

TEST(EmitAsterix, PcapDecodesToTheSimulatedPlotsWithinTheLsb) {
  const Scenario sc = emit_scenario(30.0);
  test::CollectingEmitter c;
  const auto path = emit_pcap(sc, 7, "a.pcap", &c);
  const EnuFrame site(sc.site);
  auto dec = decode_pcap(path, site, radar_configs(sc, site, false));
  EXPECT_TRUE(dec.ingest->rejects().entries().empty());
  expect_same_plots(simulated_plots(c), dec.detections);
  // One datagram per scan and radar (more when one scan overflows 1400 bytes).
  EXPECT_GE(dec.datagrams, rotating_scans(c));
  std::set<SensorId> esa;
  for (const auto& d : dec.detections) {
    if (to_underlying(d.sensor) == 8) {
      esa.insert(d.sensor);
    }
  }
  EXPECT_EQ(esa.size(), 1U) << "the ESA radar's plots come through too";
}

TEST(EmitAsterix, Cat034CarriesTheRadarPositions) {
  const Scenario sc = emit_scenario(20.0);
  test::CollectingEmitter c;
  const auto path = emit_pcap(sc, 8, "b.pcap", &c);
  const EnuFrame site(sc.site);
  auto dec = decode_pcap(path, site, radar_configs(sc, site, true));
  EXPECT_EQ(dec.detections.size(), simulated_plots(c).size());
  for (const auto& cfg : radar_configs(sc, site, false)) {
    if (to_underlying(cfg.id) == 8) {
      continue;  // the ESA radar: position from the configuration
    }
    const auto got = dec.ingest->converter().radar_position(*cfg.sac, *cfg.sic);
    ASSERT_TRUE(got.has_value()) << cfg.name;
    EXPECT_NEAR(got->lat_deg, cfg.position->lat_deg, kLatLonLsbDeg / 2 + 1e-12);
    EXPECT_NEAR(got->lon_deg, cfg.position->lon_deg, kLatLonLsbDeg / 2 + 1e-12);
    EXPECT_NEAR(got->alt_m, cfg.position->alt_m, 0.5 + 1e-9);
  }
}

TEST(EmitAsterix, SameSeedGivesIdenticalBytes) {
  const Scenario sc = emit_scenario(15.0);
  const auto a = read_bytes(emit_pcap(sc, 11, "s1.pcap"));
  const auto b = read_bytes(emit_pcap(sc, 11, "s2.pcap"));
  const auto other = read_bytes(emit_pcap(sc, 12, "s3.pcap"));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
}

std::string run_tool(const std::string& cmd) {
  std::string out;
  std::FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    return out;
  }
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
    out.append(buf.data(), n);
  }
  pclose(p);
  return out;
}

// tshark's ASTERIX dissector (UDP port 8600) sees the same CAT048 records: every RHO / THETA it
// shows equals dewline's decoding of the same file, in order.
TEST(EmitAsterix, TsharkDissectsTheSameRecords) {
  if (std::system("command -v tshark > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "tshark not installed";
  }
  const Scenario sc = emit_scenario(20.0);
  test::CollectingEmitter c;
  const auto path = emit_pcap(sc, 9, "t.pcap", &c);
  const std::string out =
      run_tool("tshark -n -r '" + path.string() +
               "' -d udp.port==8600,asterix -T fields -E separator=/t -E aggregator=, "
               "-e asterix.048_040_RHO -e asterix.048_040_THETA -e asterix.034_000_VALUE "
               "2>/dev/null");
  std::vector<double> rho;
  std::vector<double> theta;
  std::size_t north_markers = 0;
  std::istringstream lines(out);
  std::string line;
  auto split = [](const std::string& s, std::vector<double>& v) {
    std::istringstream in(s);
    std::string x;
    while (std::getline(in, x, ',')) {
      if (!x.empty()) {
        v.push_back(std::stod(x));
      }
    }
  };
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string a;
    std::string b;
    std::string m;
    std::getline(f, a, '\t');
    std::getline(f, b, '\t');
    std::getline(f, m, '\t');
    split(a, rho);
    split(b, theta);
    std::vector<double> types;
    split(m, types);
    north_markers += static_cast<std::size_t>(std::count(types.begin(), types.end(), 1.0));
  }
  const auto plots = simulated_plots(c);
  ASSERT_EQ(rho.size(), plots.size()) << out.substr(0, 400);
  ASSERT_EQ(theta.size(), plots.size());
  EXPECT_EQ(north_markers, rotating_scans(c));
  // Against the records dewline decodes from the same file, in file order.
  const EnuFrame site(sc.site);
  auto dec = decode_pcap(path, site, radar_configs(sc, site, false));
  ASSERT_EQ(dec.detections.size(), rho.size());
  for (std::size_t i = 0; i < rho.size(); ++i) {
    const auto& p = std::get<PolarMeasurement>(dec.detections[i].measurement);
    EXPECT_NEAR(rho[i] * 1852.0, p.range_m, 1e-3) << i;
  }
}

TEST(EmitAsterix, RegistryParsesTheArguments) {
  const auto dir = dewline::test::scratch_dir("emit_asterix_args");
  EXPECT_FALSE(make_emitter("asterix-udp:nohostport", dir).has_value());
  EXPECT_FALSE(make_emitter("asterix-udp:", dir).has_value());
  EXPECT_FALSE(make_emitter("sapient-tcp:127.0.0.1", dir).has_value());
  auto e = make_emitter("asterix", dir);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ((*e)->name(), "asterix");
  for (const char* n : {"asterix-udp", "sapient", "sapient-tcp", "remoteid", "beast"}) {
    EXPECT_TRUE(std::any_of(emitter_factories().begin(), emitter_factories().end(),
                            [n](const EmitterFactory& f) { return f.name == n; }))
        << n;
  }
}

TEST(EmitAsterix, UdpLoopbackCarriesTheSameDatagrams) {
  auto rx =
      ingest::UdpReceiver::open(ingest::Endpoint{ingest::Endpoint::Scheme::Udp, "127.0.0.1", 0});
  ASSERT_TRUE(rx.has_value()) << rx.error();
  auto spec = "asterix-udp:127.0.0.1:" + std::to_string(rx->local_port());
  auto e = make_emitter(spec, dewline::test::scratch_dir("emit_asterix"));
  ASSERT_TRUE(e.has_value()) << e.error();
  const Scenario sc = emit_scenario(10.0);
  auto c = run_with(sc, 5, **e);
  const EnuFrame site(sc.site);
  ax::AsterixIngest in("sim-udp", site, radar_configs(sc, site, false));
  std::vector<Detection> got;
  std::size_t datagrams = 0;
  while (auto d = rx->receive(Duration::from_ms(300))) {
    ++datagrams;
    in.ingest(*d, Time::from_seconds(5.0), got);
  }
  EXPECT_GT(datagrams, 0U);
  expect_same_plots(simulated_plots(c), got);
}

}  // namespace
}  // namespace dewline::sim
