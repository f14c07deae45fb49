#include "ingest/pcap/udp_frame.hpp"

namespace dewline::ingest {

void build_udp_frame(std::span<const std::byte> payload, const UdpFrameAddress& addr,
                     std::uint16_t ip_id, std::vector<std::byte>& out) {
  out.clear();
  auto put8 = [&out](unsigned v) { out.push_back(static_cast<std::byte>(v & 0xFFU)); };
  auto put16 = [&put8](unsigned v) {
    put8(v >> 8U);
    put8(v);
  };
  const auto& d = addr.dst_ip;
  if (d[0] >= 224 && d[0] <= 239) {  // RFC 1112 section 6.4
    for (unsigned m : {0x01U, 0x00U, 0x5eU, d[1] & 0x7FU, unsigned{d[2]}, unsigned{d[3]}}) {
      put8(m);
    }
  } else {
    for (unsigned m : {0x02U, 0x00U, 0x00U, 0x00U, 0x00U, 0x02U}) {
      put8(m);
    }
  }
  for (unsigned m : {0x02U, 0x00U, 0x00U, 0x00U, 0x00U, 0x01U}) {
    put8(m);
  }
  put16(0x0800);  // IPv4
  const std::size_t ip_start = out.size();
  put8(0x45);  // version 4, 20-byte header
  put8(0);
  put16(static_cast<unsigned>(20 + 8 + payload.size()));
  put16(ip_id);
  put16(0x4000);  // don't fragment
  put8(1);        // TTL
  put8(17);       // UDP
  put16(0);       // header checksum, below
  for (std::uint8_t o : addr.src_ip) {
    put8(o);
  }
  for (std::uint8_t o : addr.dst_ip) {
    put8(o);
  }
  std::uint32_t sum = 0;
  for (std::size_t i = ip_start; i < ip_start + 20; i += 2) {
    sum +=
        (std::to_integer<std::uint32_t>(out[i]) << 8U) | std::to_integer<std::uint32_t>(out[i + 1]);
  }
  while (sum > 0xFFFFU) {
    sum = (sum & 0xFFFFU) + (sum >> 16U);
  }
  const auto csum = static_cast<std::uint16_t>(~sum & 0xFFFFU);
  out[ip_start + 10] = static_cast<std::byte>(csum >> 8U);
  out[ip_start + 11] = static_cast<std::byte>(csum & 0xFFU);
  put16(addr.src_port);
  put16(addr.dst_port);
  put16(static_cast<unsigned>(8 + payload.size()));
  put16(0);  // UDP checksum: none
  out.insert(out.end(), payload.begin(), payload.end());
}

}  // namespace dewline::ingest
