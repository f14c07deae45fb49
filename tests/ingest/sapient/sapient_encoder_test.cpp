// Tests of the SAPIENT encoder: what it builds is valid, and Detection -> DetectionReport ->
// Detection gives back the measurement (polar, bearing-only, position) and class probabilities.
#include <gtest/gtest.h>

#include "core/angles.hpp"
#include "ingest/sapient/sapient_encoder.hpp"
#include "ingest/sapient/sapient_validator.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace dewline::ingest::sapient {
namespace {

const Geodetic kSite{51.17, -1.82, 100.0};

struct Fixture {
  EnuFrame site{kSite};
  SensorInfo sensor;
  NodeState node;
  Fixture() {
    sensor.id = SensorId{3};
    sensor.name = "radar-east";
    sensor.kind = SensorKind::EsaRadar;
    sensor.position_m = Vec3{30000.0, 2000.0, 15.0};  // 30 km east: north differs by ~0.3 deg
    node.sensor = sensor.id;
    node.position = site.to_geodetic(sensor.position_m);
    node.position_enu_m = sensor.position_m;
  }
  Detection base() const {
    Detection d;
    d.time = Time::from_seconds(1.7e9 + 0.25);
    d.sensor = sensor.id;
    d.sensor_position_m = sensor.position_m;
    d.sensor_object_id = 4242;
    return d;
  }
  Detection round_trip(const Detection& in) {
    SapientEncoder enc(sensor, site);
    const auto& m = enc.detection_report(in);
    auto v = validate(m);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message());
    Detection out;
    auto r = to_detection(m, node, site, {}, in.time, out);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
    return out;
  }
};

TEST(SapientEncoder, BuildsValidRegistrationAndStatus) {
  Fixture f;
  for (SensorKind k : {SensorKind::RotatingRadar, SensorKind::RfDetector, SensorKind::Acoustic,
                       SensorKind::EoIr, SensorKind::Other}) {
    f.sensor.kind = k;
    SapientEncoder enc(f.sensor, f.site);
    const auto& reg = enc.registration(Time::from_seconds(1.7e9));
    auto v = validate(reg);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message());
    EXPECT_EQ(reg.registration().node_definition(0).node_type(), node_type_of(k));
    EXPECT_EQ(reg.node_id(), node_uuid_for(SensorId{3}));
    const auto& st = enc.status_report(Time::from_seconds(1.7e9 + 1));
    v = validate(st);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message());
    const auto& loc = st.status_report().node_location();
    const Geodetic g = f.site.to_geodetic(f.sensor.position_m);
    EXPECT_NEAR(loc.y(), g.lat_deg, 1e-12);
    EXPECT_NEAR(loc.x(), g.lon_deg, 1e-12);
  }
}

TEST(SapientEncoder, PolarRoundTrip) {
  Fixture f;
  Detection in = f.base();
  PolarMeasurement p;
  p.range_m = 5432.1;
  p.azimuth_rad = 2.5;
  p.elevation_rad = 0.05;
  p.sigma_range_m = 7.5;
  p.sigma_azimuth_rad = 0.01;
  p.sigma_elevation_rad = 0.02;
  in.measurement = p;
  ClassProbabilities cp;
  cp[TargetClass::DroneMultirotor] = 0.7;
  cp[TargetClass::Bird] = 0.2;
  cp[TargetClass::Unknown] = 0.1;
  in.class_probabilities = cp;
  const Detection out = f.round_trip(in);
  const auto& q = std::get<PolarMeasurement>(out.measurement);
  EXPECT_NEAR(q.range_m, p.range_m, 1e-9);
  EXPECT_NEAR(q.azimuth_rad, p.azimuth_rad, 1e-9);
  EXPECT_NEAR(*q.elevation_rad, *p.elevation_rad, 1e-9);
  EXPECT_NEAR(q.sigma_range_m, 7.5, 1e-9);
  EXPECT_NEAR(q.sigma_azimuth_rad, 0.01, 1e-12);
  EXPECT_EQ(out.sensor_object_id, std::optional<std::uint64_t>(4242));
  EXPECT_EQ(out.time, in.time);
  for (std::size_t i = 0; i < kTargetClassCount; ++i) {
    EXPECT_NEAR(out.class_probabilities->p[i], cp.p[i], 1e-6);
  }
}

TEST(SapientEncoder, BearingOnlyRoundTripWithAndWithoutElevation) {
  Fixture f;
  Detection in = f.base();
  BearingMeasurement b;
  b.azimuth_rad = -1.0;
  b.sigma_azimuth_rad = 0.03;
  in.measurement = b;
  Detection out = f.round_trip(in);
  const auto& q = std::get<BearingMeasurement>(out.measurement);
  // Without an elevation the line of sight is taken level in each frame; 30 km apart the
  // horizons differ by 0.27 degrees, which moves the azimuth by a few 1e-5 rad.
  EXPECT_NEAR(q.azimuth_rad, -1.0, 1e-4);
  EXPECT_FALSE(q.elevation_rad.has_value());
  b.elevation_rad = 0.3;
  in.measurement = b;
  out = f.round_trip(in);
  EXPECT_NEAR(*std::get<BearingMeasurement>(out.measurement).elevation_rad, 0.3, 1e-9);
  EXPECT_NEAR(std::get<BearingMeasurement>(out.measurement).azimuth_rad, -1.0, 1e-9);
}

TEST(SapientEncoder, PositionRoundTripKeepsCovarianceAndVelocity) {
  Fixture f;
  Detection in = f.base();
  PositionMeasurement p;
  p.position_m = Vec3{-2500.0, 4100.0, 350.0};
  p.covariance_m2 = Mat3::Zero();
  p.covariance_m2.diagonal() << 25.0, 16.0, 100.0;
  p.velocity_mps = Vec3{12.0, -3.0, 1.5};
  p.velocity_covariance_m2ps2 = Mat3::Identity() * 4.0;
  in.measurement = p;
  const Detection out = f.round_trip(in);
  const auto& q = std::get<PositionMeasurement>(out.measurement);
  EXPECT_NEAR((q.position_m - p.position_m).norm(), 0.0, 1e-6);
  EXPECT_NEAR(q.covariance_m2(0, 0), 25.0, 0.01);
  EXPECT_NEAR(q.covariance_m2(1, 1), 16.0, 0.01);
  EXPECT_NEAR(q.covariance_m2(2, 2), 100.0, 0.01);  // off-diagonal terms are not sent
  ASSERT_TRUE(q.velocity_mps.has_value());
  EXPECT_NEAR((*q.velocity_mps - *p.velocity_mps).norm(), 0.0, 1e-9);
  EXPECT_NEAR(q.velocity_covariance_m2ps2(0, 0), 4.0, 1e-9);
}

TEST(SapientEncoder, SameSeedSameBytes) {
  Fixture f;
  Detection in = f.base();
  in.measurement = BearingMeasurement{0.5, std::nullopt, 0.01, 0.0};
  SapientEncoder a(f.sensor, f.site, "", 11);
  SapientEncoder b(f.sensor, f.site, "", 11);
  EXPECT_EQ(a.detection_report(in).SerializeAsString(), b.detection_report(in).SerializeAsString());
}

}  // namespace
}  // namespace dewline::ingest::sapient
