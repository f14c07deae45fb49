// The emitters `dewline sim --emit NAME[:ARG]` knows. A protocol emitter adds one line here.
#include <fmt/format.h>

#include "sim/emit_asterix.hpp"
#include "sim/emit_beast.hpp"
#include "sim/emit_common.hpp"
#include "sim/emit_remoteid.hpp"
#include "sim/emit_sapient.hpp"
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

std::filesystem::path file_arg(std::string_view arg, const std::filesystem::path& out_dir,
                               const char* default_name) {
  return arg.empty() ? out_dir / default_name : std::filesystem::path(arg);
}

Result<std::unique_ptr<Emitter>, std::string> asterix(std::string_view arg,
                                                      const std::filesystem::path& out_dir) {
  return make_asterix_pcap_emitter(file_arg(arg, out_dir, "asterix.pcap"));
}

Result<std::unique_ptr<Emitter>, std::string> asterix_udp(std::string_view arg,
                                                          const std::filesystem::path& /*out*/) {
  auto ep = host_port(arg, ingest::Endpoint::Scheme::Udp);
  if (!ep) {
    return unexpected(ep.error());
  }
  return make_asterix_udp_emitter(*ep);
}

Result<std::unique_ptr<Emitter>, std::string> sapient(std::string_view arg,
                                                      const std::filesystem::path& out_dir) {
  return make_sapient_file_emitter(file_arg(arg, out_dir, "sapient.bin"));
}

Result<std::unique_ptr<Emitter>, std::string> sapient_tcp(std::string_view arg,
                                                          const std::filesystem::path& /*out*/) {
  auto ep = host_port(arg, ingest::Endpoint::Scheme::Tcp);
  if (!ep) {
    return unexpected(ep.error());
  }
  return make_sapient_tcp_emitter(*ep);
}

Result<std::unique_ptr<Emitter>, std::string> remoteid(std::string_view arg,
                                                       const std::filesystem::path& out_dir) {
  return make_remoteid_emitter(file_arg(arg, out_dir, "remoteid.pcap"));
}

Result<std::unique_ptr<Emitter>, std::string> remoteid_bt5(std::string_view arg,
                                                           const std::filesystem::path& out_dir) {
  return make_remoteid_emitter(file_arg(arg, out_dir, "remoteid-bt5.pcap"),
                               RemoteIdTransport::Bt5LongRange);
}

Result<std::unique_ptr<Emitter>, std::string> remoteid_udp(std::string_view arg,
                                                           const std::filesystem::path& /*out*/) {
  auto ep = host_port(arg, ingest::Endpoint::Scheme::Udp);
  if (!ep) {
    return unexpected(ep.error());
  }
  return make_remoteid_udp_emitter(*ep);
}

Result<std::unique_ptr<Emitter>, std::string> beast(std::string_view arg,
                                                    const std::filesystem::path& out_dir) {
  return make_beast_emitter(file_arg(arg, out_dir, "adsb.beast"));
}

constexpr EmitterFactory kFactories[] = {
    {"jsonl", "every detection as detections.jsonl; ARG: a file, '-' for stdout", &jsonl},
    {"exchange", "radar plots as sensors.csv + measurements.csv; ARG: a directory", &exchange},
    {"asterix", "radars as ASTERIX CAT048 + CAT034 in a pcap of UDP datagrams; ARG: a file",
     &asterix},
    {"asterix-udp", "the same ASTERIX datagrams sent to a UDP socket; ARG: HOST:PORT",
     &asterix_udp},
    {"sapient", "every sensor as a SAPIENT node, length-prefixed frames; ARG: a file", &sapient},
    {"sapient-tcp", "every sensor as a SAPIENT node connecting to a fusion node; ARG: HOST:PORT",
     &sapient_tcp},
    {"remoteid", "Remote ID receivers' broadcasts as Wi-Fi beacons; ARG: a .pcap/.pcapng file",
     &remoteid},
    {"remoteid-bt5", "the same broadcasts as Bluetooth 5 long range frames; ARG: a file",
     &remoteid_bt5},
    {"remoteid-udp", "the Wi-Fi frames through the Remote ID loopback link; ARG: HOST:PORT",
     &remoteid_udp},
    {"beast", "ADS-B receivers' reports as Mode-S Beast binary DF17 frames; ARG: a file", &beast},
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
