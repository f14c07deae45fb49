#include "ingest/remoteid/wifi_link.hpp"

#include <algorithm>
#include <array>

#include "ingest/remoteid/byte_reader.hpp"
#include "ingest/remoteid/checksums.hpp"

namespace dewline::ingest::remoteid {
namespace {

constexpr std::array<std::uint8_t, 3> kAsdStanOui = {0xFA, 0x0B, 0xBC};
constexpr std::uint8_t kOdidVendorType = 0x0D;
constexpr std::array<std::uint8_t, 3> kWfaOui = {0x50, 0x6F, 0x9A};
constexpr std::uint8_t kNanOuiType = 0x13;
constexpr std::array<std::uint8_t, 6> kOdidServiceId = {0x88, 0x69, 0x19, 0x9D, 0x92, 0x09};
constexpr std::size_t kMgmtHeader = 24;
constexpr std::size_t kBeaconFixed = 12;  // timestamp 8, beacon interval 2, capability 2

LinkResult error_result(ErrorCode code, std::size_t offset, std::string_view detail) {
  LinkResult r;
  r.status = LinkStatus::Error;
  r.error = DecodeError{code, static_cast<std::uint32_t>(offset), -1, detail};
  return r;
}

template <std::size_t N>
bool equals(std::span<const std::byte> b, const std::array<std::uint8_t, N>& want) {
  if (b.size() < N) {
    return false;
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (byte_at(b, i) != want[i]) {
      return false;
    }
  }
  return true;
}

// A found ODID container: counter at `offset`, then the container bytes.
LinkResult odid_container(std::span<const std::byte> body, std::size_t offset, Transport t,
                          FrameInfo info) {
  if (body.size() < 2) {
    return error_result(ErrorCode::BadServiceInfo, offset,
                        "ODID container shorter than counter and message header");
  }
  LinkResult r;
  r.status = LinkStatus::Odid;
  r.info = info;
  r.info.transport = t;
  r.info.message_counter = byte_at(body, 0);
  r.payload = body.subspan(1);
  r.payload_offset = offset + 1;
  return r;
}

// Walks the information elements of a beacon body for the ASD-STAN ODID vendor element.
LinkResult find_beacon_element(std::span<const std::byte> elements, std::size_t base,
                               const FrameInfo& info) {
  ByteReader r(elements, base);
  while (r.need(2)) {
    const std::size_t at = r.offset();
    const std::uint8_t id = r.u8();
    const std::uint8_t len = r.u8();
    const bool odid = id == 221 && len >= 4 && equals(r.rest(), kAsdStanOui) &&
                      r.rest().size() >= 4 && byte_at(r.rest(), 3) == kOdidVendorType;
    if (!r.need(len)) {
      if (odid || (id == 221 && equals(r.rest(), kAsdStanOui))) {
        return error_result(ErrorCode::TruncatedElement, at,
                            "ODID vendor element longer than the frame");
      }
      return LinkResult{};  // another network's malformed element list: not ours
    }
    auto value = r.take(len);
    if (odid) {
      return odid_container(value.subspan(4), at + 2 + 4, Transport::WifiBeacon, info);
    }
  }
  return LinkResult{};
}

// NAN Service Descriptor attribute body: find the ODID service info.
LinkResult parse_sda(std::span<const std::byte> sda, std::size_t base, const FrameInfo& info,
                     bool& matched) {
  ByteReader r(sda, base);
  if (!r.need(9) || !equals(r.rest(), kOdidServiceId)) {
    return LinkResult{};
  }
  matched = true;
  r.skip(6 + 1 + 1);  // service ID, instance ID, requestor instance ID
  const std::uint8_t control = r.u8();
  if ((control & 0x40U) != 0) {  // binding bitmap
    if (!r.need(2)) {
      return error_result(ErrorCode::TruncatedElement, r.offset(), "NAN binding bitmap missing");
    }
    r.skip(2);
  }
  for (std::uint8_t bit : {std::uint8_t{0x04}, std::uint8_t{0x08}}) {  // matching filter, SRF
    if ((control & bit) != 0) {
      if (!r.need(1)) {
        return error_result(ErrorCode::TruncatedElement, r.offset(), "NAN filter length missing");
      }
      const std::uint8_t n = r.u8();
      if (!r.need(n)) {
        return error_result(ErrorCode::TruncatedElement, r.offset(), "NAN filter overruns");
      }
      r.skip(n);
    }
  }
  if ((control & 0x10U) == 0) {
    return error_result(ErrorCode::BadServiceInfo, r.offset(),
                        "ODID NAN service descriptor without service info");
  }
  if (!r.need(1)) {
    return error_result(ErrorCode::TruncatedElement, r.offset(), "NAN service info missing");
  }
  const std::uint8_t n = r.u8();
  const std::size_t at = r.offset();
  if (!r.need(n)) {
    return error_result(ErrorCode::TruncatedElement, at,
                        "NAN service info longer than its attribute");
  }
  return odid_container(r.take(n), at, Transport::WifiNan, info);
}

// NAN attributes of a service discovery frame.
LinkResult find_nan_service(std::span<const std::byte> attrs, std::size_t base,
                            const FrameInfo& info) {
  ByteReader r(attrs, base);
  while (r.need(3)) {
    const std::size_t at = r.offset();
    const std::uint8_t id = r.u8();
    const std::uint16_t len = r.u16le();
    const bool maybe_odid = id == 0x03 && equals(r.rest(), kOdidServiceId);
    if (!r.need(len)) {
      if (maybe_odid) {
        return error_result(ErrorCode::TruncatedElement, at,
                            "ODID NAN service descriptor longer than the frame");
      }
      return LinkResult{};
    }
    const std::size_t body_at = r.offset();
    auto body = r.take(len);
    if (id == 0x03) {
      bool matched = false;
      LinkResult res = parse_sda(body, body_at, info, matched);
      if (matched) {
        return res;
      }
    }
  }
  return LinkResult{};
}

}  // namespace

LinkResult parse_ieee80211(std::span<const std::byte> frame, std::size_t base, bool has_fcs,
                           bool bad_fcs_flag, bool complete, FrameInfo info) {
  std::span<const std::byte> mac = frame;
  if (has_fcs) {
    if (frame.size() < 4) {
      return LinkResult{};
    }
    mac = frame.first(frame.size() - 4);
  }
  if (mac.size() < kMgmtHeader) {
    return LinkResult{};  // control frames and runts: not management frames
  }
  const std::uint8_t fc0 = byte_at(mac, 0);
  const std::uint8_t fc1 = byte_at(mac, 1);
  const unsigned version = fc0 & 0x03U;
  const unsigned type = (fc0 >> 2U) & 0x03U;
  const unsigned subtype = fc0 >> 4U;
  if (version != 0 || type != 0 || (fc1 & 0x40U) != 0) {
    return LinkResult{};  // not a management frame, or protected
  }
  std::size_t header = kMgmtHeader;
  if ((fc1 & 0x80U) != 0) {
    header += 4;  // +HTC: HT Control field
  }
  // Transmitter address: Address 2.
  for (std::size_t i = 0; i < 6; ++i) {
    info.transmitter.octets[i] = byte_at(mac, 10 + i);
  }
  info.has_transmitter = true;

  LinkResult res;
  if (subtype == 8) {  // beacon
    if (mac.size() < header + kBeaconFixed) {
      return LinkResult{};
    }
    const std::size_t at = header + kBeaconFixed;
    res = find_beacon_element(mac.subspan(at), base + at, info);
  } else if (subtype == 13 || subtype == 14) {  // action, action no ack
    if (mac.size() < header + 6) {
      return LinkResult{};
    }
    auto body = mac.subspan(header);
    const bool nan = byte_at(body, 0) == 4 && byte_at(body, 1) == 9 &&
                     equals(body.subspan(2), kWfaOui) && byte_at(body, 5) == kNanOuiType;
    if (!nan) {
      return LinkResult{};
    }
    res = find_nan_service(body.subspan(6), base + header + 6, info);
  } else {
    return LinkResult{};
  }

  // Frame check: only frames that carry (or look like they carry) ODID are reported; a corrupt
  // frame of another network is counted and skipped.
  bool fcs_ok = !bad_fcs_flag;
  if (has_fcs && complete && fcs_ok) {
    const std::uint32_t want = static_cast<std::uint32_t>(byte_at(frame, frame.size() - 4)) |
                               (static_cast<std::uint32_t>(byte_at(frame, frame.size() - 3)) << 8U) |
                               (static_cast<std::uint32_t>(byte_at(frame, frame.size() - 2)) << 16U) |
                               (static_cast<std::uint32_t>(byte_at(frame, frame.size() - 1)) << 24U);
    fcs_ok = crc32_ieee(mac) == want;
  }
  if (!fcs_ok) {
    if (res.status == LinkStatus::NotOdid) {
      res.corrupt_other = true;
      return res;
    }
    return error_result(ErrorCode::BadFcs, base + mac.size(),
                        "802.11 frame check sequence mismatch");
  }
  return res;
}

LinkResult parse_radiotap(std::span<const std::byte> frame, bool complete) {
  ByteReader r(frame);
  if (!r.need(8)) {
    return error_result(ErrorCode::TruncatedLinkHeader, 0, "radiotap header shorter than 8 bytes");
  }
  const std::uint8_t version = r.u8();
  r.skip(1);
  const std::uint16_t length = r.u16le();
  if (version != 0 || length < 8) {
    return error_result(ErrorCode::BadLinkHeader, 0, "radiotap version or length invalid");
  }
  if (length > frame.size()) {
    return error_result(ErrorCode::TruncatedLinkHeader, 2, "radiotap length beyond the frame");
  }
  ByteReader h(frame.first(length));
  h.skip(4);
  const std::uint32_t present = h.u32le();
  std::uint32_t word = present;
  while ((word & 0x80000000U) != 0) {  // extended presence bitmaps
    if (!h.need(4)) {
      return error_result(ErrorCode::TruncatedLinkHeader, h.offset(),
                          "radiotap presence bitmap overruns the header");
    }
    word = h.u32le();
  }
  FrameInfo info;
  std::uint8_t flags = 0;
  auto field = [&](unsigned bit, std::size_t align, std::size_t size) -> bool {
    if ((present & (1U << bit)) == 0) {
      return false;
    }
    h.align(align);
    return h.need(size);
  };
  if (field(0, 8, 8)) {  // TSFT
    h.skip(8);
  }
  if (field(1, 1, 1)) {  // Flags
    flags = h.u8();
  }
  if (field(2, 1, 1)) {  // Rate
    h.skip(1);
  }
  if (field(3, 2, 4)) {  // Channel: frequency MHz, flags
    info.channel = h.u16le();
    h.skip(2);
  }
  if (field(4, 1, 2)) {  // FHSS
    h.skip(2);
  }
  if (field(5, 1, 1)) {  // dBm antenna signal
    info.rssi_dbm = h.i8();
  }
  const bool has_fcs = (flags & 0x10U) != 0;
  const bool bad_fcs = (flags & 0x40U) != 0;
  return parse_ieee80211(frame.subspan(length), length, has_fcs, bad_fcs, complete, info);
}

}  // namespace dewline::ingest::remoteid
