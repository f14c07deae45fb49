#include "sim/exchange_emitter.hpp"

#include <algorithm>
#include <tuple>

#include "ingest/exchange/exchange_csv.hpp"

namespace dewline::sim {
namespace {

class ExchangeEmitter final : public Emitter {
 public:
  explicit ExchangeEmitter(std::filesystem::path dir) : dir_(std::move(dir)) {}

  [[nodiscard]] std::string_view name() const override { return "exchange"; }

  Result<void, std::string> open(const EmitterContext& ctx) override {
    radars_.clear();
    for (const auto& s : ctx.sensors) {
      if (is_radar(s.kind)) {
        radars_.push_back(s);
      }
    }
    return {};
  }

  Result<void, std::string> detection(const SensorInfo& sensor, const Detection& d,
                                      const ScanRef* scan) override {
    if (!is_radar(sensor.kind) || scan == nullptr) {
      return {};
    }
    const auto* p = std::get_if<PolarMeasurement>(&d.measurement);
    if (p == nullptr) {
      return {};
    }
    ingest::MeasurementRow row;
    row.time_s = scan->start.seconds();
    row.sensor = sensor.id;
    row.range_m = p->range_m;
    row.azimuth_rad = p->azimuth_rad;
    row.elevation_rad = p->elevation_rad.value_or(0.0);
    row.truth_id = d.truth_id.value_or(-1);
    rows_.push_back(Row{scan->start, row});
    return {};
  }

  Result<void, std::string> close() override {
    // Events arrive in real time order; regroup by scan start, keeping that order within a scan.
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
      return std::tie(a.scan_start, a.row.sensor) < std::tie(b.scan_start, b.row.sensor);
    });
    std::vector<ingest::MeasurementRow> out;
    out.reserve(rows_.size());
    for (const auto& r : rows_) {
      out.push_back(r.row);
    }
    if (auto r = ingest::write_sensors_csv(dir_ / "sensors.csv", radars_); !r) {
      return unexpected(r.error().message());
    }
    if (auto r = ingest::write_measurements_csv(dir_ / "measurements.csv", out); !r) {
      return unexpected(r.error().message());
    }
    return {};
  }

 private:
  struct Row {
    Time scan_start;
    ingest::MeasurementRow row;
  };
  std::filesystem::path dir_;
  std::vector<SensorInfo> radars_;
  std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<Emitter> make_exchange_emitter(const std::filesystem::path& dir) {
  return std::make_unique<ExchangeEmitter>(dir);
}

}  // namespace dewline::sim
