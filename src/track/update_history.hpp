// update_history.hpp: a track's recent updates, oldest first, for retrodiction
// (tracker_retrodiction.cpp).
//
// A ring: the tracker appends one record per update and drops the oldest as they leave the
// horizon, so both ends must be cheap (a record is a few KB; shifting a vector on every update
// cost radar-s500 a fifth of its time). Inserting in the middle (a late detection) is rare and
// may rotate the ring.
#pragma once

#include <cstddef>
#include <vector>

#include "core/detection.hpp"
#include "track/imm.hpp"
#include "track/kalman.hpp"
#include "track/measurement_model.hpp"

namespace dewline::track {

// One update of a track past initiation. A base entry holds a state to replay from but no
// measurement to replay: the first state after initiation, or the result of a JPDA update (a
// weighted mixture of several detections that a replay cannot redo).
struct UpdateRecord {
  Time time;
  SensorId sensor{};
  bool base = false;
  UpdateMethod method = UpdateMethod::Ekf;
  MeasurementModel model;
  ImmState after;  // the IMM state just after this update
};

class UpdateHistory {
 public:
  [[nodiscard]] std::size_t size() const { return count_; }
  [[nodiscard]] bool empty() const { return count_ == 0; }
  // i-th oldest.
  [[nodiscard]] UpdateRecord& operator[](std::size_t i) { return ring_[slot(i)]; }
  [[nodiscard]] const UpdateRecord& operator[](std::size_t i) const { return ring_[slot(i)]; }
  [[nodiscard]] const UpdateRecord& front() const { return (*this)[0]; }
  [[nodiscard]] const UpdateRecord& back() const { return (*this)[count_ - 1]; }

  void clear() {
    head_ = 0;
    count_ = 0;
  }
  // A new newest record (its fields are left from an earlier use of the slot: set them all).
  UpdateRecord& push_back();
  void pop_front(std::size_t n = 1);
  // Puts r at position i (0 = oldest), moving the later records up by one.
  void insert(std::size_t i, const UpdateRecord& r);
  // Number of records with time <= t (the position after the last of them).
  [[nodiscard]] std::size_t count_not_after(Time t) const;

 private:
  [[nodiscard]] std::size_t slot(std::size_t i) const {
    const std::size_t s = head_ + i;
    return s < ring_.size() ? s : s - ring_.size();
  }

  std::vector<UpdateRecord> ring_;  // capacity grows to the largest history kept, then stays
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

}  // namespace dewline::track
