#include "ingest/sapient/sapient_classes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

namespace dewline::ingest::sapient {
namespace {

using TC = TargetClass;
using D = sapient_pb::DetectionReport;

// Lower case, letters and digits only: "UAV Rotary-Wing" -> "uavrotarywing".
std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  return out;
}

ClassProbabilities uniform(std::initializer_list<TC> cs) {
  ClassProbabilities p;
  for (TC c : cs) {
    p[c] = 1.0 / static_cast<double>(cs.size());
  }
  return p;
}

struct Name {
  std::string_view key;  // normalised
  std::initializer_list<TC> classes;
};

// Taxonomy of BSI Flex 335 v2.0 (as its test harness lists it) and common vendor names.
const std::array<Name, 33>& names() {
  static const std::array<Name, 33> kNames = {{
      {"airvehicle", {TC::DroneMultirotor, TC::DroneFixedWing, TC::AircraftFixedWing, TC::Helicopter, TC::Glider}},
      {"aircraft", {TC::DroneMultirotor, TC::DroneFixedWing, TC::AircraftFixedWing, TC::Helicopter, TC::Glider}},
      {"uav", {TC::DroneMultirotor, TC::DroneFixedWing}},
      {"uas", {TC::DroneMultirotor, TC::DroneFixedWing}},
      {"drone", {TC::DroneMultirotor, TC::DroneFixedWing}},
      {"suas", {TC::DroneMultirotor, TC::DroneFixedWing}},
      {"rpas", {TC::DroneMultirotor, TC::DroneFixedWing}},
      {"uavrotarywing", {TC::DroneMultirotor}},
      {"uavmultirotor", {TC::DroneMultirotor}},
      {"multirotor", {TC::DroneMultirotor}},
      {"rotarywinguav", {TC::DroneMultirotor}},
      {"quadcopter", {TC::DroneMultirotor}},
      {"quadrotor", {TC::DroneMultirotor}},
      {"hexacopter", {TC::DroneMultirotor}},
      {"octocopter", {TC::DroneMultirotor}},
      {"dronemultirotor", {TC::DroneMultirotor}},
      {"uavfixedwing", {TC::DroneFixedWing}},
      {"fixedwinguav", {TC::DroneFixedWing}},
      {"dronefixedwing", {TC::DroneFixedWing}},
      {"mannedrotarywing", {TC::Helicopter}},
      {"helicopter", {TC::Helicopter}},
      {"rotorcraft", {TC::Helicopter}},
      {"mannedfixedwing", {TC::AircraftFixedWing}},
      {"aeroplane", {TC::AircraftFixedWing}},
      {"airplane", {TC::AircraftFixedWing}},
      {"aircraftfixedwing", {TC::AircraftFixedWing}},
      {"mannedaircraft", {TC::AircraftFixedWing, TC::Helicopter, TC::Glider}},
      {"glider", {TC::Glider}},
      {"balloon", {TC::Glider}},
      {"paraglider", {TC::Glider}},
      {"bird", {TC::Bird}},
      {"birds", {TC::Bird}},
      {"unknown", {TC::Unknown}},
  }};
  return kNames;
}

struct Accum {
  ClassProbabilities p;
  void add(const ClassProbabilities& dist, double mass) {
    for (std::size_t i = 0; i < p.p.size(); ++i) {
      p.p[i] += dist.p[i] * mass;
    }
  }
};

double clamp01(float v) {
  const double d = static_cast<double>(v);
  return std::isfinite(d) ? std::clamp(d, 0.0, 1.0) : 0.0;
}

ClassProbabilities unknown_only() {
  ClassProbabilities p;
  p[TC::Unknown] = 1.0;
  return p;
}

// Distributes `mass` over sub-classes `subs` of a class whose own distribution is `parent`.
template <class Sub>
void distribute(const google::protobuf::RepeatedPtrField<Sub>& subs, double mass,
                const ClassProbabilities& parent, Accum& acc, int depth) {
  if (subs.empty() || depth > 32) {
    acc.add(parent, mass);
    return;
  }
  double given = 0.0;
  int without = 0;
  for (const auto& s : subs) {
    if (s.has_confidence()) {
      given += clamp01(s.confidence());
    } else {
      ++without;
    }
  }
  const double scale = given > mass && given > 0.0 ? mass / given : 1.0;
  const double left = std::max(0.0, mass - given * scale);
  const double share = without > 0 ? left / without : 0.0;
  for (const auto& s : subs) {
    const double m = s.has_confidence() ? clamp01(s.confidence()) * scale : share;
    const auto own = class_of_name(s.type());
    distribute(s.sub_class(), m, own ? *own : parent, acc, depth + 1);
  }
  if (without == 0) {
    acc.add(parent, left);
  }
}

}  // namespace

std::optional<ClassProbabilities> class_of_name(std::string_view name) {
  const std::string key = normalise(name);
  for (const auto& n : names()) {
    if (n.key == key) {
      return uniform(n.classes);
    }
  }
  return std::nullopt;
}

std::optional<ClassProbabilities> class_probabilities(const D& report) {
  if (report.classification_size() == 0) {
    return std::nullopt;
  }
  // Top level: each classification is a class with its own sub-class tree; the same rules as a
  // sub-class level under an "Unknown" root of mass 1.
  Accum acc;
  double given = 0.0;
  int without = 0;
  for (const auto& c : report.classification()) {
    if (c.has_confidence()) {
      given += clamp01(c.confidence());
    } else {
      ++without;
    }
  }
  const double scale = given > 1.0 ? 1.0 / given : 1.0;
  const double left = std::max(0.0, 1.0 - given * scale);
  const double share = without > 0 ? left / without : 0.0;
  for (const auto& c : report.classification()) {
    const double m = c.has_confidence() ? clamp01(c.confidence()) * scale : share;
    const auto own = class_of_name(c.type());
    distribute(c.sub_class(), m, own ? *own : unknown_only(), acc, 1);
  }
  if (without == 0) {
    acc.add(unknown_only(), left);
  }
  return acc.p.normalized();
}

void add_classification(const ClassProbabilities& p, D& report) {
  struct Sub {
    TC cls;
    const char* name;
  };
  static constexpr std::array<Sub, 5> kAir = {{{TC::DroneMultirotor, "UAV Rotary Wing"},
                                               {TC::DroneFixedWing, "UAV Fixed Wing"},
                                               {TC::Helicopter, "Manned Rotary Wing"},
                                               {TC::AircraftFixedWing, "Manned Fixed Wing"},
                                               {TC::Glider, "Glider"}}};
  double air = 0.0;
  for (const auto& s : kAir) {
    air += p[s.cls];
  }
  if (air > 0.0) {
    auto* c = report.add_classification();
    c->set_type("Air Vehicle");
    c->set_confidence(static_cast<float>(air));
    for (const auto& s : kAir) {
      if (p[s.cls] > 0.0) {
        auto* sc = c->add_sub_class();
        sc->set_type(s.name);
        sc->set_level(1);
        sc->set_confidence(static_cast<float>(p[s.cls]));
      }
    }
  }
  if (p[TC::Bird] > 0.0) {
    auto* c = report.add_classification();
    c->set_type("Animal");
    c->set_confidence(static_cast<float>(p[TC::Bird]));
    auto* sc = c->add_sub_class();
    sc->set_type("Bird");
    sc->set_level(1);
    sc->set_confidence(static_cast<float>(p[TC::Bird]));
  }
  if (p[TC::Unknown] > 0.0) {
    auto* c = report.add_classification();
    c->set_type("Unknown");
    c->set_confidence(static_cast<float>(p[TC::Unknown]));
  }
}

}  // namespace dewline::ingest::sapient
