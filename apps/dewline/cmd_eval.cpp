// dewline eval: scores tracks against the truth (GOSPA, OSPA, id switches, fragmentation, false
// tracks, SIAP) and prints a table or, with --json, one JSON object (keys are a stable interface).
#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "apps/dewline/commands.hpp"
#include "eval/eval_report.hpp"

namespace dewline::app {
namespace {

struct EvalOptions {
  eval::EvalInputs in;
  bool json = false;
  bool per_scan = false;
};

int run_eval(const EvalOptions& o) {
  auto report = eval::evaluate(o.in);
  if (!report) {
    std::fprintf(stderr, "dewline eval: %s\n", report.error().c_str());
    return 1;
  }
  if (o.json) {
    std::printf("%s\n", eval::to_json(*report, o.per_scan).dump().c_str());
  } else {
    std::fputs(eval::to_text(*report).c_str(), stdout);
  }
  return 0;
}

}  // namespace

void register_eval(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* sub = app.add_subcommand("eval", "Score tracks (and classes, alerts) against truth");
  sub->add_option("--truth", o->in.truth, "truth.csv")->required()->check(CLI::ExistingFile);
  sub->add_option("--tracks", o->in.tracks, "tracks.csv")->required()->check(CLI::ExistingFile);
  sub->add_option("--labels", o->in.labels, "labels.csv: adds the confusion matrix")
      ->check(CLI::ExistingFile);
  sub->add_option("--alerts", o->in.alerts, "alerts.jsonl: adds warning-time figures")
      ->check(CLI::ExistingFile);
  sub->add_option("--zones", o->in.zones, "zones.geojson (with --alerts)")
      ->check(CLI::ExistingFile);
  sub->add_option("--site", o->in.site, "site.csv (with --zones)")->check(CLI::ExistingFile);
  sub->add_option("--gospa-c", o->in.gospa.c, "GOSPA cut-off c, metres")->capture_default_str();
  sub->add_option("--gospa-p", o->in.gospa.p, "GOSPA order p")->capture_default_str();
  sub->add_option("--gospa-alpha", o->in.gospa.alpha, "GOSPA alpha")->capture_default_str();
  sub->add_option("--siap-threshold", o->in.siap_threshold_m,
                  "SIAP association distance, metres (default: GOSPA's c)");
  sub->add_flag("--json", o->json, "print one JSON object");
  sub->add_flag("--per-scan", o->per_scan, "with --json: add the per-scan figures");
  sub->callback([o] { exit_code() = run_eval(*o); });
}

}  // namespace dewline::app
