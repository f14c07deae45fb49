// dewline sim: placeholder until the simulator lands.
#include <cstdio>

#include "apps/dewline/commands.hpp"

namespace dewline::app {

void register_sim(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("sim", "Simulate a scenario (not yet)");
  sub->allow_extras();
  sub->callback([] {
    std::fprintf(stderr, "dewline sim: not implemented yet\n");
    exit_code() = 2;
  });
}

}  // namespace dewline::app
