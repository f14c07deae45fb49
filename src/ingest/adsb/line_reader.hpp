// line_reader.hpp: splits a byte stream (file chunks or TCP reads) into text lines for the SBS
// and modes-hex readers. Lines end at '\n'; a trailing '\r' is dropped. A line longer than
// `max_line` is reported once (LineTooLong) and skipped up to its newline, so a feed without
// newlines cannot grow the buffer without bound.
//
//   LineReader r;
//   r.push(chunk);
//   std::string_view line; std::uint64_t no;
//   while (r.next(line, no) == LineReader::Status::Line) use(line, no);
//   r.finish();  // then next() returns the last unterminated line, if any
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dewline::ingest::adsb {

class LineReader {
 public:
  enum class Status { Line, TooLong, NeedMore };

  explicit LineReader(std::size_t max_line = 1024) : max_line_(max_line) {}

  void push(std::span<const std::byte> bytes);
  void push(std::string_view text);
  void finish() { finished_ = true; }
  // The next complete line (valid until the next push/next) and its 1-based number. TooLong:
  // `line_no` is the overlong line's number and the line is dropped.
  Status next(std::string_view& line, std::uint64_t& line_no);
  void reset();

 private:
  void compact();

  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t max_line_;
  std::uint64_t line_no_ = 0;
  bool finished_ = false;
  bool skipping_ = false;  // inside an overlong line, dropping bytes up to the next '\n'
};

}  // namespace dewline::ingest::adsb
