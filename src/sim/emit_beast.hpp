// emit_beast.hpp: what the ADS-B receivers heard, as a Mode-S Beast binary stream (the format
// dump1090 / readsb serve on port 30005), of DF17 extended squitters built by
// ingest/adsb/encoder.hpp (DO-260B 2.2.3.2).
//
// Per detection of an aircraft with an ICAO address: airborne velocity (TC 19 subtype 1, east /
// north over ground in 1 kt steps, vertical rate in 64 ft/min steps, geometric-minus-barometric
// difference 0), aircraft identification (TC 4) at the first report and every 10th when it has
// a callsign, then airborne position (TC 11, CPR, even and odd formats alternating). The first
// report of an aircraft (or one after a silence of more than a minute, when a decoder holds no
// reference any more) sends an even and an odd position together, so that a decoder without a
// receiver position decodes exactly one position per simulated detection. The altitude field
// carries the simulated height above the WGS84 ellipsoid, in 25 ft steps, as if it were the
// barometric altitude (with the difference 0 in TC 19, a decoder takes it back as a height).
// Beast timestamps are 12 MHz ticks of the simulated time (seconds since the Unix epoch, which
// is where the simulator's clock starts; 48 bits last 271 days). The signal byte is the received
// level (snr_db, dBm) in dBFS of a receiver whose full scale is -50 dBm:
// 255 x 10^((snr_db + 50) / 20), at most 255 and at least 1. Detections without an ICAO address
// are skipped.
//
// One receiver writes to FILE; several write one file each, FILE's stem + "-<sensor id>".
#pragma once

#include <filesystem>
#include <memory>

#include "sim/emitter.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<Emitter> make_beast_emitter(const std::filesystem::path& path);

}  // namespace dewline::sim
