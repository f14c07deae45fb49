#include "ingest/adsb/line_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dewline::ingest::adsb {
namespace {

std::vector<std::string> lines_of(LineReader& r, std::vector<std::uint64_t>* numbers = nullptr,
                                  int* too_long = nullptr) {
  std::vector<std::string> out;
  std::string_view line;
  std::uint64_t no = 0;
  for (;;) {
    const auto s = r.next(line, no);
    if (s == LineReader::Status::NeedMore) {
      return out;
    }
    if (s == LineReader::Status::TooLong) {
      if (too_long != nullptr) {
        ++*too_long;
      }
      continue;
    }
    out.emplace_back(line);
    if (numbers != nullptr) {
      numbers->push_back(no);
    }
  }
}

TEST(LineReader, SplitsAcrossChunksAndDropsCarriageReturns) {
  LineReader r;
  r.push(std::string_view("MSG,1\r\nMS"));
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{"MSG,1"}));
  r.push(std::string_view("G,2\n\r\nlast"));
  std::vector<std::uint64_t> numbers;
  EXPECT_EQ(lines_of(r, &numbers), (std::vector<std::string>{"MSG,2", ""}));
  EXPECT_EQ(numbers, (std::vector<std::uint64_t>{2, 3}));
  r.finish();
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{"last"}));
}

TEST(LineReader, OverlongLinesAreReportedOnceAndSkipped) {
  LineReader r(8);
  int too_long = 0;
  r.push(std::string_view("0123456789"));  // no newline yet, already too long
  EXPECT_TRUE(lines_of(r, nullptr, &too_long).empty());
  r.push(std::string_view("abcdef\nok\n"));
  std::vector<std::uint64_t> numbers;
  EXPECT_EQ(lines_of(r, &numbers, &too_long), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(too_long, 1);
  EXPECT_EQ(numbers, (std::vector<std::uint64_t>{2}));
  r.push(std::string_view("also-too-long\nfine\n"));
  EXPECT_EQ(lines_of(r, nullptr, &too_long), (std::vector<std::string>{"fine"}));
  EXPECT_EQ(too_long, 2);
}

}  // namespace
}  // namespace dewline::ingest::adsb
