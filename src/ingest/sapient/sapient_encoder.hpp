// sapient_encoder.hpp: builds SAPIENT (BSI Flex 335 v2.0) messages from dewline's own types, for
// the simulator's SAPIENT emitters and for tests: a Registration for a SensorInfo, StatusReports
// with its location, and DetectionReports from Detections (polar -> range/bearing with range,
// bearing-only -> range/bearing without range, position -> lat/lng location; class
// probabilities -> classifications of the standard's taxonomy; sensor_object_id -> object_id).
// Every message it builds passes validate(). Ids are deterministic (seeded), so two runs of a
// scenario produce identical bytes.
//
//   SapientEncoder enc(sensor_info, site_frame);
//   client.send(enc.registration(t0));
//   client.send(enc.status_report(t0));
//   client.send(enc.detection_report(det));   // det.sensor_position_m = the sensor's position
#pragma once

#include <cstdint>
#include <string>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/sensor.hpp"
#include "ingest/sapient/sapient_ids.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

class SapientEncoder {
 public:
  // `node_id` empty: node_uuid_for(sensor.id).
  SapientEncoder(const SensorInfo& sensor, const EnuFrame& site, std::string node_id = "",
                 std::uint64_t seed = 0);

  [[nodiscard]] const std::string& node_id() const { return node_id_; }
  void set_destination(std::string fusion_node_id) { destination_ = std::move(fusion_node_id); }

  // Each returns a message owned by the encoder, valid until the next call.
  const sapient_pb::SapientMessage& registration(Time t);
  const sapient_pb::SapientMessage& status_report(
      Time t, sapient_pb::StatusReport::System system = sapient_pb::StatusReport::SYSTEM_OK);
  const sapient_pb::SapientMessage& detection_report(const Detection& d);

 private:
  void envelope(Time t);
  SensorInfo sensor_;
  EnuFrame site_;
  std::string node_id_;
  std::string destination_;
  UlidGenerator ids_;
  sapient_pb::SapientMessage msg_;
  bool first_status_ = true;
};

// SAPIENT node type for a dewline sensor kind.
[[nodiscard]] sapient_pb::Registration::NodeType node_type_of(SensorKind k);

}  // namespace dewline::ingest::sapient
