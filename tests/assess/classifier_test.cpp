#include "assess/classifier.hpp"

#include <gtest/gtest.h>

#include "tests/assess/test_tracks.hpp"

namespace dewline::assess {
namespace {

SensorRegistry sensors() {
  SensorRegistry r;
  SensorInfo radar;
  radar.id = SensorId{1};
  radar.kind = SensorKind::RotatingRadar;
  r.add(radar);
  SensorInfo rf;
  rf.id = SensorId{2};
  rf.kind = SensorKind::RfDetector;
  r.add(rf);
  SensorInfo ac;
  ac.id = SensorId{4};
  ac.kind = SensorKind::Acoustic;
  r.add(ac);
  return r;
}

ClassProbabilities classify(const Track& t, bool trusted = true) {
  const Classifier c{ClassifierConfig{}};
  ClassifierState st;
  return c.update(st, KinematicFeatures{}, t, trusted, sensors());
}

TEST(Classifier, CooperativeIdentityDecides) {
  Track adsb = test::make_track(1, 0, Vec3{0, 0, 900}, Vec3{120, 0, 0});
  adsb.identity.icao24 = 0x4b1815;
  const ClassProbabilities a = classify(adsb);
  EXPECT_GT(a.coarse(CoarseClass::Aircraft), 0.99);
  EXPECT_EQ(Classifier{ClassifierConfig{}}.decide(a), CoarseClass::Aircraft);
  Track rid = test::make_track(2, 0, Vec3{0, 0, 60}, Vec3{5, 0, 0});
  rid.identity.remote_id = "1581F5FJD239C00HOB01";
  EXPECT_GT(classify(rid).coarse(CoarseClass::Drone), 0.97);
  // A broadcast that failed a spoof check is no evidence: back to the prior (birds).
  EXPECT_LT(classify(rid, false).coarse(CoarseClass::Drone), 0.5);
}

TEST(Classifier, SensorOpinionsAndSensorKinds) {
  Track t = test::make_track(1, 0, Vec3{0, 0, 60}, Vec3{5, 0, 0});
  ClassProbabilities cam;
  cam[TargetClass::DroneMultirotor] = 0.9;
  cam[TargetClass::Bird] = 0.1;
  t.sensor_class_probabilities = cam;
  const double with_camera = classify(t).coarse(CoarseClass::Drone);
  Track plain = test::make_track(1, 0, Vec3{0, 0, 60}, Vec3{5, 0, 0});
  const double prior_only = classify(plain).coarse(CoarseClass::Drone);
  EXPECT_GT(with_camera, prior_only);
  plain.sensors = {SensorId{1}, SensorId{2}};  // an RF detector saw it
  const double rf_seen = classify(plain).coarse(CoarseClass::Drone);
  EXPECT_GT(rf_seen, prior_only);
  plain.identity.emitter_model = "DJI Mavic 3";
  // A named model makes a drone likely but, from a bearing-only sensor whose report the tracker
  // may have put on a bird along the same bearing, not certain on its own.
  const double rf_model = classify(plain).coarse(CoarseClass::Drone);
  EXPECT_GT(rf_model, rf_seen);
  EXPECT_GT(rf_model, 0.7);
  EXPECT_LT(rf_model, 0.9);
  Track heard = test::make_track(1, 0, Vec3{0, 0, 60}, Vec3{5, 0, 0});
  heard.sensors = {SensorId{4}};
  EXPECT_LT(
      classify(heard).coarse(CoarseClass::Bird),
      classify(test::make_track(1, 0, Vec3{0, 0, 60}, Vec3{5, 0, 0})).coarse(CoarseClass::Bird));
}

TEST(Classifier, ProbabilitiesSumToOneAndUnknownGetsNone) {
  const ClassProbabilities p = classify(test::make_track(1, 0, Vec3{0, 0, 60}, Vec3{5, 0, 0}));
  double sum = 0.0;
  for (double v : p.p) {
    sum += v;
  }
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_EQ(p[TargetClass::Unknown], 0.0);
  ClassifierConfig cfg;
  cfg.decide_min_probability = 0.99;
  EXPECT_EQ(Classifier{cfg}.decide(p), CoarseClass::Unknown);
}

TEST(Classifier, CommittedTablesSeparateAFastStraightFlyerFromAHoveringOne) {
  // The fitted tables (classifier_tables_data.cpp) must say something: an airliner-like window
  // is more likely manned than a hovering one, which is more likely a drone.
  const Classifier c{ClassifierConfig{}};
  KinematicFeatures fast;
  fast.samples = 21;
  fast.span_s = 20.0;
  fast.value[static_cast<std::size_t>(Feature::Speed)] = 120.0;
  fast.value[static_cast<std::size_t>(Feature::SpeedMax)] = 125.0;
  fast.value[static_cast<std::size_t>(Feature::Alt)] = 800.0;
  fast.value[static_cast<std::size_t>(Feature::Straight)] = 0.9995;
  KinematicFeatures hover;
  hover.samples = 21;
  hover.span_s = 20.0;
  hover.value[static_cast<std::size_t>(Feature::Speed)] = 0.2;
  hover.value[static_cast<std::size_t>(Feature::SpeedMax)] = 0.5;
  hover.value[static_cast<std::size_t>(Feature::Alt)] = 60.0;
  hover.value[static_cast<std::size_t>(Feature::Hover)] = 1.0;
  for (Feature f : {Feature::Speed, Feature::SpeedMax, Feature::Alt, Feature::Straight}) {
    fast.valid[static_cast<std::size_t>(f)] = true;
  }
  for (Feature f : {Feature::Speed, Feature::SpeedMax, Feature::Alt, Feature::Hover}) {
    hover.valid[static_cast<std::size_t>(f)] = true;
  }
  const auto lf = c.kinematic_log_likelihood(fast);
  const auto lh = c.kinematic_log_likelihood(hover);
  const std::size_t plane = static_cast<std::size_t>(TargetClass::AircraftFixedWing) - 1;
  const std::size_t bird = static_cast<std::size_t>(TargetClass::Bird) - 1;
  const std::size_t quad = static_cast<std::size_t>(TargetClass::DroneMultirotor) - 1;
  EXPECT_GT(lf[plane], lf[bird] + 5.0);
  EXPECT_GT(lf[plane], lf[quad] + 5.0);
  EXPECT_GT(lh[quad], lh[bird] + 2.0);
  EXPECT_GT(lh[quad], lh[plane] + 5.0);
}

}  // namespace
}  // namespace dewline::assess
