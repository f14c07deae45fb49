# Every dependency comes from a Debian bookworm package (scripts/install-deps). Nothing is fetched.
find_package(Threads REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(tomlplusplus 3.3 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Protobuf REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

find_library(GEOGRAPHICLIB_LIBRARY GeographicLib REQUIRED)
find_path(GEOGRAPHICLIB_INCLUDE_DIR GeographicLib/Config.h REQUIRED)
add_library(GeographicLib::GeographicLib UNKNOWN IMPORTED)
set_target_properties(GeographicLib::GeographicLib PROPERTIES
  IMPORTED_LOCATION "${GEOGRAPHICLIB_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${GEOGRAPHICLIB_INCLUDE_DIR}")

if(DEWLINE_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(DEWLINE_BENCH)
  find_package(benchmark REQUIRED)
endif()
