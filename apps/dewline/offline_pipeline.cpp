#include "apps/dewline/offline_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "ingest/exchange/native_json.hpp"

namespace dewline::app {
namespace {

namespace fs = std::filesystem;

ingest::TrackRow to_row(const Track& t) {
  ingest::TrackRow r;
  r.time_s = t.time.seconds();
  r.track_id = to_underlying(t.id);
  r.position_m = t.position_m;
  r.velocity_mps = t.velocity_mps;
  return r;
}

}  // namespace

Result<ScenarioInput, std::string> load_scenario(const fs::path& dir, InputMode mode) {
  ScenarioInput in;
  in.dir = dir;
  const bool has_native = fs::exists(dir / "detections.jsonl") && fs::exists(dir / "sensors.json");
  const bool has_exchange = fs::exists(dir / "measurements.csv") && fs::exists(dir / "sensors.csv");
  if (mode == InputMode::Auto) {
    mode = has_native ? InputMode::Native : InputMode::Exchange;
  }
  if (mode == InputMode::Native) {
    if (!has_native) {
      return unexpected(fmt::format("{}: no detections.jsonl + sensors.json", dir.string()));
    }
    auto sensors = ingest::read_sensors_json(dir / "sensors.json");
    if (!sensors) {
      return unexpected(sensors.error().message());
    }
    for (auto& s : *sensors) {
      in.sensors.add(std::move(s));
    }
    auto dets = ingest::read_detections_jsonl(dir / "detections.jsonl");
    if (!dets) {
      return unexpected(dets.error().message());
    }
    in.detections = std::move(*dets);
    in.native = true;
    if (fs::exists(dir / "meta.json")) {
      std::ifstream f(dir / "meta.json");
      auto j = nlohmann::json::parse(f, nullptr, false);
      if (!j.is_discarded() && j.contains("truth_period_s") && j["truth_period_s"].is_number()) {
        in.report_period_s = j["truth_period_s"].get<double>();
      }
    }
  } else {
    if (!has_exchange) {
      return unexpected(fmt::format("{}: no sensors.csv + measurements.csv", dir.string()));
    }
    auto sensors = ingest::read_sensors_csv(dir / "sensors.csv");
    if (!sensors) {
      return unexpected(sensors.error().message());
    }
    for (auto& s : *sensors) {
      in.sensors.add(std::move(s));
    }
    auto rows = ingest::read_measurements_csv(dir / "measurements.csv");
    if (!rows) {
      return unexpected(rows.error().message());
    }
    in.detections = ingest::to_detections(*rows, in.sensors);
  }
  std::stable_sort(in.detections.begin(), in.detections.end(), detection_time_order);
  if (fs::exists(dir / "site.csv")) {
    auto site = ingest::read_site_csv(dir / "site.csv");
    if (!site) {
      return unexpected(site.error().message());
    }
    in.site = *site;
  }
  if (!(in.report_period_s > 0.0)) {
    in.report_period_s = 1.0;
  }
  return in;
}

namespace {

// The tracker's own CPU time: on a shared machine the wall clock also counts other processes.
struct ThreadCpuClock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<ThreadCpuClock>;
  static constexpr bool is_steady = true;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(static_cast<rep>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec));
  }
};

}  // namespace

TrackerRun run_tracker(const ScenarioInput& in, const track::TrackerConfig& cfg, bool timed,
                       bool keep_reports) {
  using Clock = ThreadCpuClock;
  TrackerRun run;
  run.detections = in.detections.size();
  track::Tracker tracker(cfg, in.sensors);
  auto emit = [&](Time t) {
    std::vector<Track> rep = tracker.report(t);
    for (const Track& k : rep) {
      run.rows.push_back(to_row(k));
    }
    run.report_times_s.push_back(t.seconds());
    if (keep_reports) {
      run.reports.push_back(std::move(rep));
    }
  };
  const auto& dets = in.detections;
  if (!in.native) {
    // Exchange: every distinct measurement time is a scan; report after each.
    std::size_t i = 0;
    while (i < dets.size()) {
      const Time t = dets[i].time;
      const auto start = timed ? Clock::now() : Clock::time_point{};
      while (i < dets.size() && dets[i].time == t) {
        tracker.add(dets[i]);
        ++i;
      }
      tracker.advance_to(t);
      if (timed) {
        run.scan_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      }
      emit(t);
    }
  } else if (!dets.empty()) {
    // Native: report on the grid k * period covering the detections.
    const Duration period = Duration::from_seconds(in.report_period_s);
    const std::int64_t first_k =
        static_cast<std::int64_t>(std::ceil(static_cast<double>(dets.front().time.ns) / static_cast<double>(period.ns)));
    Time next{first_k * period.ns};
    std::size_t i = 0;
    while (i < dets.size() || next <= dets.back().time + period) {
      const auto start = timed ? Clock::now() : Clock::time_point{};
      while (i < dets.size() && dets[i].time <= next) {
        tracker.add(dets[i]);
        ++i;
      }
      tracker.advance_to(next);
      if (timed) {
        run.scan_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      }
      emit(next);
      next += period;
      if (i >= dets.size() && next > dets.back().time) {
        break;
      }
    }
  }
  run.stats = tracker.stats();
  run.rejects = tracker.rejects();
  return run;
}

Result<track::TrackerConfig, std::string> load_tracker_config(const fs::path& file) {
  track::TrackerConfig cfg = track::TrackerConfig::defaults();
  if (file.empty()) {
    return cfg;
  }
  auto doc = ConfigDocument::load_file(file);
  if (!doc) {
    return unexpected(doc.error().message());
  }
  track::read_tracker_config(doc->root().section("tracker"), cfg);
  // Other stages' tables are read by their own commands; mark them so they are not "unknown".
  for (const auto& key : doc->root().keys()) {
    if (key != "tracker") {
      doc->root().mark_used(key);
    }
  }
  auto done = doc->finish();
  if (!done) {
    std::string msg;
    for (const auto& e : done.error()) {
      msg += (msg.empty() ? "" : "\n") + e.message();
    }
    return unexpected(msg);
  }
  return cfg;
}

}  // namespace dewline::app
