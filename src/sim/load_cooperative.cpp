// The cooperative parts of a [[target]] table: [target.remote_id] (with its spoofing keys),
// [target.adsb], and the keys of an `adsb_replay` target, which loads and selects the recorded
// flights here so that a missing or unreadable file is reported at its key.
#include <cmath>

#include <fmt/format.h>

#include "sim/load_common.hpp"
#include "sim/traffic_file.hpp"
#include "sim/traffic_replay.hpp"

namespace dewline::sim::detail {

void read_remote_id(ConfigSection& s, const LoadContext& ctx, TargetSpec& t) {
  if (!s.has("remote_id")) {
    return;
  }
  ConfigSection r = s.section("remote_id");
  RemoteIdSpec rid;
  r.get("serial", rid.serial, true);
  Vec3 op = Vec3::Zero();
  if (read_point(r, "operator", ctx, op, false)) {
    rid.operator_position_m = op;
  } else {
    rid.operator_position_m = Vec3{t.start_m.x(), t.start_m.y(), 1.5};
  }
  r.get("operator_id", rid.operator_id);
  r.get("rate_hz", rid.rate_hz, Range{0.05, 20.0});
  r.get("sigma_h_m", rid.sigma_h_m, Range{0.0, 1000.0});
  r.get("sigma_v_m", rid.sigma_v_m, Range{0.0, 1000.0});
  r.get("sigma_velocity_mps", rid.sigma_velocity_mps, Range{0.0, 100.0});
  r.get("spoof_from_s", rid.spoof_from_s, Range{0.0, 1e7});
  std::vector<double> offset;
  r.get("spoof_offset_m", offset, Range{-1e6, 1e6});
  if (!offset.empty()) {
    if (offset.size() == 3) {
      rid.spoof_offset_m = Vec3{offset[0], offset[1], offset[2]};
    } else {
      r.error("spoof_offset_m", "expected [east, north, up] in metres");
    }
  }
  r.get("spoof_jump_period_s", rid.spoof_jump_period_s, Range{0.0, 86400.0});
  r.get("spoof_jump_m", rid.spoof_jump_m, Range{0.0, 1e6});
  r.get("spoof_serials", rid.spoof_serials);
  t.remote_id = rid;
}

void read_adsb(ConfigSection& s, TargetSpec& t) {
  if (!s.has("adsb")) {
    return;
  }
  ConfigSection a = s.section("adsb");
  AdsbSpec spec;
  std::string icao;
  a.get("icao24", icao, true);
  if (a.has("icao24")) {
    if (auto v = parse_icao24(icao)) {
      spec.icao24 = *v;
    } else {
      a.error("icao24", fmt::format("invalid value \"{}\": expected 6 hex digits", icao));
    }
  }
  a.get("callsign", spec.callsign);
  if (spec.callsign.size() > 8) {
    a.error("callsign", "out of range: more than 8 characters");
  }
  std::string squawk;
  a.get("squawk", squawk);
  if (!squawk.empty()) {
    bool ok = squawk.size() == 4;
    std::uint16_t code = 0;
    for (char c : squawk) {
      ok = ok && c >= '0' && c <= '7';
      code = static_cast<std::uint16_t>((code << 3U) | static_cast<std::uint16_t>(c - '0'));
    }
    if (ok) {
      spec.mode3a = code;
    } else {
      a.error("squawk", fmt::format("invalid value \"{}\": expected 4 octal digits", squawk));
    }
  }
  a.get("rate_hz", spec.rate_hz, Range{0.05, 20.0});
  a.get("sigma_h_m", spec.sigma_h_m, Range{0.0, 10000.0});
  a.get("sigma_v_m", spec.sigma_v_m, Range{0.0, 10000.0});
  a.get("sigma_velocity_mps", spec.sigma_velocity_mps, Range{0.0, 100.0});
  t.adsb = spec;
}

void read_replay(ConfigSection& s, const LoadContext& ctx, TargetSpec& t) {
  ReplaySpec& r = t.replay;
  std::string file;
  s.get("file", file, true);
  std::vector<std::string> icao;
  s.get("icao24", icao);
  for (const auto& h : icao) {
    if (auto v = parse_icao24(h)) {
      r.icao24.push_back(*v);
    } else {
      s.error("icao24", fmt::format("invalid value \"{}\": expected 6 hex digits", h));
    }
  }
  s.get("callsigns", r.callsigns);
  s.get("within_m", r.within_m, Range{0.0, 1e7});
  s.get("max_flights", r.max_flights, Range{0.0, 100000.0});
  s.get("record_start_s", r.record_start_s, Range{0.0, 1e11});
  s.get("time_offset_s", r.time_offset_s, Range{-1e9, 1e9});
  s.get("max_gap_s", r.max_gap_s, Range{1.0, 86400.0});
  s.get("altitude_offset_m", r.altitude_offset_m, Range{-1000.0, 1000.0});
  s.get("smoothing_s", r.smoothing_s, Range{0.0, 600.0});
  bool broadcast = true;
  s.get("adsb_broadcast", broadcast);
  if (file.empty()) {
    return;
  }
  r.file = std::filesystem::path(file);
  if (r.file.is_relative()) {
    r.file = ctx.base_dir / r.file;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(r.file, ec)) {
    s.error("file", fmt::format("missing file: {} does not exist", r.file.string()));
    return;
  }
  auto data = read_traffic_file(r.file, r.max_gap_s);
  if (!data) {
    s.error("file", fmt::format("cannot read: {}", data.error()));
    return;
  }
  t.replay_tracks = build_replay_tracks(*data, r, ctx.frame, ctx.duration_s);
  if (t.replay_tracks.empty()) {
    s.error("file", fmt::format("no flight in {} matches the selection within the scenario's "
                                "duration",
                                r.file.string()));
  }
  if (broadcast) {
    t.adsb = AdsbSpec{};
  }
  t.count = static_cast<int>(t.replay_tracks.size());
}

}  // namespace dewline::sim::detail
