// alert.hpp: an alert about one track and one zone, and its state changes (exchange-csv.md,
// alerts.jsonl). Produced by assess/, consumed by publishers, recorders and `dewline eval`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/track.hpp"

namespace dewline {

enum class AlertState : std::uint8_t { Raised, Acknowledged, Cleared, Expired };
[[nodiscard]] std::string_view to_string(AlertState s);

enum class ZoneLevel : std::uint8_t { Warning, Protected };
[[nodiscard]] std::string_view to_string(ZoneLevel l);

// One line of alerts.jsonl: an alert changed state.
struct AlertEvent {
  static constexpr std::uint16_t kVersion = 1;

  Time time;
  AlertId alert_id{};
  TrackId track_id{};
  AlertState state = AlertState::Raised;
  std::string zone;
  ZoneLevel level = ZoneLevel::Warning;
  ThreatLevel threat = ThreatLevel::None;
  std::string reason;  // the rule that fired, in words

  // Evidence: the track when the alert changed state and the sensors that saw it.
  Track track;
  std::vector<Track> history;  // recent snapshots, oldest first (may be empty)
};

}  // namespace dewline
