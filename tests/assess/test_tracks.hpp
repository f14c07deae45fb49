// test_tracks.hpp: small builders of Tracks and Zones for the assess tests.
#pragma once

#include "core/track.hpp"
#include "core/zone.hpp"

namespace dewline::assess::test {

inline Track make_track(std::uint64_t id, double t_s, const Vec3& p, const Vec3& v,
                        double sigma_p = 5.0, double sigma_v = 1.0) {
  Track k;
  k.id = TrackId{id};
  k.status = TrackStatus::Confirmed;
  k.time = Time::from_seconds(t_s);
  k.first_time = Time{};
  k.last_update_time = k.time;
  k.position_m = p;
  k.velocity_mps = v;
  k.covariance = Mat6::Zero();
  for (int i = 0; i < 3; ++i) {
    k.covariance(i, i) = sigma_p * sigma_p;
    k.covariance(i + 3, i + 3) = sigma_v * sigma_v;
  }
  k.existence_probability = 0.99;
  return k;
}

// The scenario library's protected zone: 500 m x 360 m around the origin, up to 300 m.
inline Zone plant() {
  Zone z;
  z.name = "plant";
  z.level = ZoneLevel::Protected;
  z.floor_m = 0.0;
  z.ceiling_m = 300.0;
  z.polygon = {Vec2{-250, -180}, Vec2{250, -180}, Vec2{250, 180}, Vec2{-250, 180}};
  return z;
}

inline Zone perimeter() {
  Zone z;
  z.name = "perimeter";
  z.level = ZoneLevel::Warning;
  z.floor_m = 0.0;
  z.ceiling_m = 1000.0;
  z.circle_center = Vec2{0, 0};
  z.circle_radius_m = 1500.0;
  return z;
}

}  // namespace dewline::assess::test
