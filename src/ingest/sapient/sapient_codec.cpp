#include "ingest/sapient/sapient_codec.hpp"

#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/json_util.h>

#include "core/log.hpp"

#include "ingest/sapient/sapient_validator.hpp"

namespace dewline::ingest::sapient {
namespace {

namespace pbu = google::protobuf::util;

// protobuf logs problems it meets while parsing (e.g. invalid UTF-8 in a string field) straight
// to stderr, once per message: on a hostile feed that is an unbounded log. Route them to
// dewline's logger at debug level; the error itself is counted and logged (rate-limited) by the
// caller.
void protobuf_log(google::protobuf::LogLevel level, const char* file, int line,
                  const std::string& message) {
  if (level >= google::protobuf::LOGLEVEL_FATAL) {
    log().critical("protobuf {}:{}: {}", file, line, message);
    return;
  }
  log().debug("protobuf {}:{}: {}", file, line, message);
}

void route_protobuf_logs() {
  static const bool installed = [] {
    google::protobuf::SetLogHandler(&protobuf_log);
    return true;
  }();
  (void)installed;
}

// protobuf's JSON parser reports "(detection_report) detectionLocation: Cannot find field." or
// "(timestamp): invalid value ...". Turn that into a field path and a reason.
SapientError json_status_to_error(std::string_view msg) {
  SapientError e;
  e.code = SapientErrorCode::BadJson;
  std::string_view rest = msg;
  std::string path;
  if (!rest.empty() && rest.front() == '(') {
    const auto close = rest.find(')');
    if (close != std::string_view::npos) {
      path = std::string(rest.substr(1, close - 1));
      rest = rest.substr(close + 1);
    }
  }
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) {
    rest.remove_prefix(1);
  }
  // One line: protobuf's parser may append the offending text and a caret on further lines.
  rest = rest.substr(0, rest.find('\n'));
  // "name: reason" where name is a plain identifier: a field inside `path`.
  const auto colon = rest.find(": ");
  if (colon != std::string_view::npos && colon > 0) {
    const std::string_view name = rest.substr(0, colon);
    bool ident = true;
    for (char c : name) {
      ident = ident && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_');
    }
    if (ident) {
      path = path.empty() ? std::string(name) : path + "." + std::string(name);
      rest = rest.substr(colon + 2);
    }
  }
  std::string reason(rest);
  while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) {
    reason.pop_back();
  }
  if (const auto p = reason.find(" for type type.googleapis.com/"); p != std::string::npos) {
    reason.resize(p);
  }
  if (reason == "Cannot find field") {
    reason = "unknown field (not defined by BSI Flex 335 v2.0)";
  }
  e.path = path.empty() ? "$" : path;
  e.reason = reason.empty() ? "not a SapientMessage in the protobuf JSON mapping" : reason;
  return e;
}

Result<void, SapientError> parse_with(std::string_view json, sapient_pb::SapientMessage& out,
                                      bool ignore_unknown) {
  route_protobuf_logs();
  pbu::JsonParseOptions opt;
  opt.ignore_unknown_fields = ignore_unknown;
  out.Clear();
  const auto st = pbu::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &out, opt);
  if (!st.ok()) {
    std::string m(st.message());
    return unexpected(json_status_to_error(m));
  }
  return {};
}

}  // namespace

Result<void, SapientError> decode_message(std::span<const std::byte> payload,
                                          sapient_pb::SapientMessage& out) {
  route_protobuf_logs();
  if (payload.size() > static_cast<std::size_t>(INT32_MAX)) {
    return unexpected(SapientError{SapientErrorCode::Malformed, "", "payload too large", 0});
  }
  if (!out.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return unexpected(SapientError{SapientErrorCode::Malformed, "",
                                   "not a SapientMessage (protobuf wire format error)", 0});
  }
  return {};
}

void encode_message(const sapient_pb::SapientMessage& msg, std::vector<std::byte>& out) {
  const std::size_t n = msg.ByteSizeLong();
  out.resize(n);
  msg.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t*>(out.data()));
}

void encode_frame(const sapient_pb::SapientMessage& msg, std::vector<std::byte>& out) {
  const std::size_t n = msg.ByteSizeLong();
  const std::size_t at = out.size();
  out.resize(at + 4 + n);
  const auto len = static_cast<std::uint32_t>(n);
  for (std::size_t i = 0; i < 4; ++i) {
    out[at + i] = static_cast<std::byte>((len >> (8U * i)) & 0xFFU);
  }
  msg.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t*>(out.data() + at + 4));
}

Result<void, SapientError> parse_json_unvalidated(std::string_view json,
                                                  sapient_pb::SapientMessage& out) {
  return parse_with(json, out, false);
}

Result<void, SapientError> parse_json(std::string_view json, sapient_pb::SapientMessage& out) {
  auto strict = parse_with(json, out, false);
  if (strict) {
    auto v = validate(out);
    if (!v) {
      return unexpected(std::move(v).error());
    }
    return {};
  }
  // Strict parsing failed. If the document parses once fields the standard does not define are
  // ignored, and then breaks a rule, that rule is the more useful error.
  if (strict.error().reason.rfind("unknown field", 0) == 0) {
    if (parse_with(json, out, true)) {
      auto v = validate(out);
      if (!v) {
        return unexpected(std::move(v).error());
      }
    }
  }
  out.Clear();
  return unexpected(std::move(strict).error());
}

std::string to_json(const sapient_pb::SapientMessage& msg, bool pretty) {
  pbu::JsonPrintOptions opt;
  opt.add_whitespace = pretty;
  std::string out;
  (void)pbu::MessageToJsonString(msg, &out, opt);
  if (!pretty) {
    return out;
  }
  if (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

}  // namespace dewline::ingest::sapient
