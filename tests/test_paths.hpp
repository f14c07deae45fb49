// test_paths.hpp: where tests find the real data and the dewline binary.
//
// Real recordings live beside the checkout in ../shared/data/real/ (never copied into the
// product); the benchmark scenarios in ../shared/scenarios/. Tests read them by path.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace dewline::test {

inline std::filesystem::path source_dir() {
  return DEWLINE_SOURCE_DIR;
}
inline std::filesystem::path binary_dir() {
  return DEWLINE_BINARY_DIR;
}
inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("DEWLINE_SHARED_DIR")) {
    return env;
  }
  return source_dir().parent_path() / "shared";
}
inline std::filesystem::path real_data(const std::string& rel) {
  return shared_dir() / "data" / "real" / rel;
}
inline std::filesystem::path shared_scenario(const std::string& name) {
  return shared_dir() / "scenarios" / name;
}
// The dewline binary built beside the tests.
inline std::filesystem::path dewline_binary() {
  return binary_dir() / "apps" / "dewline" / "dewline";
}
// A fresh scratch directory under the build tree for one test. It is named after the running
// test too: ctest runs the tests of one file in parallel processes, and a directory shared by
// name would be wiped by one test while another writes in it.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto p = binary_dir() / "test-scratch" / name;
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    p /= std::string(info->test_suite_name()) + "." + info->name();
  }
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace dewline::test
