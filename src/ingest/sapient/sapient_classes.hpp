// sapient_classes.hpp: SAPIENT classifications (BSI Flex 335 v2.0 DetectionReportClassification
// with nested sub-classes and confidences) <-> dewline's ClassProbabilities.
//
// The names follow the standard's taxonomy (class "Air Vehicle" with sub-classes "UAV Rotary
// Wing", "UAV Fixed Wing", "Manned Rotary Wing", "Manned Fixed Wing"; "Animal" / "Bird"; ...),
// matched without case, spaces, hyphens or underscores, plus the names counter-drone sensors use
// in practice ("UAV", "drone", "quadcopter", "helicopter", ...). docs/ingest-sapient.md has the
// full table.
//
// Confidences are read as probabilities of the named class, each level within its parent: the
// part of a parent's confidence that its sub-classes do not claim stays with the parent's own
// mapping (e.g. "Air Vehicle" 0.9 with "UAV Rotary Wing" 0.6 gives 0.6 multirotor and 0.3 spread
// over the air-vehicle classes). Classes without a confidence share what the others leave. What
// no class claims, and any class outside dewline's classes (Human, Land Vehicle, ...), is Unknown.
#pragma once

#include <optional>

#include "core/target_class.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

// The dewline classes a SAPIENT class or sub-class name stands for, as a distribution (uniform
// over the set it names); nullopt for names dewline does not know.
[[nodiscard]] std::optional<ClassProbabilities> class_of_name(std::string_view name);

// The report's classifications as normalised probabilities; nullopt when it has none.
[[nodiscard]] std::optional<ClassProbabilities> class_probabilities(
    const sapient_pb::DetectionReport& report);

// Writes `p` into `report` as the standard's taxonomy: "Air Vehicle" with its UAV / manned
// sub-classes, "Animal" / "Bird", "Unknown". Classes with zero probability are left out.
void add_classification(const ClassProbabilities& p, sapient_pb::DetectionReport& report);

}  // namespace dewline::ingest::sapient
