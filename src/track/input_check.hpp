// input_check.hpp: the tracker's gate against bad detections. NaN or infinite fields, negative
// or zero range, ranges, positions and speeds beyond physical bounds (10,000 km, 10 km/s), noise
// sigmas outside [1e-9, 1e6 m] (or pi rad), angles out of range, a covariance that is not
// positive definite, a class probability that is negative, a sensor the tracker does not know: each
// is rejected with a short reason the tracker counts per sensor (RejectCounter) and reports at the
// end. Never a crash, never a silent drop.
#pragma once

#include <string_view>

#include "core/detection.hpp"

namespace dewline::track {

// Empty when the detection's fields are usable; otherwise the reason ("nan_or_inf",
// "negative_range", ...). Whether its sensor is known is the tracker's own check.
[[nodiscard]] std::string_view check_detection(const Detection& d);

}  // namespace dewline::track
