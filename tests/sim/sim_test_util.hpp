// sim_test_util.hpp: helpers for the simulator tests: scenarios from TOML text, a run that
// collects every event, and small statistics.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/emitter.hpp"
#include "sim/scenario_loader.hpp"
#include "sim/simulator.hpp"
#include "tests/test_paths.hpp"

namespace dewline::sim::test {

// A site header for test scenarios: `extra` is appended.
inline std::string header(double duration_s, const std::string& extra = "") {
  return "[scenario]\nname = \"test\"\nduration_s = " + std::to_string(duration_s) + "\n" + extra +
         "\n[site]\nlat_deg = 47.395\nlon_deg = 8.585\nalt_m = 440\n";
}

inline Scenario must_parse(const std::string& text) {
  auto sc = parse_scenario(text, "test.toml", dewline::test::source_dir());
  if (!sc) {
    std::string all;
    for (const auto& e : sc.error()) {
      all += e.message() + "\n";
    }
    ADD_FAILURE() << "scenario did not load:\n" << all;
    return Scenario{};
  }
  return std::move(*sc);
}

// Keeps every event.
class CollectingEmitter final : public Emitter {
 public:
  struct Item {
    SensorInfo sensor;
    Detection detection;
    std::optional<ScanRef> scan;
  };
  std::vector<Item> items;
  std::vector<std::pair<SensorId, ScanRef>> scans;

  [[nodiscard]] std::string_view name() const override { return "collect"; }
  Result<void, std::string> open(const EmitterContext&) override { return {}; }
  Result<void, std::string> scan_start(const SensorInfo& s, const ScanRef& scan) override {
    scans.emplace_back(s.id, scan);
    return {};
  }
  Result<void, std::string> detection(const SensorInfo& s, const Detection& d,
                                      const ScanRef* scan) override {
    items.push_back(Item{s, d, scan ? std::optional<ScanRef>(*scan) : std::nullopt});
    return {};
  }
  Result<void, std::string> close() override { return {}; }

  [[nodiscard]] std::vector<Detection> of_sensor(std::uint32_t id) const {
    std::vector<Detection> out;
    for (const auto& i : items) {
      if (to_underlying(i.sensor.id) == id) {
        out.push_back(i.detection);
      }
    }
    return out;
  }
};

struct Run {
  SimResult result;
  CollectingEmitter events;
};

inline Run run(const Scenario& sc, std::uint64_t seed) {
  Run r;
  Simulator sim(sc, seed);
  Emitter* e = &r.events;
  auto res = sim.run(std::span<Emitter* const>(&e, 1));
  EXPECT_TRUE(res.has_value()) << (res ? "" : res.error());
  if (res) {
    r.result = std::move(*res);
  }
  return r;
}

// Sample standard deviation about a known mean (0 for errors).
inline double rms(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) {
    s += x * x;
  }
  return std::sqrt(s / static_cast<double>(v.size()));
}

// |count - n p| <= 3 sqrt(n p (1 - p)): a binomial count within three sigma.
inline void expect_binomial(std::size_t count, std::size_t n, double p, const char* what) {
  const double mean = static_cast<double>(n) * p;
  const double sigma = std::sqrt(static_cast<double>(n) * p * (1.0 - p));
  EXPECT_LE(std::abs(static_cast<double>(count) - mean), 3.0 * sigma)
      << what << ": " << count << " of " << n << ", expected " << mean << " +- 3 x " << sigma;
}

}  // namespace dewline::sim::test
