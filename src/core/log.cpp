#include "core/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <memory>

namespace dewline {

spdlog::logger& log() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::stderr_color_mt("dewline");
    l->set_pattern("%^%l%$ %v");
    l->set_level(spdlog::level::warn);
    return l;
  }();
  return *logger;
}

void set_log_level(std::string_view level) {
  const auto lvl = spdlog::level::from_str(std::string(level));
  if (lvl != spdlog::level::off || level == "off") {
    log().set_level(lvl);
  }
}

}  // namespace dewline
