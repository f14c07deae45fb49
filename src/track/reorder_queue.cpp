#include "track/reorder_queue.hpp"

#include <algorithm>

namespace dewline::track {

bool ReorderQueue::push(const Detection& d) {
  if (d.time < released_) {
    return false;
  }
  heap_.push_back(Item{d, seq_++});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  if (d.time > newest_) {
    newest_ = d.time;
  }
  return true;
}

void ReorderQueue::pop_while(Time limit, std::vector<Detection>& out) {
  while (!heap_.empty() && heap_.front().d.time <= limit) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    if (heap_.back().d.time > released_) {
      released_ = heap_.back().d.time;
    }
    out.push_back(std::move(heap_.back().d));
    heap_.pop_back();
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

void ReorderQueue::pop_all(std::vector<Detection>& out) { pop_while(Time{INT64_MAX}, out); }

}  // namespace dewline::track
