#include "core/track.hpp"

namespace dewline {

std::string_view to_string(TrackStatus s) {
  switch (s) {
    case TrackStatus::Tentative:
      return "tentative";
    case TrackStatus::Confirmed:
      return "confirmed";
    case TrackStatus::Coasting:
      return "coasting";
    case TrackStatus::Deleted:
      return "deleted";
  }
  return "unknown";
}

std::string_view to_string(ThreatLevel t) {
  switch (t) {
    case ThreatLevel::None:
      return "none";
    case ThreatLevel::Low:
      return "low";
    case ThreatLevel::Medium:
      return "medium";
    case ThreatLevel::High:
      return "high";
    case ThreatLevel::Critical:
      return "critical";
  }
  return "none";
}

}  // namespace dewline
