// sapient_error.hpp: what can go wrong with SAPIENT input, as one small value: an enum code, the
// field path inside the SapientMessage (proto field names, e.g.
// "detection_report.classification[0].sub_class[0].level"), a short reason and the byte offset
// of the frame in its stream. `message()` gives the one line that logs and `dewline decode` print.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dewline::ingest::sapient {

enum class SapientErrorCode : std::uint8_t {
  Truncated,        // the stream ended inside a frame
  Oversize,         // length prefix above the configured maximum (connection must close)
  Malformed,        // the payload is not a parsable SapientMessage (protobuf wire format)
  BadJson,          // not JSON, or not the protobuf JSON mapping of a SapientMessage
  Invalid,          // parses, but breaks a rule of BSI Flex 335 v2.0 (validator)
  NotConvertible,   // valid, but cannot be placed in the site frame (to_detection)
  UnknownNode,      // a report from a node that has not registered
};

[[nodiscard]] std::string_view to_string(SapientErrorCode c);

struct SapientError {
  SapientErrorCode code = SapientErrorCode::Invalid;
  std::string path;    // field path; empty when the error is about the frame itself
  std::string reason;  // short, human-readable
  std::uint64_t offset = 0;  // byte offset of the frame (its length prefix) in the stream

  // "detection_report.object_id: missing (mandatory)" or, without a path, the reason alone.
  [[nodiscard]] std::string message() const;
};

}  // namespace dewline::ingest::sapient
