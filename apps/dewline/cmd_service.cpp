// dewline run / demo / replay: the live service, the browser demo and recorded-incident replay.
// They come with the live-service issues; until then each says so and exits 2 (README status).
#include <cstdio>

#include "apps/dewline/commands.hpp"

namespace dewline::app {
namespace {

void register_pending(CLI::App& app, const char* name, const char* what) {
  CLI::App* sub = app.add_subcommand(name, what);
  sub->allow_extras();
  sub->callback([name] {
    std::fprintf(stderr,
                 "dewline %s: not implemented yet; it arrives with the live service. Offline, use "
                 "`dewline sim`, `dewline track` and `dewline eval` (README).\n",
                 name);
    exit_code() = 2;
  });
}

}  // namespace

void register_run(CLI::App& app) {
  register_pending(app, "run", "Run the live service on a site configuration (not yet)");
}
void register_demo(CLI::App& app) {
  register_pending(app, "demo", "A simulated attack on a site, live in the browser (not yet)");
}
void register_replay(CLI::App& app) {
  register_pending(app, "replay", "Replay a recorded incident (not yet)");
}

}  // namespace dewline::app
