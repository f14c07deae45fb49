// native_json.hpp: dewline's native, lossless files for multi-sensor data: detections.jsonl (one
// Detection per line, every field kept) and sensors.json (every SensorInfo). The simulator writes
// them beside the exchange CSV; `dewline track` reads them; recordings and logs use the same
// mapping. Each object carries "v" (Detection::kVersion) so old files stay readable.
//
// Times are integer nanoseconds (`time_ns`), exact for live UTC times; `time_s` is written beside
// for people and ignored by the reader.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/detection.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "ingest/exchange/csv_reader.hpp"

namespace dewline::ingest {

[[nodiscard]] nlohmann::json to_json(const Detection& d);
// Error: the field and why ("polar.range_m: missing").
Result<Detection, std::string> detection_from_json(const nlohmann::json& j);

[[nodiscard]] nlohmann::json to_json(const SensorInfo& s);
Result<SensorInfo, std::string> sensor_from_json(const nlohmann::json& j);

// With `skipped`, a line that is not a detection is recorded there and the reading goes on
// (exchange_csv.hpp, read_measurements_csv); without, it fails the read.
Result<std::vector<Detection>, FileError> read_detections_jsonl(
    const std::filesystem::path& path, std::vector<SkippedRow>* skipped = nullptr);
// The same from text; `source` names it in errors.
Result<std::vector<Detection>, FileError> parse_detections_jsonl(
    std::string_view text, const std::string& source, std::vector<SkippedRow>* skipped = nullptr);
Result<void, FileError> write_detections_jsonl(const std::filesystem::path& path,
                                               const std::vector<Detection>& detections);

Result<std::vector<SensorInfo>, FileError> read_sensors_json(const std::filesystem::path& path);
Result<std::vector<SensorInfo>, FileError> parse_sensors_json(std::string_view text,
                                                              const std::string& source);
Result<void, FileError> write_sensors_json(const std::filesystem::path& path,
                                           const std::vector<SensorInfo>& sensors);

}  // namespace dewline::ingest
