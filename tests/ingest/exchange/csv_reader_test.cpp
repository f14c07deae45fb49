#include "ingest/exchange/csv_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace dewline::ingest {
namespace {

CsvReader reader(std::string text) {
  auto r = CsvReader::from_string(std::move(text), "test.csv");
  EXPECT_TRUE(r.has_value());
  return std::move(*r);
}

TEST(CsvReader, FindsColumnsByNameWhateverTheirOrder) {
  CsvReader r = reader("b,a,extra\n2,1,x\n\n4,3,y\n");
  const auto a = r.column("a");
  const auto b = r.column("b");
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.number(*a), 1.0);
  EXPECT_EQ(r.number(*b), 2.0);
  ASSERT_TRUE(r.next());  // the empty line is passed over
  EXPECT_EQ(r.number(*a), 3.0);
  EXPECT_EQ(r.line(), 4U);
  EXPECT_FALSE(r.next());
  EXPECT_FALSE(r.failed());
}

TEST(CsvReader, AcceptsCrlfSpacesQuotesAndOtherToolsNanSpelling) {
  CsvReader r = reader("x, y ,name\r\n 1.5 ,nan,\"abc\"\r\n");
  const auto x = r.column("x");
  const auto y = r.column("y");
  const auto name = r.column("name");
  ASSERT_TRUE(x && y && name);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.number(*x), 1.5);
  EXPECT_TRUE(std::isnan(r.number(*y)));
  EXPECT_EQ(r.text(*name), "abc");
  EXPECT_FALSE(r.failed());
}

TEST(CsvReader, MissingColumnNamesItInTheHeaderLine) {
  CsvReader r = reader("a,b\n1,2\n");
  EXPECT_FALSE(r.column("c").has_value());
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error().line, 1U);
  EXPECT_EQ(r.error().message(), "test.csv:1: column 'c': missing column in header");
}

TEST(CsvReader, MalformedFieldNamesFileLineAndColumn) {
  CsvReader r = reader("a,b\n1,2\n3,x2\n");
  const auto b = r.column("b");
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.number(*b), 2.0);
  ASSERT_TRUE(r.next());
  (void)r.number(*b);
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error().message(), "test.csv:3: column 'b': not a number: \"x2\"");
  EXPECT_FALSE(r.next());  // a strict reader stops at the first error
}

TEST(CsvReader, ShortRowFailsAndClearErrorGoesOnWithTheNextRow) {
  CsvReader r = reader("a,b\n1\n3,4\n");
  const auto b = r.column("b");
  EXPECT_FALSE(r.next());
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error().message(), "test.csv:2: expected 2 fields, found 1");
  r.clear_error();
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.number(*b), 4.0);
  EXPECT_EQ(r.line(), 3U);
}

TEST(CsvReader, EmptyTextHasNoHeader) {
  auto r = CsvReader::from_string("\n\n", "empty.csv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message(), "empty.csv: empty file: no header line");
}

TEST(CsvReader, IntegerRejectsFractionsAndEmptyNumberIsAnError) {
  CsvReader r = reader("n,v\n1.5,\n");
  ASSERT_TRUE(r.next());
  (void)r.integer(0);
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error().column, "n");
  CsvReader e = reader("n,v\n1,\n");
  ASSERT_TRUE(e.next());
  EXPECT_EQ(e.integer(0), 1);
  CsvReader f = reader("n\n3.0\n");  // some writers print integers so
  ASSERT_TRUE(f.next());
  EXPECT_EQ(f.integer(0), 3);
  EXPECT_FALSE(e.optional_number(1).has_value());  // empty optional: no error
  EXPECT_FALSE(e.failed());
  (void)e.number(1);
  EXPECT_TRUE(e.failed());
}

}  // namespace
}  // namespace dewline::ingest
