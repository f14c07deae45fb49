#include "eval/alerts_jsonl.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dewline::eval {
namespace {

using nlohmann::json;

Result<AlertState, std::string> state_from(const std::string& s) {
  for (AlertState a :
       {AlertState::Raised, AlertState::Acknowledged, AlertState::Cleared, AlertState::Expired}) {
    if (to_string(a) == s) {
      return a;
    }
  }
  return unexpected(
      fmt::format("invalid state \"{}\" (raised, acknowledged, cleared, expired)", s));
}

Result<std::uint64_t, std::string> id_from(const json& v) {
  if (v.is_number_unsigned()) {
    return v.get<std::uint64_t>();
  }
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {
    return static_cast<std::uint64_t>(v.get<std::int64_t>());
  }
  return unexpected(fmt::format("expected a non-negative integer, got {}", v.dump()));
}

}  // namespace

Result<std::vector<AlertRow>, ingest::FileError> parse_alerts_jsonl(std::string_view text,
                                                                    const std::string& source) {
  std::vector<AlertRow> out;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      continue;
    }
    auto fail = [&](std::string field, std::string reason) {
      return unexpected(ingest::FileError{source, line_no, std::move(field), std::move(reason)});
    };
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return fail("", "not a JSON object");
    }
    AlertRow r;
    for (const char* key : {"time_s", "alert_id", "track_id", "state", "zone", "level"}) {
      if (!j.contains(key)) {
        return fail(key, "missing");
      }
    }
    if (!j["time_s"].is_number() || !std::isfinite(j["time_s"].get<double>())) {
      return fail("time_s", "expected a number");
    }
    r.time_s = j["time_s"].get<double>();
    auto aid = id_from(j["alert_id"]);
    if (!aid) {
      return fail("alert_id", aid.error());
    }
    r.alert_id = *aid;
    auto tid = id_from(j["track_id"]);
    if (!tid) {
      return fail("track_id", tid.error());
    }
    r.track_id = *tid;
    if (!j["state"].is_string()) {
      return fail("state", "expected a string");
    }
    auto st = state_from(j["state"].get<std::string>());
    if (!st) {
      return fail("state", st.error());
    }
    r.state = *st;
    if (!j["zone"].is_string()) {
      return fail("zone", "expected a string");
    }
    r.zone = j["zone"].get<std::string>();
    const json& lv = j["level"];
    if (lv == "warning") {
      r.level = ZoneLevel::Warning;
    } else if (lv == "protected") {
      r.level = ZoneLevel::Protected;
    } else {
      return fail("level", fmt::format("invalid level {} (warning, protected)", lv.dump()));
    }
    if (j.contains("reason") && j["reason"].is_string()) {
      r.reason = j["reason"].get<std::string>();
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<AlertRow>, ingest::FileError> read_alerts_jsonl(
    const std::filesystem::path& path) {
  auto text = ingest::read_file_text(path);
  if (!text) {
    return unexpected(text.error());
  }
  return parse_alerts_jsonl(*text, path.string());
}

}  // namespace dewline::eval
