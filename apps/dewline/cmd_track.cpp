// dewline track: runs the tracker over a scenario directory and writes tracks.csv
// (exchange-csv.md: confirmed tracks at every scan time, ids for life).
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "apps/dewline/commands.hpp"
#include "apps/dewline/offline_pipeline.hpp"

namespace dewline::app {
namespace {

struct TrackOptions {
  std::string scenario;
  std::string out;
  std::string config;
  std::string input = "auto";
  std::string alerts_out;
  bool quiet = false;
};

void print_rejects(const RejectCounter& r) {
  if (r.total() == 0) {
    return;
  }
  std::fprintf(stderr, "rejected detections: %llu\n", static_cast<unsigned long long>(r.total()));
  for (const auto& e : r.entries()) {
    std::fprintf(stderr, "  %-24s %-22s %llu\n", e.source.c_str(), e.reason.c_str(),
                 static_cast<unsigned long long>(e.count));
  }
}

int run_track(const TrackOptions& o) {
  auto cfg = load_tracker_config(o.config);
  if (!cfg) {
    std::fprintf(stderr, "dewline track: %s\n", cfg.error().c_str());
    return 2;
  }
  const InputMode mode = o.input == "exchange" ? InputMode::Exchange
                         : o.input == "native" ? InputMode::Native
                                               : InputMode::Auto;
  auto in = load_scenario(o.scenario, mode);
  if (!in) {
    std::fprintf(stderr, "dewline track: %s\n", in.error().c_str());
    return 1;
  }
  if (!o.alerts_out.empty()) {
    std::fprintf(stderr, "dewline track: --alerts-out needs the assessment stage, which is not "
                         "implemented yet (README status)\n");
    return 2;
  }
  const TrackerRun run = run_tracker(*in, *cfg, false);
  if (auto w = ingest::write_tracks_csv(o.out, run.rows, ingest::TrackColumns{}); !w) {
    std::fprintf(stderr, "dewline track: %s\n", w.error().message().c_str());
    return 1;
  }
  if (!o.quiet) {
    std::fprintf(stderr,
                 "dewline track: %zu detections (%s input), %zu reports, %llu tracks confirmed, "
                 "%zu rows -> %s\n",
                 run.detections, in->native ? "native" : "exchange", run.report_times_s.size(),
                 static_cast<unsigned long long>(run.stats.tracks_confirmed), run.rows.size(),
                 o.out.c_str());
  }
  print_rejects(run.rejects);
  return 0;
}

}  // namespace

void register_track(CLI::App& app) {
  auto o = std::make_shared<TrackOptions>();
  CLI::App* sub = app.add_subcommand("track", "Track a scenario and write tracks.csv");
  sub->add_option("--scenario", o->scenario, "scenario directory (exchange or native files)")
      ->required()
      ->check(CLI::ExistingDirectory);
  sub->add_option("--out", o->out, "tracks.csv to write")->required();
  sub->add_option("--config", o->config, "TOML file with a [tracker] table")
      ->check(CLI::ExistingFile);
  sub->add_option("--input", o->input, "auto, exchange or native")
      ->check(CLI::IsMember({"auto", "exchange", "native"}))
      ->capture_default_str();
  sub->add_option("--alerts-out", o->alerts_out, "alerts.jsonl to write (assessment)");
  sub->add_flag("--quiet", o->quiet, "no summary on stderr");
  sub->callback([o] { exit_code() = run_track(*o); });
}

}  // namespace dewline::app
