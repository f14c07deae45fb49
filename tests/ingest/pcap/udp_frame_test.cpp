#include "ingest/pcap/udp_frame.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "ingest/pcap/pcap_reader.hpp"

namespace dewline::ingest {
namespace {

std::uint32_t ones_complement_sum(const std::vector<std::byte>& f, std::size_t from,
                                  std::size_t n) {
  std::uint32_t sum = 0;
  for (std::size_t i = from; i < from + n; i += 2) {
    sum += (std::to_integer<std::uint32_t>(f[i]) << 8U) | std::to_integer<std::uint32_t>(f[i + 1]);
  }
  while (sum > 0xFFFFU) {
    sum = (sum & 0xFFFFU) + (sum >> 16U);
  }
  return sum;
}

TEST(UdpFrame, UdpPayloadGivesBackThePortsAndThePayload) {
  const std::vector<std::byte> payload{std::byte{48}, std::byte{0}, std::byte{5}, std::byte{7},
                                       std::byte{9}};
  UdpFrameAddress addr;
  addr.src_port = 4000;
  addr.dst_port = 8600;
  std::vector<std::byte> frame;
  build_udp_frame(payload, addr, 7, frame);
  ASSERT_EQ(frame.size(), 14U + 20U + 8U + payload.size());
  const auto d = udp_payload(kLinkTypeEthernet, frame);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->src_port, 4000);
  EXPECT_EQ(d->dst_port, 8600);
  ASSERT_EQ(d->payload.size(), payload.size());
  EXPECT_TRUE(std::equal(payload.begin(), payload.end(), d->payload.begin()));
  // A valid IPv4 header sums to 0xFFFF with its checksum (RFC 1071).
  EXPECT_EQ(ones_complement_sum(frame, 14, 20), 0xFFFFU);
  // Multicast destination 232.1.1.1 -> MAC 01:00:5e:01:01:01 (RFC 1112 6.4).
  EXPECT_EQ(std::to_integer<int>(frame[0]), 0x01);
  EXPECT_EQ(std::to_integer<int>(frame[2]), 0x5e);
  EXPECT_EQ(std::to_integer<int>(frame[5]), 0x01);
}

TEST(UdpFrame, UnicastDestinationGetsAUnicastMac) {
  UdpFrameAddress addr;
  addr.dst_ip = {192, 168, 1, 20};
  std::vector<std::byte> frame;
  build_udp_frame({}, addr, 1, frame);
  EXPECT_EQ(std::to_integer<int>(frame[0]) & 1, 0);  // group bit clear
  EXPECT_TRUE(udp_payload(kLinkTypeEthernet, frame).has_value());
}

}  // namespace
}  // namespace dewline::ingest
