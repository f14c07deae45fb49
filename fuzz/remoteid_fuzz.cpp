// remoteid_fuzz.cpp: libFuzzer target for Remote ID frames: the production path of a receiver,
// captured frame -> link layer (radiotap / 802.11 beacon and NAN, nRF sniffer, BLE LL with and
// without pseudo-header) -> Open Drone ID container -> messages -> emitter state -> Detection,
// plus the `dewline decode` JSON / text forms of every message and error, and the loopback UDP
// framing of the same bytes.
//
// Input: byte 0 picks the link type (low 3 bits modulo 5: 127, 105, 272, 256, 251; bit 7 marks
// the capture as truncated), the rest is the frame. Seeds: fuzz/corpus/remoteid (synthetic,
// committed) and build/fuzz/seeds/remoteid (cut from ../shared/data/real/remoteid by
// fuzz/seeds.d/remoteid.sh).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/log.hpp"
#include "ingest/remoteid/loopback_link.hpp"
#include "ingest/remoteid/odid_json.hpp"
#include "ingest/remoteid/remoteid_ingest.hpp"

namespace {

namespace rid = dewline::ingest::remoteid;

constexpr std::array<int, 5> kLinkTypes = {127, 105, 272, 256, 251};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dewline::log().set_level(spdlog::level::off);
  if (size < 1) {
    return 0;
  }
  const int link_type = kLinkTypes[(data[0] & 0x07U) % kLinkTypes.size()];
  const bool complete = (data[0] & 0x80U) == 0;
  const std::span<const std::byte> frame(reinterpret_cast<const std::byte*>(data) + 1, size - 1);

  rid::RemoteIdConfig cfg;
  cfg.max_emitters = 4;
  rid::RemoteIdIngest ingest(cfg, dewline::EnuFrame(dewline::Geodetic{47.2, 8.73, 400.0}));
  std::vector<dewline::Detection> dets;
  const dewline::Time t = dewline::Time::from_seconds(1.68e9);
  // Twice: the second pass sees the emitter state the first one left (identity, operator).
  ingest.on_frame(link_type, t, frame, 1, dets, complete);
  ingest.on_frame(link_type, t + dewline::Duration::from_ms(100), frame, 2, dets, complete);
  const rid::DecodedFrame& f = ingest.last_frame();
  for (std::size_t i = 0; i < f.messages.size(); ++i) {
    const rid::MessageContext ctx{2, t, &f.info, f.messages.pack_index(i), f.messages.in_pack()};
    (void)rid::message_json(ctx, f.messages.message(i)).dump();
    (void)rid::message_text(ctx, f.messages.message(i));
  }
  for (const rid::DecodeError& e : f.messages.errors()) {
    (void)rid::error_json(2, e).dump();
  }
  if (f.status == rid::LinkStatus::Error) {
    (void)rid::error_text(2, f.link_error);
  }
  for (const auto& e : ingest.emitters().all()) {
    (void)e.several_identities();
    (void)e.remote_id();
    (void)e.auth.complete();
  }

  // The same bytes as a loopback datagram.
  const std::span<const std::byte> all(reinterpret_cast<const std::byte*>(data), size);
  if (auto lf = rid::decode_loopback(all)) {
    rid::FrameDecoder dec;
    rid::DecodedFrame g;
    dec.decode(lf->link_type, lf->bytes, 1, g);
  }
  return 0;
}
