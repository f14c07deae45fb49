// Decoding allocates nothing per record: after a first datagram has sized the decoder's reused
// storage, decoding a datagram of 200 records performs no heap allocation (counted through the
// global operator new of this test binary).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/encoder.hpp"
#include "tests/ingest/asterix/full_records.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// The replacements pair malloc with free; g++ cannot see that through the inlined allocator.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) {
    return p;
  }
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t /*n*/) noexcept {
  std::free(p);
}

namespace dewline::ingest::asterix {
namespace {

struct CountingSink final : RecordSink {
  long records = 0;
  double sum = 0.0;
  void on_cat048(const Cat048Record& r, const RecordContext& /*c*/) override {
    ++records;
    sum += r.i040 ? r.i040->rho_nm : 0.0;
  }
  void on_cat034(const Cat034Record& /*r*/, const RecordContext& /*c*/) override { ++records; }
};

TEST(DecoderAllocation, NoHeapAllocationPerRecord) {
  std::vector<std::byte> body;
  for (int i = 0; i < 100; ++i) {
    const auto rec = test::cat048_every_item(i);
    body.insert(body.end(), rec.begin(), rec.end());
  }
  for (int i = 0; i < 100; ++i) {
    const auto rec = test::plot(1, i, 100 + i, 200 + i);
    body.insert(body.end(), rec.begin(), rec.end());
  }
  std::vector<std::byte> d = {std::byte{48}, static_cast<std::byte>((body.size() + 3) >> 8U),
                              static_cast<std::byte>((body.size() + 3) & 0xFFU)};
  d.insert(d.end(), body.begin(), body.end());
  const auto m034 = test::block(34, {test::cat034_every_item(1), test::north_marker(2, 3.0)});
  d.insert(d.end(), m034.begin(), m034.end());
  AsterixDecoder dec;
  CountingSink sink;
  (void)dec.decode(d, sink);  // warm-up
  const long before = g_allocations.load();
  EXPECT_GT(before, 0);  // the counting operator new is in use
  const DecodeStats st = dec.decode(d, sink);
  const long after = g_allocations.load();
  EXPECT_EQ(st.records, 202U);
  EXPECT_EQ(st.errors, 0U);
  EXPECT_EQ(after - before, 0);
}

}  // namespace
}  // namespace dewline::ingest::asterix
