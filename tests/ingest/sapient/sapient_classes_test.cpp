// Tests of the SAPIENT classification mapping (taxonomy names -> dewline classes, hierarchical
// confidences -> probabilities) and its inverse.
#include <gtest/gtest.h>

#include "ingest/sapient/sapient_classes.hpp"

namespace dewline::ingest::sapient {
namespace {

using D = sapient_pb::DetectionReport;

D::DetectionReportClassification* add(D& r, const char* type, std::optional<float> conf) {
  auto* c = r.add_classification();
  c->set_type(type);
  if (conf) {
    c->set_confidence(*conf);
  }
  return c;
}

D::SubClass* add_sub(D::DetectionReportClassification* c, const char* type,
                     std::optional<float> conf) {
  auto* s = c->add_sub_class();
  s->set_type(type);
  s->set_level(1);
  if (conf) {
    s->set_confidence(*conf);
  }
  return s;
}

TEST(SapientClasses, MapsTheStandardsTaxonomyAndVendorNames) {
  EXPECT_EQ(class_of_name("UAV Rotary Wing")->most_likely(), TargetClass::DroneMultirotor);
  EXPECT_EQ(class_of_name("uav_fixed-wing")->most_likely(), TargetClass::DroneFixedWing);
  EXPECT_EQ(class_of_name("Manned Rotary Wing")->most_likely(), TargetClass::Helicopter);
  EXPECT_EQ(class_of_name("Manned Fixed Wing")->most_likely(), TargetClass::AircraftFixedWing);
  EXPECT_EQ(class_of_name("Bird")->most_likely(), TargetClass::Bird);
  EXPECT_EQ(class_of_name("Quadcopter")->most_likely(), TargetClass::DroneMultirotor);
  const auto uav = *class_of_name("UAV");
  EXPECT_DOUBLE_EQ(uav[TargetClass::DroneMultirotor], 0.5);
  EXPECT_DOUBLE_EQ(uav[TargetClass::DroneFixedWing], 0.5);
  EXPECT_DOUBLE_EQ(class_of_name("Air Vehicle")->coarse(CoarseClass::Aircraft), 0.6);
  EXPECT_FALSE(class_of_name("Human").has_value());
  EXPECT_FALSE(class_of_name("Land Vehicle").has_value());
}

TEST(SapientClasses, SubClassConfidencesSplitTheirParents) {
  // GIVEN Air Vehicle 0.9 with UAV Rotary Wing 0.6, and Animal 0.1 with Bird 0.1
  D r;
  auto* air = add(r, "Air Vehicle", 0.9F);
  add_sub(air, "UAV Rotary Wing", 0.6F);
  auto* animal = add(r, "Animal", 0.1F);
  add_sub(animal, "Bird", 0.1F);
  // THEN multirotor gets 0.6 plus a fifth of the unclaimed 0.3, bird 0.1, nothing unknown.
  const auto p = *class_probabilities(r);
  EXPECT_NEAR(p[TargetClass::DroneMultirotor], 0.6 + 0.3 / 5.0, 1e-6);
  EXPECT_NEAR(p[TargetClass::DroneFixedWing], 0.3 / 5.0, 1e-6);
  EXPECT_NEAR(p[TargetClass::Helicopter], 0.3 / 5.0, 1e-6);
  EXPECT_NEAR(p[TargetClass::Bird], 0.1, 1e-6);
  EXPECT_NEAR(p[TargetClass::Unknown], 0.0, 1e-6);
}

TEST(SapientClasses, UnclaimedAndUnknownClassesAreUnknown) {
  // The standard's three-class example: Human, Animal, Land vehicle at 0.3 each.
  D r;
  add(r, "Human", 0.3F);
  add(r, "Animal", 0.3F);
  add(r, "Land vehicle", 0.3F);
  const auto p = *class_probabilities(r);
  EXPECT_NEAR(p[TargetClass::Unknown], 1.0, 1e-6);

  D u;
  add(u, "UAV", std::nullopt);  // no confidence: takes what is left (all of it)
  const auto q = *class_probabilities(u);
  EXPECT_NEAR(q[TargetClass::DroneMultirotor], 0.5, 1e-6);
  EXPECT_NEAR(q[TargetClass::DroneFixedWing], 0.5, 1e-6);

  D w;
  add(w, "Bird", 0.4F);
  const auto s = *class_probabilities(w);
  EXPECT_NEAR(s[TargetClass::Bird], 0.4, 1e-6);
  EXPECT_NEAR(s[TargetClass::Unknown], 0.6, 1e-6);

  EXPECT_FALSE(class_probabilities(D{}).has_value());
}

TEST(SapientClasses, OverconfidentReportsAreScaledNotRejected) {
  D r;
  add(r, "UAV Rotary Wing", 0.9F);
  add(r, "Bird", 0.9F);
  const auto p = *class_probabilities(r);
  EXPECT_NEAR(p[TargetClass::DroneMultirotor], 0.5, 1e-6);
  EXPECT_NEAR(p[TargetClass::Bird], 0.5, 1e-6);
}

TEST(SapientClasses, RoundTripsDewlineProbabilities) {
  ClassProbabilities in;
  in[TargetClass::DroneMultirotor] = 0.5;
  in[TargetClass::DroneFixedWing] = 0.1;
  in[TargetClass::Helicopter] = 0.05;
  in[TargetClass::AircraftFixedWing] = 0.05;
  in[TargetClass::Glider] = 0.05;
  in[TargetClass::Bird] = 0.15;
  in[TargetClass::Unknown] = 0.1;
  D r;
  add_classification(in, r);
  ASSERT_EQ(r.classification_size(), 3);
  EXPECT_EQ(r.classification(0).type(), "Air Vehicle");
  EXPECT_EQ(r.classification(1).type(), "Animal");
  const auto out = *class_probabilities(r);
  for (std::size_t i = 0; i < kTargetClassCount; ++i) {
    EXPECT_NEAR(out.p[i], in.p[i], 1e-6) << to_string(static_cast<TargetClass>(i));
  }
}

}  // namespace
}  // namespace dewline::ingest::sapient
