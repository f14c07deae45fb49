#include "core/reject_counter.hpp"

#include <bit>

namespace dewline {

bool RejectCounter::count(std::string_view source, std::string_view reason) {
  auto key = std::make_pair(std::string(source), std::string(reason));
  const std::uint64_t n = ++counts_[key];
  ++total_;
  return n <= log_first_ || std::has_single_bit(n);
}

std::uint64_t RejectCounter::count_of(std::string_view source, std::string_view reason) const {
  auto it = counts_.find(std::make_pair(std::string(source), std::string(reason)));
  return it == counts_.end() ? 0 : it->second;
}

std::vector<RejectCounter::Entry> RejectCounter::entries() const {
  std::vector<Entry> out;
  out.reserve(counts_.size());
  for (const auto& [k, v] : counts_) {
    out.push_back(Entry{k.first, k.second, v});
  }
  return out;
}

void RejectCounter::merge(const RejectCounter& other) {
  for (const auto& [k, v] : other.counts_) {
    counts_[k] += v;
    total_ += v;
  }
}

}  // namespace dewline
