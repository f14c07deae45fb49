#include "eval/eval_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dewline::eval {

Result<EvalReport, std::string> evaluate(const EvalInputs& in) {
  auto truth = ingest::read_truth_csv(in.truth);
  if (!truth) {
    return unexpected(truth.error().message());
  }
  auto tracks = ingest::read_tracks_csv(in.tracks);
  if (!tracks) {
    return unexpected(tracks.error().message());
  }
  if (!(in.gospa.c > 0.0) || !(in.gospa.p >= 1.0) || !(in.gospa.alpha > 0.0 && in.gospa.alpha <= 2.0)) {
    return unexpected(std::string("GOSPA needs c > 0, p >= 1 and 0 < alpha <= 2"));
  }
  EvalReport r;
  r.tracking = score_tracking(*truth, *tracks, in.gospa);
  if (!in.labels.empty()) {
    auto labels = ingest::read_labels_csv(in.labels);
    if (!labels) {
      return unexpected(labels.error().message());
    }
    r.classification = score_classification(r.tracking, *truth, *tracks, *labels);
  }
  if (!in.alerts.empty()) {
    return unexpected(std::string(
        "--alerts: warning-time scoring is not implemented yet (see README status)"));
  }
  return r;
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
    line("hostiles alerted before entry",
         fmt::format("{} / {}", w.hostile_alerted_before_entry, w.hostile_total));
    line("warning ratio median", fmt::format("{:.3f}", w.warning_ratio_median));
    line("false alerts per hour", fmt::format("{:.2f}", w.false_alerts_per_hour));
  }
  return out;
}

}  // namespace dewline::eval
