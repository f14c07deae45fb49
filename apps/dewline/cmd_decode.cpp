// dewline decode: prints what an input holds (see decode_formats.hpp).
#include <array>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "apps/dewline/commands.hpp"
#include "apps/dewline/decode_formats.hpp"

namespace dewline::app {
namespace {

struct Format {
  std::string_view name;
  int (*run)(const DecodeArgs&);
  std::string_view help;
};

constexpr std::array<Format, 8> kFormats = {{
    {"asterix", decode_asterix, "ASTERIX CAT034/048 (pcap file, raw blocks, or udp://)"},
    {"sapient", decode_sapient, "SAPIENT length-prefixed binary stream (file or tcp://)"},
    {"sapient-json", decode_sapient_json, "one SAPIENT message in the protobuf JSON mapping"},
    {"remoteid", decode_remoteid, "Open Drone ID in pcap/pcapng (Wi-Fi beacon/NAN, BT4/BT5)"},
    {"beast", decode_beast, "Mode S Beast binary (file or tcp://host:30005)"},
    {"sbs", decode_sbs, "SBS-1 BaseStation text (file or tcp://host:30003)"},
    {"modes-hex", decode_modes_hex, "Mode S hex messages, one per line, or the pyModeS CSV"},
    {"exchange", decode_exchange, "exchange measurements.csv or native detections.jsonl"},
}};

std::string guess_format(const std::string& input) {
  const std::string ext = std::filesystem::path(input).extension().string();
  if (ext == ".pcap" || ext == ".pcapng") {
    return input.find("odid") != std::string::npos || input.find("remoteid") != std::string::npos
               ? "remoteid"
               : "asterix";
  }
  if (ext == ".bin") {
    return "beast";
  }
  if (ext == ".json") {
    return "sapient-json";
  }
  if (ext == ".sbs") {
    return "sbs";
  }
  if (ext == ".jsonl" || ext == ".csv") {
    return "exchange";
  }
  return "";
}

int run_decode(DecodeArgs a) {
  if (a.format.empty()) {
    a.format = guess_format(a.input);
    if (a.format.empty()) {
      std::fprintf(stderr, "dewline decode: cannot tell the format of %s; give --format\n",
                   a.input.c_str());
      return 2;
    }
  }
  if (a.sensor.empty()) {
    a.sensor = a.input;
  }
  for (const auto& f : kFormats) {
    if (f.name == a.format) {
      return f.run(a);
    }
  }
  std::fprintf(stderr, "dewline decode: unknown format '%s'; one of:\n", a.format.c_str());
  for (const auto& f : kFormats) {
    std::fprintf(stderr, "  %-13.*s %.*s\n", static_cast<int>(f.name.size()), f.name.data(),
                 static_cast<int>(f.help.size()), f.help.data());
  }
  return 2;
}

}  // namespace

void register_decode(CLI::App& app) {
  auto a = std::make_shared<DecodeArgs>();
  std::string formats;
  for (const auto& f : kFormats) {
    formats += formats.empty() ? "" : ", ";
    formats += f.name;
  }
  CLI::App* sub = app.add_subcommand("decode", "Print what an input feed or file holds");
  sub->add_option("input", a->input, "file path or URL (udp://host:port, tcp://host:port)")
      ->required();
  sub->add_option("--format", a->format, "one of: " + formats);
  sub->add_flag("--json", a->json, "JSON lines on stdout");
  sub->add_option("--sensor", a->sensor, "sensor name used in error reports");
  sub->add_option("--max-records", a->max_records, "stop after this many records (live inputs)");
  sub->add_option("--timeout", a->timeout_s, "live inputs: stop after this many idle seconds");
  sub->callback([a] { exit_code() = run_decode(*a); });
}

}  // namespace dewline::app
