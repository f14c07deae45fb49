// datagram_decoder.hpp: the ASTERIX entry point. Frames the data blocks of one datagram (or of a
// chunk of a raw block file), splits each block into records by its category's UAP, decodes
// CAT048 and CAT034 records into reused storage and hands each one, or each error, to a sink.
//
// Framing (ASTERIX Part 1, EUROCONTROL-SPEC-0149 edition 2.4, section 4.2): a datagram holds
// one or more data blocks, each CAT (1 octet), LEN (2 octets, big-endian, counting CAT and LEN)
// and then one or more records of that category. LEN is a claim: it is checked against the bytes
// left in the datagram. When the blocks do not tile the datagram exactly (a wrong LEN, garbage
// between blocks, a truncated tail) the decoder finds where a chain of blocks that does end
// exactly at the datagram's end starts again, reports the bytes it skipped with their offset, and
// goes on there; blocks that fit before that point are still decoded. Within a block, an error
// that loses the record framing (truncated item, undefined FRN, runaway FX chain) ends that block;
// an absurd value rejects only its record. A block of an unknown category (CAT062, ...) is skipped
// by its LEN and reported as UnknownCategory.
//
//   struct Print : RecordSink { void on_cat048(const Cat048Record& r, const RecordContext&) ... };
//   AsterixDecoder dec;            // one per input; reuses its records and scratch space
//   Print sink;
//   dec.decode(udp_payload, sink);
//
// Allocation: none per record; a scratch vector sized to the datagram only when it is damaged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ingest/asterix/cat034.hpp"
#include "ingest/asterix/cat048.hpp"
#include "ingest/asterix/decode_error.hpp"
#include "ingest/asterix/uap.hpp"

namespace dewline::ingest::asterix {

// Where a decoded record came from. Offsets are absolute: base_offset passed to decode() plus
// the position in the span (for a pcap, the position in the UDP payload).
struct RecordContext {
  std::uint8_t category = 0;
  std::size_t block_offset = 0;   // the block's CAT octet
  std::size_t record_offset = 0;  // the record's first FSPEC octet
  std::size_t record_length = 0;
  std::uint32_t block_index = 0;   // 1-based within the datagram
  std::uint32_t record_index = 0;  // 1-based within the block
  // Item positions relative to the span given to decode() (add base_offset for absolute).
  const RecordLayout* layout = nullptr;
};

class RecordSink {
 public:
  RecordSink() = default;
  RecordSink(const RecordSink&) = default;
  RecordSink& operator=(const RecordSink&) = default;
  virtual ~RecordSink() = default;
  virtual void on_cat048(const Cat048Record& /*record*/, const RecordContext& /*ctx*/) {}
  virtual void on_cat034(const Cat034Record& /*record*/, const RecordContext& /*ctx*/) {}
  // Offsets in the error are absolute (base_offset included).
  virtual void on_error(const AsterixError& /*error*/) {}
};

struct DecodeStats {
  std::uint32_t blocks = 0;   // data blocks framed (known or unknown category)
  std::uint32_t records = 0;  // records decoded and passed to the sink
  std::uint32_t errors = 0;   // errors passed to the sink
};

class AsterixDecoder {
 public:
  // Decodes every block of `datagram`. `base_offset` is added to every reported offset (a raw
  // file's position of this chunk). The records passed to the sink are valid during the call.
  DecodeStats decode(std::span<const std::byte> datagram, RecordSink& sink,
                     std::size_t base_offset = 0);

 private:
  void decode_block(std::span<const std::byte> d, std::size_t pos, std::size_t len,
                    std::uint32_t index, RecordSink& sink);
  void report(RecordSink& sink, const AsterixError& e);
  void decode_damaged(std::span<const std::byte> d, RecordSink& sink);

  Cat048Record cat048_;
  Cat034Record cat034_;
  RecordLayout layout_;
  std::vector<std::uint8_t> tiles_;
  std::size_t base_ = 0;
  DecodeStats stats_;
};

// The end of the chain of blocks starting at `pos` whose headers fit (LEN >= 4, within `data`),
// stopping before `pos + max_len` would be passed. Returns `pos` when the first header doesn't fit.
[[nodiscard]] std::size_t block_chain_end(std::span<const std::byte> data, std::size_t pos,
                                          std::size_t max_len);

}  // namespace dewline::ingest::asterix
