// scenario_loader.hpp: reads a scenario TOML file (docs/simulator.md lists every key) into a
// checked `Scenario`.
//
// Every problem is reported, not only the first, and each error names the file, the line and
// column, and the dotted key (core/config.hpp): an unknown key, a value of the wrong type, a value
// out of range, a missing required key, or a file the scenario names that does not exist or
// cannot be read (an ADS-B replay file, named relative to the scenario file).
//
//   auto sc = load_scenario("scenarios/quiet_day.toml");
//   if (!sc) { for (const auto& e : sc.error()) std::cerr << e.message() << '\n'; return 1; }
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/result.hpp"
#include "sim/scenario.hpp"

namespace dewline::sim {

struct LoadOptions {
  std::optional<double> duration_s;  // overrides [scenario] duration_s
};

Result<Scenario, std::vector<ConfigError>> load_scenario(const std::filesystem::path& path,
                                                         const LoadOptions& options = {});

// The same from text; relative file names resolve against `base_dir`.
Result<Scenario, std::vector<ConfigError>> parse_scenario(std::string_view text,
                                                          const std::string& source_name,
                                                          const std::filesystem::path& base_dir,
                                                          const LoadOptions& options = {});

}  // namespace dewline::sim
