#include "sim/sim_command.hpp"

#include <memory>

#include <fmt/format.h>

#include "sim/emitter.hpp"
#include "sim/exchange_emitter.hpp"
#include "sim/jsonl_emitter.hpp"
#include "sim/output_files.hpp"
#include "sim/scenario_loader.hpp"
#include "sim/simulator.hpp"

namespace dewline::sim {

int run_sim_command(const SimCommandOptions& o, std::FILE* err) {
  LoadOptions lo;
  lo.duration_s = o.duration_s;
  if (o.duration_s && !(*o.duration_s > 0.0)) {
    fmt::print(err, "dewline sim: --duration must be positive\n");
    return 2;
  }
  auto sc = load_scenario(o.scenario, lo);
  if (!sc) {
    for (const auto& e : sc.error()) {
      fmt::print(err, "{}\n", e.message());
    }
    fmt::print(err, "dewline sim: {} error(s) in the scenario\n", sc.error().size());
    return 1;
  }
  if (o.native) {
    sc->output.native = *o.native;
  }
  if (o.check_only) {
    if (!o.quiet) {
      fmt::print(err, "{}: OK ({} sensors, {} target entries)\n", o.scenario.string(),
                 sc->sensors.size(), sc->targets.size());
    }
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) {
    fmt::print(err, "dewline sim: cannot create {}: {}\n", o.out_dir.string(), ec.message());
    return 2;
  }
  std::vector<std::unique_ptr<Emitter>> owned;
  owned.push_back(make_exchange_emitter(o.out_dir));
  if (sc->output.native) {
    owned.push_back(make_jsonl_emitter(o.out_dir / "detections.jsonl"));
  }
  for (const auto& spec : o.emit) {
    auto e = make_emitter(spec, o.out_dir);
    if (!e) {
      fmt::print(err, "dewline sim: --emit {}: {}\n", spec, e.error());
      return 2;
    }
    owned.push_back(std::move(*e));
  }
  std::vector<Emitter*> emitters;
  for (auto& e : owned) {
    emitters.push_back(e.get());
  }
  Simulator sim(*sc, o.seed);
  auto result = sim.run(emitters);
  if (!result) {
    fmt::print(err, "dewline sim: {}\n", result.error());
    return 2;
  }
  if (auto r = write_output_files(o.out_dir, *sc, o.seed, *result); !r) {
    fmt::print(err, "dewline sim: {}\n", r.error());
    return 2;
  }
  if (!o.quiet) {
    std::uint64_t total = 0;
    for (auto n : result->detections_per_sensor) {
      total += n;
    }
    fmt::print(err,
               "{}: seed {}, {:.0f} s, {} targets, {} truth rows, {} detections "
               "({} clutter) -> {}\n",
               sc->name, o.seed, sc->duration.seconds(), sim.population().bodies.size(),
               result->truth.size(), total, result->clutter, o.out_dir.string());
  }
  return 0;
}

}  // namespace dewline::sim
