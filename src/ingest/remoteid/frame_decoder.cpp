#include "ingest/remoteid/frame_decoder.hpp"

#include "core/log.hpp"
#include "ingest/remoteid/ble_link.hpp"
#include "ingest/remoteid/wifi_link.hpp"

namespace dewline::ingest::remoteid {

bool is_supported_link_type(int link_type) {
  switch (link_type) {
    case kDltIeee80211:
    case kDltIeee80211Radiotap:
    case kDltBluetoothLeLl:
    case kDltBluetoothLeLlWithPhdr:
    case kDltNordicBle:
      return true;
    default:
      return false;
  }
}

LinkResult parse_link(int link_type, std::span<const std::byte> frame, bool complete) {
  switch (link_type) {
    case kDltIeee80211Radiotap:
      return parse_radiotap(frame, complete);
    case kDltIeee80211:
      return parse_ieee80211(frame, 0, false, false, complete, FrameInfo{});
    case kDltNordicBle:
      return parse_nordic_ble(frame);
    case kDltBluetoothLeLlWithPhdr:
      return parse_ble_phdr(frame);
    case kDltBluetoothLeLl:
      return parse_ble_ll(frame);
    default:
      return LinkResult{};
  }
}

void FrameDecoder::reject(const DecodeError& e, std::uint64_t frame_number) {
  const std::string_view reason = to_string(e.code);
  if (rejects_.count(sensor_, reason)) {
    log().warn("remoteid {}: frame {}: {} at offset {}{}: {}", sensor_, frame_number, reason,
               e.offset, e.pack_index > 0 ? fmt::format(" (pack message {})", e.pack_index) : "",
               e.detail);
  }
}

void FrameDecoder::decode(int link_type, std::span<const std::byte> frame,
                          std::uint64_t frame_number, DecodedFrame& out, bool complete) {
  out.status = LinkStatus::NotOdid;
  out.info = FrameInfo{};
  out.messages.clear();
  out.link_error = DecodeError{};
  ++stats_.frames;

  if (!is_supported_link_type(link_type)) {
    ++stats_.other_frames;
    ++stats_.unsupported_link_frames;
    return;
  }
  const LinkResult link = parse_link(link_type, frame, complete);
  out.info = link.info;
  if (link.status == LinkStatus::NotOdid) {
    ++stats_.other_frames;
    if (link.corrupt_other) {
      ++stats_.corrupt_other_frames;
    }
    return;
  }
  if (link.status == LinkStatus::Error) {
    out.status = LinkStatus::Error;
    out.link_error = link.error;
    ++stats_.malformed_frames;
    reject(link.error, frame_number);
    return;
  }
  out.status = LinkStatus::Odid;
  const bool ok = decode_container(link.payload, link.payload_offset, out.messages);
  for (const DecodeError& e : out.messages.errors()) {
    reject(e, frame_number);
  }
  if (!ok) {
    ++stats_.malformed_frames;  // the container itself is unusable
  } else {
    ++stats_.odid_frames;
    stats_.message_errors += out.messages.errors().size();
  }
  if (out.messages.in_pack() && out.messages.empty() && out.messages.errors().empty()) {
    ++stats_.empty_packs;
  }
  stats_.messages += out.messages.size();
  for (std::size_t i = 0; i < out.messages.size(); ++i) {
    ++stats_.messages_by_type[static_cast<std::size_t>(out.messages.message(i).type())];
  }
}

}  // namespace dewline::ingest::remoteid
