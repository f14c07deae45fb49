// reorder_queue.hpp: a bounded, time-ordered queue in front of the tracker.
//
// Sensors have different latencies, so detections arrive slightly out of time order. Each one
// waits here until no earlier detection can still be expected: it is released once the newest
// time seen is more than `window` past it (or on advance_to / flush). Ties keep arrival order.
// A detection older than what has already been released is *late*: the tracker has moved past
// its time, and push() refuses it. The tracker then retrodicts it into the track it fits
// (tracker_retrodiction.cpp) or rejects and counts it.
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
  bool push(Detection&& d);
  // Moves every detection that is due — older than newest - window — into `out`, in time order.
  void pop_due(std::vector<Detection>& out);
  // Moves every detection with time <= t into `out`; later pushes before t are late.
  void pop_until(Time t, std::vector<Detection>& out);
  void pop_all(std::vector<Detection>& out);
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] Time released_until() const { return released_; }

 private:
  // The heap orders small keys; the detections themselves stay put in `store_` (slots reused).
  struct Key {
    Time time;
    std::uint64_t seq = 0;
    std::uint32_t slot = 0;
  };
  struct Later {
    bool operator()(const Key& a, const Key& b) const {
      if (a.time != b.time) {
        return a.time > b.time;
      }
      return a.seq > b.seq;
    }
  };
  void pop_while(Time limit, std::vector<Detection>& out);

  Duration window_;
  std::vector<Key> heap_;  // min-heap by (time, arrival)
  std::vector<Detection> store_;
  std::vector<std::uint32_t> free_;
  std::uint64_t seq_ = 0;
  Time newest_{INT64_MIN};
  Time released_{INT64_MIN};
};

}  // namespace dewline::track
