// dewline bench: times the tracker on a scenario — ms per scan (mean, p50, p99), plots per second
// — and scores the tracks when the scenario has a truth.csv. Timing is the tracker thread's CPU
// time (CLOCK_THREAD_CPUTIME_ID) for feeding a scan's detections, processing and reporting — not
// file reading, and not other processes on a shared machine; the scenario is run `--repeat` times
// and every scan of every run is counted.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "apps/dewline/commands.hpp"
#include "apps/dewline/offline_pipeline.hpp"
#include "eval/eval_report.hpp"
#include "eval/siap.hpp"
#include "eval/tracking_score.hpp"

namespace dewline::app {
namespace {

struct BenchOptions {
  std::string scenario;
  std::string config;
  std::string input = "auto";
  int repeat = 3;
  bool json = false;
  bool per_scan = false;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0.0;
  }
  std::sort(v.begin(), v.end());
  const auto idx = static_cast<std::size_t>(std::min<double>(
      static_cast<double>(v.size() - 1), std::ceil(p * static_cast<double>(v.size())) - 1.0));
  return v[idx];
}

int run_bench(const BenchOptions& o) {
  auto cfg = load_tracker_config(o.config);
  if (!cfg) {
    std::fprintf(stderr, "dewline bench: %s\n", cfg.error().c_str());
    return 2;
  }
  const InputMode mode = o.input == "exchange" ? InputMode::Exchange
                         : o.input == "native" ? InputMode::Native
                                               : InputMode::Auto;
  auto in = load_scenario(o.scenario, mode);
  if (!in) {
    std::fprintf(stderr, "dewline bench: %s\n", in.error().c_str());
    return 1;
  }
  std::vector<double> scan_ms;
  std::vector<std::vector<double>> by_scan;  // by_scan[k]: scan k's time in each run
  TrackerRun last;
  for (int r = 0; r < std::max(1, o.repeat); ++r) {
    last = run_tracker(*in, *cfg, true);
    scan_ms.insert(scan_ms.end(), last.scan_ms.begin(), last.scan_ms.end());
    by_scan.resize(std::max(by_scan.size(), last.scan_ms.size()));
    for (std::size_t k = 0; k < last.scan_ms.size(); ++k) {
      by_scan[k].push_back(last.scan_ms[k]);
    }
  }
  const double total_ms = std::accumulate(scan_ms.begin(), scan_ms.end(), 0.0);
  const double mean = scan_ms.empty() ? 0.0 : total_ms / static_cast<double>(scan_ms.size());
  const double plots_per_s = total_ms > 0.0 ? static_cast<double>(last.detections) *
                                                  std::max(1, o.repeat) / (total_ms / 1e3)
                                            : 0.0;
  nlohmann::json j = {{"scenario", o.scenario},
                      {"input", in->native ? "native" : "exchange"},
                      {"scans", last.scan_ms.size()},
                      {"repeat", std::max(1, o.repeat)},
                      {"detections", last.detections},
                      {"ms_per_scan_mean", mean},
                      {"ms_per_scan_p50", percentile(scan_ms, 0.50)},
                      {"ms_per_scan_p99", percentile(scan_ms, 0.99)},
                      {"plots_per_second", plots_per_s},
                      {"tracks_confirmed", last.stats.tracks_confirmed},
                      {"tracks_created", last.stats.tracks_created},
                      {"candidate_pairs", last.stats.candidate_pairs},
                      {"scored_pairs", last.stats.scored_pairs},
                      {"gated_pairs", last.stats.gated_pairs},
                      {"clusters", last.stats.clusters},
                      {"rejected", last.rejects.total()},
                      {"retrodicted", last.stats.detections_retrodicted},
                      {"late_started", last.stats.detections_late_started},
                      {"triangulations", last.stats.triangulations},
                      {"triangulations_supported", last.stats.triangulations_supported},
                      {"reanchored", last.stats.reanchored},
                      {"identities_handed_over", last.stats.identities_handed_over}};
  const auto truth_path = std::filesystem::path(o.scenario) / "truth.csv";
  if (std::filesystem::exists(truth_path)) {
    auto truth = ingest::read_truth_csv(truth_path);
    if (truth) {
      const auto s = eval::score_tracking(*truth, last.rows);
      j["gospa_mean"] = s.gospa_mean;
      j["gospa_localisation_mean"] = s.gospa_localisation_mean;
      j["missed_mean"] = s.missed_mean;
      j["false_mean"] = s.false_mean;
      j["id_switches"] = s.id_switches;
      j["siap"] = eval::to_json(eval::score_siap(*truth, last.rows));
    }
  }
  if (o.per_scan) {
    // Per scan, the median over the runs: where the time goes (first scans, crowded scans).
    auto& per = j["per_scan"] = nlohmann::json::array();
    for (std::size_t k = 0; k < by_scan.size(); ++k) {
      per.push_back({{"scan", k},
                     {"time_s", k < last.report_times_s.size() ? last.report_times_s[k] : 0.0},
                     {"ms_median", percentile(by_scan[k], 0.5)}});
    }
  }
  if (o.json) {
    std::printf("%s\n", j.dump().c_str());
    return 0;
  }
  std::printf("scenario            %s (%s input)\n", o.scenario.c_str(),
              in->native ? "native" : "exchange");
  std::printf("scans x repeat      %zu x %d\n", last.scan_ms.size(), std::max(1, o.repeat));
  std::printf("ms per scan         mean %.3f  p50 %.3f  p99 %.3f\n", mean, percentile(scan_ms, 0.5),
              percentile(scan_ms, 0.99));
  std::printf("plots per second    %.0f\n", plots_per_s);
  if (j.contains("gospa_mean")) {
    std::printf("GOSPA mean          %.2f (localisation %.2f, missed %.3f, false %.3f per scan)\n",
                j["gospa_mean"].get<double>(), j["gospa_localisation_mean"].get<double>(),
                j["missed_mean"].get<double>(), j["false_mean"].get<double>());
    const auto& sp = j["siap"];
    std::printf(
        "SIAP                completeness %.3f, ambiguity %.3f, spuriousness %.3f, "
        "accuracy %.2f m / %.2f m/s\n",
        sp["completeness"].get<double>(), sp["ambiguity"].get<double>(),
        sp["spuriousness"].get<double>(), sp["position_accuracy_m"].get<double>(),
        sp["velocity_accuracy_mps"].get<double>());
  }
  return 0;
}

}  // namespace

void register_bench(CLI::App& app) {
  auto o = std::make_shared<BenchOptions>();
  CLI::App* sub = app.add_subcommand("bench", "Time the tracker on a scenario and score it");
  sub->add_option("--scenario", o->scenario, "scenario directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  sub->add_option("--config", o->config, "TOML file with a [tracker] table")
      ->check(CLI::ExistingFile);
  sub->add_option("--input", o->input, "auto, exchange or native")
      ->check(CLI::IsMember({"auto", "exchange", "native"}));
  sub->add_option("--repeat", o->repeat, "runs to time")->capture_default_str();
  sub->add_flag("--json", o->json, "one JSON object");
  sub->add_flag("--per-scan", o->per_scan, "with --json: each scan's time (median over runs)");
  sub->callback([o] { exit_code() = run_bench(*o); });
}

}  // namespace dewline::app
