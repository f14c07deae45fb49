// sapient_codec.hpp: SapientMessage <-> bytes and <-> the protobuf JSON mapping, with errors as
// SapientError values (no exceptions).
//
// Decoding into a caller-owned message (reused across frames, so protobuf keeps its allocated
// sub-objects) checks only the wire format; `validate()` (sapient_validator.hpp) checks meaning.
// `parse_json` does both for JSON, because the best error for a JSON file that also carries
// fields the standard does not have is usually the rule it breaks, not the unknown field.
//
//   sapient_pb::SapientMessage msg;
//   if (auto r = decode_message(frame.payload, msg); !r) count(r.error());
//   auto j = parse_json(text, msg);           // Invalid / BadJson with field path and reason
//   std::string out = to_json(msg);          // one line, lowerCamelCase field names
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ingest/sapient/sapient_error.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

// Parses one frame's payload (protobuf binary). Malformed on failure; `offset` is left 0 for the
// caller to set.
Result<void, SapientError> decode_message(std::span<const std::byte> payload,
                                          sapient_pb::SapientMessage& out);

// Serialises `msg` (deterministic field order) into `out`, replacing its contents.
void encode_message(const sapient_pb::SapientMessage& msg, std::vector<std::byte>& out);
// Serialises `msg` with its 4-byte little-endian length prefix, appended to `out`.
void encode_frame(const sapient_pb::SapientMessage& msg, std::vector<std::byte>& out);

// Reads one SapientMessage in the protobuf JSON mapping and validates it. Errors: BadJson (not
// JSON, wrong types, unknown enum names, fields the standard does not define) or Invalid (the
// validator's verdict), each with a field path.
Result<void, SapientError> parse_json(std::string_view json, sapient_pb::SapientMessage& out);
// Reads JSON without validating (protobuf's own checks only; unknown fields rejected).
Result<void, SapientError> parse_json_unvalidated(std::string_view json,
                                                  sapient_pb::SapientMessage& out);

// The protobuf JSON mapping of `msg`: one line, or indented when `pretty`.
[[nodiscard]] std::string to_json(const sapient_pb::SapientMessage& msg, bool pretty = false);

}  // namespace dewline::ingest::sapient
