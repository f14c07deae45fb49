# Compiler warnings, sanitizers and the dewline_add_library / dewline_add_test helpers.

add_library(dewline_warnings INTERFACE)
target_compile_options(dewline_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # -Wrestrict, -Wstringop-overflow/-overread and -Warray-bounds give false positives inside
  # libstdc++'s std::string at -O3 with g++ 12 (GCC bugs 105329, 105651, 106199).
  target_compile_options(dewline_warnings INTERFACE -Wduplicated-cond -Wlogical-op
    -Wno-maybe-uninitialized -Wno-restrict -Wno-stringop-overflow -Wno-stringop-overread
    -Wno-array-bounds)
endif()
if(DEWLINE_WERROR)
  target_compile_options(dewline_warnings INTERFACE -Werror)
endif()

if(DEWLINE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# dewline_add_library(NAME SOURCES... DEPS...): one CMake library per stage folder.
function(dewline_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE dewline_warnings ${ARG_PRIVATE_DEPS})
endfunction()

# dewline_add_test(NAME SOURCES... DEPS...): one GoogleTest executable, registered with CTest.
# Tests run with the source tree as working directory so that ../shared resolves beside it.
function(dewline_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main dewline_warnings)
  target_compile_definitions(${name} PRIVATE
    DEWLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    DEWLINE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
