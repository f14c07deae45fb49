// dewline decode --format remoteid: prints every Open Drone ID message in a capture (pcap /
// pcapng: radiotap Wi-Fi beacons and NAN, nRF sniffer / BLE LL Bluetooth 4 and 5), a live
// monitor interface ("live:wlan0mon") or the loopback UDP framing ("udp://127.0.0.1:4810").
//
// --json: one object per message (odid_json.hpp: frame, transport, type and the fields), one
// {"error", "frame", "reason"} object per malformed frame or message. Text otherwise. Frames of
// other networks are skipped quietly; a summary with the counts goes to stderr. Exit 1 when any
// frame or message was malformed (or the input could not be read), else 0.
#include <cstdio>
#include <string>

#include "apps/dewline/decode_formats.hpp"
#include "core/reject_counter.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/frame_source.hpp"
#include "ingest/remoteid/odid_json.hpp"

namespace dewline::app {

namespace rid = dewline::ingest::remoteid;

namespace {

void print_error(const DecodeArgs& a, std::uint64_t frame, const rid::DecodeError& e) {
  if (a.json) {
    std::printf("%s\n", rid::error_json(frame, e).dump().c_str());
  } else {
    std::printf("%s\n", rid::error_text(frame, e).c_str());
  }
}

void print_summary(const std::string& sensor, const rid::FrameDecoder& dec) {
  const rid::FrameStats& s = dec.stats();
  std::fprintf(stderr,
               "remoteid %s: %llu frames, %llu with Open Drone ID, %llu messages, %llu other "
               "frames skipped (%llu corrupt), %llu malformed frames, %llu bad messages, "
               "%llu empty packs\n",
               sensor.c_str(), static_cast<unsigned long long>(s.frames),
               static_cast<unsigned long long>(s.odid_frames),
               static_cast<unsigned long long>(s.messages),
               static_cast<unsigned long long>(s.other_frames),
               static_cast<unsigned long long>(s.corrupt_other_frames),
               static_cast<unsigned long long>(s.malformed_frames),
               static_cast<unsigned long long>(s.message_errors),
               static_cast<unsigned long long>(s.empty_packs));
  for (const auto& e : dec.rejects().entries()) {
    std::fprintf(stderr, "  rejected %s: %llu\n", e.reason.c_str(),
                 static_cast<unsigned long long>(e.count));
  }
}

}  // namespace

int decode_remoteid(const DecodeArgs& a) {
  auto src = rid::FrameSource::open(a.input);
  if (!src) {
    std::fprintf(stderr, "dewline decode: %s: %s\n", a.input.c_str(), src.error().c_str());
    return 1;
  }
  const bool live = src->kind() != rid::FrameSource::Kind::File;
  const Duration poll = Duration::from_ms(200);
  const Duration idle_limit = Duration::from_seconds(a.timeout_s);
  Duration idle{};

  rid::FrameDecoder dec(a.sensor);
  rid::DecodedFrame f;
  std::size_t printed = 0;
  bool bad = false;
  while (true) {
    auto fr = src->next(poll);
    if (!fr) {
      if (!live || !src->error().empty()) {
        break;
      }
      idle = idle + poll;
      if (a.timeout_s > 0.0 && idle >= idle_limit) {
        break;
      }
      continue;
    }
    idle = Duration{};
    dec.decode(fr->link_type, fr->bytes, fr->number, f, fr->complete);
    if (f.status == rid::LinkStatus::Error) {
      bad = true;
      print_error(a, fr->number, f.link_error);
    }
    for (const rid::DecodeError& e : f.messages.errors()) {
      bad = true;
      print_error(a, fr->number, e);
    }
    for (std::size_t i = 0; i < f.messages.size(); ++i) {
      const rid::MessageContext ctx{fr->number, fr->time, &f.info, f.messages.pack_index(i),
                                    f.messages.in_pack()};
      if (a.json) {
        std::printf("%s\n", rid::message_json(ctx, f.messages.message(i)).dump().c_str());
      } else {
        std::printf("%s\n", rid::message_text(ctx, f.messages.message(i)).c_str());
      }
      ++printed;
    }
    if (live && a.max_records > 0 && printed >= a.max_records) {
      break;
    }
  }
  std::fflush(stdout);
  if (!src->error().empty()) {
    std::fprintf(stderr, "dewline decode: %s: %s\n", a.input.c_str(), src->error().c_str());
    bad = true;
  }
  print_summary(a.sensor, dec);
  return bad ? 1 : 0;
}

}  // namespace dewline::app
