// adsb_beast_fuzz.cpp: libFuzzer target for the Beast path: bytes -> BeastFramer (fed in two
// pieces split at a data-chosen point, to exercise incremental framing) -> Mode S decoder ->
// AircraftTable -> to_detection and the JSON writer, as `dewline decode --format beast` runs it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/geodesy.hpp"
#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/message_json.hpp"
#include "ingest/adsb/to_detection.hpp"

using namespace dewline::ingest::adsb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dewline::EnuFrame site(dewline::Geodetic{43.6, 1.4, 150.0});
  static const AdsbDetectionConfig det_cfg{};
  AdsbDecoderConfig cfg;
  cfg.log_rejects = false;
  cfg.aircraft.receiver = LatLon{43.6, 1.4};
  cfg.mode_s.fix_single_bit = size > 0 && (data[0] & 1) != 0;
  AdsbDecoder dec(cfg);
  const auto bytes = std::as_bytes(std::span<const std::uint8_t>(data, size));
  const std::size_t split = size > 0 ? data[size - 1] % (size + 1) : 0;
  DecodedMessage msg;
  AdsbError err;
  std::string json;
  auto drain = [&] {
    for (;;) {
      const auto s = dec.next_beast(msg, err);
      if (s == AdsbDecoder::Status::NeedMore) {
        return;
      }
      if (s == AdsbDecoder::Status::Message) {
        json.clear();
        append_message_json(msg, json);
        append_message_text(msg, json);
        (void)to_detection(msg.report, site, det_cfg);
      }
    }
  };
  dec.push_beast(bytes.first(split));
  drain();
  dec.push_beast(bytes.subspan(split));
  dec.finish_beast();
  drain();
  return 0;
}
