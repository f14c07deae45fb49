// mode_s_decoder.hpp: raw Mode S bytes (7 or 14) -> ModeSMessage, with parity checks.
//
// Stateless: the same bytes always decode to the same message. Per-aircraft context (CPR pairs,
// which AP addresses are known) lives in AircraftTable. The length of a message comes from its
// framing (Beast type, hex digit count) and must agree with its DF (Annex 10 Vol IV 3.1.2.2:
// DF0-15 are 56-bit, DF16-31 112-bit); a mismatch is an error, never a reason to read more.
//
//   ModeSMessage m;                                      // reused across calls
//   if (auto r = decode_mode_s(bytes, m); !r) count(r.error());
//
// Rejected: wrong length, all-zero messages, unassigned DFs (1-3, 6-10, 12-15, 23), and a
// failed parity check on DF11/17/18. With `fix_single_bit` a DF17/18 whose syndrome matches a
// single flipped bit outside the DF field is repaired (as dump1090's --fix does) and
// `corrected_bit` says which bit; off by default.
#pragma once

#include <cstddef>
#include <span>

#include "core/result.hpp"
#include "ingest/adsb/adsb_error.hpp"
#include "ingest/adsb/mode_s_message.hpp"

namespace dewline::ingest::adsb {

struct ModeSDecodeOptions {
  bool fix_single_bit = false;  // repair 1-bit errors in DF17/18 (documented in docs/ingest-adsb.md)
};

Result<void, AdsbError> decode_mode_s(std::span<const std::byte> bytes, ModeSMessage& out,
                                      const ModeSDecodeOptions& options = {});
Result<void, AdsbError> decode_mode_s(std::span<const std::uint8_t> bytes, ModeSMessage& out,
                                      const ModeSDecodeOptions& options = {});

// Fills `out.typecode` and `out.es` from the ME field of a DF17/18 message in `out.bytes`.
void decode_extended_squitter(ModeSMessage& out);

// Fills `out.comm_b_callsign` when the MB field of a DF20/21 holds a BDS 2,0 identification
// (first byte 0x20 and eight valid, not all blank, characters). Other registers are not
// inferred: telling them apart needs heuristics (see docs/ingest-adsb.md).
void decode_comm_b(ModeSMessage& out);

// The 6-bit character set of Annex 10 Vol IV Table 3-9; '#' marks unassigned codes.
[[nodiscard]] char ais_char(std::uint32_t code);
// Eight 6-bit characters starting at message bit `first_bit` -> callsign.
[[nodiscard]] Callsign decode_callsign(const MessageBytes& m, unsigned first_bit);

}  // namespace dewline::ingest::adsb
