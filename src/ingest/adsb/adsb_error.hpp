// adsb_error.hpp: why a piece of ADS-B / Mode S input was rejected.
//
// Every layer (Beast framer, SBS and hex line parsers, Mode S decoder) returns an AdsbError: an
// enum code, a short static reason (never allocated) and where it happened (byte offset in a
// stream, or 1-based line number for text inputs). `to_string(code)` is the reason key under
// which RejectCounter counts it per sensor ("bad_crc", "garbage", ...).
#pragma once

#include <cstdint>
#include <string_view>

namespace dewline::ingest::adsb {

enum class AdsbErrorCode : std::uint8_t {
  Garbage,          // bytes outside any Beast frame, skipped up to the next 0x1a
  BadFrameType,     // 0x1a followed by a byte that is not a Beast frame type '1'..'4'
  TruncatedFrame,   // a Beast frame cut short by a new frame start or the end of the stream
  BadLength,        // a Mode S message whose length does not match its DF (56 / 112 bits)
  AllZeros,         // an all-zero Mode S message (a demodulator artefact)
  UnknownDf,        // a downlink format not assigned in ICAO Annex 10 Vol IV
  BadCrc,           // parity check failed on a DF11/17/18 (the formats whose PI we can check)
  BadHex,           // modes-hex: a character that is not hex, or a wrong number of digits
  BadField,         // SBS or CSV: a field that does not parse or is out of range
  BadFieldCount,    // SBS: fewer fields than the 22 of a MSG line
  LineTooLong,      // a text line longer than the reader accepts
};

[[nodiscard]] constexpr std::string_view to_string(AdsbErrorCode c) {
  switch (c) {
    case AdsbErrorCode::Garbage: return "garbage";
    case AdsbErrorCode::BadFrameType: return "bad_frame_type";
    case AdsbErrorCode::TruncatedFrame: return "truncated_frame";
    case AdsbErrorCode::BadLength: return "bad_length";
    case AdsbErrorCode::AllZeros: return "all_zeros";
    case AdsbErrorCode::UnknownDf: return "unknown_df";
    case AdsbErrorCode::BadCrc: return "bad_crc";
    case AdsbErrorCode::BadHex: return "bad_hex";
    case AdsbErrorCode::BadField: return "bad_field";
    case AdsbErrorCode::BadFieldCount: return "bad_field_count";
    case AdsbErrorCode::LineTooLong: return "line_too_long";
  }
  return "unknown";
}

struct AdsbError {
  AdsbErrorCode code = AdsbErrorCode::Garbage;
  std::string_view reason;   // static text, e.g. "DF17 parity check failed"
  std::uint64_t offset = 0;  // byte offset in the stream (binary) or 1-based line (text)
};

}  // namespace dewline::ingest::adsb
