// approach.hpp: where a track is going relative to one zone — inside or not, time to zone and
// closest point of approach (CPA) from its predicted motion, with the uncertainty of both.
//
// Prediction is the track's straight line p + v t (the tracker's combined state); the covariance
// grows as P(t) = Ppp + t (Ppv + Pvp) + t^2 Pvv. The CPA is the smallest 3D distance between the
// predicted path (over [0, horizon]) and the zone volume: horizontal distance to the footprint,
// combined with the height above the ceiling or below the floor. Its uncertainty is the 1-sigma
// cross-track position spread at the CPA time; the time to zone's is the along-track spread at
// entry divided by the speed. A path "may enter" when it enters, or when its CPA is within
// `cpa_sigmas` sigmas (at least `cpa_floor_m`): the zone is inside the track's uncertainty cone.
#pragma once

#include <optional>

#include "assess/assess_config.hpp"
#include "core/track.hpp"
#include "core/zone.hpp"

namespace dewline::assess {

struct ZoneApproach {
  bool inside = false;
  double distance_m = 0.0;        // 3D distance to the zone volume now (0 inside)
  double closing_mps = 0.0;       // rate at which that distance shrinks (positive: closing)
  double speed_mps = 0.0;         // the track's speed
  std::optional<double> entry_s;  // straight-line entry time within the horizon
  double entry_sigma_s = 0.0;
  double cpa_m = 0.0;  // closest approach within the horizon (0: enters)
  double cpa_time_s = 0.0;
  double cpa_sigma_m = 0.0;
  bool may_enter = false;        // enters, or passes within the uncertainty (see above)
  double time_to_zone_s = -1.0;  // entry time, else CPA time when may_enter; -1: neither
  double p_enter = 0.0;          // 1 when it enters; exp(-cpa^2 / (2 sigma^2)) otherwise
};

// Distance from p to the zone volume (0 inside).
[[nodiscard]] double distance_to_zone(const Zone& z, const Vec3& p);

[[nodiscard]] ZoneApproach approach(const Zone& z, const Track& t, double horizon_s,
                                    const ThreatConfig& cfg);

}  // namespace dewline::assess
