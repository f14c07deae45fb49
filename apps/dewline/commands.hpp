// commands.hpp: the dewline binary's subcommands. Each lives in its own cmd_<name>.cpp, which
// registers its options on the CLI11 app and runs when chosen. A subcommand's exit code:
// 0 success, 1 the input was bad or a check failed (message on stderr), 2 usage or setup error.
#pragma once

#include <CLI/CLI.hpp>

namespace dewline::app {

// Set by the chosen subcommand's callback; returned by main.
int& exit_code();

void register_run(CLI::App& app);
void register_demo(CLI::App& app);
void register_sim(CLI::App& app);
void register_track(CLI::App& app);
void register_replay(CLI::App& app);
void register_eval(CLI::App& app);
void register_decode(CLI::App& app);
void register_bench(CLI::App& app);

}  // namespace dewline::app
