// to_detection.hpp: a validated SAPIENT DetectionReport (BSI Flex 335 v2.0) -> dewline Detection.
//
//   location       -> PositionMeasurement (covariance from x/y/z errors; ENUVelocity, in the
//                     units the node registered, rotated into the site axes)
//   range_bearing  -> PolarMeasurement when a range is given, else BearingMeasurement; relative
//                     to the node's position (configured or from its StatusReport)
//   classification -> ClassProbabilities (sapient_classes.hpp)
//   object_id      -> sensor_object_id (the ULID folded to 64 bits, sapient_ids.hpp)
//   timestamp      -> time (the message's UTC time; the report carries no other)
//
// Errors name the field ("detection_report.range_bearing: ...") and are NotConvertible.
#pragma once

#include "core/detection.hpp"
#include "core/result.hpp"
#include "ingest/sapient/node_registry.hpp"
#include "ingest/sapient/sapient_error.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

// SAPIENT timestamp -> dewline Time.
[[nodiscard]] Time to_time(const google::protobuf::Timestamp& t);
// dewline Time -> SAPIENT timestamp.
void set_timestamp(Time t, google::protobuf::Timestamp& out);

// `msg` must hold a DetectionReport and have passed validate(). `out` is overwritten (its
// storage reused).
Result<void, SapientError> to_detection(const sapient_pb::SapientMessage& msg,
                                        const NodeState& node, const EnuFrame& site,
                                        const ConversionSettings& settings, Time receive_time,
                                        Detection& out);

}  // namespace dewline::ingest::sapient
