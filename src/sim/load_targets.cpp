// The [[target]] tables of a scenario file: one per target or group of targets, its `kind`
// choosing the motion model, the defaults and the keys it takes (docs/simulator.md).
#include <cmath>

#include <fmt/format.h>

#include "core/angles.hpp"
#include "sim/load_common.hpp"

namespace dewline::sim::detail {
namespace {

enum class Kind : std::uint8_t {
  Quadcopter,
  FixedWingDrone,
  Swarm,
  Bird,
  Flock,
  Aircraft,
  Helicopter,
  Replay
};

struct KindDefaults {
  MotionKind motion;
  TargetClass cls;
  double rcs_m2;
  double speed_mps;
  bool emitting;
  bool acoustic;
  OnArrival on_arrival;
  Airframe airframe;
};

KindDefaults defaults_for(Kind k) {
  // Airframe: max speed, min speed, accel, bank, climb, descent, response, gusts.
  switch (k) {
    case Kind::Quadcopter:
    case Kind::Swarm:
      return {k == Kind::Swarm ? MotionKind::Swarm : MotionKind::Multirotor,
              TargetClass::DroneMultirotor,
              0.02,
              12.0,
              true,
              true,
              OnArrival::Hover,
              Airframe{25.0, 0.0, 5.0, 0.6, 6.0, 5.0, 0.8, 0.3}};
    case Kind::FixedWingDrone:
      return {MotionKind::FixedWing,
              TargetClass::DroneFixedWing,
              0.1,
              50.0,
              false,
              true,
              OnArrival::Continue,
              Airframe{60.0, 30.0, 3.0, 25.0 * kDegToRad, 5.0, 15.0, 2.0, 0.3}};
    case Kind::Bird:
    case Kind::Flock:
      return {k == Kind::Flock ? MotionKind::Flock : MotionKind::Bird,
              TargetClass::Bird,
              0.005,
              12.0,
              false,
              false,
              OnArrival::Continue,
              Airframe{25.0, 1.0, 8.0, 1.2, 4.0, 4.0, 1.0, 0.0}};
    case Kind::Aircraft:
      return {MotionKind::FixedWing,
              TargetClass::AircraftFixedWing,
              10.0,
              70.0,
              false,
              true,
              OnArrival::Continue,
              Airframe{260.0, 30.0, 2.0, 30.0 * kDegToRad, 12.0, 12.0, 3.0, 0.1}};
    case Kind::Helicopter:
      return {MotionKind::Multirotor,
              TargetClass::Helicopter,
              5.0,
              50.0,
              false,
              true,
              OnArrival::Continue,
              Airframe{80.0, 0.0, 2.5, 0.5, 8.0, 8.0, 2.0, 0.2}};
    case Kind::Replay:
      break;
  }
  return {
      MotionKind::Replay, TargetClass::AircraftFixedWing, 10.0, 0.0, false, true, OnArrival::Vanish,
      Airframe{}};
}

std::string default_subclass(TargetClass c, const TargetSpec& t) {
  switch (c) {
    case TargetClass::DroneMultirotor:
      return "multirotor";
    case TargetClass::DroneFixedWing:
    case TargetClass::AircraftFixedWing:
      return "fixed_wing";
    case TargetClass::Helicopter:
      return "helicopter";
    case TargetClass::Glider:
      return "glider";
    case TargetClass::Bird:
      switch (t.behaviour) {
        case BirdBehaviour::Soaring:
          return "soaring";
        case BirdBehaviour::Erratic:
          return "erratic";
        case BirdBehaviour::Slow:
          return "slow";
        case BirdBehaviour::Flapping:
          break;
      }
      return "flapping";
    case TargetClass::Unknown:
      break;
  }
  return "unknown";
}

void read_airframe(ConfigSection& s, Airframe& a, bool fixed_wing) {
  s.get("max_speed_mps", a.max_speed_mps, Range{0.1, 400.0});
  if (fixed_wing) {
    s.get("min_speed_mps", a.min_speed_mps, Range{1.0, 300.0});
    read_deg(s, "max_bank_deg", a.max_bank_rad, Range{1.0, 75.0});
  }
  s.get("max_accel_mps2", a.max_accel_mps2, Range{0.1, 50.0});
  s.get("max_climb_mps", a.max_climb_mps, Range{0.1, 100.0});
  s.get("max_descent_mps", a.max_descent_mps, Range{0.1, 150.0});
  s.get("response_s", a.response_s, Range{0.05, 30.0});
  s.get("gust_accel_mps2", a.gust_accel_mps2, Range{0.0, 10.0});
  if (fixed_wing && a.min_speed_mps >= a.max_speed_mps) {
    s.error("min_speed_mps", "out of range: not below max_speed_mps");
  }
}

void read_waypoints(ConfigSection& s, const LoadContext& ctx, TargetSpec& t, bool fixed_wing) {
  for (ConfigSection w : s.sections("waypoint")) {
    Waypoint wp;
    read_point(w, "at", ctx, wp.position_m, true);
    w.get("speed_mps", wp.speed_mps, Range{0.0, t.airframe.max_speed_mps * 1.5});
    if (fixed_wing && wp.speed_mps > 0.0 && wp.speed_mps < t.airframe.min_speed_mps) {
      w.error("speed_mps", fmt::format("out of range: {} m/s is below the airframe's "
                                       "min_speed_mps = {}",
                                       wp.speed_mps, t.airframe.min_speed_mps));
    }
    if (!fixed_wing) {
      w.get("hover_s", wp.hover_s, Range{0.0, 86400.0});
    }
    w.get("loiter_radius_m", wp.loiter_radius_m, Range{0.0, 100000.0});
    w.get("loiter_s", wp.loiter_s, Range{0.0, 86400.0});
    w.get_enum("loiter_direction", wp.loiter_clockwise, {{"cw", true}, {"ccw", false}});
    if (wp.loiter_s > 0.0 && wp.loiter_radius_m <= 0.0) {
      w.error("loiter_radius_m", "missing required key (loiter_s needs a radius)");
    }
    w.get("dive", wp.dive);
    t.waypoints.push_back(wp);
  }
  for (std::size_t i = 0; i + 1 < t.waypoints.size(); ++i) {
    if (t.waypoints[i].dive) {
      s.error("waypoint", fmt::format("waypoint {} dives: a dive must be the last waypoint", i));
    }
  }
}

void read_birds(ConfigSection& s, const LoadContext& ctx, TargetSpec& t, bool has_start) {
  s.get_enum("behaviour", t.behaviour,
             {{"flapping", BirdBehaviour::Flapping},
              {"soaring", BirdBehaviour::Soaring},
              {"erratic", BirdBehaviour::Erratic},
              {"slow", BirdBehaviour::Slow}});
  switch (t.behaviour) {
    case BirdBehaviour::Flapping:
      t.speed_min_mps = 8.0;
      t.speed_max_mps = 20.0;
      break;
    case BirdBehaviour::Soaring:
      t.speed_min_mps = 8.0;
      t.speed_max_mps = 14.0;
      t.altitude_max_m = 400.0;
      break;
    case BirdBehaviour::Erratic:
      t.speed_min_mps = 6.0;
      t.speed_max_mps = 14.0;
      break;
    case BirdBehaviour::Slow:
      t.speed_min_mps = 3.0;
      t.speed_max_mps = 7.0;
      break;
  }
  t.area_center_m = has_start ? t.start_m : Vec3::Zero();
  read_point(s, "area_center", ctx, t.area_center_m, false);
  t.area_radius_m = 1500.0;
  s.get("area_radius_m", t.area_radius_m, Range{1.0, 1e6});
  std::vector<double> alt{t.altitude_min_m, t.altitude_max_m};
  s.get("altitude_m", alt, Range{0.0, 10000.0});
  if (alt.size() != 2 || alt[1] < alt[0]) {
    s.error("altitude_m", "expected [min, max] in metres with min <= max");
  } else {
    t.altitude_min_m = alt[0];
    t.altitude_max_m = alt[1];
  }
  std::vector<double> sp{t.speed_min_mps, t.speed_max_mps};
  s.get("speed_range_mps", sp, Range{0.5, 40.0});
  if (sp.size() != 2 || sp[1] < sp[0]) {
    s.error("speed_range_mps", "expected [min, max] in m/s with min <= max");
  } else {
    t.speed_min_mps = sp[0];
    t.speed_max_mps = sp[1];
  }
}

}  // namespace

void load_targets(ConfigSection root, const LoadContext& ctx, Scenario& sc) {
  std::int64_t next_id = 1;
  std::vector<std::pair<std::int64_t, std::int64_t>> used;  // [first, last] per spec
  for (ConfigSection s : root.sections("target")) {
    TargetSpec t;
    Kind kind = Kind::Quadcopter;
    s.get_enum("kind", kind,
               {{"quadcopter", Kind::Quadcopter},
                {"fixed_wing_drone", Kind::FixedWingDrone},
                {"swarm", Kind::Swarm},
                {"bird", Kind::Bird},
                {"flock", Kind::Flock},
                {"aircraft", Kind::Aircraft},
                {"helicopter", Kind::Helicopter},
                {"adsb_replay", Kind::Replay}},
               true);
    const KindDefaults d = defaults_for(kind);
    t.motion = d.motion;
    t.target_class = d.cls;
    t.rcs_m2 = d.rcs_m2;
    t.speed_mps = d.speed_mps;
    t.emitting = d.emitting;
    t.acoustic = d.acoustic;
    t.on_arrival = d.on_arrival;
    t.airframe = d.airframe;
    t.id = next_id;
    s.get("id", t.id, Range{0.0, 1e15});
    s.get("name", t.name);
    std::string cls;
    s.get("class", cls);
    if (!cls.empty()) {
      if (auto c = target_class_from_string(cls)) {
        t.target_class = *c;
      } else {
        s.error("class", fmt::format("invalid value \"{}\": expected drone_multirotor, "
                                     "drone_fixed_wing, bird, aircraft_fixed_wing, helicopter, "
                                     "glider or unknown",
                                     cls));
      }
    }
    s.get("model", t.model);
    s.get("hostile", t.hostile);
    s.get("rcs_m2", t.rcs_m2, Range{1e-6, 1e4});
    s.get("emitting", t.emitting);
    s.get("acoustic", t.acoustic);
    s.get("start_s", t.start_s, Range{0.0, 1e7});
    if (s.has("end_s")) {
      double e = 0.0;
      s.get("end_s", e, Range{0.0, 1e7});
      if (e <= t.start_s) {
        s.error("end_s", "out of range: not after start_s");
      }
      t.end_s = e;
    }

    const bool fixed_wing = t.motion == MotionKind::FixedWing;
    const bool birds = t.motion == MotionKind::Bird || t.motion == MotionKind::Flock;
    const bool group = t.motion == MotionKind::Swarm || t.motion == MotionKind::Flock;
    bool has_start = false;
    if (t.motion == MotionKind::Replay) {
      read_replay(s, ctx, t);
    } else {
      has_start = read_point(s, "start", ctx, t.start_m, !birds);
      t.has_start = has_start;
      t.count = t.motion == MotionKind::Swarm ? 10 : (t.motion == MotionKind::Flock ? 12 : 1);
      s.get("count", t.count, Range{1.0, 100000.0});
      if (!group) {
        s.get("spawn_interval_s", t.spawn_interval_s, Range{0.0, 1e6});
        s.get("spread_m", t.spread_m, Range{0.0, 1e6});
      }
      read_airframe(s, t.airframe, fixed_wing);
    }
    if (birds) {
      read_birds(s, ctx, t, has_start);
      if (t.motion == MotionKind::Flock) {
        t.spacing_m = 4.0;
        t.jitter_m = 3.0;
        s.get("spacing_m", t.spacing_m, Range{0.1, 1000.0});
        s.get("jitter_m", t.jitter_m, Range{0.0, 1000.0});
      }
    } else if (t.motion != MotionKind::Replay) {
      s.get("speed_mps", t.speed_mps, Range{0.0, t.airframe.max_speed_mps});
      if (fixed_wing && t.speed_mps < t.airframe.min_speed_mps) {
        s.error("speed_mps", fmt::format("out of range: {} m/s is below min_speed_mps = {}",
                                         t.speed_mps, t.airframe.min_speed_mps));
      }
      read_waypoints(s, ctx, t, fixed_wing);
      double heading_deg = 0.0;
      if (s.has("heading_deg")) {
        s.get("heading_deg", heading_deg, Range{-360.0, 360.0});
        t.heading_rad = compass_deg_to_azimuth(heading_deg);
      } else if (!t.waypoints.empty()) {
        const Vec3 to_first = t.waypoints.front().position_m - t.start_m;
        t.heading_rad = std::atan2(to_first.y(), to_first.x());
      } else {
        t.heading_rad = compass_deg_to_azimuth(0.0);
      }
      if (fixed_wing) {
        s.get_enum("on_arrival", t.on_arrival,
                   {{"continue", OnArrival::Continue},
                    {"loiter", OnArrival::Loiter},
                    {"vanish", OnArrival::Vanish}});
        s.get("dive_distance_m", t.dive_distance_m, Range{0.0, 1e5});
      } else {
        s.get_enum("on_arrival", t.on_arrival,
                   {{"hover", OnArrival::Hover},
                    {"loiter", OnArrival::Loiter},
                    {"vanish", OnArrival::Vanish},
                    {"continue", OnArrival::Continue},
                    {"land", OnArrival::Land}});
      }
      if (t.motion == MotionKind::Swarm) {
        s.get_enum("formation", t.formation,
                   {{"wedge", std::string("wedge")},
                    {"line", std::string("line")},
                    {"column", std::string("column")},
                    {"grid", std::string("grid")},
                    {"circle", std::string("circle")}});
        s.get("spacing_m", t.spacing_m, Range{0.5, 10000.0});
        s.get("jitter_m", t.jitter_m, Range{0.0, 1000.0});
      }
    }
    s.get("subclass", t.subclass);
    if (t.subclass.empty()) {
      t.subclass = default_subclass(t.target_class, t);
    }

    s.get("physical", t.physical);
    read_remote_id(s, ctx, t);
    if (t.motion != MotionKind::Replay) {
      read_adsb(s, t);
    }
    Vec3 emitter = Vec3::Zero();
    if (read_point(s, "emitter", ctx, emitter, false)) {
      if (t.physical) {
        s.error("emitter_m", "only a ghost (physical = false) has a separate emitter position");
      }
      t.emitter_position_m = emitter;
    }
    if (!t.physical && !t.remote_id && !t.adsb) {
      s.error("physical",
              "a target that is not physical exists only in its broadcasts: it "
              "needs a [target.remote_id] or [target.adsb] table");
    }

    const std::int64_t last = t.id + std::max(t.count, 1) - 1;
    for (const auto& [a, b] : used) {
      if (t.id <= b && last >= a) {
        s.error("id", fmt::format("target ids {}..{} overlap ids {}..{} of an earlier target", t.id,
                                  last, a, b));
      }
    }
    used.emplace_back(t.id, last);
    next_id = last + 1;
    sc.targets.push_back(std::move(t));
  }
}

}  // namespace dewline::sim::detail
