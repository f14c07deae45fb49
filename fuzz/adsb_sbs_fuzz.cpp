// adsb_sbs_fuzz.cpp: libFuzzer target for the SBS-1 path: bytes -> LineReader -> SBS parser ->
// AircraftTable -> to_detection and the JSON writer, as `dewline decode --format sbs` runs it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/geodesy.hpp"
#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/line_reader.hpp"
#include "ingest/adsb/message_json.hpp"
#include "ingest/adsb/to_detection.hpp"

using namespace dewline::ingest::adsb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dewline::EnuFrame site(dewline::Geodetic{51.5, -0.1, 20.0});
  static const AdsbDetectionConfig det_cfg{};
  AdsbDecoderConfig cfg;
  cfg.log_rejects = false;
  AdsbDecoder dec(cfg);
  LineReader lines(256);
  lines.push(std::as_bytes(std::span<const std::uint8_t>(data, size)));
  lines.finish();
  DecodedMessage msg;
  AdsbError err;
  std::string json;
  std::string_view line;
  std::uint64_t no = 0;
  for (;;) {
    const auto s = lines.next(line, no);
    if (s == LineReader::Status::NeedMore) {
      break;
    }
    if (s == LineReader::Status::TooLong) {
      continue;
    }
    if (dec.decode_sbs_line(line, no, msg, err) == AdsbDecoder::Status::Message) {
      json.clear();
      append_message_json(msg, json);
      append_message_text(msg, json);
      (void)to_detection(msg.report, site, det_cfg);
    }
  }
  return 0;
}
