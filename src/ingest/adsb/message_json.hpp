// message_json.hpp: the `dewline decode` output of one ADS-B message, as a JSON object or a
// short text line. The JSON keys are the stable interface of issue 5: `df`, `icao` (6 lowercase
// hex digits) and, where decoded, `tc`, `callsign`, `lat`, `lon`, `alt_ft`, `gs_kt`,
// `track_deg`, `vrate_fpm`; more keys follow (docs/ingest-adsb.md lists them all).
//
// Conventions: `gs_kt` is the ground speed truncated to whole knots as pyModeS and dump1090
// report it (the unrounded value is `gs_exact_kt`); `lat`/`lon` appear only on the message that
// produced the position (`cpr_method` says how); SBS records have no DF, so `df` is the one
// dump1090 maps to that transmission type (1-4: 17, 5: 4, 6: 5, 7: 0, 8: 11) and `sbs_type`
// holds the type itself.
#pragma once

#include <string>

#include "ingest/adsb/adsb_decoder.hpp"

namespace dewline::ingest::adsb {

// Appends one JSON object (no newline) to `out`.
void append_message_json(const DecodedMessage& m, std::string& out);
// Appends one human-readable line (no newline) to `out`.
void append_message_text(const DecodedMessage& m, std::string& out);

// The DF dump1090 writes an SBS transmission type for (see above); 17 for unknown types.
[[nodiscard]] int sbs_type_df(int transmission_type);

}  // namespace dewline::ingest::adsb
