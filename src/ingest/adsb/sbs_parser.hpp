// sbs_parser.hpp: one line of SBS-1 BaseStation text ("port 30003" output of dump1090, readsb,
// Kinetic BaseStation) -> SbsRecord.
//
// A message line has 22 comma-separated fields (the BaseStation socket format as dump1090's
// net_io.c modesSendSBSOutput writes it):
//   MSG,type,session,aircraft,HEXIDENT,flight,date_gen,time_gen,date_log,time_log,callsign,
//   altitude,ground_speed,track,lat,lon,vertical_rate,squawk,alert,emergency,spi,is_on_ground
// Transmission types 1-8: 1 identification, 2 surface position, 3 airborne position,
// 4 velocity, 5 surveillance altitude, 6 surveillance identity, 7 air-to-air, 8 all-call.
// Empty fields mean "not in this message". An 'H' after the altitude or vertical rate (dump1090
// --gnss) marks GNSS values. Flags are -1 (true) or 0. Times are the feeder's clock, taken as UTC.
// Other line kinds (SEL, ID, AIR, STA, CLK) and blank lines are skipped, not errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/adsb/adsb_error.hpp"
#include "ingest/adsb/mode_s_message.hpp"

namespace dewline::ingest::adsb {

struct SbsRecord {
  std::uint8_t transmission_type = 0;  // 1..8
  std::uint32_t icao = 0;
  bool non_icao = false;  // readsb prefixes non-ICAO addresses with '~'
  std::optional<Time> generated_time;  // fields 7 and 8
  std::optional<Time> logged_time;     // fields 9 and 10
  Callsign callsign;
  std::optional<std::int32_t> altitude_ft;
  bool altitude_gnss = false;
  std::optional<double> ground_speed_kt;
  std::optional<double> track_deg;
  std::optional<double> lat_deg;
  std::optional<double> lon_deg;
  std::optional<std::int32_t> vertical_rate_fpm;
  bool vertical_rate_gnss = false;
  std::optional<std::uint16_t> squawk;  // packed octal ABCD
  std::optional<bool> alert;
  std::optional<bool> emergency;
  std::optional<bool> spi;
  std::optional<bool> on_ground;
};

enum class SbsLineKind { Message, Skipped };

// Parses one line (without its newline). `out` is overwritten. Errors carry offset 0; the
// caller sets the line number.
Result<SbsLineKind, AdsbError> parse_sbs_line(std::string_view line, SbsRecord& out);

// "YYYY/MM/DD" and "HH:MM:SS[.fff]" -> Time (UTC); nullopt when malformed.
[[nodiscard]] std::optional<Time> parse_sbs_time(std::string_view date, std::string_view time);

}  // namespace dewline::ingest::adsb
