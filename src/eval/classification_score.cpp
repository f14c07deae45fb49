#include "eval/classification_score.hpp"

namespace dewline::eval {

ClassificationScore score_classification(const TrackingScore& tracking,
                                         const std::vector<ingest::TruthRow>& truth,
                                         const std::vector<ingest::TrackRow>& tracks,
                                         const std::vector<ingest::LabelRow>& labels) {
  std::map<std::int64_t, CoarseClass> label_of;
  for (const auto& l : labels) {
    label_of[l.target_id] = l.target_class;
  }
  ClassificationScore s;
  std::size_t db_total = 0;
  std::size_t db_correct = 0;
  for (const auto& scan : tracking.per_scan) {
    for (std::size_t a = 0; a < scan.truth_rows.size(); ++a) {
      const int k = scan.gospa.truth_to_track[a];
      if (k < 0) {
        continue;
      }
      const auto& tr = truth[scan.truth_rows[a]];
      auto it = label_of.find(tr.target_id);
      if (it == label_of.end()) {
        ++s.unlabelled;
        continue;
      }
      const auto& row = tracks[scan.track_rows[static_cast<std::size_t>(k)]];
      const CoarseClass got = coarse_class_from_string(row.class_name).value_or(CoarseClass::Unknown);
      const CoarseClass want = it->second;
      ++s.confusion[static_cast<std::size_t>(want)][static_cast<std::size_t>(got)];
      ++s.matched;
      if (want == CoarseClass::Drone || want == CoarseClass::Bird) {
        ++db_total;
        db_correct += (got == want) ? 1U : 0U;
      }
    }
  }
  std::size_t correct = 0;
  for (std::size_t i = 0; i < kCoarseClassCount; ++i) {
    std::size_t row = 0;
    for (std::size_t j = 0; j < kCoarseClassCount; ++j) {
      row += s.confusion[i][j];
    }
    s.support[i] = row;
    s.accuracy[i] = row > 0 ? static_cast<double>(s.confusion[i][i]) / static_cast<double>(row)
                            : 0.0;
    correct += s.confusion[i][i];
  }
  s.overall_accuracy =
      s.matched > 0 ? static_cast<double>(correct) / static_cast<double>(s.matched) : 0.0;
  s.drone_vs_bird_accuracy =
      db_total > 0 ? static_cast<double>(db_correct) / static_cast<double>(db_total) : 0.0;
  return s;
}

}  // namespace dewline::eval
