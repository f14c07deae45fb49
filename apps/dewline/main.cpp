// dewline: sensing and warning against small hostile drones. One binary, one subcommand per job.
#include <cstdio>
#include <exception>

#include "apps/dewline/commands.hpp"
#include "core/log.hpp"

namespace dewline::app {

int& exit_code() {
  static int code = 0;
  return code;
}

}  // namespace dewline::app

int main(int argc, char** argv) {
  CLI::App app{"dewline: fuses drone-detection sensors into one picture and warns early",
               "dewline"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dewline 0.1.0");
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->capture_default_str();
  app.parse_complete_callback([&] { dewline::set_log_level(log_level); });

  dewline::app::register_run(app);
  dewline::app::register_demo(app);
  dewline::app::register_sim(app);
  dewline::app::register_track(app);
  dewline::app::register_replay(app);
  dewline::app::register_eval(app);
  dewline::app::register_decode(app);
  dewline::app::register_bench(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dewline: fatal: %s\n", e.what());
    return 2;
  }
  return dewline::app::exit_code();
}
