// CAT048 -> Detection: compass THETA to azimuth CCW from East in the site frame (also for a radar
// away from the site origin), elevation from the flight level, time of day dated by the capture
// time with midnight roll-over, identity, radar position from config or CAT034 I034/120, and
// rejects counted per (radar, reason).
#include <gtest/gtest.h>

#include <cmath>

#include "core/angles.hpp"
#include "ingest/asterix/asterix_ingest.hpp"
#include "ingest/asterix/input_source.hpp"
#include "ingest/asterix/to_detection.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::asterix {
namespace {

constexpr Geodetic kSite{45.0, 16.0, 100.0};
// 2016-05-05T00:00:00Z
constexpr std::int64_t kMay5 = 1462406400LL * 1'000'000'000LL;

AsterixRadarConfig radar_at(const Geodetic& g) {
  AsterixRadarConfig c;
  c.name = "radar-a";
  c.id = SensorId{7};
  c.sac = 25;
  c.sic = 12;
  c.position = g;
  c.sigma_range_m = 40.0;
  c.sigma_azimuth_rad = 0.001;
  return c;
}

Cat048Record report(double tod, double rho_nm, double theta_deg) {
  Cat048Record r;
  r.i010 = DataSourceIdentifier{25, 12};
  r.i140 = tod;
  TargetReportDescriptor d;
  d.typ = 5;
  r.i020 = d;
  r.i040 = MeasuredPolarPosition{rho_nm, theta_deg};
  return r;
}

const PolarMeasurement& polar(const Detection& d) {
  return std::get<PolarMeasurement>(d.measurement);
}

TEST(Cat048ToDetection, CompassThetaBecomesAzimuthCounterClockwiseFromEast) {
  Cat048ToDetection conv(EnuFrame(kSite), {radar_at(kSite)});
  const std::pair<double, double> cases[] = {
      {0.0, kPi / 2}, {90.0, 0.0}, {180.0, -kPi / 2}, {270.0, -kPi}, {45.0, kPi / 4}};
  for (const auto& [theta, az] : cases) {
    auto d = conv.convert(report(100.0, 10.0, theta), Time{kMay5});
    ASSERT_TRUE(d.has_value()) << d.error();
    EXPECT_NEAR(wrap_pi(polar(*d).azimuth_rad - az), 0.0, 1e-9) << theta;
    EXPECT_DOUBLE_EQ(polar(*d).range_m, 18520.0);
    EXPECT_DOUBLE_EQ(polar(*d).sigma_range_m, 40.0);
    EXPECT_DOUBLE_EQ(polar(*d).sigma_azimuth_rad, 0.001);
    EXPECT_FALSE(polar(*d).elevation_rad.has_value());
    EXPECT_EQ(d->sensor, SensorId{7});
    EXPECT_NEAR(d->sensor_position_m.norm(), 0.0, 1e-6);
  }
}

// A radar 79 km east of the site origin: its north is not the site's north. The detection must
// point at the same place as the radar's own local-frame geometry says.
TEST(Cat048ToDetection, RadarAwayFromSiteOriginIsRotatedIntoSiteAxes) {
  const Geodetic radar{45.0, 17.0, 300.0};
  const EnuFrame site(kSite);
  Cat048ToDetection conv(site, {radar_at(radar)});
  for (double theta : {0.0, 30.0, 135.0, 250.0}) {
    Cat048Record r = report(100.0, 40.0, theta);
    r.i090 = FlightLevel{0, 0, 350.0};
    auto d = conv.convert(r, Time{kMay5});
    ASSERT_TRUE(d.has_value()) << d.error();
    const PolarMeasurement& m = polar(*d);
    ASSERT_TRUE(m.elevation_rad.has_value());
    const Vec3 mine =
        d->sensor_position_m + polar_to_enu(m.range_m, m.azimuth_rad, *m.elevation_rad);
    // Truth: the same range / bearing / elevation in the radar's own ENU frame.
    const EnuFrame local(radar);
    const double el_local =
        *elevation_from_height(m.range_m, radar.alt_m, 350.0 * 100.0 * kMetresPerFoot);
    const Vec3 truth = site.ecef_to_enu(
        local.enu_to_ecef(polar_to_enu(m.range_m, compass_deg_to_azimuth(theta), el_local)));
    EXPECT_LT((mine - truth).norm(), 1e-3) << theta;
    // Without elevation: the azimuth turns by the meridian convergence, about
    // 1 deg x sin(45 deg) = 0.707 deg at 45 N, one degree of longitude east of the origin.
    auto flat = conv.convert(report(100.0, 40.0, theta), Time{kMay5});
    ASSERT_TRUE(flat.has_value());
    const double naive = compass_deg_to_azimuth(theta);
    EXPECT_NEAR(wrap_pi(polar(*flat).azimuth_rad - naive) * kRadToDeg, 0.707, 0.02) << theta;
  }
  EXPECT_NEAR(conv.convert(report(1.0, 1.0, 0.0), Time{kMay5})->sensor_position_m.x(), 78.8e3, 1e3);
}

TEST(Cat048ToDetection, ElevationFromHeightMatchesSphericalEarthGeometry) {
  for (const auto& [range, hr, ht] : {std::tuple{100e3, 0.0, 10e3}, std::tuple{20e3, 500.0, 3e3},
                                      std::tuple{250e3, 100.0, 11e3}}) {
    const auto el = elevation_from_height(range, hr, ht);
    ASSERT_TRUE(el.has_value());
    // Place the target along that elevation and measure its height above the sphere.
    const double rr = kEarthRadiusM + hr;
    const double x = range * std::cos(*el);
    const double z = rr + range * std::sin(*el);
    EXPECT_NEAR(std::hypot(x, z) - kEarthRadiusM, ht, 1e-3);
  }
  EXPECT_FALSE(elevation_from_height(5e3, 0.0, 20e3).has_value());  // can't reach 20 km at 5 km
  EXPECT_FALSE(elevation_from_height(0.0, 0.0, 1e3).has_value());
}

TEST(Cat048ToDetection, ElevationSigmaAndItsOptOut) {
  AsterixRadarConfig cfg = radar_at(kSite);
  cfg.sigma_height_m = 200.0;
  Cat048Record r = report(100.0, 50.0, 10.0);
  r.i090 = FlightLevel{0, 0, 100.0};
  Cat048ToDetection with(EnuFrame(kSite), {cfg});
  auto d = with.convert(r, Time{kMay5});
  ASSERT_TRUE(d.has_value());
  EXPECT_NEAR(polar(*d).sigma_elevation_rad, 200.0 / (50.0 * 1852.0), 1e-12);
  cfg.elevation_from_flight_level = false;
  Cat048ToDetection without(EnuFrame(kSite), {cfg});
  auto d2 = without.convert(r, Time{kMay5});
  ASSERT_TRUE(d2.has_value());
  EXPECT_FALSE(polar(*d2).elevation_rad.has_value());
}

TEST(Cat048ToDetection, TimeOfDayIsDatedByTheCaptureTimeAcrossMidnight) {
  Cat048ToDetection conv(EnuFrame(kSite), {radar_at(kSite)});
  // Same day.
  auto a = conv.convert(report(27354.6015625, 10.0, 0.0), Time{kMay5 + 27356'000'000'000LL});
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->time.ns, kMay5 + 27354'601'562'500LL);
  EXPECT_EQ(a->receive_time.ns, kMay5 + 27356'000'000'000LL);
  // Stamped 23:59:59.5, captured 00:00:01 the next day: belongs to the previous day.
  auto b = conv.convert(report(86399.5, 10.0, 0.0), Time{kMay5 + 86401'000'000'000LL});
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->time.ns, kMay5 + 86399'500'000'000LL);
  // Stamped 00:00:00.5, captured 23:59:59 the day before (clock ahead): next day.
  auto c = conv.convert(report(0.5, 10.0, 0.0), Time{kMay5 + 86399'000'000'000LL});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->time.ns, kMay5 + 86400'500'000'000LL);
}

TEST(Cat048ToDetection, ConfiguredDateDatesReportsWithoutCaptureTime) {
  AsterixRadarConfig cfg = radar_at(kSite);
  cfg.date = parse_utc_date("2016-05-05");
  Cat048ToDetection conv(EnuFrame(kSite), {cfg});
  auto a = conv.convert(report(86000.0, 10.0, 0.0), std::nullopt);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->time.ns, kMay5 + 86000'000'000'000LL);
  EXPECT_EQ(a->receive_time, a->time);
  auto b = conv.convert(report(10.0, 10.0, 0.0), std::nullopt);  // the feed crossed midnight
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->time.ns, kMay5 + 86410'000'000'000LL);
}

TEST(Cat048ToDetection, IdentityAndTrackNumber) {
  Cat048ToDetection conv(EnuFrame(kSite), {radar_at(kSite)});
  Cat048Record r = report(100.0, 10.0, 0.0);
  r.i070 = Mode3ACode{0, 0, 0, 07000};
  r.i220 = 0x3C660C;
  AircraftIdentification id;
  const char cs[] = "DLH65A  ";
  std::copy(cs, cs + 8, id.chars.begin());
  r.i240 = id;
  r.i161 = 3563;
  RadialDopplerSpeed dop;
  dop.cal = RadialDopplerSpeed::Cal{0, -25.0};
  r.i120 = dop;
  auto d = conv.convert(r, Time{kMay5});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->identity.mode3a, 07000);
  EXPECT_EQ(d->identity.icao24, 0x3C660CU);
  EXPECT_EQ(d->identity.callsign, "DLH65A");
  EXPECT_EQ(d->sensor_object_id, 3563U);
  EXPECT_EQ(polar(*d).range_rate_mps, -25.0);
  // A garbled Mode 3/A code and a doubtful Doppler speed are not passed on.
  r.i070->g = 1;
  r.i120->cal->d = 1;
  auto g = conv.convert(r, Time{kMay5});
  ASSERT_TRUE(g.has_value());
  EXPECT_FALSE(g->identity.mode3a.has_value());
  EXPECT_FALSE(polar(*g).range_rate_mps.has_value());
}

TEST(Cat048ToDetection, RejectsAreCountedPerRadarAndReason) {
  AsterixRadarConfig cfg = radar_at(kSite);
  Cat048ToDetection conv(EnuFrame(kSite), {cfg});
  Cat048Record no_pos = report(100.0, 10.0, 0.0);
  no_pos.i040.reset();
  EXPECT_EQ(conv.convert(no_pos, Time{kMay5}).error(), "no_position");
  Cat048Record typ0 = report(100.0, 10.0, 0.0);
  typ0.i020->typ = 0;
  EXPECT_EQ(conv.convert(typ0, Time{kMay5}).error(), "no_detection");
  Cat048Record sim = report(100.0, 10.0, 0.0);
  sim.i020->sim = 1;
  EXPECT_EQ(conv.convert(sim, Time{kMay5}).error(), "simulated");
  Cat048Record monitor = report(100.0, 10.0, 0.0);
  monitor.i020->rab = 1;
  EXPECT_EQ(conv.convert(monitor, Time{kMay5}).error(), "test_target");
  Cat048Record no_tod = report(100.0, 10.0, 0.0);
  no_tod.i140.reset();
  EXPECT_EQ(conv.convert(no_tod, Time{kMay5}).error(), "no_time_of_day");
  Cat048Record other = report(100.0, 10.0, 0.0);
  other.i010->sic = 99;
  EXPECT_EQ(conv.convert(other, Time{kMay5}).error(), "unknown_source");
  EXPECT_EQ(conv.convert(other, Time{kMay5}).error(), "unknown_source");
  const RejectCounter& rc = conv.rejects();
  EXPECT_EQ(rc.count_of("radar-a", "no_position"), 1U);
  EXPECT_EQ(rc.count_of("radar-a", "no_detection"), 1U);
  EXPECT_EQ(rc.count_of("radar-a", "simulated"), 1U);
  EXPECT_EQ(rc.count_of("radar-a", "test_target"), 1U);
  EXPECT_EQ(rc.count_of("radar-a", "no_time_of_day"), 1U);
  EXPECT_EQ(rc.count_of("25/99", "unknown_source"), 2U);
  EXPECT_EQ(rc.total(), 7U);
}

TEST(Cat048ToDetection, RadarPositionComesFromCat034WhenConfigHasNone) {
  AsterixRadarConfig cfg = radar_at(kSite);
  cfg.position.reset();
  Cat048ToDetection conv(EnuFrame(kSite), {cfg});
  EXPECT_EQ(conv.convert(report(100.0, 10.0, 0.0), Time{kMay5}).error(), "no_radar_position");
  Cat034Record m;
  m.i010 = DataSourceIdentifier{25, 12};
  m.i120 = DataSourcePosition{780.0, 45.1, 16.2};
  conv.on_cat034(m);
  auto d = conv.convert(report(100.0, 10.0, 0.0), Time{kMay5});
  ASSERT_TRUE(d.has_value()) << d.error();
  const Vec3 expect = EnuFrame(kSite).to_enu(Geodetic{45.1, 16.2, 780.0});
  EXPECT_LT((d->sensor_position_m - expect).norm(), 1e-6);
  ASSERT_TRUE(conv.radar_position(25, 12).has_value());
  EXPECT_EQ(conv.radar_position(25, 12)->lat_deg, 45.1);
}

TEST(Cat048ToDetection, ConfiguredPositionWinsOverCat034InAutoMode) {
  Cat048ToDetection conv(EnuFrame(kSite), {radar_at(kSite)});
  Cat034Record m;
  m.i010 = DataSourceIdentifier{25, 12};
  m.i120 = DataSourcePosition{780.0, 45.1, 16.2};
  conv.on_cat034(m);
  auto d = conv.convert(report(100.0, 10.0, 0.0), Time{kMay5});
  ASSERT_TRUE(d.has_value());
  EXPECT_NEAR(d->sensor_position_m.norm(), 0.0, 1e-6);
}

TEST(Cat048ToDetection, WildcardRadarMatchesAnySourceAndExactEntriesWin) {
  AsterixRadarConfig exact = radar_at(kSite);
  AsterixRadarConfig any = radar_at(Geodetic{45.2, 16.0, 0.0});
  any.name = "any";
  any.id = SensorId{9};
  any.sac.reset();
  any.sic.reset();
  Cat048ToDetection conv(EnuFrame(kSite), {any, exact});
  auto a = conv.convert(report(100.0, 10.0, 0.0), Time{kMay5});
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->sensor, SensorId{7});
  Cat048Record other = report(100.0, 10.0, 0.0);
  other.i010 = DataSourceIdentifier{1, 2};
  auto b = conv.convert(other, Time{kMay5});
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->sensor, SensorId{9});
}

// The real capture end to end: SIC 12 (Split) sends its position in I034/120 (frame 17); its
// plots after that become detections dated 2016-05-05 07:35 UTC, the capture's time.
TEST(AsterixIngest, RealCaptureGivesDetectionsForTheRadarThatSendsItsPosition) {
  AsterixRadarConfig split;
  split.name = "split";
  split.id = SensorId{12};
  split.sac = 25;
  split.sic = 12;
  split.position_source = PositionSource::Cat034;
  AsterixIngest in("real-feed", EnuFrame(Geodetic{43.5, 16.4, 0.0}), {split});
  auto src = open_asterix_source(test::real_data("asterix/cat_034_048.pcap").string(), {});
  ASSERT_TRUE(src.has_value());
  std::vector<Detection> out;
  while (auto d = (*src)->next()) {
    const std::size_t before = out.size();
    in.ingest(d->bytes, d->capture_time, out);
    for (std::size_t i = before; i < out.size(); ++i) {
      EXPECT_LT(std::fabs(seconds_between(out[i].time, *d->capture_time)), 30.0);
    }
  }
  const RejectCounter rc = in.rejects();
  // 38 SIC-12 plots; those before the first I034/120 have no radar position yet.
  const std::uint64_t early = rc.count_of("split", "no_radar_position");
  EXPECT_GT(early, 0U);
  EXPECT_EQ(out.size() + early, 38U);
  EXPECT_EQ(rc.count_of("25/201", "unknown_source"), 28U);
  EXPECT_EQ(in.decode_errors().total(), 0U);
  for (const Detection& d : out) {
    EXPECT_EQ(d.sensor, SensorId{12});
    EXPECT_EQ(to_iso8601(d.time).substr(0, 16), "2016-05-05T07:35");
    const auto& m = polar(d);
    EXPECT_GT(m.range_m, 0.0);
    EXPECT_TRUE(m.elevation_rad.has_value());
  }
}

}  // namespace
}  // namespace dewline::ingest::asterix
