// decode_adsb.cpp: `dewline decode --format beast|sbs|modes-hex INPUT [--json]`.
//
// INPUT is a file or tcp://HOST:PORT (a dump1090/readsb feed: Beast on 30005, SBS on 30003, AVR
// raw hex on 30002), read with reconnect and backoff. Each message prints one JSON object
// (ingest/adsb/message_json.hpp) or one text line on stdout. Each bad frame or line prints one
// line on stderr with its byte offset or line number and the reason, and makes the exit code 1;
// good messages around it are still decoded. A per-reason summary ends the run on stderr.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "apps/dewline/decode_formats.hpp"
#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/feed_client.hpp"
#include "ingest/adsb/line_reader.hpp"
#include "ingest/adsb/message_json.hpp"
#include "ingest/net/socket_io.hpp"

namespace dewline::app {
namespace {

using ingest::adsb::AdsbDecoder;
using ingest::adsb::AdsbDecoderConfig;
using ingest::adsb::AdsbError;
using ingest::adsb::AdsbFormat;
using ingest::adsb::DecodedMessage;

class Printer {
 public:
  Printer(const DecodeArgs& a, bool text_input) : a_(a), text_input_(text_input) {}

  void message(const DecodedMessage& m) {
    line_.clear();
    if (a_.json) {
      ingest::adsb::append_message_json(m, line_);
    } else {
      ingest::adsb::append_message_text(m, line_);
    }
    line_ += '\n';
    std::fwrite(line_.data(), 1, line_.size(), stdout);
    ++printed_;
  }
  void error(const AdsbError& e) {
    const auto key = ingest::adsb::to_string(e.code);
    std::fprintf(stderr, "dewline decode: %s: %s %" PRIu64 ": %.*s: %.*s\n", a_.input.c_str(),
                 text_input_ ? "line" : "offset", e.offset, static_cast<int>(key.size()),
                 key.data(), static_cast<int>(e.reason.size()), e.reason.data());
    bad_ = true;
  }
  [[nodiscard]] bool done() const { return a_.max_records > 0 && printed_ >= a_.max_records; }
  [[nodiscard]] bool bad() const { return bad_; }

 private:
  const DecodeArgs& a_;
  bool text_input_;
  std::string line_;
  std::size_t printed_ = 0;
  bool bad_ = false;
};

Time wall_now() {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Time::from_ns(ns.count());
}

void summary(const AdsbDecoder& dec) {
  const auto& s = dec.stats();
  std::fprintf(stderr, "dewline decode: %" PRIu64 " messages, %" PRIu64 " rejected", s.messages,
               s.rejected);
  if (s.skipped_mode_ac + s.skipped_status > 0) {
    std::fprintf(stderr, ", %" PRIu64 " Mode A/C and %" PRIu64 " status frames skipped",
                 s.skipped_mode_ac, s.skipped_status);
  }
  std::fprintf(stderr, "\n");
  for (const auto& e : dec.rejects().entries()) {
    std::fprintf(stderr, "  %s: %s: %" PRIu64 "\n", e.source.c_str(), e.reason.c_str(), e.count);
  }
}

// Drains every complete Beast frame from the decoder.
void drain_beast(AdsbDecoder& dec, Printer& p, DecodedMessage& msg) {
  AdsbError err;
  while (!p.done()) {
    const auto s = dec.next_beast(msg, err);
    if (s == AdsbDecoder::Status::NeedMore) {
      return;
    }
    if (s == AdsbDecoder::Status::Message) {
      p.message(msg);
    } else if (s == AdsbDecoder::Status::Error) {
      p.error(err);
    }
  }
}

// Feeds every complete line to the decoder.
void drain_lines(AdsbDecoder& dec, ingest::adsb::LineReader& lines, AdsbFormat format,
                 Printer& p, DecodedMessage& msg, std::optional<Time> receive_time) {
  std::string_view line;
  std::uint64_t no = 0;
  AdsbError err;
  while (!p.done()) {
    const auto ls = lines.next(line, no);
    if (ls == ingest::adsb::LineReader::Status::NeedMore) {
      return;
    }
    if (ls == ingest::adsb::LineReader::Status::TooLong) {
      const AdsbError e{ingest::adsb::AdsbErrorCode::LineTooLong, "line longer than 1024 bytes",
                        no};
      dec.reject(e);
      p.error(e);
      continue;
    }
    const auto s = format == AdsbFormat::Sbs
                       ? dec.decode_sbs_line(line, no, msg, err, receive_time)
                       : dec.decode_hex_line(line, no, msg, err, receive_time);
    if (s == AdsbDecoder::Status::Message) {
      p.message(msg);
    } else if (s == AdsbDecoder::Status::Error) {
      p.error(err);
    }
  }
}

int run_file(const DecodeArgs& a, AdsbFormat format) {
  std::ifstream in(a.input, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "dewline decode: %s: cannot open\n", a.input.c_str());
    return 1;
  }
  AdsbDecoderConfig cfg;
  cfg.sensor = a.sensor;
  cfg.log_rejects = false;  // every bad record is printed below
  AdsbDecoder dec(cfg);
  const bool text = format != AdsbFormat::Beast;
  Printer p(a, text);
  ingest::adsb::LineReader lines;
  DecodedMessage msg;
  std::vector<char> buf(64 * 1024);
  while (!p.done() && in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) {
      break;
    }
    const std::span<const std::byte> chunk(reinterpret_cast<const std::byte*>(buf.data()), n);
    if (text) {
      lines.push(chunk);
      drain_lines(dec, lines, format, p, msg, std::nullopt);
    } else {
      dec.push_beast(chunk);
      drain_beast(dec, p, msg);
    }
  }
  if (in.bad()) {
    std::fprintf(stderr, "dewline decode: %s: read error\n", a.input.c_str());
    return 1;
  }
  if (text) {
    lines.finish();
    drain_lines(dec, lines, format, p, msg, std::nullopt);
  } else {
    dec.finish_beast();
    drain_beast(dec, p, msg);
  }
  summary(dec);
  return p.bad() ? 1 : 0;
}

int run_tcp(const DecodeArgs& a, AdsbFormat format) {
  auto ep = ingest::parse_endpoint(a.input);
  if (!ep || ep->scheme != ingest::Endpoint::Scheme::Tcp) {
    std::fprintf(stderr, "dewline decode: %s: expected tcp://HOST:PORT\n", a.input.c_str());
    return 2;
  }
  AdsbDecoderConfig cfg;
  cfg.sensor = a.sensor;
  cfg.log_rejects = false;
  cfg.beast_time = ingest::adsb::BeastTime::ReceiveTime;
  AdsbDecoder dec(cfg);
  const bool text = format != AdsbFormat::Beast;
  Printer p(a, text);
  ingest::adsb::LineReader lines;
  ingest::adsb::FeedClient client({.endpoint = *ep});
  DecodedMessage msg;
  auto last_data = std::chrono::steady_clock::now();
  const auto idle_limit = std::chrono::duration<double>(a.timeout_s);
  std::uint64_t failures_reported = 0;
  while (!p.done()) {
    std::span<const std::byte> data;
    const auto ev = client.poll(Duration::from_ms(200), data);
    const auto now = std::chrono::steady_clock::now();
    switch (ev) {
      case ingest::adsb::FeedClient::Event::Data:
        last_data = now;
        if (text) {
          lines.push(data);
          drain_lines(dec, lines, format, p, msg, wall_now());
        } else {
          dec.push_beast(data, wall_now());
          drain_beast(dec, p, msg);
        }
        break;
      case ingest::adsb::FeedClient::Event::Connected:
        std::fprintf(stderr, "dewline decode: connected to %s\n", a.input.c_str());
        dec.reset_stream();
        lines.reset();
        break;
      case ingest::adsb::FeedClient::Event::Disconnected:
        std::fprintf(stderr, "dewline decode: %s: %s; reconnecting\n", a.input.c_str(),
                     client.last_error().c_str());
        break;
      case ingest::adsb::FeedClient::Event::Idle:
        if (client.stats().connect_failures > failures_reported) {
          failures_reported = client.stats().connect_failures;
          std::fprintf(stderr, "dewline decode: %s; retrying with backoff\n",
                       client.last_error().c_str());
        }
        break;
    }
    if (a.timeout_s > 0.0 && now - last_data > idle_limit) {
      std::fprintf(stderr, "dewline decode: %s: no data for %.1f s, stopping\n", a.input.c_str(),
                   a.timeout_s);
      break;
    }
  }
  client.close();
  summary(dec);
  return p.bad() ? 1 : 0;
}

int run(const DecodeArgs& a, AdsbFormat format) {
  if (ingest::looks_like_url(a.input)) {
    return run_tcp(a, format);
  }
  return run_file(a, format);
}

}  // namespace

int decode_beast(const DecodeArgs& a) { return run(a, AdsbFormat::Beast); }
int decode_sbs(const DecodeArgs& a) { return run(a, AdsbFormat::Sbs); }
int decode_modes_hex(const DecodeArgs& a) { return run(a, AdsbFormat::ModesHex); }

}  // namespace dewline::app
