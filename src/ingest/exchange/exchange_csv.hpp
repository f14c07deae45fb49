// exchange_csv.hpp: the exchange format (../shared/formats/exchange-csv.md), read and written
// exactly: sensors.csv, measurements.csv, truth.csv, tracks.csv, labels.csv, site.csv.
//
// Times in these files are seconds from the scenario start; `Time` values are made with
// `Time::from_seconds(time_s)` (time.hpp: the scenario starts at the epoch). Azimuths follow
// angles.hpp (CCW from East), which is the exchange convention.
//
// Readers check every field and return a FileError naming file, line and column; writers format
// numbers with fixed precision so that the same input gives byte-identical files. Each reader
// also takes a CsvReader (CsvReader::from_string for text that is not a file: tests, fuzzers).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "core/sensor.hpp"
#include "core/target_class.hpp"
#include "ingest/exchange/csv_reader.hpp"

namespace dewline::ingest {

// measurements.csv: one radar plot.
struct MeasurementRow {
  double time_s = 0.0;
  SensorId sensor{};
  double range_m = 0.0;
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
  std::int64_t truth_id = -1;  // scoring only
};

// truth.csv: one target at one scan time.
struct TruthRow {
  double time_s = 0.0;
  std::int64_t target_id = 0;
  Vec3 position_m = Vec3::Zero();
  Vec3 velocity_mps = Vec3::Zero();
};

// tracks.csv: one confirmed track at one scan time, with the optional assessment columns.
struct TrackRow {
  double time_s = 0.0;
  std::uint64_t track_id = 0;
  Vec3 position_m = Vec3::Zero();
  Vec3 velocity_mps = Vec3::Zero();
  std::string class_name;  // drone, bird, aircraft, unknown; empty = not classified
  std::optional<double> p_drone;
  std::optional<double> p_bird;
  std::optional<double> p_aircraft;
  std::string threat;  // none..critical; empty = not assessed
  std::string spoof;   // empty, or the reason a cooperative broadcast was flagged
};

// Which optional columns a tracks.csv carries.
struct TrackColumns {
  bool classification = false;  // class,p_drone,p_bird,p_aircraft
  bool threat = false;
  bool spoof = false;
};

// labels.csv
struct LabelRow {
  std::int64_t target_id = 0;
  CoarseClass target_class = CoarseClass::Unknown;
  std::string subclass;
  std::optional<bool> hostile;
};

Result<std::vector<SensorInfo>, FileError> read_sensors_csv(const std::filesystem::path& path);
Result<std::vector<SensorInfo>, FileError> read_sensors_csv(CsvReader& reader);
Result<void, FileError> write_sensors_csv(const std::filesystem::path& path,
                                          const std::vector<SensorInfo>& radars);

// With `skipped`, a malformed row (a field missing or not a number) is recorded there and the
// reading goes on: one bad plot of a recording does not cost the rest of it. Without, the first
// malformed row fails the read. A missing header column fails it either way.
Result<std::vector<MeasurementRow>, FileError> read_measurements_csv(
    const std::filesystem::path& path, std::vector<SkippedRow>* skipped = nullptr);
Result<std::vector<MeasurementRow>, FileError> read_measurements_csv(
    CsvReader& reader, std::vector<SkippedRow>* skipped = nullptr);
Result<void, FileError> write_measurements_csv(const std::filesystem::path& path,
                                               const std::vector<MeasurementRow>& rows);

// Radar plots -> Detections, taking each plot's noise from its sensor's row. Plots naming an
// unknown sensor are kept with zero noise and counted by the tracker's input check.
[[nodiscard]] std::vector<Detection> to_detections(const std::vector<MeasurementRow>& rows,
                                                   const SensorRegistry& sensors);

Result<std::vector<TruthRow>, FileError> read_truth_csv(const std::filesystem::path& path);
Result<std::vector<TruthRow>, FileError> read_truth_csv(CsvReader& reader);
Result<void, FileError> write_truth_csv(const std::filesystem::path& path,
                                        const std::vector<TruthRow>& rows);

Result<std::vector<TrackRow>, FileError> read_tracks_csv(const std::filesystem::path& path);
Result<std::vector<TrackRow>, FileError> read_tracks_csv(CsvReader& reader);
Result<void, FileError> write_tracks_csv(const std::filesystem::path& path,
                                         const std::vector<TrackRow>& rows, TrackColumns cols);
// The same, to any stream (stdout).
void write_tracks_csv(std::FILE* out, const std::vector<TrackRow>& rows, TrackColumns cols);

Result<std::vector<LabelRow>, FileError> read_labels_csv(const std::filesystem::path& path);
Result<std::vector<LabelRow>, FileError> read_labels_csv(CsvReader& reader);
Result<void, FileError> write_labels_csv(const std::filesystem::path& path,
                                         const std::vector<LabelRow>& rows);

Result<Geodetic, FileError> read_site_csv(const std::filesystem::path& path);
Result<Geodetic, FileError> read_site_csv(CsvReader& reader);
Result<void, FileError> write_site_csv(const std::filesystem::path& path, const Geodetic& site);

// Writes `text` to `path`, creating parent directories.
Result<void, FileError> write_file_text(const std::filesystem::path& path, std::string_view text);

}  // namespace dewline::ingest
