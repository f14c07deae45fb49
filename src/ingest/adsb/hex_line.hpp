// hex_line.hpp: one line of Mode S messages written as hex ("modes-hex" input).
//
// Accepted per line (blank lines and lines starting with '#' are skipped):
// - bare hex, 14 or 28 digits:                 8D406B909945DE10000405999BE4
// - AVR / dump1090 raw output:                  *8D406B909945DE10000405999BE4;
// - AVR with a 12 MHz timestamp (12 hex digits): @0000015A6D2E8D406B90...;
// - the pyModeS sample CSV: unix_ts,"hexmsg","icao",typecode (only the first two fields are
//   read; a non-numeric first line is taken as a header and skipped).
// Digits may be upper or lower case. The message length is the digit count (7 or 14 bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/adsb/adsb_error.hpp"
#include "ingest/adsb/bits.hpp"

namespace dewline::ingest::adsb {

struct HexLine {
  MessageBytes bytes{};
  std::uint8_t length = 0;  // 7 or 14
  std::optional<Time> time;                    // CSV unix timestamp
  std::optional<std::uint64_t> timestamp_12mhz;  // AVR '@' timestamp
};

enum class HexLineKind { Message, Skipped };

// `line_no` is 1-based (a non-numeric CSV first field on line 1 is a header).
Result<HexLineKind, AdsbError> parse_hex_line(std::string_view line, std::uint64_t line_no,
                                              HexLine& out);

}  // namespace dewline::ingest::adsb
