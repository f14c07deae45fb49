// test_records.hpp: hand-made ASTERIX bytes for tests: a record from (FRN, item bytes) pairs with
// its FSPEC computed, a data block around records, and a sink that collects what a decoder says.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "ingest/asterix/datagram_decoder.hpp"

namespace dewline::test {

using Bytes = std::vector<std::byte>;

inline Bytes b(std::initializer_list<int> v) {
  Bytes out;
  for (int x : v) {
    out.push_back(static_cast<std::byte>(x & 0xFF));
  }
  return out;
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) {
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

// A record: FSPEC for the given FRNs (ascending) followed by their bytes.
inline Bytes raw_record(const std::vector<std::pair<int, Bytes>>& items) {
  int max_frn = 0;
  for (const auto& it : items) {
    max_frn = std::max(max_frn, it.first);
  }
  const int octets = (max_frn + 6) / 7;
  Bytes out(static_cast<std::size_t>(octets), std::byte{0});
  for (int o = 0; o + 1 < octets; ++o) {
    out[static_cast<std::size_t>(o)] |= std::byte{1};
  }
  for (const auto& [frn, bytes] : items) {
    const int o = (frn - 1) / 7;
    const int bit = (frn - 1) % 7;
    out[static_cast<std::size_t>(o)] |= static_cast<std::byte>(0x80 >> bit);
  }
  for (const auto& it : items) {
    out.insert(out.end(), it.second.begin(), it.second.end());
  }
  return out;
}

// A data block: CAT, LEN (computed, or `len_override` when >= 0), then the records.
inline Bytes block(int category, std::initializer_list<Bytes> records, int len_override = -1) {
  Bytes body = cat(records);
  const int len = len_override >= 0 ? len_override : static_cast<int>(body.size() + 3);
  return cat({b({category, len >> 8, len & 0xFF}), body});
}

// Collects records (by category) and errors.
struct CollectSink final : ingest::asterix::RecordSink {
  struct Rec {
    int category = 0;
    std::size_t offset = 0;
    std::uint32_t block = 0;
    std::uint32_t record = 0;
    ingest::asterix::Cat048Record r048;
    ingest::asterix::Cat034Record r034;
    ingest::asterix::RecordLayout layout;
  };
  std::vector<Rec> records;
  std::vector<ingest::asterix::AsterixError> errors;

  void on_cat048(const ingest::asterix::Cat048Record& r,
                 const ingest::asterix::RecordContext& c) override {
    Rec x{48, c.record_offset, c.block_index, c.record_index, r, {}, *c.layout};
    x.r048.i250.reset();  // its bytes belong to the datagram; I048/120 RDS bytes likewise:
                          // callers keep the datagram alive to compare them
    records.push_back(x);
  }
  void on_cat034(const ingest::asterix::Cat034Record& r,
                 const ingest::asterix::RecordContext& c) override {
    Rec x{34, c.record_offset, c.block_index, c.record_index, {}, r, *c.layout};
    x.r034.i070.reset();
    records.push_back(x);
  }
  void on_error(const ingest::asterix::AsterixError& e) override { errors.push_back(e); }
};

// Minimal valid items.
inline Bytes i010(int sac, int sic) {
  return b({sac, sic});
}
inline Bytes tod(double s) {
  const auto raw = static_cast<int>(s * 128.0);
  return b({raw >> 16, (raw >> 8) & 0xFF, raw & 0xFF});
}
// CAT048 plot: I010, I140, I020 (SSR), I040.
inline Bytes plot(int sic, double tod_s, int rho_raw, int theta_raw) {
  return raw_record({{1, i010(25, sic)},
                     {2, tod(tod_s)},
                     {3, b({0x40})},
                     {4, b({rho_raw >> 8, rho_raw & 0xFF, theta_raw >> 8, theta_raw & 0xFF})}});
}
// CAT034 north marker: I010, I000 = 1, I030.
inline Bytes north_marker(int sic, double tod_s) {
  return raw_record({{1, i010(25, sic)}, {2, b({1})}, {3, tod(tod_s)}});
}

}  // namespace dewline::test
