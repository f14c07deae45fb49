// The emitters `dewline sim --emit NAME[:ARG]` knows. A protocol emitter adds one line here.
#include <fmt/format.h>

#include "sim/emitter.hpp"
#include "sim/exchange_emitter.hpp"
#include "sim/jsonl_emitter.hpp"

namespace dewline::sim {
namespace {

Result<std::unique_ptr<Emitter>, std::string> jsonl(std::string_view arg,
                                                    const std::filesystem::path& out_dir) {
  return make_jsonl_emitter(arg.empty() ? out_dir / "detections.jsonl"
                                        : std::filesystem::path(arg));
}

Result<std::unique_ptr<Emitter>, std::string> exchange(std::string_view arg,
                                                       const std::filesystem::path& out_dir) {
  return make_exchange_emitter(arg.empty() ? out_dir : std::filesystem::path(arg));
}

constexpr EmitterFactory kFactories[] = {
    {"jsonl", "every detection as detections.jsonl; ARG: a file, '-' for stdout", &jsonl},
    {"exchange", "radar plots as sensors.csv + measurements.csv; ARG: a directory", &exchange},
    // Protocol emitters (asterix-udp, sapient-tcp, remoteid-pcap, beast-tcp) go here once the
    // encoders in src/ingest/ exist; see emitter.hpp.
};

}  // namespace

std::span<const EmitterFactory> emitter_factories() {
  return kFactories;
}

Result<std::unique_ptr<Emitter>, std::string> make_emitter(std::string_view spec,
                                                           const std::filesystem::path& out_dir) {
  const std::size_t colon = spec.find(':');
  const std::string_view name = spec.substr(0, colon);
  const std::string_view arg = colon == std::string_view::npos ? "" : spec.substr(colon + 1);
  std::string known;
  for (const auto& f : kFactories) {
    if (f.name == name) {
      return f.make(arg, out_dir);
    }
    known += known.empty() ? "" : ", ";
    known += f.name;
  }
  return unexpected(fmt::format("unknown emitter \"{}\" (known: {})", name, known));
}

}  // namespace dewline::sim
