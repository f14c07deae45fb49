// fit_classifier: fits the kinematic likelihood tables of the assess classifier
// (classifier_tables.hpp) from feature files written by `dewline track --features-out`, and
// writes them as C++ (classifier_tables_data.cpp) with the command that made them.
//
//   dewline_fit_classifier --out src/assess/classifier_tables_data.cpp F1.csv F2.csv ...
//       [--alpha A] [--smooth S] [--weight feature=w]... [--note TEXT]
//
// --note replaces the list of input files in the generated header (scripts/fit-classifier
// says which scenarios and seeds made them).
//
// Per feature, class and histogram bin (features.hpp's fixed edges):
//   p(bin | class) = (1 - e) * (smoothed count + alpha / bins) / (total + alpha) + e / bins
// where the counts are smoothed over neighbouring bins with the kernel [s, 1 - 2 s, s] (bins are
// ordered), e = 0.01 keeps every bin possible, and alpha is a Laplace prior. Rows whose
// truth_class is none/unlabelled (tracks matched to no labelled target) are skipped. A class
// without rows borrows the table of its nearest class (glider and helicopter from aeroplane,
// fixed-wing drone from multirotor, and back) and is marked untrained.
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "assess/classifier_tables.hpp"
#include "assess/features.hpp"
#include "core/target_class.hpp"

namespace {

using dewline::TargetClass;
using namespace dewline::assess;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

int usage() {
  std::fprintf(stderr,
               "usage: dewline_fit_classifier --out FILE.cpp [--alpha A] [--smooth S] "
               "[--weight feature=w]... [--note TEXT] FEATURES.csv...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_path;
  double alpha = 2.0;
  double smooth = 0.2;
  constexpr double kFloor = 0.01;
  std::array<double, kFeatureCount> weight{};
  weight.fill(1.0);
  std::vector<std::string> inputs;
  std::string command = "dewline_fit_classifier";
  std::string note;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        return {};
      }
      return argv[++i];
    };
    if (a == "--out") {
      out_path = next();
      command += " --out " + out_path;
    } else if (a == "--alpha") {
      const std::string v = next();
      alpha = std::stod(v);
      command += " --alpha " + v;
    } else if (a == "--smooth") {
      const std::string v = next();
      smooth = std::stod(v);
      command += " --smooth " + v;
    } else if (a == "--note") {
      note = next();
    } else if (a == "--weight") {
      const std::string v = next();
      const auto eq = v.find('=');
      bool found = false;
      for (std::size_t f = 0; f < kFeatureCount && eq != std::string::npos; ++f) {
        if (kFeatureSpecs[f].name == v.substr(0, eq)) {
          weight[f] = std::stod(v.substr(eq + 1));
          found = true;
        }
      }
      if (!found) {
        std::fprintf(stderr, "unknown feature in --weight %s\n", v.c_str());
        return 2;
      }
      command += " --weight " + v;
    } else if (!a.empty() && a[0] == '-') {
      return usage();
    } else {
      inputs.push_back(a);
    }
  }
  if (out_path.empty() || inputs.empty()) {
    return usage();
  }
  if (note.empty()) {
    for (const auto& in : inputs) {
      command += " " + in;
    }
  } else {
    command += fmt::format(" <{} feature files>\n//   made by {}", inputs.size(), note);
  }

  // counts[feature][class][bin]
  std::array<std::array<std::array<double, kMaxBins>, kRealClassCount>, kFeatureCount> counts{};
  std::array<std::size_t, kRealClassCount> rows{};
  std::map<std::string, std::size_t> tracks_per_class;
  for (const auto& path : inputs) {
    std::ifstream f(path);
    if (!f) {
      std::fprintf(stderr, "%s: cannot open\n", path.c_str());
      return 1;
    }
    std::string line;
    std::getline(f, line);
    const auto header = split(line);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < header.size(); ++i) {
      col[header[i]] = i;
    }
    for (const char* need : {"truth_class", "samples", "scenario", "track_id"}) {
      if (col.count(need) == 0) {
        std::fprintf(stderr, "%s: no column %s\n", path.c_str(), need);
        return 1;
      }
    }
    std::size_t line_no = 1;
    while (std::getline(f, line)) {
      ++line_no;
      const auto v = split(line);
      if (v.size() != header.size()) {
        std::fprintf(stderr, "%s:%zu: expected %zu fields, got %zu\n", path.c_str(), line_no,
                     header.size(), v.size());
        return 1;
      }
      const auto cls = dewline::target_class_from_string(v[col["truth_class"]]);
      if (!cls || *cls == TargetClass::Unknown) {
        continue;
      }
      if (std::stoi(v[col["samples"]]) < 3) {
        continue;
      }
      const std::size_t c = static_cast<std::size_t>(*cls) - 1;
      ++rows[c];
      for (std::size_t k = 0; k < kFeatureCount; ++k) {
        auto it = col.find(std::string(kFeatureSpecs[k].name));
        if (it == col.end() || v[it->second].empty()) {
          continue;
        }
        const double x = std::stod(v[it->second]);
        const std::size_t b = std::min(kFeatureSpecs[k].bin_of(x), kMaxBins - 1);
        counts[k][c][b] += 1.0;
      }
    }
  }

  ClassifierTables t;
  t.weight = weight;
  for (std::size_t c = 0; c < kRealClassCount; ++c) {
    t.trained[c] = rows[c] > 0;
  }
  // Borrowing order for classes without data.
  const std::array<std::array<std::size_t, 3>, kRealClassCount> borrow = {{
      {1, 2, 3},  // multirotor <- fixed-wing drone, bird, aeroplane
      {0, 3, 2},  // fixed-wing drone <- multirotor, aeroplane, bird
      {0, 1, 3},  // bird <- drones
      {4, 5, 1},  // aeroplane <- helicopter, glider, fixed-wing drone
      {3, 5, 0},  // helicopter <- aeroplane, glider, multirotor
      {3, 4, 1},  // glider <- aeroplane, helicopter, fixed-wing drone
  }};
  for (std::size_t k = 0; k < kFeatureCount; ++k) {
    const std::size_t bins = kFeatureSpecs[k].bins();
    for (std::size_t c = 0; c < kRealClassCount; ++c) {
      std::size_t src = c;
      if (!t.trained[c]) {
        for (std::size_t b : borrow[c]) {
          if (t.trained[b]) {
            src = b;
            break;
          }
        }
      }
      const auto& raw = counts[k][src];
      std::array<double, kMaxBins> sm{};
      double total = 0.0;
      for (std::size_t b = 0; b < bins; ++b) {
        const double left = b > 0 ? raw[b - 1] : raw[b];
        const double right = b + 1 < bins ? raw[b + 1] : raw[b];
        sm[b] = smooth * left + (1.0 - 2.0 * smooth) * raw[b] + smooth * right;
        total += sm[b];
      }
      const double u = 1.0 / static_cast<double>(bins);
      for (std::size_t b = 0; b < kMaxBins; ++b) {
        double p = u;
        if (b < bins && total + alpha > 0.0) {
          p = (1.0 - kFloor) * (sm[b] + alpha * u) / (total + alpha) + kFloor * u;
        }
        t.log_p[k][c][b] = std::log(p);
      }
    }
  }

  std::string o;
  o += "// classifier_tables_data.cpp: fitted kinematic likelihood tables "
       "(classifier_tables.hpp).\n";
  o += "// GENERATED by src/assess/tools/fit_classifier.cpp; do not edit. Command:\n";
  o += "//   " + command + "\n";
  o += "// Rows per class (drone_multirotor, drone_fixed_wing, bird, aircraft_fixed_wing, "
       "helicopter,\n// glider):";
  for (std::size_t c = 0; c < kRealClassCount; ++c) {
    o += fmt::format(" {}", rows[c]);
  }
  o += fmt::format(". alpha {}, smooth {}, floor {}.\n", alpha, smooth, kFloor);
  o += "#include \"assess/classifier_tables.hpp\"\n\nnamespace dewline::assess {\n\n";
  o += "const ClassifierTables& default_tables() {\n  static const ClassifierTables t = [] {\n";
  o += "    ClassifierTables x{};\n";
  for (std::size_t k = 0; k < kFeatureCount; ++k) {
    o += fmt::format("    // {}\n", kFeatureSpecs[k].name);
    o += fmt::format("    x.weight[{}] = {};\n", k, t.weight[k]);
    for (std::size_t c = 0; c < kRealClassCount; ++c) {
      o += fmt::format("    x.log_p[{}][{}] = {{", k, c);
      for (std::size_t b = 0; b < kMaxBins; ++b) {
        o += fmt::format("{}{:.4f}", b == 0 ? "" : (b % 8 == 0 ? ",\n        " : ", "),
                         t.log_p[k][c][b]);
      }
      o += "};\n";
    }
  }
  for (std::size_t c = 0; c < kRealClassCount; ++c) {
    o += fmt::format("    x.trained[{}] = {};\n", c, t.trained[c] ? "true" : "false");
  }
  o += "    return x;\n  }();\n  return t;\n}\n\n}  // namespace dewline::assess\n";
  std::ofstream out(out_path);
  out << o;
  if (!out) {
    std::fprintf(stderr, "%s: cannot write\n", out_path.c_str());
    return 1;
  }
  std::fprintf(stderr, "rows per class:");
  for (std::size_t c = 0; c < kRealClassCount; ++c) {
    std::fprintf(stderr, " %s %zu",
                 std::string(dewline::to_string(static_cast<TargetClass>(c + 1))).c_str(), rows[c]);
  }
  std::fprintf(stderr, "\nwrote %s\n", out_path.c_str());
  return 0;
}
