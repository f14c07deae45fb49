// log.hpp: dewline's logger. One spdlog logger named "dewline" writing to stderr, so that stdout
// stays clean for data (JSON lines, CSV). Use the spdlog macros' fmt syntax:
//
//   dewline::log().warn("sensor {}: {} at offset {}", name, reason, offset);
//
// The tracker's inner loop never logs (STYLE.md section 5): it counts, and logs after the scan.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace dewline {

[[nodiscard]] spdlog::logger& log();
// "trace", "debug", "info", "warn", "error", "off". Unknown names leave the level unchanged.
void set_log_level(std::string_view level);

}  // namespace dewline
