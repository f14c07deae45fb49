// reorder_queue.hpp: a bounded, time-ordered queue in front of the tracker.
//
// Sensors have different latencies, so detections arrive slightly out of time order. Each one
// waits here until no earlier detection can still be expected: it is released once the newest
// time seen is more than `window` past it (or on advance_to / flush). Ties keep arrival order.
// A detection older than what has already been released is *late*: the tracker has moved past
// its time. dewline rejects it and counts it per sensor ("late"); retrodiction is not done
// (docs/tracker.md explains why a short window is the better trade for this system).
#pragma once

#include <cstdint>
#include <vector>

#include "core/detection.hpp"
#include "core/time.hpp"

namespace dewline::track {

class ReorderQueue {
 public:
  explicit ReorderQueue(Duration window = Duration::from_ms(500)) : window_(window) {}

  // False (and nothing queued) when the detection is late.
  bool push(const Detection& d);
  // Moves every detection that is due — older than newest - window — into `out`, in time order.
  void pop_due(std::vector<Detection>& out);
  // Moves every detection with time <= t into `out`; later pushes before t are late.
  void pop_until(Time t, std::vector<Detection>& out);
  void pop_all(std::vector<Detection>& out);
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] Time released_until() const { return released_; }

 private:
  struct Item {
    Detection d;
    std::uint64_t seq = 0;
  };
  struct Later {
    bool operator()(const Item& a, const Item& b) const {
      if (a.d.time != b.d.time) {
        return a.d.time > b.d.time;
      }
      return a.seq > b.seq;
    }
  };
  void pop_while(Time limit, std::vector<Detection>& out);

  Duration window_;
  std::vector<Item> heap_;  // a min-heap by (time, arrival); items move out, never copy
  std::uint64_t seq_ = 0;
  Time newest_{INT64_MIN};
  Time released_{INT64_MIN};
};

}  // namespace dewline::track
