// exchange_fuzz.cpp: libFuzzer target for the exchange files (exchange-csv.md) and the native
// files: the first byte picks the reader (0 measurements.csv, 1 sensors.csv, 2 truth.csv,
// 3 tracks.csv, 4 labels.csv, 5 site.csv, 6 detections.jsonl, 7 sensors.json, 8 zones.geojson),
// the rest is the file's text. Checks that a lenient read loses nothing (every non-empty data
// line is a row or a skipped row with a reason), that a strict read of the same text agrees with
// it, and that every error has a reason.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/log.hpp"
#include "ingest/exchange/csv_reader.hpp"
#include "ingest/exchange/exchange_csv.hpp"
#include "ingest/exchange/native_json.hpp"
#include "ingest/exchange/zones_geojson.hpp"

namespace {

using dewline::ingest::CsvReader;
using dewline::ingest::FileError;
using dewline::ingest::SkippedRow;

// Non-empty lines after the first non-empty one (the header), as CsvReader counts them.
std::size_t data_lines(std::string_view text, bool has_header) {
  std::size_t n = 0;
  bool header = has_header;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    if (header) {
      header = false;
      continue;
    }
    ++n;
  }
  return n;
}

void check_error(const FileError& e) {
  if (e.reason.empty() || e.file.empty()) {
    __builtin_trap();  // every error says where and why
  }
}

template <typename Read>
void strict(const std::string& text, Read read) {
  auto r = CsvReader::from_string(text, "fuzz.csv");
  if (!r) {
    check_error(r.error());
    return;
  }
  auto v = read(*r);
  if (!v) {
    check_error(v.error());
  }
}

void measurements(const std::string& text) {
  std::vector<SkippedRow> skipped;
  auto lenient_reader = CsvReader::from_string(text, "fuzz.csv");
  if (!lenient_reader) {
    check_error(lenient_reader.error());
    return;
  }
  auto lenient = dewline::ingest::read_measurements_csv(*lenient_reader, &skipped);
  auto strict_reader = CsvReader::from_string(text, "fuzz.csv");
  auto strict_rows = dewline::ingest::read_measurements_csv(*strict_reader);
  if (!lenient) {
    check_error(lenient.error());
    if (strict_rows) {
      __builtin_trap();  // a header the lenient read refuses, the strict one must refuse too
    }
    return;
  }
  for (const SkippedRow& s : skipped) {
    check_error(s.error);
    if (s.error.line < 2) {
      __builtin_trap();  // a skipped row is a data row, never the header
    }
  }
  if (lenient->size() + skipped.size() != data_lines(text, true)) {
    __builtin_trap();  // nothing is dropped without a record
  }
  if (strict_rows.has_value() != skipped.empty()) {
    __builtin_trap();  // strict fails exactly when lenient skipped something
  }
  if (strict_rows && strict_rows->size() != lenient->size()) {
    __builtin_trap();
  }
}

void detections(const std::string& text) {
  std::vector<SkippedRow> skipped;
  auto lenient = dewline::ingest::parse_detections_jsonl(text, "fuzz.jsonl", &skipped);
  if (!lenient) {
    __builtin_trap();  // a lenient read of lines has no whole-file failure
  }
  for (const SkippedRow& s : skipped) {
    check_error(s.error);
  }
  if (lenient->size() + skipped.size() != data_lines(text, false)) {
    __builtin_trap();
  }
  auto strict_rows = dewline::ingest::parse_detections_jsonl(text, "fuzz.jsonl");
  if (strict_rows.has_value() != skipped.empty()) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ing = dewline::ingest;
  dewline::log().set_level(spdlog::level::off);
  if (size == 0) {
    return 0;
  }
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 9) {
    case 0:
      measurements(text);
      break;
    case 1:
      strict(text, [](CsvReader& r) { return ing::read_sensors_csv(r); });
      break;
    case 2:
      strict(text, [](CsvReader& r) { return ing::read_truth_csv(r); });
      break;
    case 3:
      strict(text, [](CsvReader& r) { return ing::read_tracks_csv(r); });
      break;
    case 4:
      strict(text, [](CsvReader& r) { return ing::read_labels_csv(r); });
      break;
    case 5:
      strict(text, [](CsvReader& r) { return ing::read_site_csv(r); });
      break;
    case 6:
      detections(text);
      break;
    case 7: {
      auto sensors = ing::parse_sensors_json(text, "sensors.json");
      if (!sensors) {
        check_error(sensors.error());
      }
      break;
    }
    default: {
      static const dewline::EnuFrame site(dewline::Geodetic{47.395, 8.585, 440.0});
      auto zones = ing::parse_zones_geojson(text, "zones.geojson", site);
      if (!zones) {
        check_error(zones.error());
      }
      break;
    }
  }
  return 0;
}
