#include "ingest/remoteid/ble_link.hpp"

#include "ingest/remoteid/byte_reader.hpp"
#include "ingest/remoteid/checksums.hpp"

namespace dewline::ingest::remoteid {
namespace {

constexpr std::uint8_t kServiceData16 = 0x16;
constexpr std::uint16_t kAstmUuid = 0xFFFA;
constexpr std::uint8_t kOdidAppCode = 0x0D;

LinkResult error_result(ErrorCode code, std::size_t offset, std::string_view detail) {
  LinkResult r;
  r.status = LinkStatus::Error;
  r.error = DecodeError{code, static_cast<std::uint32_t>(offset), -1, detail};
  return r;
}

// Searches AdvData for the ASTM service data. NotOdid when absent (or when the AD list breaks
// before it is found: another device's malformed data).
LinkResult find_service_data(std::span<const std::byte> adv_data, std::size_t base,
                             const FrameInfo& info) {
  ByteReader r(adv_data, base);
  while (r.need(1)) {
    const std::size_t at = r.offset();
    const std::uint8_t len = r.u8();
    if (len == 0) {
      break;  // early termination of the AD list
    }
    const bool odid = len >= 4 && r.need(4) && byte_at(r.rest(), 0) == kServiceData16 &&
                      (byte_at(r.rest(), 1) | (byte_at(r.rest(), 2) << 8U)) == kAstmUuid &&
                      byte_at(r.rest(), 3) == kOdidAppCode;
    if (!r.need(len)) {
      if (odid) {
        return error_result(ErrorCode::TruncatedElement, at,
                            "ODID service data longer than the advertising data");
      }
      return LinkResult{};
    }
    auto ad = r.take(len);
    if (odid) {
      auto body = ad.subspan(4);  // after type, UUID, application code
      if (body.size() < 2) {
        return error_result(ErrorCode::BadServiceInfo, at + 5,
                            "ODID service data shorter than counter and message header");
      }
      LinkResult res;
      res.status = LinkStatus::Odid;
      res.info = info;
      res.info.message_counter = byte_at(body, 0);
      res.payload = body.subspan(1);
      res.payload_offset = at + 1 + 4 + 1;
      return res;
    }
  }
  return LinkResult{};
}

void read_address(ByteReader& r, FrameInfo& info) {
  // AdvA is transmitted least significant octet first; display order is the reverse.
  for (std::size_t i = 0; i < 6; ++i) {
    info.transmitter.octets[5 - i] = r.u8();
  }
  info.has_transmitter = true;
}

// The PDU payload of an advertising PDU: locate AdvData and search it.
LinkResult parse_adv_payload(unsigned pdu_type, std::span<const std::byte> payload,
                             std::size_t base, FrameInfo info) {
  ByteReader r(payload, base);
  switch (pdu_type) {
    case 0:  // ADV_IND
    case 2:  // ADV_NONCONN_IND
    case 4:  // SCAN_RSP
    case 6:  // ADV_SCAN_IND
      if (!r.need(6)) {
        return LinkResult{};
      }
      read_address(r, info);
      info.transport = Transport::BtLegacy;
      return find_service_data(r.rest(), r.offset(), info);
    case 7: {  // ADV_EXT_IND / AUX_ADV_IND / AUX_CHAIN_IND ...: Common Extended Adv. Payload
      if (!r.need(1)) {
        return LinkResult{};
      }
      const std::size_t ext_len = r.u8() & 0x3FU;
      if (!r.need(ext_len)) {
        return LinkResult{};
      }
      ByteReader h(r.take(ext_len), r.offset() - ext_len);
      info.has_transmitter = false;
      if (ext_len > 0) {
        const std::uint8_t flags = h.u8();
        // Field sizes in extended header order (Vol 6 Part B 2.3.4): AdvA, TargetA, CTEInfo,
        // ADI, AuxPtr, SyncInfo, TxPower.
        constexpr std::size_t kSizes[] = {6, 6, 1, 2, 3, 18, 1};
        for (unsigned bit = 0; bit < 7; ++bit) {
          if ((flags & (1U << bit)) == 0) {
            continue;
          }
          if (!h.need(kSizes[bit])) {
            return LinkResult{};  // flags claim more fields than the header holds
          }
          if (bit == 0) {
            read_address(h, info);
          } else {
            h.skip(kSizes[bit]);
          }
        }
      }
      info.transport = Transport::Bt5LongRange;
      return find_service_data(r.rest(), r.offset(), info);
    }
    default:
      return LinkResult{};
  }
}

}  // namespace

LinkResult parse_le_packet(std::span<const std::byte> packet, std::size_t base, bool coded_phy,
                           FrameInfo info) {
  ByteReader r(packet, base);
  if (!r.need(4)) {
    return LinkResult{};
  }
  const std::uint32_t aa = r.u32le();
  if (aa != kAdvertisingAccessAddress) {
    return LinkResult{};  // data channel or periodic advertising: not Open Drone ID
  }
  if (coded_phy) {
    if (!r.need(1)) {
      return LinkResult{};
    }
    r.skip(1);  // coding indicator
  }
  if (!r.need(2)) {
    return LinkResult{};
  }
  const std::size_t pdu_at = r.position();
  const std::size_t pdu_offset = r.offset();
  const std::uint8_t h0 = r.u8();
  const std::uint8_t length = r.u8();
  const unsigned pdu_type = h0 & 0x0FU;
  info.random_address = (h0 & 0x40U) != 0;
  const bool complete = r.need(std::size_t{length} + 3);
  const std::size_t have = complete ? length : r.remaining();
  LinkResult res = parse_adv_payload(pdu_type, r.take(have), r.offset(), info);

  bool crc_ok = false;
  if (complete) {
    auto pdu = packet.subspan(pdu_at, 2 + std::size_t{length});
    const std::uint32_t rx = r.u24le();
    crc_ok = ble_crc24(pdu) == rx;
  }
  if (res.status == LinkStatus::NotOdid) {
    res.corrupt_other = !crc_ok;
    return res;
  }
  if (!complete) {
    return error_result(ErrorCode::TruncatedFrame, pdu_offset,
                        "BLE PDU shorter than its length field (no CRC)");
  }
  if (!crc_ok) {
    return error_result(ErrorCode::BadCrc, base + pdu_at + 2 + length, "BLE CRC-24 mismatch");
  }
  if (r.remaining() != 0 && res.status == LinkStatus::Odid) {
    // Trailing bytes after the CRC: the length field disagrees with the capture.
    return error_result(ErrorCode::TruncatedFrame, pdu_offset,
                        "BLE PDU length disagrees with the captured packet");
  }
  return res;
}

LinkResult parse_nordic_ble(std::span<const std::byte> frame) {
  ByteReader r(frame);
  if (!r.need(2)) {
    return error_result(ErrorCode::TruncatedLinkHeader, 0, "nRF sniffer header truncated");
  }
  std::size_t event_at = 0;       // offset of the flags byte
  std::size_t event_len = 0;      // bytes from the flags byte to the LE packet
  unsigned protover = 0;
  bool advertising_id = true;
  if (byte_at(frame, 0) == 0xBE && byte_at(frame, 1) == 0xEF) {
    // Legacy (version 0): marker 2, packet ID 1, counter 2, unused 2, payload length 1.
    if (!r.need(8 + 9)) {
      return error_result(ErrorCode::TruncatedLinkHeader, 0, "nRF sniffer header truncated");
    }
    const std::size_t plen = byte_at(frame, 7);
    if (8 + plen != frame.size()) {
      return error_result(ErrorCode::BadLinkHeader, 7,
                          "nRF sniffer payload length disagrees with the frame");
    }
    event_at = 8;
    event_len = 9;
  } else {
    if (!r.need(7 + 10)) {
      return error_result(ErrorCode::TruncatedLinkHeader, 0, "nRF sniffer header truncated");
    }
    protover = byte_at(frame, 3);
    std::size_t total = 0;
    if (protover == 1) {
      total = std::size_t{byte_at(frame, 1)} + 1 + byte_at(frame, 2);
    } else {
      total = 7 + (std::size_t{byte_at(frame, 1)} | (std::size_t{byte_at(frame, 2)} << 8U));
    }
    if (protover == 0 || protover > 3 || total != frame.size()) {
      return error_result(ErrorCode::BadLinkHeader, 1,
                          "nRF sniffer version or payload length disagrees with the frame");
    }
    if (protover >= 3) {
      advertising_id = byte_at(frame, 6) == 0x02;  // EVENT_PACKET_ADVERTISING
    }
    const std::size_t packet_len = byte_at(frame, 7);  // includes this length byte
    if (packet_len < 10 || 7 + packet_len > frame.size()) {
      return error_result(ErrorCode::BadLinkHeader, 7, "nRF sniffer event header length invalid");
    }
    event_at = 8;
    event_len = packet_len - 1;
  }
  const std::uint8_t flags = byte_at(frame, event_at);
  FrameInfo info;
  info.channel = byte_at(frame, event_at + 1);
  info.rssi_dbm = static_cast<std::int16_t>(-static_cast<int>(byte_at(frame, event_at + 2)));
  const bool coded = protover >= 3 && ((flags >> 4U) & 0x07U) == 2;
  if (!advertising_id) {
    return LinkResult{};
  }
  const std::size_t ll_at = event_at + event_len;
  return parse_le_packet(frame.subspan(ll_at), ll_at, coded, info);
}

LinkResult parse_ble_phdr(std::span<const std::byte> frame) {
  ByteReader r(frame);
  if (!r.need(10)) {
    return error_result(ErrorCode::TruncatedLinkHeader, 0, "BLE pseudo-header truncated");
  }
  FrameInfo info;
  info.channel = r.u8();
  const std::int8_t signal = r.i8();
  r.skip(1 + 1 + 4);  // noise, access address offenses, reference access address
  const std::uint16_t flags = r.u16le();
  if ((flags & 0x0002U) != 0) {
    info.rssi_dbm = signal;
  }
  const bool coded = ((flags >> 14U) & 0x03U) == 2;
  return parse_le_packet(frame.subspan(10), 10, coded, info);
}

LinkResult parse_ble_ll(std::span<const std::byte> frame) {
  return parse_le_packet(frame, 0, false, FrameInfo{});
}

}  // namespace dewline::ingest::remoteid
