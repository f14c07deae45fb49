#include "core/alert.hpp"

namespace dewline {

std::string_view to_string(AlertState s) {
  switch (s) {
    case AlertState::Raised:
      return "raised";
    case AlertState::Acknowledged:
      return "acknowledged";
    case AlertState::Cleared:
      return "cleared";
    case AlertState::Expired:
      return "expired";
  }
  return "raised";
}

std::string_view to_string(ZoneLevel l) {
  return l == ZoneLevel::Protected ? "protected" : "warning";
}

}  // namespace dewline
