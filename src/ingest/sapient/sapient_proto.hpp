// sapient_proto.hpp: the generated SAPIENT (BSI Flex 335 v2.0) message classes, from dewline's own
// .proto files in proto/ (compiled by protoc into the build tree), under one short namespace
// alias. Include this rather than the generated headers.
//
//   sapient_pb::SapientMessage msg;
//   if (msg.has_detection_report()) { const sapient_pb::DetectionReport& d = msg.detection_report(); }
#pragma once

#include "ingest/sapient/proto/sapient_message.pb.h"

namespace sapient_pb = ::sapient_msg::bsi_flex_335_v2_0;

namespace dewline::ingest::sapient {

// The ICD version string a v2.0 node registers with (Registration.icd_version).
inline constexpr const char* kIcdVersion = "BSI Flex 335 v2.0";

}  // namespace dewline::ingest::sapient
