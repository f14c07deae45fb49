// adsb_decoder.hpp: the production entry point for ADS-B input: Beast bytes, SBS lines or
// Mode S hex lines in, one DecodedMessage out per message, bad input counted per
// (sensor, reason) and logged at a limited rate. It chains framer -> Mode S decoder ->
// AircraftTable; to_detection() then turns a report with a position into a Detection.
//
//   AdsbDecoder dec(AdsbDecoderConfig{.sensor = "adsb-1"});
//   dec.push_beast(chunk);
//   DecodedMessage msg; AdsbError err;           // reused: nothing is allocated per message
//   for (;;) {
//     const auto s = dec.next_beast(msg, err);
//     if (s == AdsbDecoder::Status::NeedMore) break;
//     if (s == AdsbDecoder::Status::Message) use(msg);  // Error: already counted and logged
//   }
//
// Message time: Beast frames get `beast_epoch + timestamp / 12 MHz` (files; the 12 MHz clock is
// the receiver's, not UTC) or the receive time given to push_beast() when
// `beast_time = ReceiveTime` (live feeds). SBS lines use their generated date/time, hex lines
// their CSV timestamp or AVR '@' timestamp; lines without one use the receive time given, else
// the previous line's time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/reject_counter.hpp"
#include "core/time.hpp"
#include "ingest/adsb/adsb_error.hpp"
#include "ingest/adsb/aircraft_table.hpp"
#include "ingest/adsb/beast_framer.hpp"
#include "ingest/adsb/hex_line.hpp"
#include "ingest/adsb/mode_s_decoder.hpp"
#include "ingest/adsb/sbs_parser.hpp"

namespace dewline::ingest::adsb {

enum class AdsbFormat : std::uint8_t { Beast, Sbs, ModesHex };

enum class BeastTime : std::uint8_t {
  Timestamp,    // beast_epoch + 12 MHz ticks (files, replays)
  ReceiveTime,  // the time passed with the bytes (live TCP)
};

struct AdsbDecoderConfig {
  std::string sensor = "adsb";
  AircraftTableConfig aircraft{};
  ModeSDecodeOptions mode_s{};
  BeastTime beast_time = BeastTime::Timestamp;
  Time beast_epoch{};
  bool log_rejects = true;  // rate-limited warnings through core/log.hpp
};

struct DecodedMessage {
  AdsbFormat format = AdsbFormat::Beast;
  std::uint64_t index = 0;   // Beast frame number or text line number, 1-based
  std::uint64_t offset = 0;  // Beast: stream offset of the frame
  Time time;
  // Beast framing (format Beast).
  BeastFrameType beast_type = BeastFrameType::ModeSShort;
  std::uint64_t timestamp_12mhz = 0;
  std::optional<std::uint8_t> signal;
  // Beast and modes-hex.
  ModeSMessage mode_s;
  // SBS.
  SbsRecord sbs;
  // Both: the aircraft after this message.
  AircraftReport report;
};

struct AdsbStats {
  std::uint64_t messages = 0;        // decoded Mode S messages or SBS records
  std::uint64_t rejected = 0;        // errors (each counted in rejects())
  std::uint64_t skipped_mode_ac = 0;  // Beast '1' frames (Mode A/C is not decoded)
  std::uint64_t skipped_status = 0;   // Beast '4' frames
  std::uint64_t skipped_lines = 0;    // blank, comment, header and non-MSG lines
  std::uint64_t corrected = 0;        // DF17/18 repaired by the opt-in 1-bit correction
  std::uint64_t by_df[25] = {};       // decoded Mode S messages per DF (24 = Comm-D)
};

class AdsbDecoder {
 public:
  enum class Status { Message, Error, Skipped, NeedMore };

  explicit AdsbDecoder(AdsbDecoderConfig config = {});

  // Beast: push bytes, then call next_beast() until NeedMore. finish_beast() at end of stream.
  void push_beast(std::span<const std::byte> bytes, std::optional<Time> receive_time = {});
  void finish_beast() { framer_.finish(); }
  Status next_beast(DecodedMessage& out, AdsbError& error);
  // Forgets a partial frame (after a reconnect); aircraft state is kept.
  void reset_stream();

  // One text line (without its newline); `line_no` is 1-based.
  Status decode_sbs_line(std::string_view line, std::uint64_t line_no, DecodedMessage& out,
                         AdsbError& error, std::optional<Time> receive_time = {});
  Status decode_hex_line(std::string_view line, std::uint64_t line_no, DecodedMessage& out,
                         AdsbError& error, std::optional<Time> receive_time = {});
  // Counts an error found outside the decoder (an overlong line) like any other.
  void reject(const AdsbError& error);

  [[nodiscard]] const RejectCounter& rejects() const { return rejects_; }
  [[nodiscard]] const AdsbStats& stats() const { return stats_; }
  [[nodiscard]] const AircraftTable& aircraft() const { return table_; }
  [[nodiscard]] const BeastFramer& framer() const { return framer_; }
  [[nodiscard]] const AdsbDecoderConfig& config() const { return config_; }

 private:
  Status fail(const AdsbError& error, AdsbError& out);
  Status decode_mode_s_into(std::span<const std::uint8_t> bytes, std::uint64_t offset,
                            DecodedMessage& out, AdsbError& error);

  AdsbDecoderConfig config_;
  BeastFramer framer_;
  AircraftTable table_;
  RejectCounter rejects_;
  AdsbStats stats_;
  BeastFrame frame_;
  HexLine hex_;
  std::optional<Time> receive_time_;
  Time last_text_time_{};
};

}  // namespace dewline::ingest::adsb
