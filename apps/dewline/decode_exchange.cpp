// dewline decode --format exchange: prints a measurements.csv or a native detections.jsonl as
// JSON lines (the native Detection mapping), so every input speaks the same language. As with the
// protocol decoders, a malformed row does not stop the rest: the good rows print, then one
// {"error", "file", "line", "column"} object per bad row, and the exit code is 1.
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "apps/dewline/decode_formats.hpp"
#include "ingest/exchange/exchange_csv.hpp"
#include "ingest/exchange/native_json.hpp"

namespace dewline::app {

int decode_exchange(const DecodeArgs& a) {
  const std::filesystem::path p(a.input);
  std::vector<Detection> dets;
  std::vector<ingest::SkippedRow> skipped;
  if (p.extension() == ".jsonl") {
    auto r = ingest::read_detections_jsonl(p, &skipped);
    if (!r) {
      std::fprintf(stderr, "dewline decode: %s\n", r.error().message().c_str());
      return 1;
    }
    dets = std::move(*r);
  } else {
    auto rows = ingest::read_measurements_csv(p, &skipped);
    if (!rows) {
      std::fprintf(stderr, "dewline decode: %s\n", rows.error().message().c_str());
      return 1;
    }
    SensorRegistry sensors;
    const auto sensors_csv = p.parent_path() / "sensors.csv";
    if (std::filesystem::exists(sensors_csv)) {
      auto s = ingest::read_sensors_csv(sensors_csv);
      if (!s) {
        std::fprintf(stderr, "dewline decode: %s\n", s.error().message().c_str());
        return 1;
      }
      for (auto& si : *s) {
        sensors.add(std::move(si));
      }
    }
    dets = ingest::to_detections(*rows, sensors);
  }
  for (const auto& d : dets) {
    std::printf("%s\n", ingest::to_json(d).dump().c_str());
  }
  for (const ingest::SkippedRow& row : skipped) {
    nlohmann::json e = {{"error", row.error.reason},
                        {"file", row.error.file},
                        {"line", row.error.line},
                        {"column", row.error.column}};
    std::printf("%s\n", e.dump().c_str());
  }
  return skipped.empty() ? 0 : 1;
}

}  // namespace dewline::app
