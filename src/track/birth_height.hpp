// birth_height.hpp: how new and not-yet-detected targets spread in height over a radar's
// coverage.
//
// A tracker's birth and undetected-target densities (PMBM, Williams, IEEE TAES 51(3), 2015) are
// usually taken uniform in space. Over a site they are not: drones and birds fly within a few
// hundred metres of the ground, while a radar's coverage reaches kilometres up, where its clutter
// (uniform in range, azimuth and elevation) lands as readily as near the ground. A share
// `low_share` of the targets is given a density falling as exp(-h / scale_m) with height h above
// the site, the rest stays uniform (aircraft fly anywhere); both parts are normalised over the
// coverage, so the expected number of targets is the uniform density's.
#pragma once

namespace dewline::track {

struct BirthHeightShape {
  double scale_m = 0.0;        // 0: uniform in space
  double low_share = 0.0;      // share of targets that fly low
  double ground_weight = 1.0;  // exp(-h / scale_m) at h = 0 over its mean across the coverage

  // Multiplier on the uniform density at height h (metres above the site's origin; heights
  // below it count as 0). Its mean over the coverage volume is 1.
  [[nodiscard]] double weight(double height_m) const;
};

// The shape over a radar at sensor_height_m (site ENU z) covering ranges [range_min_m,
// range_max_m] and elevations [0, elevation_max_rad] all round.
[[nodiscard]] BirthHeightShape make_birth_height_shape(double scale_m, double low_share,
                                                       double sensor_height_m, double range_min_m,
                                                       double range_max_m,
                                                       double elevation_max_rad);

}  // namespace dewline::track
