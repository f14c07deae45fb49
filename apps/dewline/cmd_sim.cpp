// dewline sim: simulates a scenario file into a directory of exchange CSV and native files
// (docs/simulator.md). Deterministic for a seed.
#include <cstdio>
#include <memory>

#include "apps/dewline/commands.hpp"
#include "sim/emitter.hpp"
#include "sim/sim_command.hpp"

namespace dewline::app {

void register_sim(CLI::App& app) {
  auto o = std::make_shared<sim::SimCommandOptions>();
  auto native = std::make_shared<bool>(false);
  auto no_native = std::make_shared<bool>(false);
  auto list = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "sim", "Simulate a scenario: truth, sensors' detections, exchange CSV (docs/simulator.md)");
  sub->add_option("scenario", o->scenario, "scenario TOML file (see scenarios/)");
  sub->add_option("--seed", o->seed, "random seed; the same seed gives byte-identical files")
      ->capture_default_str();
  sub->add_option("--out", o->out_dir, "output directory (created)");
  sub->add_option("--duration", o->duration_s, "override the scenario's duration, seconds");
  sub->add_flag("--native", *native, "write detections.jsonl and sensors.json");
  sub->add_flag("--no-native", *no_native, "do not write detections.jsonl and sensors.json");
  sub->add_option("--emit", o->emit, "also emit through NAME[:ARG] (see --list-emitters)");
  sub->add_flag("--list-emitters", *list, "list the emitters and exit");
  sub->add_flag("--check", o->check_only, "only load and check the scenario");
  sub->add_flag("-q,--quiet", o->quiet, "no summary on stderr");
  sub->callback([o, native, no_native, list] {
    if (*list) {
      for (const auto& f : sim::emitter_factories()) {
        std::printf("%-10.*s %.*s\n", static_cast<int>(f.name.size()), f.name.data(),
                    static_cast<int>(f.help.size()), f.help.data());
      }
      exit_code() = 0;
      return;
    }
    if (o->scenario.empty() || (!o->check_only && o->out_dir.empty())) {
      std::fprintf(stderr, "dewline sim: usage: dewline sim SCENARIO.toml --seed N --out DIR\n");
      exit_code() = 2;
      return;
    }
    if (*native && *no_native) {
      std::fprintf(stderr, "dewline sim: --native and --no-native exclude each other\n");
      exit_code() = 2;
      return;
    }
    if (*native || *no_native) {
      o->native = *native;
    }
    exit_code() = sim::run_sim_command(*o, stderr);
  });
}

}  // namespace dewline::app
