// sapient_json_fuzz.cpp: libFuzzer target for the SAPIENT protobuf JSON path (BSI Flex 335
// v2.0): parse_json (strict, then lenient for the better error) -> validator -> to_detection
// for detection reports, and the JSON written back must parse again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/log.hpp"
#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/to_detection.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace sp = dewline::ingest::sapient;
  dewline::log().set_level(spdlog::level::off);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sapient_pb::SapientMessage msg;
  auto r = sp::parse_json(text, msg);
  if (!r) {
    if (r.error().path.empty() || r.error().reason.empty()) {
      __builtin_trap();  // every rejection names a field and a reason
    }
    return 0;
  }
  sapient_pb::SapientMessage again;
  if (!sp::parse_json(sp::to_json(msg), again)) {
    __builtin_trap();  // what we write must read back
  }
  if (msg.has_detection_report()) {
    static const dewline::EnuFrame site(dewline::Geodetic{51.17, -1.82, 100.0});
    sp::NodeState node;
    node.position = dewline::Geodetic{51.17, -1.82, 100.0};
    node.utm_zone = sp::UtmZone{30, true};
    sp::ConversionSettings s;
    s.max_distance_from_site_m = 20.0e6;
    dewline::Detection d;
    (void)sp::to_detection(msg, node, site, s, dewline::Time{}, d);
  }
  return 0;
}
