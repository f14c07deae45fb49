// classification_score.hpp: the confusion matrix of track classes against labelled truth.
//
// Counted over matched track-scans: at every scan, each truth paired with a track by GOSPA (within
// c) adds one to confusion[truth class][track class]. Per-class accuracy is the diagonal over the
// row total; `drone_vs_bird` is the accuracy over truths that are drones or birds, counting only
// drone/bird confusion as wrong (an unknown answer counts as wrong too).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/target_class.hpp"
#include "eval/tracking_score.hpp"
#include "ingest/exchange/exchange_csv.hpp"

namespace dewline::eval {

struct ClassificationScore {
  // confusion[truth][track], indexed by CoarseClass.
  std::array<std::array<std::size_t, kCoarseClassCount>, kCoarseClassCount> confusion{};
  std::array<double, kCoarseClassCount> accuracy{};  // NaN-free: 0 when a row is empty
  std::array<std::size_t, kCoarseClassCount> support{};
  double overall_accuracy = 0.0;
  double drone_vs_bird_accuracy = 0.0;
  std::size_t matched = 0;
  std::size_t unlabelled = 0;  // matched truths without a label row
};

[[nodiscard]] ClassificationScore score_classification(
    const TrackingScore& tracking, const std::vector<ingest::TruthRow>& truth,
    const std::vector<ingest::TrackRow>& tracks, const std::vector<ingest::LabelRow>& labels);

}  // namespace dewline::eval
