// dewline bench: placeholder until the bencher lands.
#include <cstdio>

#include "apps/dewline/commands.hpp"

namespace dewline::app {

void register_bench(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("bench", "Benchmark a scenario (not yet)");
  sub->allow_extras();
  sub->callback([] {
    std::fprintf(stderr, "dewline bench: not implemented yet\n");
    exit_code() = 2;
  });
}

}  // namespace dewline::app
