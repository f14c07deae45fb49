// asterix_roundtrip_fuzz.cpp: libFuzzer target for the ASTERIX encoder against the decoder.
// Every record the decoder accepts from the input is encoded again (encode_cat048 /
// encode_cat034); the encoding must decode without error, and encoding that decode must give the
// same bytes (the decoder and encoder agree on every field they both carry). A mismatch aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/encoder.hpp"

namespace {

using namespace dewline::ingest::asterix;

class Reencode final : public RecordSink {
 public:
  void on_cat048(const Cat048Record& r, const RecordContext& /*c*/) override {
    once_.clear();
    if (!encode_cat048(r, once_)) {
      return;  // a decoded value the encoder can't carry would be a bug only for in-range items
    }
    check(48);
  }
  void on_cat034(const Cat034Record& r, const RecordContext& /*c*/) override {
    once_.clear();
    if (!encode_cat034(r, once_)) {
      return;
    }
    check(34);
  }

 private:
  void check(std::uint8_t cat) {
    // Wrap the record in a block, decode it, encode the result again: same bytes.
    block_.assign({static_cast<std::byte>(cat), std::byte{0}, std::byte{0}});
    block_.insert(block_.end(), once_.begin(), once_.end());
    block_[1] = static_cast<std::byte>(block_.size() >> 8U);
    block_[2] = static_cast<std::byte>(block_.size() & 0xFFU);
    Second second(cat);
    const DecodeStats st = inner_.decode(block_, second);
    if (st.errors != 0 || st.records != 1 || !second.ok || second.bytes != once_) {
      std::abort();
    }
  }

  struct Second final : RecordSink {
    explicit Second(std::uint8_t c) : cat(c) {}
    void on_cat048(const Cat048Record& r, const RecordContext& /*c*/) override {
      ok = cat == 48 && encode_cat048(r, bytes).has_value();
    }
    void on_cat034(const Cat034Record& r, const RecordContext& /*c*/) override {
      ok = cat == 34 && encode_cat034(r, bytes).has_value();
    }
    std::uint8_t cat;
    bool ok = false;
    std::vector<std::byte> bytes;
  };

  AsterixDecoder inner_;
  std::vector<std::byte> once_;
  std::vector<std::byte> block_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  AsterixDecoder dec;
  Reencode sink;
  dec.decode(bytes, sink);
  return 0;
}
