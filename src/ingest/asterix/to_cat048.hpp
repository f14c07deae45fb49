// to_cat048.hpp: the inverse of to_detection.hpp, for the simulator's ASTERIX emitter: a
// Detection with a PolarMeasurement (site ENU axes, relative to the radar) becomes the CAT048
// target report the radar would send, ready for encode_cat048 / DatagramBuilder.
//
// THETA is the compass bearing in the radar's own local axes: the site-frame direction is turned
// back by EnuFrame::rotation_from_local (transposed), so that to_detection of the encoded report
// gives the detection's azimuth again (to the I048/040 LSB, 360/2^16 deg). RHO is the slant
// range in NM (must stay below 256 NM), I140 the detection time's seconds since UTC midnight.
// Identity and object id map to I070 (Mode 3/A), I220 (address), I240 (callsign, upper-cased;
// characters outside the ICAO set are refused), I161 (object id modulo 4096).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/detection.hpp"
#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "ingest/asterix/cat048.hpp"

namespace dewline::ingest::asterix {

struct Cat048ReportOptions {
  DataSourceIdentifier source;
  std::uint8_t typ = 1;                // I048/020 TYP: 1 PSR, 2 SSR, 3 SSR+PSR, 5 Mode S roll-call
  std::optional<double> flight_level;  // I048/090, when the target reports one (FL)
};

// Fails with a reason ("not_polar", "range_beyond_256_nm", "bad_callsign") when the detection
// cannot be a CAT048 report.
Result<Cat048Record, std::string_view> cat048_from_detection(const Detection& d,
                                                             const EnuFrame& site,
                                                             const Geodetic& radar,
                                                             const Cat048ReportOptions& options);

}  // namespace dewline::ingest::asterix
