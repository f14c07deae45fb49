#include "apps/dewline/offline_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/log.hpp"
#include "ingest/exchange/located_json.hpp"
#include "ingest/exchange/native_json.hpp"
#include "ingest/exchange/zones_geojson.hpp"

namespace dewline::app {
namespace {

namespace fs = std::filesystem;

// Counts and logs the rows a lenient reader left out, by sensor where the row named one.
void note_skipped(ScenarioInput& in, const std::vector<ingest::SkippedRow>& skipped,
                  const fs::path& file) {
  for (const ingest::SkippedRow& row : skipped) {
    const std::string source = row.sensor ? sensor_label(*row.sensor, in.sensors.find(*row.sensor))
                                          : file.filename().string();
    if (in.input_rejects.count(source, "malformed_row")) {
      log().warn("input: skipped a malformed row from {}: {}", source, row.error.message());
    }
  }
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
    std::vector<ingest::SkippedRow> skipped;
    auto dets = ingest::read_detections_jsonl(dir / "detections.jsonl", &skipped);
    if (!dets) {
      return unexpected(dets.error().message());
    }
    in.detections = std::move(*dets);
    note_skipped(in, skipped, dir / "detections.jsonl");
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
    std::vector<ingest::SkippedRow> skipped;
    auto rows = ingest::read_measurements_csv(dir / "measurements.csv", &skipped);
    if (!rows) {
      return unexpected(rows.error().message());
    }
    in.detections = ingest::to_detections(*rows, in.sensors);
    note_skipped(in, skipped, dir / "measurements.csv");
  }
  // Arrival order: a native recording may carry receive times later than the detections' own
  // (a sensor's latency); the tracker sees them as they would have arrived, so late ones are late.
  // Without latency (every exchange file) this is time order.
  std::stable_sort(in.detections.begin(), in.detections.end(),
                   [](const Detection& a, const Detection& b) {
                     if (a.receive_time != b.receive_time) {
                       return a.receive_time < b.receive_time;
                     }
                     return detection_time_order(a, b);
                   });
  if (fs::exists(dir / "site.csv")) {
    auto site = ingest::read_site_csv(dir / "site.csv");
    if (!site) {
      return unexpected(site.error().message());
    }
    in.site = *site;
  }
  if (fs::exists(dir / "zones.geojson")) {
    if (!in.site) {
      return unexpected(
          fmt::format("{}: zones.geojson needs site.csv (the WGS84 origin of the "
                      "site frame)",
                      dir.string()));
    }
    auto zones = ingest::read_zones_geojson(dir / "zones.geojson", EnuFrame(*in.site));
    if (!zones) {
      return unexpected(zones.error().message());
    }
    in.zones = std::move(*zones);
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
  [[maybe_unused]] static constexpr bool is_steady = true;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(static_cast<rep>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec));
  }
};

}  // namespace

TrackerRun run_tracker(const ScenarioInput& in, const track::TrackerConfig& cfg, bool timed,
                       bool keep_reports, assess::Assessor* assessor, const ReportHook& hook) {
  using Clock = ThreadCpuClock;
  TrackerRun run;
  run.detections = in.detections.size();
  run.assessed = assessor != nullptr;
  track::Tracker tracker(cfg, in.sensors);
  std::size_t fed_from = 0;  // first detection fed since the previous report
  auto emit = [&](Time t, std::size_t fed_to) {
    std::vector<Track> rep = tracker.report(t);
    if (assessor != nullptr) {
      const std::span<const Detection> fed(in.detections.data() + fed_from, fed_to - fed_from);
      assessor->update(t, rep, fed);
      for (AlertEvent& ev : assessor->take_events()) {
        run.alerts.push_back(std::move(ev));
      }
    }
    fed_from = fed_to;
    if (hook) {
      hook(t, rep);
    }
    for (const Track& k : rep) {
      run.rows.push_back(to_row(k, run.assessed));
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
      emit(t, i);
    }
  } else if (!dets.empty()) {
    // Native: report on the grid k * period covering the detections; feed each detection once
    // it has arrived (receive time, which is its time unless the sensor has a latency).
    const Duration period = Duration::from_seconds(in.report_period_s);
    const std::int64_t first_k = static_cast<std::int64_t>(std::ceil(
        static_cast<double>(dets.front().receive_time.ns) / static_cast<double>(period.ns)));
    Time next{first_k * period.ns};
    std::size_t i = 0;
    while (i < dets.size() || next <= dets.back().receive_time + period) {
      const auto start = timed ? Clock::now() : Clock::time_point{};
      while (i < dets.size() && dets[i].receive_time <= next) {
        tracker.add(dets[i]);
        ++i;
      }
      tracker.advance_to(next);
      if (timed) {
        run.scan_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      }
      emit(next, i);
      next += period;
      if (i >= dets.size() && next > dets.back().receive_time) {
        break;
      }
    }
  }
  run.stats = tracker.stats();
  run.rejects = tracker.rejects();
  run.rejects.merge(in.input_rejects);
  return run;
}

namespace {

// Config errors that belong to `table` ([tracker] or [assess]): "unknown key" errors under
// another stage's table are that stage's business (ConfigSection::mark_used marks a table but
// not the keys of its sub-tables, e.g. [assess.allow], so they would be reported here).
std::string own_config_errors(const std::vector<ConfigError>& errors, std::string_view table) {
  std::string msg;
  for (const auto& e : errors) {
    const bool own = e.key == table || e.key.rfind(std::string(table) + ".", 0) == 0;
    if (!own && !e.key.empty() && e.reason == "unknown key") {
      continue;
    }
    msg += (msg.empty() ? "" : "\n") + e.message();
  }
  return msg;
}

}  // namespace

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
    if (std::string msg = own_config_errors(done.error(), "tracker"); !msg.empty()) {
      return unexpected(msg);
    }
  }
  return cfg;
}

Result<assess::AssessConfig, std::string> load_assess_config(const fs::path& file) {
  assess::AssessConfig cfg = assess::AssessConfig::defaults();
  if (file.empty()) {
    return cfg;
  }
  auto doc = ConfigDocument::load_file(file);
  if (!doc) {
    return unexpected(doc.error().message());
  }
  assess::read_assess_config(doc->root().section("assess"), cfg);
  for (const auto& key : doc->root().keys()) {
    if (key != "assess") {
      doc->root().mark_used(key);
    }
  }
  auto done = doc->finish();
  if (!done) {
    if (std::string msg = own_config_errors(done.error(), "assess"); !msg.empty()) {
      return unexpected(msg);
    }
  }
  return cfg;
}

Result<assess::Assessor, std::string> make_assessor(const ScenarioInput& in,
                                                    assess::AssessConfig cfg) {
  std::string unknown;
  for (const auto& o : cfg.zone_overrides) {
    const bool found = std::any_of(in.zones.begin(), in.zones.end(),
                                   [&](const Zone& z) { return z.name == o.zone; });
    if (!found) {
      unknown += fmt::format("{}assess.zone: no zone named \"{}\" in the scenario's zones",
                             unknown.empty() ? "" : "\n", o.zone);
    }
  }
  if (!unknown.empty()) {
    return unexpected(unknown);
  }
  const EnuFrame frame = in.site ? EnuFrame(*in.site) : EnuFrame();
  auto a = assess::Assessor::create(std::move(cfg), in.zones, frame, in.sensors);
  if (a) {
    return std::move(*a);
  }
  // Name the file and line of every bad rule property.
  const fs::path path = in.dir / "zones.geojson";
  std::optional<ingest::LocatedJson> doc;
  if (auto text = ingest::read_file_text(path)) {
    if (auto parsed = ingest::parse_located_json(*text, path.string())) {
      doc = std::move(*parsed);
    }
  }
  std::string msg;
  for (const auto& e : a.error()) {
    std::size_t line = 0;
    if (doc) {
      std::string key = e.field;
      const auto dot = key.find('.');
      if (dot != std::string::npos) {
        key = key.substr(0, dot) + "/" + key.substr(dot + 1);
      }
      line = doc->line_of(fmt::format("/features/{}/{}", e.zone_index, key));
    }
    msg += fmt::format("{}{}:{}: features[{}].{}: zone \"{}\": {}", msg.empty() ? "" : "\n",
                       path.string(), line, e.zone_index, e.field, e.zone, e.reason);
  }
  return unexpected(msg);
}

ingest::TrackRow to_row(const Track& t, bool assessed) {
  ingest::TrackRow r;
  r.time_s = t.time.seconds();
  r.track_id = to_underlying(t.id);
  r.position_m = t.position_m;
  r.velocity_mps = t.velocity_mps;
  if (assessed) {
    const Assessment& a = t.assessment;
    r.class_name = std::string(to_string(coarse_of(a.target_class)));
    r.p_drone = a.class_probabilities.coarse(CoarseClass::Drone);
    r.p_bird = a.class_probabilities.coarse(CoarseClass::Bird);
    r.p_aircraft = a.class_probabilities.coarse(CoarseClass::Aircraft);
    r.threat = std::string(to_string(a.threat));
    r.spoof = t.spoof_reason;
  }
  return r;
}

}  // namespace dewline::app
