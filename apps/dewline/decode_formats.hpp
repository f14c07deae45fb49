// decode_formats.hpp: `dewline decode` prints what any supported input holds, one JSON object per
// record (or one line per record in text), and one clear line per bad record with its offset and
// reason: the tool an integrator uses to check a feed. One decode_<protocol>.cpp per protocol.
#pragma once

#include <cstddef>
#include <string>

namespace dewline::app {

struct DecodeArgs {
  std::string input;   // a file path, or a URL: udp://HOST:PORT, tcp://HOST:PORT
  std::string format;  // as named in kDecodeFormats
  bool json = false;   // JSON lines on stdout (else a short text line per record)
  std::string sensor;  // sensor name for error logs and counters (default: the input)
  std::size_t max_records = 0;  // 0 = no limit (live inputs stop after this many)
  double timeout_s = 0.0;       // live inputs: stop after this long without data (0 = never)
};

// Exit codes: 0 every record decoded; 1 the input held bad records (each reported) or the input
// could not be read; 2 usage error.
int decode_asterix(const DecodeArgs& a);
int decode_sapient(const DecodeArgs& a);       // length-prefixed binary SapientMessage stream
int decode_sapient_json(const DecodeArgs& a);  // one message in the protobuf JSON mapping
int decode_remoteid(const DecodeArgs& a);      // pcap / pcapng with Open Drone ID frames
int decode_beast(const DecodeArgs& a);
int decode_sbs(const DecodeArgs& a);
int decode_modes_hex(const DecodeArgs& a);
int decode_exchange(const DecodeArgs& a);      // measurements.csv or detections.jsonl

}  // namespace dewline::app
