// dewline track: placeholder until the tracker lands.
#include <cstdio>

#include "apps/dewline/commands.hpp"

namespace dewline::app {

void register_track(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("track", "Track a scenario (not yet)");
  sub->allow_extras();
  sub->callback([] {
    std::fprintf(stderr, "dewline track: not implemented yet\n");
    exit_code() = 2;
  });
}

}  // namespace dewline::app
