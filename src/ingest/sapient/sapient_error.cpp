#include "ingest/sapient/sapient_error.hpp"

namespace dewline::ingest::sapient {

std::string_view to_string(SapientErrorCode c) {
  switch (c) {
    case SapientErrorCode::Truncated:
      return "truncated";
    case SapientErrorCode::Oversize:
      return "oversize";
    case SapientErrorCode::Malformed:
      return "malformed";
    case SapientErrorCode::BadJson:
      return "bad_json";
    case SapientErrorCode::Invalid:
      return "invalid";
    case SapientErrorCode::NotConvertible:
      return "not_convertible";
    case SapientErrorCode::UnknownNode:
      return "unknown_node";
  }
  return "?";
}

std::string SapientError::message() const {
  if (path.empty()) {
    return reason;
  }
  return path + ": " + reason;
}

}  // namespace dewline::ingest::sapient
