#include "eval/eval_report.hpp"

#include <cmath>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/exchange/zones_geojson.hpp"

namespace dewline::eval {
namespace {

namespace fs = std::filesystem;

// A file given on the command line, or the one of that name beside truth.csv.
fs::path beside(const fs::path& given, const fs::path& truth, const char* name) {
  if (!given.empty()) {
    return given;
  }
  const fs::path p = truth.parent_path() / name;
  return fs::exists(p) ? p : fs::path{};
}

// First detection opportunities from the simulator's meta.json, else coverage.csv.
Result<std::map<std::int64_t, std::pair<double, std::string>>, std::string> read_opportunities(
    const fs::path& dir) {
  std::map<std::int64_t, std::pair<double, std::string>> out;
  const fs::path meta = dir / "meta.json";
  if (fs::exists(meta)) {
    std::ifstream f(meta);
    auto j = nlohmann::json::parse(f, nullptr, false);
    if (j.is_discarded()) {
      return unexpected(fmt::format("{}: not valid JSON", meta.string()));
    }
    if (j.contains("targets") && j["targets"].is_array()) {
      for (const auto& t : j["targets"]) {
        if (t.contains("id") && t["id"].is_number_integer() && t.contains("first_opportunity_s") &&
            t["first_opportunity_s"].is_number()) {
          out[t["id"].get<std::int64_t>()] = {t["first_opportunity_s"].get<double>(), "meta.json"};
        }
      }
    }
    if (!out.empty()) {
      return out;
    }
  }
  const fs::path cov = dir / "coverage.csv";
  if (fs::exists(cov)) {
    auto csv = ingest::CsvReader::open(cov);
    if (!csv) {
      return unexpected(csv.error().message());
    }
    auto id = csv->column("target_id");
    auto first = csv->column("first_in_coverage_s");
    if (!id || !first) {
      return unexpected(csv->error().message());
    }
    while (csv->next()) {
      const std::int64_t tid = csv->integer(*id);
      const auto t = csv->optional_number(*first);
      if (t) {
        auto it = out.find(tid);
        if (it == out.end() || *t < it->second.first) {
          out[tid] = {*t, "coverage.csv"};
        }
      }
    }
    if (csv->failed()) {
      return unexpected(csv->error().message());
    }
  }
  return out;
}

}  // namespace

Result<EvalReport, std::string> evaluate(const EvalInputs& in) {
  auto truth = ingest::read_truth_csv(in.truth);
  if (!truth) {
    return unexpected(truth.error().message());
  }
  auto tracks = ingest::read_tracks_csv(in.tracks);
  if (!tracks) {
    return unexpected(tracks.error().message());
  }
  if (!(in.gospa.c > 0.0) || !(in.gospa.p >= 1.0) ||
      !(in.gospa.alpha > 0.0 && in.gospa.alpha <= 2.0)) {
    return unexpected(std::string("GOSPA needs c > 0, p >= 1 and 0 < alpha <= 2"));
  }
  if (!(in.siap_threshold_m >= 0.0) || !std::isfinite(in.siap_threshold_m)) {
    return unexpected(std::string("the SIAP threshold must be a distance >= 0 (0: GOSPA's c)"));
  }
  EvalReport r;
  r.tracking = score_tracking(*truth, *tracks, in.gospa);
  r.siap =
      score_siap(*truth, *tracks, in.siap_threshold_m > 0.0 ? in.siap_threshold_m : in.gospa.c);
  if (!in.labels.empty()) {
    auto labels = ingest::read_labels_csv(in.labels);
    if (!labels) {
      return unexpected(labels.error().message());
    }
    r.classification = score_classification(r.tracking, *truth, *tracks, *labels);
  }
  if (!in.alerts.empty()) {
    auto alerts = read_alerts_jsonl(in.alerts);
    if (!alerts) {
      return unexpected(alerts.error().message());
    }
    std::vector<ingest::LabelRow> labels;
    if (const fs::path lp = beside(in.labels, in.truth, "labels.csv"); !lp.empty()) {
      auto l = ingest::read_labels_csv(lp);
      if (!l) {
        return unexpected(l.error().message());
      }
      labels = std::move(*l);
    }
    WarningInputs wi;
    wi.truth = &*truth;
    wi.tracks = &*tracks;
    wi.labels = &labels;
    wi.tracking = &r.tracking;
    wi.alerts = &*alerts;
    if (const fs::path zp = beside(in.zones, in.truth, "zones.geojson"); !zp.empty()) {
      fs::path sp = beside(in.site, in.truth, "site.csv");
      if (sp.empty() && fs::exists(zp.parent_path() / "site.csv")) {
        sp = zp.parent_path() / "site.csv";
      }
      if (sp.empty()) {
        return unexpected(
            fmt::format("{}: zones need the site origin: give --site site.csv", zp.string()));
      }
      auto site = ingest::read_site_csv(sp);
      if (!site) {
        return unexpected(site.error().message());
      }
      auto zones = ingest::read_zones_geojson(zp, EnuFrame(*site));
      if (!zones) {
        return unexpected(zones.error().message());
      }
      wi.zones = std::move(*zones);
    }
    auto opp = read_opportunities(in.truth.parent_path());
    if (!opp) {
      return unexpected(opp.error());
    }
    wi.first_opportunity = std::move(*opp);
    if (const fs::path sc = in.truth.parent_path() / "sensors.csv"; fs::exists(sc)) {
      auto radars = ingest::read_sensors_csv(sc);
      if (!radars) {
        return unexpected(radars.error().message());
      }
      wi.radars = std::move(*radars);
    }
    r.warning = score_warnings(wi);
  }
  return r;
}

nlohmann::json to_json(const SiapScore& s) {
  return {{"threshold_m", s.threshold_m},
          {"completeness", s.completeness},
          {"ambiguity", s.ambiguity},
          {"spuriousness", s.spuriousness},
          {"position_accuracy_m", s.position_accuracy_m},
          {"velocity_accuracy_mps", s.velocity_accuracy_mps},
          {"track_number_changes_per_s", s.track_number_changes_per_s},
          {"longest_segment", s.longest_segment}};
}

nlohmann::json to_json(const EvalReport& r, bool per_scan) {
  const TrackingScore& t = r.tracking;
  nlohmann::json j = {
      {"scans", t.scans},
      {"gospa_c", t.params.c},
      {"gospa_p", t.params.p},
      {"gospa_alpha", t.params.alpha},
      {"gospa_mean", t.gospa_mean},
      {"gospa_localisation_mean", t.gospa_localisation_mean},
      {"missed_mean", t.missed_mean},
      {"false_mean", t.false_mean},
      {"ospa_mean", t.ospa_mean},
      {"id_switches", t.id_switches},
      {"fragmentations", t.fragmentations},
      {"track_ids", t.track_ids},
      {"false_tracks", t.false_track_ids},
      {"truth_ids", t.truth_ids},
      {"track_rows_unscored", t.track_rows_unscored},
      {"siap", to_json(r.siap)},
  };
  if (per_scan) {
    nlohmann::json scans = nlohmann::json::array();
    for (const auto& s : t.per_scan) {
      scans.push_back({{"time_s", s.time_s},
                       {"truths", s.truths},
                       {"tracks", s.tracks},
                       {"gospa", s.gospa.gospa},
                       {"localisation", s.gospa.localisation},
                       {"missed", s.gospa.missed},
                       {"false", s.gospa.false_tracks}});
    }
    j["per_scan"] = scans;
  }
  if (r.classification) {
    const ClassificationScore& c = *r.classification;
    nlohmann::json conf = nlohmann::json::object();
    nlohmann::json acc = nlohmann::json::object();
    for (std::size_t i = 0; i < kCoarseClassCount; ++i) {
      const std::string ti(to_string(static_cast<CoarseClass>(i)));
      if (c.support[i] == 0) {
        continue;
      }
      nlohmann::json row = nlohmann::json::object();
      for (std::size_t k = 0; k < kCoarseClassCount; ++k) {
        row[std::string(to_string(static_cast<CoarseClass>(k)))] = c.confusion[i][k];
      }
      conf[ti] = row;
      acc[ti] = c.accuracy[i];
    }
    j["confusion"] = conf;
    j["accuracy"] = acc;
    j["classification_matched"] = c.matched;
    j["overall_accuracy"] = c.overall_accuracy;
    j["drone_vs_bird_accuracy"] = c.drone_vs_bird_accuracy;
  }
  if (r.warning) {
    const WarningScore& w = *r.warning;
    j["hostile_alerted_before_entry"] = w.hostile_alerted_before_entry;
    j["hostile_total"] = w.hostile_total;
    j["warning_ratio_median"] = w.warning_ratio_median;
    j["false_alerts"] = w.false_alerts;
    j["false_alerts_per_hour"] = w.false_alerts_per_hour;
    j["hostile_count"] = w.hostile_count;
    j["hostile_alerted"] = w.hostile_alerted;
    j["alerts"] = w.alerts;
    j["duration_h"] = w.duration_h;
    j["false_alert_ids"] = w.false_alert_ids;
    j["alert_targets"] = w.alert_targets;
    nlohmann::json hs = nlohmann::json::array();
    for (const auto& h : w.hostiles) {
      nlohmann::json o = {{"target_id", h.target_id},
                          {"first_opportunity_s", h.first_opportunity_s},
                          {"opportunity_source", h.opportunity_source},
                          {"alerted_before_entry", h.alerted_before_entry}};
      o["first_alert_s"] = h.first_alert_s ? nlohmann::json(*h.first_alert_s) : nlohmann::json();
      o["zone_entry_s"] = h.zone_entry_s ? nlohmann::json(*h.zone_entry_s) : nlohmann::json();
      o["zone"] = h.zone;
      if (h.zone_entry_s) {
        o["warning_s"] = h.warning_s;
        o["available_s"] = h.available_s;
        o["ratio"] = h.ratio;
      }
      hs.push_back(o);
    }
    j["hostiles"] = hs;
  }
  return j;
}

std::string to_text(const EvalReport& r) {
  const TrackingScore& t = r.tracking;
  std::string out;
  auto line = [&](std::string_view k, const std::string& v) {
    out += fmt::format("{:<28} {}\n", k, v);
  };
  line("scans", fmt::format("{}", t.scans));
  line("GOSPA mean", fmt::format("{:.3f}  (c={}, p={}, alpha={})", t.gospa_mean, t.params.c,
                                 t.params.p, t.params.alpha));
  line("  localisation mean", fmt::format("{:.3f}", t.gospa_localisation_mean));
  line("  missed per scan", fmt::format("{:.3f}", t.missed_mean));
  line("  false per scan", fmt::format("{:.3f}", t.false_mean));
  line("OSPA mean", fmt::format("{:.3f}", t.ospa_mean));
  line("id switches", fmt::format("{}", t.id_switches));
  line("fragmentations", fmt::format("{}", t.fragmentations));
  line("track ids / false", fmt::format("{} / {}", t.track_ids, t.false_track_ids));
  line("truth ids", fmt::format("{}", t.truth_ids));
  const SiapScore& sp = r.siap;
  out +=
      fmt::format("\nSIAP (each track row with the nearest truth within {} m)\n", sp.threshold_m);
  line("  completeness", fmt::format("{:.3f}", sp.completeness));
  line("  ambiguity", fmt::format("{:.3f}", sp.ambiguity));
  line("  spuriousness", fmt::format("{:.3f}", sp.spuriousness));
  line("  position accuracy", fmt::format("{:.2f} m", sp.position_accuracy_m));
  line("  velocity accuracy", fmt::format("{:.2f} m/s", sp.velocity_accuracy_mps));
  line("  track number changes", fmt::format("{:.5f} per s", sp.track_number_changes_per_s));
  line("  longest segment", fmt::format("{:.3f} of lifetime", sp.longest_segment));
  if (r.classification) {
    const ClassificationScore& c = *r.classification;
    out += "\nconfusion (rows: truth, columns: track class), matched track-scans\n";
    out += fmt::format("{:<10}", "");
    for (std::size_t k = 0; k < kCoarseClassCount; ++k) {
      out += fmt::format("{:>10}", to_string(static_cast<CoarseClass>(k)));
    }
    out += fmt::format("{:>10}\n", "accuracy");
    for (std::size_t i = 0; i < kCoarseClassCount; ++i) {
      if (c.support[i] == 0) {
        continue;
      }
      out += fmt::format("{:<10}", to_string(static_cast<CoarseClass>(i)));
      for (std::size_t k = 0; k < kCoarseClassCount; ++k) {
        out += fmt::format("{:>10}", c.confusion[i][k]);
      }
      out += fmt::format("{:>9.1f}%\n", 100.0 * c.accuracy[i]);
    }
    line("drone vs bird accuracy", fmt::format("{:.1f}%", 100.0 * c.drone_vs_bird_accuracy));
  }
  if (r.warning) {
    const WarningScore& w = *r.warning;
    out += "\n";
    auto opt = [](const std::optional<double>& v) {
      return v ? fmt::format("{:.1f}", *v) : std::string("-");
    };
    out += fmt::format("{:>8} {:>12} {:>10} {:>10} {:>10} {:>10} {:>7}  {}\n", "target",
                       "opportunity", "alert", "entry", "warning", "available", "ratio", "zone");
    for (const auto& h : w.hostiles) {
      out += fmt::format("{:>8} {:>12.1f} {:>10} {:>10} {:>10} {:>10} {:>7}  {}\n", h.target_id,
                         h.first_opportunity_s, opt(h.first_alert_s), opt(h.zone_entry_s),
                         h.zone_entry_s ? fmt::format("{:.1f}", h.warning_s) : "-",
                         h.zone_entry_s ? fmt::format("{:.1f}", h.available_s) : "-",
                         h.zone_entry_s ? fmt::format("{:.3f}", h.ratio) : "-",
                         h.zone_entry_s ? h.zone : "(never entered)");
    }
    line("hostiles alerted before entry",
         fmt::format("{} / {}", w.hostile_alerted_before_entry, w.hostile_total));
    line("missed threats", fmt::format("{}", w.hostile_total - w.hostile_alerted_before_entry));
    line("hostiles alerted (any time)", fmt::format("{} / {}", w.hostile_alerted, w.hostile_count));
    line("warning ratio median", fmt::format("{:.3f}", w.warning_ratio_median));
    line("alerts / false", fmt::format("{} / {}", w.alerts, w.false_alerts));
    line("false alerts per hour",
         fmt::format("{:.2f}  (over {:.2f} h)", w.false_alerts_per_hour, w.duration_h));
  }
  return out;
}

}  // namespace dewline::eval
