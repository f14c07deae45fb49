#include "track/reorder_queue.hpp"

#include <algorithm>

namespace dewline::track {

bool ReorderQueue::push(const Detection& d) {
  return push(Detection(d));
}

bool ReorderQueue::push(Detection&& d) {
  if (d.time < released_) {
    return false;
  }
  const Time t = d.time;
  std::uint32_t slot = 0;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    store_[slot] = std::move(d);
  } else {
    slot = static_cast<std::uint32_t>(store_.size());
    store_.push_back(std::move(d));
  }
  heap_.push_back(Key{t, seq_++, slot});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  if (t > newest_) {
    newest_ = t;
  }
  return true;
}

void ReorderQueue::pop_while(Time limit, std::vector<Detection>& out) {
  while (!heap_.empty() && heap_.front().time <= limit) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Key k = heap_.back();
    heap_.pop_back();
    if (k.time > released_) {
      released_ = k.time;
    }
    out.push_back(std::move(store_[k.slot]));
    free_.push_back(k.slot);
  }
}

void ReorderQueue::pop_due(std::vector<Detection>& out) {
  if (newest_.ns == INT64_MIN) {
    return;
  }
  pop_while(newest_ - window_ - Duration{1}, out);
}

void ReorderQueue::pop_until(Time t, std::vector<Detection>& out) {
  pop_while(t, out);
  if (t > released_) {
    released_ = t;
  }
}

void ReorderQueue::pop_all(std::vector<Detection>& out) {
  pop_while(Time{INT64_MAX}, out);
}

}  // namespace dewline::track
