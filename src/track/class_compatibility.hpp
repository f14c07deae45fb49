// class_compatibility.hpp: how well two sensors' opinions of what an object is fit one object
// (feature-aided association: Bar-Shalom, Willett, Tian, "Tracking and Data Fusion", 2011,
// ch. 9, the classification likelihood multiplies the kinematic one).
//
// A detection's opinion is a probability over the fine classes: a camera's classifier gives
// one; an RF direction finder's detection says "a drone with a radio link" (it sees nothing
// else); radars, acoustic arrays and position reports say nothing here. "Unknown" is no class
// of object: its mass is spread over the real classes.
//
// Two opinions a and b of one object, read as posteriors under a uniform prior over the K real
// classes, have the likelihood ratio K * sum_c a(c) b(c) against two unrelated objects: 1 when
// either says nothing, about 3 when both say drone, below 0.5 when one says bird and the other
// drone.
#pragma once

#include <array>
#include <optional>

#include "core/detection.hpp"
#include "core/sensor.hpp"

namespace dewline::track {

// The detection's class opinion over the real classes (Unknown's mass spread), or none.
[[nodiscard]] std::optional<ClassProbabilities> class_opinion(const Detection& d, SensorKind kind);

// A track's class opinion for association: its sensors' reports summed as log-probabilities
// (TrackRecord::class_log), Unknown's mass spread, and every real class held at least `floor`.
// The track's opinion comes from the same noisy reports as the detection's; a track misread as a
// bird must still be able to take its drone's RF bearing when nothing else fits it.
[[nodiscard]] ClassProbabilities track_opinion(
    const std::array<double, kTargetClassCount>& class_log, double floor);

// K * sum_c a(c) b(c); 1 when either is empty.
[[nodiscard]] double class_compatibility(const std::optional<ClassProbabilities>& a,
                                         const std::optional<ClassProbabilities>& b);

}  // namespace dewline::track
