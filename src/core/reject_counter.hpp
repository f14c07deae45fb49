// reject_counter.hpp: counts bad input per (source, reason) and decides when to log it.
//
// Bad input is expected, not exceptional (STYLE.md section 4): every decoder and the tracker's
// input check count each rejected record under its source (a sensor name or id) and a short reason
// ("truncated", "nan_range", ...), log the first few of each kind and then every 2^k-th, and
// report the totals at the end. Iteration order is sorted, so reports are deterministic.
//
//   if (counter.count("radar-1", "bad_length")) log_warn("radar-1: bad length at {}", off);
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dewline {

class RejectCounter {
 public:
  struct Entry {
    std::string source;
    std::string reason;
    std::uint64_t count = 0;
  };

  // Counts one rejection; returns true when this one should be logged (the first
  // `log_first` of each (source, reason), then the 2^k-th).
  bool count(std::string_view source, std::string_view reason);
  [[nodiscard]] std::uint64_t total() const { return total_; }
  [[nodiscard]] std::uint64_t count_of(std::string_view source, std::string_view reason) const;
  [[nodiscard]] std::vector<Entry> entries() const;
  void merge(const RejectCounter& other);
  void set_log_first(std::uint64_t n) { log_first_ = n; }

 private:
  std::map<std::pair<std::string, std::string>, std::uint64_t, std::less<>> counts_;
  std::uint64_t total_ = 0;
  std::uint64_t log_first_ = 5;
};

}  // namespace dewline
