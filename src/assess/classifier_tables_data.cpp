// classifier_tables_data.cpp: placeholder until tools/fit_classifier.cpp writes the fitted
// tables (all weights 0: kinematics give no evidence).
#include "assess/classifier_tables.hpp"

namespace dewline::assess {

const ClassifierTables& default_tables() {
  static const ClassifierTables t{};
  return t;
}

}  // namespace dewline::assess
