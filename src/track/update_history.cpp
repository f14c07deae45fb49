#include "track/update_history.hpp"

#include <algorithm>

namespace dewline::track {

UpdateRecord& UpdateHistory::push_back() {
  if (count_ == ring_.size()) {
    // Full: unroll the ring so that it can grow at its end.
    std::rotate(ring_.begin(), ring_.begin() + static_cast<std::ptrdiff_t>(head_), ring_.end());
    head_ = 0;
    ring_.emplace_back();
  }
  ++count_;
  return (*this)[count_ - 1];
}

void UpdateHistory::pop_front(std::size_t n) {
  n = std::min(n, count_);
  head_ = slot(n);
  count_ -= n;
  if (count_ == 0) {
    head_ = 0;
  }
}

void UpdateHistory::insert(std::size_t i, const UpdateRecord& r) {
  i = std::min(i, count_);
  push_back();
  for (std::size_t k = count_ - 1; k > i; --k) {
    (*this)[k] = (*this)[k - 1];
  }
  (*this)[i] = r;
}

std::size_t UpdateHistory::count_not_after(Time t) const {
  std::size_t lo = 0;
  std::size_t hi = count_;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if ((*this)[mid].time <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace dewline::track
