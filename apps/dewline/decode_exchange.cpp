// dewline decode --format exchange: prints a measurements.csv or a native detections.jsonl as
// JSON lines (the native Detection mapping), so every input speaks the same language.
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
  if (p.extension() == ".jsonl") {
    auto r = ingest::read_detections_jsonl(p);
    if (!r) {
      std::fprintf(stderr, "dewline decode: %s\n", r.error().message().c_str());
      return 1;
    }
    dets = std::move(*r);
  } else {
    auto rows = ingest::read_measurements_csv(p);
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
  return 0;
}

}  // namespace dewline::app
