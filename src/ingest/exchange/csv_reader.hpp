// csv_reader.hpp: a small, strict CSV reader for the exchange format (exchange-csv.md).
//
// One header line; columns are found by name, so their order does not matter and extra columns
// are ignored. Fields are unquoted (the exchange format has no commas inside fields; a quoted
// field is accepted and its quotes stripped). Every error names the file, the 1-based line and
// the column:
//
//   auto csv = CsvReader::open(path);                 // Result<CsvReader, FileError>
//   auto t = csv->column("time_s");                   // required column index
//   while (csv->next()) { double time = csv->number(*t); ... }
//   if (csv->failed()) return csv->error();
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"

namespace dewline::ingest {

// An error reading a file: where and why. `line` is 1-based, 0 for whole-file errors.
struct FileError {
  std::string file;
  std::size_t line = 0;
  std::string column;
  std::string reason;
  [[nodiscard]] std::string message() const;
};

// A data row (or line) that a lenient reader left out: where and why, and its sensor when that
// field could be read.
struct SkippedRow {
  FileError error;
  std::optional<SensorId> sensor;
};

class CsvReader {
 public:
  static Result<CsvReader, FileError> open(const std::filesystem::path& path);
  static Result<CsvReader, FileError> from_string(std::string text, std::string source_name);

  // Index of a required column, or records an error and returns nullopt.
  std::optional<std::size_t> column(std::string_view name);
  // Index of an optional column.
  [[nodiscard]] std::optional<std::size_t> optional_column(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }

  // Advances to the next non-empty data row; false at the end or after an error.
  bool next();
  [[nodiscard]] std::size_t line() const { return line_no_; }
  [[nodiscard]] const std::string& source() const { return source_; }

  // Field accessors for the current row. A malformed field records an error (see failed()).
  std::string_view text(std::size_t col);
  double number(std::size_t col);
  // Empty field -> nullopt; malformed -> error.
  std::optional<double> optional_number(std::size_t col);
  std::int64_t integer(std::size_t col);

  [[nodiscard]] bool failed() const { return error_.has_value(); }
  [[nodiscard]] const FileError& error() const { return *error_; }
  void fail(std::string_view column, std::string reason);
  // Forgets the current row's error so that next() goes on: for a caller that skips malformed
  // rows (recording each) instead of failing the file.
  void clear_error() { error_.reset(); }

 private:
  CsvReader(std::string text, std::string source);
  bool split_line(std::string_view line);

  std::string text_;
  std::string source_;
  std::size_t pos_ = 0;
  std::size_t line_no_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;
  std::optional<FileError> error_;
};

// Reads a whole file into a string.
Result<std::string, FileError> read_file_text(const std::filesystem::path& path);

}  // namespace dewline::ingest
