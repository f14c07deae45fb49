#include "ingest/remoteid/frame_builder.hpp"

#include <algorithm>
#include <array>

#include "ingest/remoteid/ble_link.hpp"
#include "ingest/remoteid/checksums.hpp"
#include "ingest/remoteid/odid_codec.hpp"
#include "ingest/remoteid/wifi_link.hpp"

namespace dewline::ingest::remoteid {
namespace {

class Writer {
 public:
  explicit Writer(std::vector<std::byte>& out) : out_(out) {}
  void u8(std::uint32_t v) { out_.push_back(static_cast<std::byte>(v & 0xFFU)); }
  void u16le(std::uint32_t v) {
    u8(v);
    u8(v >> 8U);
  }
  void u32le(std::uint32_t v) {
    u16le(v);
    u16le(v >> 16U);
  }
  void u64le(std::uint64_t v) {
    u32le(static_cast<std::uint32_t>(v & 0xFFFFFFFFU));
    u32le(static_cast<std::uint32_t>(v >> 32U));
  }
  void bytes(std::span<const std::byte> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void mac(const MacAddress& m) {
    for (std::uint8_t o : m.octets) {
      u8(o);
    }
  }
  void mac_reversed(const MacAddress& m) {  // BLE: least significant octet first
    for (std::size_t i = 0; i < 6; ++i) {
      u8(m.octets[5 - i]);
    }
  }
  [[nodiscard]] std::size_t size() const { return out_.size(); }
  void patch(std::size_t at, std::uint8_t v) { out_[at] = static_cast<std::byte>(v); }

 private:
  std::vector<std::byte>& out_;
};

// Counter + message pack.
std::vector<std::byte> container(std::uint8_t counter, std::span<const Message> messages) {
  std::vector<std::byte> c(1 + 3 + kMessageSize * messages.size());
  c[0] = static_cast<std::byte>(counter);
  const std::size_t n = encode_pack(messages, std::span<std::byte>(c).subspan(1));
  if (n == 0) {
    return {};
  }
  return c;
}

void radiotap(Writer& w, const WifiFrameParams& p, bool ofdm) {
  // present: Flags (1), Rate (2), Channel (3), dBm antenna signal (5)
  w.u8(0);
  w.u8(0);
  w.u16le(15);
  w.u32le((1U << 1U) | (1U << 2U) | (1U << 3U) | (1U << 5U));
  w.u8(p.with_fcs ? 0x10 : 0x00);   // flags: FCS at end
  w.u8(ofdm ? 12 : 2);              // rate, 500 kb/s units: 6 or 1 Mb/s
  w.u16le(p.frequency_mhz);         // offset 10: already 2-aligned
  const bool five = p.frequency_mhz > 4000;
  w.u16le((five ? 0x0100U : 0x0080U) | (ofdm ? 0x0040U : 0x0020U));
  w.u8(static_cast<std::uint8_t>(p.rssi_dbm));
}

void mgmt_header(Writer& w, std::uint8_t subtype, const std::array<std::uint8_t, 6>& da,
                 const MacAddress& sa, const std::array<std::uint8_t, 6>& bssid,
                 std::uint16_t seq) {
  w.u8(static_cast<std::uint32_t>(subtype) << 4U);  // type 0 (management)
  w.u8(0);
  w.u16le(0);  // duration
  for (std::uint8_t o : da) {
    w.u8(o);
  }
  w.mac(sa);
  for (std::uint8_t o : bssid) {
    w.u8(o);
  }
  w.u16le(static_cast<std::uint32_t>(seq & 0x0FFFU) << 4U);
}

void finish_fcs(std::vector<std::byte>& out, std::size_t mac_start, bool with_fcs) {
  if (!with_fcs) {
    return;
  }
  const std::uint32_t fcs =
      crc32_ieee(std::span<const std::byte>(out).subspan(mac_start));
  Writer w(out);
  w.u32le(fcs);
}

std::uint8_t wifi_channel(std::uint16_t mhz) {
  if (mhz == 2484) {
    return 14;
  }
  if (mhz >= 2412 && mhz < 2484) {
    return static_cast<std::uint8_t>((mhz - 2407) / 5);
  }
  if (mhz >= 5000) {
    return static_cast<std::uint8_t>((mhz - 5000) / 5);
  }
  return 0;
}

constexpr std::array<std::uint8_t, 6> kBroadcast = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
constexpr std::array<std::uint8_t, 6> kNanNetworkId = {0x51, 0x6F, 0x9A, 0x01, 0x00, 0x00};
constexpr std::array<std::uint8_t, 6> kNanClusterId = {0x50, 0x6F, 0x9A, 0x01, 0x00, 0xFF};
constexpr std::array<std::uint8_t, 6> kOdidServiceId = {0x88, 0x69, 0x19, 0x9D, 0x92, 0x09};

// The BLE service data AD: length, 0x16, UUID 0xFFFA (LE), app code 0x0D, then `body`.
void service_data(Writer& w, std::span<const std::byte> body) {
  w.u8(static_cast<std::uint32_t>(1 + 2 + 1 + body.size()));
  w.u8(0x16);
  w.u16le(0xFFFA);
  w.u8(0x0D);
  w.bytes(body);
}

void le_crc(std::vector<std::byte>& out, std::size_t pdu_start) {
  const std::uint32_t crc = ble_crc24(std::span<const std::byte>(out).subspan(pdu_start));
  Writer w(out);
  w.u8(crc);
  w.u8(crc >> 8U);
  w.u8(crc >> 16U);
}

// RF channel (0..39, 2402 + 2k MHz) of a BLE channel index.
std::uint8_t rf_channel(std::uint8_t index) {
  if (index == 37) {
    return 0;
  }
  if (index == 38) {
    return 12;
  }
  if (index == 39) {
    return 39;
  }
  return static_cast<std::uint8_t>(index <= 10 ? index + 1 : index + 2);
}

void phdr(Writer& w, const BleFrameParams& p, bool coded) {
  w.u8(rf_channel(p.channel));
  w.u8(static_cast<std::uint8_t>(p.rssi_dbm));
  w.u8(0x80);  // noise power: not valid
  w.u8(0);     // access address offenses
  w.u32le(kAdvertisingAccessAddress);
  // dewhitened, signal valid, reference AA valid, CRC checked, CRC valid; PHY in bits 14..15
  std::uint32_t flags = 0x0001U | 0x0002U | 0x0010U | 0x0400U | 0x0800U;
  if (coded) {
    flags |= 2U << 14U;
  }
  w.u16le(flags);
}

// nRF sniffer protocol version 3 header for an advertising packet of `le_len` bytes.
void nordic_header(Writer& w, const BleFrameParams& p, std::size_t le_len, bool coded) {
  w.u8(3);                                           // board ID
  w.u16le(static_cast<std::uint32_t>(10 + le_len));  // payload length: event packet + LE packet
  w.u8(3);                                           // protocol version
  w.u16le(0);                                        // packet counter
  w.u8(0x02);                                        // EVENT_PACKET_ADVERTISING
  w.u8(10);                                          // event packet header length
  w.u8(0x01U | (coded ? 0x20U : 0x00U));             // CRC OK, PHY (2 = coded) in bits 4..6
  w.u8(p.channel);
  w.u8(static_cast<std::uint32_t>(-static_cast<int>(p.rssi_dbm)));
  w.u16le(0);  // event counter
  w.u32le(0);  // firmware timestamp
}

}  // namespace

int link_type_of(BleLinkType t) {
  return t == BleLinkType::NordicBle ? kDltNordicBle : kDltBluetoothLeLlWithPhdr;
}

std::vector<std::byte> build_wifi_beacon(const WifiFrameParams& p, std::uint8_t counter,
                                         std::span<const Message> messages) {
  const auto c = container(counter, messages);
  if (messages.empty() || c.empty() || c.size() + 4 > 255) {
    return {};
  }
  std::vector<std::byte> out;
  out.reserve(64 + c.size());
  Writer w(out);
  radiotap(w, p, true);
  const std::size_t mac_start = w.size();
  mgmt_header(w, 8, kBroadcast, p.transmitter, p.transmitter.octets, p.sequence);
  w.u64le(p.tsf_us);
  w.u16le(p.beacon_interval_tu);
  w.u16le(0x0001U | 0x0020U | 0x0400U);  // ESS, short preamble, short slot time
  const std::size_t ssid_len = std::clamp<std::size_t>(p.ssid.size(), 1, 32);
  w.u8(0);  // SSID
  w.u8(static_cast<std::uint32_t>(ssid_len));
  for (std::size_t i = 0; i < ssid_len; ++i) {
    w.u8(i < p.ssid.size() ? static_cast<std::uint8_t>(p.ssid[i]) : std::uint8_t{' '});
  }
  w.u8(1);  // supported rates: 6 Mb/s (basic)
  w.u8(1);
  w.u8(0x8C);
  w.u8(3);  // DS parameter set: current channel
  w.u8(1);
  w.u8(wifi_channel(p.frequency_mhz));
  w.u8(221);  // vendor specific: ASD-STAN OUI, ODID type
  w.u8(static_cast<std::uint32_t>(4 + c.size()));
  w.u8(0xFA);
  w.u8(0x0B);
  w.u8(0xBC);
  w.u8(0x0D);
  w.bytes(c);
  finish_fcs(out, mac_start, p.with_fcs);
  return out;
}

std::vector<std::byte> build_wifi_nan(const WifiFrameParams& p, std::uint8_t counter,
                                      std::span<const Message> messages) {
  const auto c = container(counter, messages);
  if (messages.empty() || c.empty() || c.size() > 255) {
    return {};
  }
  std::vector<std::byte> out;
  out.reserve(64 + c.size());
  Writer w(out);
  radiotap(w, p, true);
  const std::size_t mac_start = w.size();
  mgmt_header(w, 13, kNanNetworkId, p.transmitter, kNanClusterId, p.sequence);
  w.u8(0x04);  // public action
  w.u8(0x09);  // vendor specific
  w.u8(0x50);
  w.u8(0x6F);
  w.u8(0x9A);
  w.u8(0x13);  // NAN
  // Service Descriptor attribute: ID, length, service ID, instance 1, requestor 0,
  // control 0x10 (publish, service info present), service info.
  w.u8(0x03);
  w.u16le(static_cast<std::uint32_t>(6 + 1 + 1 + 1 + 1 + c.size()));
  for (std::uint8_t o : kOdidServiceId) {
    w.u8(o);
  }
  w.u8(0x01);
  w.u8(0x00);
  w.u8(0x10);
  w.u8(static_cast<std::uint32_t>(c.size()));
  w.bytes(c);
  // Service Descriptor Extension attribute: instance 1, control 0x0200, update indicator.
  w.u8(0x0E);
  w.u16le(4);
  w.u8(0x01);
  w.u16le(0x0200);
  w.u8(counter);
  finish_fcs(out, mac_start, p.with_fcs);
  return out;
}

std::vector<std::byte> build_bt_legacy(const BleFrameParams& p, std::uint8_t counter,
                                       const Message& message) {
  const EncodedMessage m = encode_message(message);
  std::array<std::byte, 1 + kMessageSize> body{};
  body[0] = static_cast<std::byte>(counter);
  std::copy(m.begin(), m.end(), body.begin() + 1);
  std::vector<std::byte> out;
  out.reserve(10 + 4 + 2 + 37 + 3);
  Writer w(out);
  phdr(w, p, false);
  w.u32le(kAdvertisingAccessAddress);
  const std::size_t pdu = w.size();
  w.u8(0x02U | (p.random_address ? 0x40U : 0x00U));  // ADV_NONCONN_IND, TxAdd
  w.u8(static_cast<std::uint32_t>(6 + 5 + body.size()));
  w.mac_reversed(p.address);
  service_data(w, body);
  le_crc(out, pdu);
  return out;
}

std::vector<std::byte> build_bt5_long_range(const BleFrameParams& p, std::uint8_t counter,
                                            std::span<const Message> messages, BleLinkType link) {
  const auto c = container(counter, messages);
  if (messages.empty() || c.empty()) {
    return {};
  }
  // LE packet: AA, CI, header, extended header (AdvA + ADI), AdvData, CRC.
  std::vector<std::byte> le;
  Writer lw(le);
  lw.u32le(kAdvertisingAccessAddress);
  lw.u8(0x00);  // coding indicator: S=8
  const std::size_t pdu = lw.size();
  const std::size_t ad_len = 1 + 1 + 2 + 1 + c.size();
  const std::size_t payload_len = 1 + 9 + ad_len;
  if (payload_len > 255) {
    return {};
  }
  lw.u8(0x07U | (p.random_address ? 0x40U : 0x00U));  // AUX_ADV_IND
  lw.u8(static_cast<std::uint32_t>(payload_len));
  lw.u8(9);     // extended header length 9, AdvMode 0 (non-connectable, non-scannable)
  lw.u8(0x09);  // AdvA and ADI present
  lw.mac_reversed(p.address);
  lw.u16le(p.advertising_data_id & 0x0FFFU);  // DID, SID 0
  service_data(lw, c);
  le_crc(le, pdu);

  std::vector<std::byte> out;
  out.reserve(17 + le.size());
  Writer w(out);
  if (link == BleLinkType::NordicBle) {
    nordic_header(w, p, le.size(), true);
  } else {
    phdr(w, p, true);
  }
  w.bytes(le);
  return out;
}

}  // namespace dewline::ingest::remoteid
