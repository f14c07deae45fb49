#include "publish/cot/cot_event.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/angles.hpp"

namespace dewline::publish::cot {
namespace {

// CoT times: xs:dateTime in UTC with a Z (core to_iso8601 gives milliseconds).
std::string cot_time(Time t) {
  return to_iso8601(t);
}

std::string track_uid(TrackId id) {
  return fmt::format("dewline-track-{}", to_underlying(id));
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters are not allowed in XML 1.0 (except tab, LF, CR).
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string cot_type(const Track& t) {
  const Assessment& a = t.assessment;
  switch (a.target_class) {
    case TargetClass::DroneMultirotor:
      return a.friendly ? "a-f-A-M-H-Q" : "a-h-A-M-H-Q";
    case TargetClass::DroneFixedWing:
      return a.friendly ? "a-f-A-M-F-Q" : "a-h-A-M-F-Q";
    case TargetClass::AircraftFixedWing:
    case TargetClass::Glider:
      return a.friendly ? "a-f-A-C-F" : "a-n-A-C-F";
    case TargetClass::Helicopter:
      return a.friendly ? "a-f-A-C-H" : "a-n-A-C-H";
    case TargetClass::Bird:
    case TargetClass::Unknown:
      break;
  }
  return "a-u-A";
}

CotEvent cot_from_track(const Track& t, const EnuFrame& site, Time now, Duration stale_after) {
  CotEvent e;
  e.uid = track_uid(t.id);
  e.type = cot_type(t);
  e.time = now;
  e.start = now;
  e.stale = now + stale_after;
  const Geodetic g = site.to_geodetic(t.position_m);
  e.lat_deg = g.lat_deg;
  e.lon_deg = g.lon_deg;
  e.hae_m = g.alt_m;
  const double pxx = t.covariance(0, 0);
  const double pyy = t.covariance(1, 1);
  const double pzz = t.covariance(2, 2);
  if (std::isfinite(pxx + pyy + pzz) && pxx >= 0.0 && pyy >= 0.0 && pzz >= 0.0) {
    e.ce_m = std::sqrt(pxx + pyy);
    e.le_m = std::sqrt(pzz);
  }
  const double vh = t.velocity_mps.head<2>().norm();
  e.speed_mps = vh;
  e.course_deg = azimuth_to_compass_deg(std::atan2(t.velocity_mps.y(), t.velocity_mps.x()));
  if (!t.identity.remote_id.empty()) {
    e.callsign = t.identity.remote_id;
  } else if (!t.identity.callsign.empty()) {
    e.callsign = t.identity.callsign;
  } else {
    e.callsign = fmt::format("TRK{}", to_underlying(t.id));
  }
  e.remarks = fmt::format("{} (p_drone {:.2f}), threat {}", to_string(t.assessment.target_class),
                          t.assessment.class_probabilities.coarse(CoarseClass::Drone),
                          to_string(t.assessment.threat));
  if (!t.assessment.threat_reason.empty()) {
    e.remarks += ": " + t.assessment.threat_reason;
  }
  if (!t.spoof_reason.empty()) {
    e.remarks += "; spoofed broadcast: " + t.spoof_reason;
  }
  return e;
}

CotEvent cot_from_alert(const AlertEvent& a, const EnuFrame& site, Duration stale_after) {
  const bool closed = a.state == AlertState::Cleared || a.state == AlertState::Expired;
  CotEvent e = cot_from_track(a.track, site, a.time, closed ? Duration{} : stale_after);
  e.remarks =
      fmt::format("alert {} {} ({} zone {}, threat {}): {}", to_underlying(a.alert_id),
                  to_string(a.state), to_string(a.level), a.zone, to_string(a.threat), a.reason);
  return e;
}

std::string encode_cot(const CotEvent& e) {
  std::string x;
  x.reserve(512);
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  fmt::format_to(std::back_inserter(x),
                 "<event version=\"2.0\" uid=\"{}\" type=\"{}\" how=\"{}\" time=\"{}\" "
                 "start=\"{}\" stale=\"{}\">",
                 xml_escape(e.uid), xml_escape(e.type), xml_escape(e.how), cot_time(e.time),
                 cot_time(e.start), cot_time(e.stale));
  fmt::format_to(
      std::back_inserter(x),
      "<point lat=\"{:.7f}\" lon=\"{:.7f}\" hae=\"{:.1f}\" ce=\"{:.1f}\" le=\"{:.1f}\"/>",
      std::clamp(e.lat_deg, -90.0, 90.0), std::clamp(e.lon_deg, -180.0, 180.0), e.hae_m,
      std::min(e.ce_m, kUnknownError), std::min(e.le_m, kUnknownError));
  x += "<detail>";
  if (e.course_deg || e.speed_mps) {
    x += "<track";
    if (e.course_deg) {
      fmt::format_to(std::back_inserter(x), " course=\"{:.1f}\"", *e.course_deg);
    }
    if (e.speed_mps) {
      fmt::format_to(std::back_inserter(x), " speed=\"{:.2f}\"", *e.speed_mps);
    }
    x += "/>";
  }
  if (!e.callsign.empty()) {
    fmt::format_to(std::back_inserter(x), "<contact callsign=\"{}\"/>", xml_escape(e.callsign));
  }
  if (!e.remarks.empty()) {
    fmt::format_to(std::back_inserter(x), "<remarks>{}</remarks>", xml_escape(e.remarks));
  }
  x += "</detail></event>";
  return x;
}

}  // namespace dewline::publish::cot
