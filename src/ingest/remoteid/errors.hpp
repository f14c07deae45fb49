// errors.hpp: why a Remote ID frame or message was rejected.
//
// Decoders return a DecodeError (code, byte offset, short detail) instead of throwing. Each code
// has one stable short name used as the RejectCounter reason and in `dewline decode` error lines
// ("bad_crc", "bad_pack_count", ...), so counts from different runs compare.
#pragma once

#include <cstdint>
#include <string_view>

namespace dewline::ingest::remoteid {

enum class ErrorCode : std::uint8_t {
  TruncatedLinkHeader,  // radiotap / nRF sniffer / BLE PHDR header shorter than it claims
  BadLinkHeader,        // a link header field with an impossible value (version, length)
  BadFcs,               // 802.11 frame check sequence mismatch (or radiotap "bad FCS" flag)
  BadCrc,               // BLE CRC-24 mismatch on an advertising channel PDU
  TruncatedFrame,       // 802.11 header or BLE PDU shorter than its header says
  TruncatedElement,     // an 802.11 element, NAN attribute or BLE AD structure overruns its frame
  BadServiceInfo,       // the ODID container is too short for the counter and a message header
  BadMessageSize,       // message pack "single message size" is not 25
  BadPackCount,         // message pack count above 9 or beyond the bytes present
  TruncatedMessage,     // fewer than 25 bytes for a message
  NestedPack,           // a message pack inside a message pack
  ReservedMessageType,  // message type 6..14 (reserved in F3411-22a)
};

// Short stable name, e.g. "bad_crc".
[[nodiscard]] std::string_view to_string(ErrorCode c);

struct DecodeError {
  ErrorCode code = ErrorCode::TruncatedFrame;
  std::uint32_t offset = 0;  // byte offset in the captured frame where the problem was found
  std::int8_t pack_index = -1;  // 1-based message index in a pack, -1 when not in a pack
  std::string_view detail;      // a short human sentence (static storage)
};

}  // namespace dewline::ingest::remoteid
