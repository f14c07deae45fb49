// sim_command.hpp: `dewline sim` as a function, so tests can run it without a process:
// load the scenario (errors name file, line and key), simulate, write the files and run the
// chosen emitters. Returns the exit code: 0 done, 1 the scenario is bad, 2 the output could not
// be written or an emitter failed. Messages go to `err`; a summary too unless `quiet`.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dewline::sim {

struct SimCommandOptions {
  std::filesystem::path scenario;
  std::uint64_t seed = 1;
  std::filesystem::path out_dir;
  std::optional<double> duration_s;
  std::optional<bool> native;     // overrides [output] native
  std::vector<std::string> emit;  // extra emitters, "name[:arg]"
  bool check_only = false;        // load and check the scenario, simulate nothing
  bool quiet = false;
};

[[nodiscard]] int run_sim_command(const SimCommandOptions& options, std::FILE* err);

}  // namespace dewline::sim
