// classifier_tables.hpp: the learned per-feature likelihood tables of the kinematic naive-Bayes
// classifier: log p(feature bin | class) for each feature of features.hpp and each of the six
// real classes (drone multirotor, drone fixed-wing, bird, aeroplane, helicopter, glider).
//
// The numbers live in classifier_tables_data.cpp, which tools/fit_classifier.cpp writes from
// feature files of the tuning scenarios; that file's header records the command that made it.
#pragma once

#include <array>
#include <cstddef>

#include "assess/features.hpp"

namespace dewline::assess {

inline constexpr std::size_t kRealClassCount = 6;  // TargetClass 1..6
inline constexpr std::size_t kMaxBins = 25;

struct ClassifierTables {
  // log_p[feature][class][bin]; classes in TargetClass order without Unknown.
  std::array<std::array<std::array<double, kMaxBins>, kRealClassCount>, kFeatureCount> log_p{};
  // Per-feature weight (1 = full naive-Bayes vote); 0 switches a feature off.
  std::array<double, kFeatureCount> weight{};
  // Classes the tables were fitted with data for; the others get a flat likelihood.
  std::array<bool, kRealClassCount> trained{};
};

// The committed tables.
[[nodiscard]] const ClassifierTables& default_tables();

}  // namespace dewline::assess
