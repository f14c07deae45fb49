// alert_book.hpp: one state machine per (track, zone) alert, with hysteresis.
//
//            condition held raise_after_s            operator
//   (idle) ----------------------------------> raised ---------> acknowledged
//                                                |  \                 |
//            condition absent clear_after_s      |   \ track unreported expire_after_s
//                                                v    v               v
//                                             cleared  expired  (cleared / expired)
//
// The condition is "the zone's rule raises an alert for this track now" (threat.hpp). A run of
// true reports only starts the raise timer over after a gap longer than raise_gap_s, and a
// raised alert needs clear_after_s without its condition to clear, so a track flickering on a
// zone edge (or a rule flickering at a threshold) raises one alert, not many. After it clears, a
// new alert for the same pair needs the condition to hold raise_after_s again.
//
// Events come out in time order (then alert id); the assessor adds the evidence (track
// snapshot and history) before handing them on.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/assess_config.hpp"
#include "core/alert.hpp"

namespace dewline::assess {

struct AlertCondition {
  TrackId track{};
  std::string zone;
  ZoneLevel level = ZoneLevel::Warning;
  ThreatLevel threat = ThreatLevel::None;
  std::string reason;
};

class AlertBook {
 public:
  explicit AlertBook(AlertConfig cfg) : cfg_(cfg) {}

  // One assessment step at time t: `active` holds the conditions true now (one per track and
  // zone); `last_seen(track)` is the last time a track was reported (for expiry).
  template <class LastSeen>
  void update(Time t, const std::vector<AlertCondition>& active, LastSeen&& last_seen);

  // The operator acknowledges an open alert; false if it is not open (unknown, or closed).
  bool acknowledge(AlertId id, Time t);

  [[nodiscard]] std::vector<AlertEvent> take_events();
  [[nodiscard]] std::size_t open_alerts() const;
  [[nodiscard]] std::uint64_t alerts_raised() const { return next_id_ - 1; }

 private:
  struct Entry {
    std::optional<Time> true_since;
    Time last_true;
    bool open = false;
    AlertId id{};
    AlertState state = AlertState::Raised;
    ZoneLevel level = ZoneLevel::Warning;
    ThreatLevel threat = ThreatLevel::None;
    std::string reason;
  };
  using Key = std::pair<TrackId, std::string>;

  void emit(Time t, const Key& k, const Entry& e, AlertState s);
  void step(Time t, const Key& k, Entry& e, const AlertCondition* c, Time last_seen);

  AlertConfig cfg_;
  std::map<Key, Entry> entries_;
  std::vector<AlertEvent> events_;
  std::uint64_t next_id_ = 1;
};

template <class LastSeen>
void AlertBook::update(Time t, const std::vector<AlertCondition>& active, LastSeen&& last_seen) {
  std::map<Key, const AlertCondition*> now;
  for (const AlertCondition& c : active) {
    now.emplace(Key{c.track, c.zone}, &c);
  }
  for (const auto& [k, c] : now) {
    entries_.try_emplace(k);
  }
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto f = now.find(it->first);
    step(t, it->first, it->second, f == now.end() ? nullptr : f->second,
         last_seen(it->first.first));
    const Entry& e = it->second;
    // Drop idle entries whose condition has lapsed.
    if (!e.open && !e.true_since) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace dewline::assess
