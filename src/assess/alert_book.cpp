#include "assess/alert_book.hpp"

#include <algorithm>

namespace dewline::assess {

void AlertBook::emit(Time t, const Key& k, const Entry& e, AlertState s) {
  AlertEvent ev;
  ev.time = t;
  ev.alert_id = e.id;
  ev.track_id = k.first;
  ev.state = s;
  ev.zone = k.second;
  ev.level = e.level;
  ev.threat = e.threat;
  ev.reason = e.reason;
  events_.push_back(std::move(ev));
}

void AlertBook::step(Time t, const Key& k, Entry& e, const AlertCondition* c, Time last_seen) {
  const Duration raise_after = Duration::from_seconds(cfg_.raise_after_s);
  const Duration gap = Duration::from_seconds(cfg_.raise_gap_s);
  if (c != nullptr) {
    if (!e.true_since || t - e.last_true > gap) {
      e.true_since = t;
    }
    e.last_true = t;
    if (e.open) {
      // Keep the worst level seen while open, and the reason that set it.
      if (c->threat >= e.threat) {
        e.threat = c->threat;
        e.reason = c->reason;
      }
    } else if (t - *e.true_since >= raise_after) {
      e.open = true;
      e.id = AlertId{next_id_++};
      e.state = AlertState::Raised;
      e.level = c->level;
      e.threat = c->threat;
      e.reason = c->reason;
      emit(t, k, e, AlertState::Raised);
    }
    return;
  }
  if (e.true_since && t - e.last_true > gap) {
    e.true_since.reset();
  }
  if (!e.open) {
    return;
  }
  if (t - last_seen >= Duration::from_seconds(cfg_.expire_after_s)) {
    emit(t, k, e, AlertState::Expired);
    e.open = false;
    e.true_since.reset();
  } else if (t - e.last_true >= Duration::from_seconds(cfg_.clear_after_s)) {
    emit(t, k, e, AlertState::Cleared);
    e.open = false;
    e.true_since.reset();
  }
}

bool AlertBook::acknowledge(AlertId id, Time t) {
  for (auto& [k, e] : entries_) {
    if (e.open && e.id == id) {
      if (e.state == AlertState::Acknowledged) {
        return false;
      }
      e.state = AlertState::Acknowledged;
      emit(t, k, e, AlertState::Acknowledged);
      return true;
    }
  }
  return false;
}

std::vector<AlertEvent> AlertBook::take_events() {
  std::stable_sort(events_.begin(), events_.end(), [](const AlertEvent& a, const AlertEvent& b) {
    if (a.time != b.time) {
      return a.time < b.time;
    }
    return a.alert_id < b.alert_id;
  });
  std::vector<AlertEvent> out;
  out.swap(events_);
  return out;
}

std::size_t AlertBook::open_alerts() const {
  return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(),
                                                [](const auto& kv) { return kv.second.open; }));
}

}  // namespace dewline::assess
