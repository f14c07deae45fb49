// encoder.hpp: ASTERIX writer for the simulator and for tests: CAT048 (edition 1.31) target
// reports and CAT034 (edition 1.29) service messages from the same plain structs the decoder
// fills, packed into data blocks and UDP-sized datagrams.
//
// Values are given in the standard's units (NM, degrees, seconds, FL) and rounded to the nearest
// LSB; a value the item cannot carry (RHO >= 256 NM, time of day outside [0, 86400) s, a callsign
// character outside the ICAO set, ...) is an error naming the item, and nothing is appended for
// that record; so is a record with no item at all (an empty FSPEC is not a valid record).
// Decoding what was encoded gives the same record back (values are on the LSB grid).
// Items absent from the struct are not written; the FSPEC is as short as the items allow.
//
//   DatagramBuilder b(1400);
//   b.add(make_north_marker({25, 13}, tod));
//   Cat048Record plot;  plot.i010 = {25, 13};  plot.i140 = tod;  plot.i040 = {12.5, 271.3};
//   b.add(plot);
//   for (const auto& dgram : b.finish()) sender.send(dgram);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "ingest/asterix/cat034.hpp"
#include "ingest/asterix/cat048.hpp"
#include "ingest/asterix/decode_error.hpp"

namespace dewline::ingest::asterix {

// Appends one record (FSPEC + items, no block header) to `out`. On error `out` is unchanged.
Result<void, AsterixError> encode_cat048(const Cat048Record& r, std::vector<std::byte>& out);
Result<void, AsterixError> encode_cat034(const Cat034Record& r, std::vector<std::byte>& out);

// CAT034 north marker (I034/000 = 1) and sector crossing (I034/000 = 2) messages.
[[nodiscard]] Cat034Record make_north_marker(DataSourceIdentifier source, double time_of_day_s);
[[nodiscard]] Cat034Record make_sector_crossing(DataSourceIdentifier source, double time_of_day_s,
                                                double sector_deg);

// Packs records into data blocks (consecutive records of one category share a block) and the
// blocks into datagrams of at most `max_datagram` bytes.
class DatagramBuilder {
 public:
  explicit DatagramBuilder(std::size_t max_datagram = 1400) : max_(max_datagram) {}

  Result<void, AsterixError> add(const Cat048Record& r);
  Result<void, AsterixError> add(const Cat034Record& r);
  // Closes the current datagram and returns all completed ones (the builder is then empty).
  [[nodiscard]] std::vector<std::vector<std::byte>> finish();

 private:
  Result<void, AsterixError> append(std::uint8_t category);
  std::size_t max_;
  std::vector<std::vector<std::byte>> done_;
  std::vector<std::byte> current_;
  std::size_t block_start_ = 0;
  std::uint8_t block_cat_ = 0;  // 0: no open block
  std::vector<std::byte> record_;
};

}  // namespace dewline::ingest::asterix
