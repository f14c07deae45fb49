// sapient_validator.hpp: checks a SapientMessage against the rules of BSI Flex 335 v2.0, by
// meaning and not only by structure: mandatory fields present and not "unspecified", ids in
// their formats (UUID for nodes, ULID for reports, objects, tasks, alerts, regions), the ICD
// version, enumeration values the standard defines, coordinate systems paired with a datum,
// numbers finite and within their ranges (latitudes, confidences 0-1, non-negative errors and
// ranges), and each oneof that the standard makes mandatory set.
//
// The rules follow the standard's message definitions and its test harness
// (dstl/BSI-Flex-335-v2-Test-Harness, SapientServices/Data/Validation), which accepts every file
// in ../shared/data/real/sapient/valid and rejects every one in .../invalid. Where the harness
// tests "not the default value" for a number that may legitimately be zero (a north rate of
// 0 m/s), dewline tests presence instead, which proto3 `optional` makes possible.
//
// The first broken rule is returned, with the field's path from the message root in proto field
// names: "detection_report.classification[0].sub_class[0].level: missing (mandatory)".
// Validation allocates nothing unless it fails.
#pragma once

#include "core/result.hpp"
#include "ingest/sapient/sapient_error.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

Result<void, SapientError> validate(const sapient_pb::SapientMessage& msg);

}  // namespace dewline::ingest::sapient
