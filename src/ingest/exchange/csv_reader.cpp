#include "ingest/exchange/csv_reader.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace dewline::ingest {

std::string FileError::message() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
  }
  if (!column.empty()) {
    out += fmt::format(": column '{}'", column);
  }
  return out + ": " + reason;
}

Result<std::string, FileError> read_file_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return unexpected(FileError{path.string(), 0, "", "no such file"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return unexpected(FileError{path.string(), 0, "", "cannot open"});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CsvReader::CsvReader(std::string text, std::string source)
    : text_(std::move(text)), source_(std::move(source)) {}

Result<CsvReader, FileError> CsvReader::open(const std::filesystem::path& path) {
  auto text = read_file_text(path);
  if (!text) {
    return unexpected(text.error());
  }
  return from_string(std::move(*text), path.string());
}

Result<CsvReader, FileError> CsvReader::from_string(std::string text, std::string source_name) {
  CsvReader r(std::move(text), std::move(source_name));
  // Header: the first non-empty line.
  while (r.pos_ < r.text_.size()) {
    std::size_t end = r.text_.find('\n', r.pos_);
    if (end == std::string::npos) {
      end = r.text_.size();
    }
    std::string_view line(r.text_.data() + r.pos_, end - r.pos_);
    r.pos_ = end + 1;
    ++r.line_no_;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    r.split_line(line);
    for (auto f : r.fields_) {
      r.header_.emplace_back(f);
    }
    return r;
  }
  return unexpected(FileError{r.source_, 0, "", "empty file: no header line"});
}

bool CsvReader::split_line(std::string_view line) {
  fields_.clear();
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    std::string_view f =
        line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) {
      f.remove_prefix(1);
    }
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) {
      f.remove_suffix(1);
    }
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') {
      f = f.substr(1, f.size() - 2);
    }
    fields_.push_back(f);
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return true;
}

std::optional<std::size_t> CsvReader::optional_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) {
      return i;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> CsvReader::column(std::string_view name) {
  auto c = optional_column(name);
  if (!c && !error_) {
    error_ = FileError{source_, 1, std::string(name), "missing column in header"};
  }
  return c;
}

bool CsvReader::next() {
  if (error_) {
    return false;
  }
  while (pos_ < text_.size()) {
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string::npos) {
      end = text_.size();
    }
    std::string_view line(text_.data() + pos_, end - pos_);
    pos_ = end + 1;
    ++line_no_;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    split_line(line);
    if (fields_.size() < header_.size()) {
      fail("", fmt::format("expected {} fields, found {}", header_.size(), fields_.size()));
      return false;
    }
    return true;
  }
  return false;
}

void CsvReader::fail(std::string_view column, std::string reason) {
  if (!error_) {
    error_ = FileError{source_, line_no_, std::string(column), std::move(reason)};
  }
}

std::string_view CsvReader::text(std::size_t col) {
  return col < fields_.size() ? fields_[col] : std::string_view{};
}

std::optional<double> CsvReader::optional_number(std::size_t col) {
  std::string_view f = text(col);
  if (f.empty()) {
    return std::nullopt;
  }
  double v = 0.0;
  auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
  if (ec != std::errc() || ptr != f.data() + f.size()) {
    // Accept "nan", "inf" spellings from other tools: from_chars handles them; anything else is
    // malformed.
    fail(col < header_.size() ? header_[col] : "", fmt::format("not a number: \"{}\"", f));
    return std::nullopt;
  }
  return v;
}

double CsvReader::number(std::size_t col) {
  if (text(col).empty()) {
    fail(col < header_.size() ? header_[col] : "", "empty field, a number is required");
    return 0.0;
  }
  return optional_number(col).value_or(0.0);
}

std::int64_t CsvReader::integer(std::size_t col) {
  std::string_view f = text(col);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
  if (f.empty() || ec != std::errc() || ptr != f.data() + f.size()) {
    // Some writers print integers as "3.0".
    double d = 0.0;
    auto [p2, e2] = std::from_chars(f.data(), f.data() + f.size(), d);
    if (!f.empty() && e2 == std::errc() && p2 == f.data() + f.size() && std::floor(d) == d &&
        std::abs(d) < 9e15) {
      return static_cast<std::int64_t>(d);
    }
    fail(col < header_.size() ? header_[col] : "", fmt::format("not an integer: \"{}\"", f));
    return 0;
  }
  return v;
}

}  // namespace dewline::ingest
