// traffic_replay.hpp: recorded ADS-B flights (traffic_file.hpp) turned into replay trajectories
// in the site frame: choose the flights, shift them in time, and give every record a velocity so
// that cubic Hermite interpolation (kinematics.hpp) passes exactly through the recorded positions
// with a continuous velocity.
//
// Time: a record at Unix time T (ms) is placed at scenario time (T - T_ref) / 1000 +
// `time_offset_s`, where T_ref is `record_start_s` or, when that is 0, the first record of the
// chosen flights. Altitude: the recorded barometric altitude in feet is used as height above
// the WGS84 ellipsoid plus `altitude_offset_m` (the geoid and the pressure altitude differ from
// it by tens of metres; a constant offset corrects a site's mean difference).
// Shape: with `smoothing_s` = 0 the path passes exactly through every record; the velocity at a
// record is, horizontally, the three-point finite difference over its neighbours (exact for a
// quadratic through them) and, vertically, the recorded vertical rate when given. Recorded
// positions carry metres of noise (CPR quantisation, stale updates), which at 1 Hz makes that
// exact path accelerate at tens of m/s^2; so by default (`smoothing_s` > 0) each knot's position
// is instead the value at its time of a local quadratic fitted by weighted least squares to the
// records within +-smoothing_s (tricube weights, Cleveland 1979), wherever at least 5 records
// fall inside, and every slope is the same three-point difference of the smoothed positions.
// Sparse records (10 s apart) are then still matched exactly; dense noisy ones are followed
// within their noise (on the REGA helicopter at 1 Hz with 6 s: 3.8 m RMS, 12 m at most) with
// plausible accelerations (there: 6 m/s^2 at most, against 120 m/s^2 exact).
// Recorded ground speed and track are not used: they lag the positions in OpenSky data.
#pragma once

#include <vector>

#include "core/geodesy.hpp"
#include "sim/kinematics.hpp"
#include "sim/scenario.hpp"
#include "sim/traffic_file.hpp"

namespace dewline::sim {

// Chooses and converts flights per `spec`; only flights overlapping [0, duration_s] are kept.
// Order: closest to the site first (when max_flights or within_m select), else by icao24 and time.
[[nodiscard]] std::vector<ReplayTrack> build_replay_tracks(const TrafficFile& file,
                                                           const ReplaySpec& spec,
                                                           const EnuFrame& frame,
                                                           double duration_s);

// One flight's records in the site frame, time-shifted by `ref_ms` and `offset_s`.
[[nodiscard]] ReplayTrack to_replay_track(const TrafficFlight& flight, const EnuFrame& frame,
                                          std::int64_t ref_ms, double offset_s,
                                          double altitude_offset_m, double smoothing_s);

}  // namespace dewline::sim
