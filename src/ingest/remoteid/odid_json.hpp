// odid_json.hpp: Open Drone ID messages as JSON objects and text lines, the form `dewline decode
// --format remoteid` prints (one object per message; the stable interface of issue 5).
//
// Every object has `frame` (1-based frame number in the capture), `transport` (wifi-beacon,
// wifi-nan, bt-legacy, bt5-lr), `type` (basic_id, location, auth, self_id, system,
// operator_id), and the message's fields:
//   location     lat, lon, alt_geo_m, alt_baro_m, height_m, speed_h_mps, speed_v_mps,
//                direction_deg (+ status, height_type, accuracies, timestamp)
//   basic_id     id_type, ua_type, uas_id
//   system       operator_lat, operator_lon (+ classification, area, operator altitude)
//   operator_id  operator_id (+ operator_id_type)
//   self_id      description (+ desc_type)
//   auth         auth_type, page, (page 0) last_page_index, length, timestamp_raw; data_hex
// plus src (transmitter address), msg_counter, pack_index, in_pack, protocol_version, time_epoch
// and rssi_dbm when known. Unknown values are null exactly where the reference dissector says
// "Unknown" (odid_units.hpp). Text fields keep printable ASCII and write other bytes as \xNN.
// A malformed frame or message is one object {"error": reason, "frame": n, "reason": detail,
// "offset": byte offset[, "pack_index": i]}.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "ingest/remoteid/errors.hpp"
#include "ingest/remoteid/link_types.hpp"
#include "ingest/remoteid/odid_message.hpp"

namespace dewline::ingest::remoteid {

struct MessageContext {
  std::uint64_t frame = 0;
  Time time;
  const FrameInfo* info = nullptr;
  std::uint8_t pack_index = 1;
  bool in_pack = false;
};

[[nodiscard]] nlohmann::ordered_json message_json(const MessageContext& ctx, const Message& m);
[[nodiscard]] nlohmann::ordered_json error_json(std::uint64_t frame, const DecodeError& e);

// One short human line: "frame 3 wifi-beacon 90:3a:e6:5b:c8:a8 location lat=47.1987103 ...".
[[nodiscard]] std::string message_text(const MessageContext& ctx, const Message& m);
[[nodiscard]] std::string error_text(std::uint64_t frame, const DecodeError& e);

// Printable ASCII kept, other bytes as "\xNN" (always valid UTF-8 for JSON).
[[nodiscard]] std::string printable(std::string_view raw);

}  // namespace dewline::ingest::remoteid
