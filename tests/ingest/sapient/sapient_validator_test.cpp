// Tests of the SAPIENT validator against the standard's own test messages
// (../shared/data/real/sapient, from dstl/BSI-Flex-335-v2-Test-Harness, Apache-2.0, Crown
// copyright): every valid message is accepted, every invalid one rejected with the field that
// its file name names.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_validator.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::sapient {
namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::filesystem::path> files_in(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(test::real_data("sapient/" + dir))) {
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string lower_alnum(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

TEST(SapientValidator, AcceptsEveryValidMessageOfTheStandard) {
  const auto files = files_in("valid");
  ASSERT_EQ(files.size(), 38U);
  for (const auto& f : files) {
    sapient_pb::SapientMessage msg;
    auto r = parse_json(read_text(f), msg);
    EXPECT_TRUE(r.has_value()) << f.filename() << ": " << (r ? "" : r.error().message());
  }
}

// The file names say what is wrong ("0108.DetectionReport.ObjectId.Missing.json"): the error's
// field path must name that field (compared without case and underscores), or, for the few
// names that describe a structure rather than a field, its parent.
TEST(SapientValidator, RejectsEveryInvalidMessageNamingTheField) {
  const auto files = files_in("invalid");
  ASSERT_EQ(files.size(), 129U);
  int named = 0;
  for (const auto& f : files) {
    sapient_pb::SapientMessage msg;
    auto r = parse_json(read_text(f), msg);
    ASSERT_FALSE(r.has_value()) << f.filename() << " was accepted";
    const SapientError& e = r.error();
    EXPECT_FALSE(e.path.empty()) << f.filename();
    EXPECT_FALSE(e.reason.empty()) << f.filename();
    const std::string path = lower_alnum(e.path);
    // Words of the file name after the number, without "Missing", "Error", ... : at least one
    // of them must appear in the path.
    std::string name = f.filename().string();
    std::stringstream words(name.substr(5));
    std::string w;
    bool hit = false;
    while (std::getline(words, w, '.')) {
      const std::string lw = lower_alnum(w);
      if (lw.empty() || lw == "json" || lw == "missing" || lw == "error" || lw == "empty" ||
          lw == "wrong" || lw == "invalid" || lw == "badid" || lw == "fullmessage" ||
          lw == "sub" || lw == "2") {
        continue;
      }
      // The file names spell "Dependant"; the standard's field is dependent_nodes.
      const std::string want = lw == "dependantnodes" ? "dependentnodes" : lw;
      hit = hit || path.find(want) != std::string::npos;
    }
    named += hit ? 1 : 0;
    EXPECT_TRUE(hit) << name << " -> " << e.message();
  }
  EXPECT_EQ(named, 129);
}

}  // namespace
}  // namespace dewline::ingest::sapient
