// udp_frame.hpp: the inverse of udp_payload(): one UDP datagram wrapped as an Ethernet II frame
// (LINKTYPE_ETHERNET) with an IPv4 header (RFC 791, header checksum set) and a UDP header
// (RFC 768, checksum 0 = not computed), for writing simulated feeds to pcap files that tshark
// and our own readers open like a capture.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace dewline::ingest {

inline constexpr int kLinkTypeEthernet = 1;  // LINKTYPE_ETHERNET

struct UdpFrameAddress {
  std::array<std::uint8_t, 4> src_ip{10, 0, 0, 1};
  std::array<std::uint8_t, 4> dst_ip{232, 1, 1, 1};
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
};

// Writes the frame into `out` (cleared first). The destination MAC is the IPv4 multicast MAC
// (01:00:5e + the low 23 bits) for a multicast address, else a locally administered unicast one.
void build_udp_frame(std::span<const std::byte> payload, const UdpFrameAddress& addr,
                     std::uint16_t ip_id, std::vector<std::byte>& out);

}  // namespace dewline::ingest
