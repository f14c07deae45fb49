// adsb_modes_fuzz.cpp: libFuzzer target for the Mode S decoder itself. The input is read twice:
// as text (modes-hex lines: bare hex, AVR, pyModeS CSV, as `dewline decode --format modes-hex`)
// and as a stream of raw messages, each 7 or 14 bytes as its first byte's DF says, through
// decode_mode_s -> AircraftTable -> to_detection.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/geodesy.hpp"
#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/aircraft_table.hpp"
#include "ingest/adsb/line_reader.hpp"
#include "ingest/adsb/message_json.hpp"
#include "ingest/adsb/mode_s_decoder.hpp"
#include "ingest/adsb/to_detection.hpp"

using namespace dewline::ingest::adsb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dewline::EnuFrame site(dewline::Geodetic{52.3, 4.76, 0.0});
  static const AdsbDetectionConfig det_cfg{};
  // Text.
  {
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
      if (s == LineReader::Status::Line &&
          dec.decode_hex_line(line, no, msg, err) == AdsbDecoder::Status::Message) {
        json.clear();
        append_message_json(msg, json);
        (void)to_detection(msg.report, site, det_cfg);
      }
    }
  }
  // Raw messages back to back.
  AircraftTableConfig tcfg;
  tcfg.receiver = LatLon{52.3, 4.76};
  AircraftTable table(tcfg);
  ModeSMessage m;
  AircraftReport report;
  std::size_t i = 0;
  std::int64_t t = 0;
  while (i < size) {
    const std::size_t len = (data[i] >> 3) >= 16 ? 14 : 7;
    const std::size_t n = std::min(len, size - i);
    ModeSDecodeOptions opt;
    opt.fix_single_bit = (t & 1) != 0;
    if (decode_mode_s(std::span<const std::uint8_t>(data + i, n), m, opt)) {
      table.update(m, dewline::Time::from_ns(t * 400'000'000), m.length, report);
      (void)to_detection(report, site, det_cfg);
    }
    i += n;
    ++t;
  }
  return 0;
}
