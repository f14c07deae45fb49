#include "ingest/sapient/to_detection.hpp"

#include "ingest/sapient/location_convert.hpp"
#include "ingest/sapient/sapient_classes.hpp"
#include "ingest/sapient/sapient_ids.hpp"

namespace dewline::ingest::sapient {
namespace {

SapientError not_convertible(const char* path, std::string reason) {
  return SapientError{SapientErrorCode::NotConvertible, path, std::move(reason), 0};
}

}  // namespace

Time to_time(const google::protobuf::Timestamp& t) {
  return Time{t.seconds() * 1'000'000'000LL + t.nanos()};
}

void set_timestamp(Time t, google::protobuf::Timestamp& out) {
  std::int64_t s = t.ns / 1'000'000'000LL;
  std::int64_t ns = t.ns % 1'000'000'000LL;
  if (ns < 0) {
    ns += 1'000'000'000LL;
    --s;
  }
  out.set_seconds(s);
  out.set_nanos(static_cast<std::int32_t>(ns));
}

Result<void, SapientError> to_detection(const sapient_pb::SapientMessage& msg,
                                        const NodeState& node, const EnuFrame& site,
                                        const ConversionSettings& settings, Time receive_time,
                                        Detection& out) {
  const sapient_pb::DetectionReport& r = msg.detection_report();
  out.time = to_time(msg.timestamp());
  out.receive_time = receive_time;
  out.sensor = node.sensor;
  out.sensor_position_m = node.position_enu_m;
  out.identity = Identity{};
  out.snr_db.reset();
  out.truth_id.reset();
  out.sensor_object_id = ulid_to_u64(r.object_id());
  out.class_probabilities = class_probabilities(r);

  if (r.has_location()) {
    const double fallback_alt = node.position ? node.position->alt_m : site.origin().alt_m;
    auto loc = convert_location(r.location(), site, settings, node.utm_zone, fallback_alt);
    if (!loc) {
      return unexpected(not_convertible("detection_report.location", std::move(loc).error()));
    }
    PositionMeasurement p;
    p.position_m = loc->enu_m;
    p.covariance_m2 = loc->covariance_m2;
    if (r.has_enu_velocity()) {
      const auto& v = r.enu_velocity();
      const double kh = node.east_north_speed_to_mps;
      const double kv = node.up_speed_to_mps;
      const Vec3 local{v.east_rate() * kh, v.north_rate() * kh, v.has_up_rate() ? v.up_rate() * kv : 0.0};
      const Mat3 rot = site.rotation_from_local(loc->geodetic);
      p.velocity_mps = rot * local;
      const double d = settings.default_sigma_velocity_mps;
      Mat3 c = Mat3::Zero();
      c(0, 0) = std::pow(v.has_east_rate_error() ? v.east_rate_error() * kh : d, 2);
      c(1, 1) = std::pow(v.has_north_rate_error() ? v.north_rate_error() * kh : d, 2);
      c(2, 2) = std::pow(v.has_up_rate_error() ? v.up_rate_error() * kv : (v.has_up_rate() ? d : 3.0 * d), 2);
      p.velocity_covariance_m2ps2 = rot * c * rot.transpose();
    }
    out.measurement = p;
    return {};
  }
  if (r.has_range_bearing()) {
    if (!node.position) {
      return unexpected(not_convertible(
          "detection_report.range_bearing",
          "the node's position is unknown (no StatusReport node_location, none configured)"));
    }
    auto m = convert_range_bearing(r.range_bearing(), node.pose(), site, settings);
    if (!m) {
      return unexpected(not_convertible("detection_report.range_bearing", std::move(m).error()));
    }
    out.measurement = std::move(*m);
    return {};
  }
  return unexpected(not_convertible("detection_report.location_oneof", "no location"));
}

}  // namespace dewline::ingest::sapient
