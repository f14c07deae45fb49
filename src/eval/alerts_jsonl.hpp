// alerts_jsonl.hpp: reads alerts.jsonl (exchange-csv.md: one JSON object per line and per alert
// state change with time_s, alert_id, track_id, state, zone, level, reason; more keys allowed and
// ignored) for `dewline eval --alerts`.
//
// Every error names the file, the line and the field: "alerts.jsonl:12: column 'state': ...".
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/alert.hpp"
#include "core/result.hpp"
#include "ingest/exchange/csv_reader.hpp"

namespace dewline::eval {

struct AlertRow {
  double time_s = 0.0;
  std::uint64_t alert_id = 0;
  std::uint64_t track_id = 0;
  AlertState state = AlertState::Raised;
  std::string zone;
  ZoneLevel level = ZoneLevel::Warning;
  std::string reason;
};

Result<std::vector<AlertRow>, ingest::FileError> parse_alerts_jsonl(std::string_view text,
                                                                    const std::string& source);
Result<std::vector<AlertRow>, ingest::FileError> read_alerts_jsonl(
    const std::filesystem::path& path);

}  // namespace dewline::eval
