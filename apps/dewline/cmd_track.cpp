// dewline track: runs the tracker and the assessment over a scenario directory and writes
// tracks.csv (exchange-csv.md: confirmed tracks at every scan time, ids for life, with the
// class, p_drone, p_bird, p_aircraft, threat and spoof columns) and, with --alerts-out, every
// alert state change as alerts.jsonl. The scenario's zones.geojson and site.csv are read when
// present; --config takes a TOML file with [tracker] and [assess] tables.
//
// --features-out writes the classifier's kinematic features per track and report with the
// label of the truth target each track matches (truth.csv + labels.csv / meta.json of the
// scenario): the input of src/assess/tools/fit_classifier.cpp (docs/assessment.md).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "apps/dewline/commands.hpp"
#include "apps/dewline/offline_pipeline.hpp"
#include "publish/alert_json.hpp"
#include "track/track_smoother.hpp"
#include "track/track_stitcher.hpp"

namespace dewline::app {
namespace {

namespace fs = std::filesystem;

struct TrackOptions {
  std::string scenario;
  std::string out;
  std::string config;
  std::string input = "auto";
  std::string alerts_out;
  std::string features_out;
  bool no_assess = false;
  bool quiet = false;
  bool smooth = false;
  bool no_stitch = false;
  std::string stitches_out;
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

// Truth per time (microsecond key) and the fine class of each target, for --features-out.
struct TruthIndex {
  std::map<std::int64_t, std::vector<ingest::TruthRow>> by_time;
  std::map<std::int64_t, std::string> fine_class;
};

std::int64_t time_key(double t) {
  return std::llround(t * 1e6);
}

Result<TruthIndex, std::string> load_truth_index(const fs::path& dir) {
  TruthIndex idx;
  auto truth = ingest::read_truth_csv(dir / "truth.csv");
  if (!truth) {
    return unexpected(truth.error().message());
  }
  for (auto& r : *truth) {
    idx.by_time[time_key(r.time_s)].push_back(r);
  }
  if (fs::exists(dir / "labels.csv")) {
    auto labels = ingest::read_labels_csv(dir / "labels.csv");
    if (!labels) {
      return unexpected(labels.error().message());
    }
    for (const auto& l : *labels) {
      std::string fine(to_string(l.target_class));
      if (l.target_class == CoarseClass::Drone) {
        fine = l.subclass == "fixed_wing" ? "drone_fixed_wing" : "drone_multirotor";
      } else if (l.target_class == CoarseClass::Aircraft) {
        fine = l.subclass == "helicopter" ? "helicopter"
               : l.subclass == "glider"   ? "glider"
                                          : "aircraft_fixed_wing";
      }
      idx.fine_class[l.target_id] = fine;
    }
  }
  if (fs::exists(dir / "meta.json")) {
    std::ifstream f(dir / "meta.json");
    auto j = nlohmann::json::parse(f, nullptr, false);
    if (!j.is_discarded() && j.contains("targets") && j["targets"].is_array()) {
      for (const auto& t : j["targets"]) {
        if (t.contains("id") && t.contains("fine_class") && t["fine_class"].is_string()) {
          idx.fine_class[t["id"].get<std::int64_t>()] = t["fine_class"].get<std::string>();
        }
      }
    }
  }
  return idx;
}

// Each track matched to the nearest truth within 30 m, one to one, nearest pairs first.
std::map<TrackId, std::int64_t> match_truth(const TruthIndex& idx, Time t,
                                            const std::vector<Track>& tracks) {
  std::map<TrackId, std::int64_t> out;
  auto it = idx.by_time.find(time_key(t.seconds()));
  if (it == idx.by_time.end()) {
    return out;
  }
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  for (std::size_t k = 0; k < tracks.size(); ++k) {
    for (std::size_t j = 0; j < it->second.size(); ++j) {
      const double d = (tracks[k].position_m - it->second[j].position_m).norm();
      if (d < 30.0) {
        pairs.emplace_back(d, k, j);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<char> used_k(tracks.size(), 0);
  std::vector<char> used_j(it->second.size(), 0);
  for (const auto& [d, k, j] : pairs) {
    if (used_k[k] == 0 && used_j[j] == 0) {
      used_k[k] = used_j[j] = 1;
      out[tracks[k].id] = it->second[j].target_id;
    }
  }
  return out;
}

int run_track(const TrackOptions& o) {
  auto cfg = load_tracker_config(o.config);
  if (!cfg) {
    std::fprintf(stderr, "dewline track: %s\n", cfg.error().c_str());
    return 2;
  }
  auto acfg = load_assess_config(o.config);
  if (!acfg) {
    std::fprintf(stderr, "dewline track: %s\n", acfg.error().c_str());
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
  if (o.no_assess && (!o.alerts_out.empty() || !o.features_out.empty())) {
    std::fprintf(stderr,
                 "dewline track: --alerts-out and --features-out need the assessment "
                 "(drop --no-assess)\n");
    return 2;
  }
  std::optional<assess::Assessor> assessor;
  if (!o.no_assess) {
    auto a = make_assessor(*in, std::move(*acfg));
    if (!a) {
      std::fprintf(stderr, "dewline track: %s\n", a.error().c_str());
      return 1;
    }
    assessor.emplace(std::move(*a));
  }

  // --features-out: one row per track and report, with the matched truth's class.
  std::string features;
  std::optional<TruthIndex> truth;
  ReportHook hook;
  if (!o.features_out.empty()) {
    auto idx = load_truth_index(o.scenario);
    if (!idx) {
      std::fprintf(stderr, "dewline track: --features-out: %s\n", idx.error().c_str());
      return 1;
    }
    truth = std::move(*idx);
    features = "scenario,time_s,track_id,truth_id,truth_class,samples,span_s";
    for (const auto& spec : assess::kFeatureSpecs) {
      features += fmt::format(",{}", spec.name);
    }
    features += ",p_drone,p_bird,p_aircraft,class\n";
    const std::string scen = fs::path(o.scenario).filename().string();
    hook = [&, scen](Time t, const std::vector<Track>& tracks) {
      const auto matched = match_truth(*truth, t, tracks);
      for (const Track& k : tracks) {
        const assess::KinematicFeatures* f = assessor->features_of(k.id);
        if (f == nullptr) {
          continue;
        }
        auto m = matched.find(k.id);
        const std::int64_t tid = m == matched.end() ? -1 : m->second;
        std::string cls = "none";
        if (tid >= 0) {
          auto c = truth->fine_class.find(tid);
          cls = c == truth->fine_class.end() ? "unlabelled" : c->second;
        }
        features += fmt::format("{},{:.3f},{},{},{},{},{:.2f}", scen, t.seconds(),
                                to_underlying(k.id), tid, cls, f->samples, f->span_s);
        for (std::size_t i = 0; i < assess::kFeatureCount; ++i) {
          features += f->valid[i] ? fmt::format(",{:.5g}", f->value[i]) : std::string(",");
        }
        const auto& p = k.assessment.class_probabilities;
        features += fmt::format(",{:.4f},{:.4f},{:.4f},{}\n", p.coarse(CoarseClass::Drone),
                                p.coarse(CoarseClass::Bird), p.coarse(CoarseClass::Aircraft),
                                to_string(coarse_of(k.assessment.target_class)));
      }
    };
  }

  if ((o.no_stitch || !o.stitches_out.empty()) && !o.smooth) {
    std::fprintf(stderr, "dewline track: --no-stitch and --stitches-out go with --smooth\n");
    return 2;
  }
  TrackerRun run = run_tracker(*in, *cfg, false, o.smooth, assessor ? &*assessor : nullptr, hook);
  std::size_t stitched = 0;
  if (o.smooth) {
    // Offline reconstruction (track/track_smoother.hpp, track_stitcher.hpp): the rows are
    // rewritten from the smoothed reports, fragments joined; alerts and features stay those of
    // the live run.
    track::ReportSeries series;
    for (double s : run.report_times_s) {
      series.times.push_back(Time::from_seconds(s));
    }
    series.reports = std::move(run.reports);
    track::ReportSeries smoothed = track::smooth_reports(std::move(series), cfg->imm);
    if (!o.no_stitch) {
      const auto links = track::find_stitches(smoothed, cfg->imm);
      stitched = links.size();
      if (!o.stitches_out.empty()) {
        std::string text = "earlier_track_id,later_track_id,gap_s,distance2\n";
        for (const auto& l : links) {
          text += fmt::format("{},{},{:.3f},{:.3f}\n", to_underlying(l.earlier),
                              to_underlying(l.later), l.gap_s, l.distance2);
        }
        if (auto w = ingest::write_file_text(o.stitches_out, text); !w) {
          std::fprintf(stderr, "dewline track: %s\n", w.error().message().c_str());
          return 1;
        }
      }
      smoothed = track::apply_stitches(std::move(smoothed), links, cfg->imm);
    }
    run.rows.clear();
    for (const auto& rep : smoothed.reports) {
      for (const Track& k : rep) {
        run.rows.push_back(to_row(k, run.assessed));
      }
    }
  }
  ingest::TrackColumns cols;
  cols.classification = cols.threat = cols.spoof = run.assessed;
  if (auto w = ingest::write_tracks_csv(o.out, run.rows, cols); !w) {
    std::fprintf(stderr, "dewline track: %s\n", w.error().message().c_str());
    return 1;
  }
  if (!o.alerts_out.empty()) {
    std::string text;
    const EnuFrame* frame = in->site ? &assessor->frame() : nullptr;
    for (const AlertEvent& e : run.alerts) {
      text += publish::alert_to_jsonl(e, frame);
      text += '\n';
    }
    if (auto w = ingest::write_file_text(o.alerts_out, text); !w) {
      std::fprintf(stderr, "dewline track: %s\n", w.error().message().c_str());
      return 1;
    }
  }
  if (!o.features_out.empty()) {
    if (auto w = ingest::write_file_text(o.features_out, features); !w) {
      std::fprintf(stderr, "dewline track: %s\n", w.error().message().c_str());
      return 1;
    }
  }
  if (!o.quiet) {
    std::fprintf(stderr,
                 "dewline track: %zu detections (%s input), %zu reports, %llu tracks confirmed, "
                 "%zu rows -> %s\n",
                 run.detections, in->native ? "native" : "exchange", run.report_times_s.size(),
                 static_cast<unsigned long long>(run.stats.tracks_confirmed), run.rows.size(),
                 o.out.c_str());
    if (o.smooth) {
      std::fprintf(stderr, "dewline track: smoothed offline, %zu track fragments joined\n",
                   stitched);
    }
    if (assessor) {
      const auto& st = assessor->stats();
      std::fprintf(stderr,
                   "dewline track: assessment: %zu zones, %llu alerts raised, %zu alert state "
                   "changes, %llu broadcast identities flagged as spoofed\n",
                   assessor->zones().size(), static_cast<unsigned long long>(st.alerts_raised),
                   run.alerts.size(), static_cast<unsigned long long>(st.spoof_flags));
    }
  }
  if (run.stats.detections_retrodicted + run.stats.detections_late_started > 0) {
    std::fprintf(stderr,
                 "dewline track: %llu detections arrived later than the reorder window: %llu "
                 "retrodicted into their tracks, %llu started tracks or waited for a crossing\n",
                 static_cast<unsigned long long>(run.stats.detections_retrodicted +
                                                 run.stats.detections_late_started),
                 static_cast<unsigned long long>(run.stats.detections_retrodicted),
                 static_cast<unsigned long long>(run.stats.detections_late_started));
  }
  if (run.stats.triangulations > 0) {
    std::fprintf(stderr,
                 "dewline track: %llu tracks started from crossing bearings (%llu of them "
                 "confirmed by a further sensor's bearing), %llu moved back to a crossing after "
                 "drifting along a line of sight\n",
                 static_cast<unsigned long long>(run.stats.triangulations),
                 static_cast<unsigned long long>(run.stats.triangulations_supported),
                 static_cast<unsigned long long>(run.stats.reanchored));
  }
  print_rejects(run.rejects);
  return 0;
}

}  // namespace

void register_track(CLI::App& app) {
  auto o = std::make_shared<TrackOptions>();
  CLI::App* sub = app.add_subcommand(
      "track", "Track and assess a scenario; write tracks.csv (and alerts.jsonl)");
  sub->add_option("--scenario", o->scenario, "scenario directory (exchange or native files)")
      ->required()
      ->check(CLI::ExistingDirectory);
  sub->add_option("--out", o->out, "tracks.csv to write")->required();
  sub->add_option("--config", o->config, "TOML file with [tracker] and [assess] tables")
      ->check(CLI::ExistingFile);
  sub->add_option("--input", o->input, "auto, exchange or native")
      ->check(CLI::IsMember({"auto", "exchange", "native"}))
      ->capture_default_str();
  sub->add_option("--alerts-out", o->alerts_out, "alerts.jsonl to write (alert state changes)");
  sub->add_option("--features-out", o->features_out,
                  "classifier features per track and report, with truth labels (tuning)");
  sub->add_flag("--no-assess", o->no_assess, "tracker only: no class, threat or spoof columns");
  sub->add_flag("--smooth", o->smooth,
                "offline reconstruction: each track smoothed with the detections after each "
                "report, from its first detection to its last, fragments of one object joined "
                "(alerts stay the live run's)");
  sub->add_flag("--no-stitch", o->no_stitch, "with --smooth: do not join track fragments");
  sub->add_option("--stitches-out", o->stitches_out,
                  "with --smooth: the fragments joined, as CSV (earlier_track_id, "
                  "later_track_id, gap_s, distance2); the later ids are gone from tracks.csv");
  sub->add_flag("--quiet", o->quiet, "no summary on stderr");
  sub->callback([o] { exit_code() = run_track(*o); });
}

}  // namespace dewline::app
