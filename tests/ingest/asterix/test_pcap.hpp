// test_pcap.hpp: writes UDP datagrams into a classic pcap file (Ethernet / IPv4 / UDP), so that
// encoder output and hand-made bad input can be dissected by tshark and read back by dewline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <span>
#include <vector>

namespace dewline::test {

inline constexpr std::size_t kUdpPayloadOffset = 42;  // Ethernet 14 + IPv4 20 + UDP 8

class PcapWriter {
 public:
  explicit PcapWriter(const std::filesystem::path& p) : out_(p, std::ios::binary) {
    put32(0xA1B2C3D4U);  // magic, microsecond timestamps
    put16(2);
    put16(4);
    put32(0);      // thiszone
    put32(0);      // sigfigs
    put32(65535);  // snaplen
    put32(1);      // DLT_EN10MB
  }

  // One frame carrying `payload` in a UDP datagram to 232.1.1.1:`port`, stamped `sec.usec`.
  void add(std::span<const std::byte> payload, std::uint32_t sec, std::uint32_t usec = 0,
           std::uint16_t port = 8600) {
    std::vector<std::uint8_t> f;
    const std::uint8_t eth[14] = {0x01, 0x00, 0x5e, 0x01, 0x01, 0x01, 0x02, 0, 0, 0, 0, 1, 0x08, 0};
    f.insert(f.end(), eth, eth + 14);
    const std::size_t ip_len = 20 + 8 + payload.size();
    const std::uint8_t ip[20] = {0x45,
                                 0,
                                 static_cast<std::uint8_t>(ip_len >> 8U),
                                 static_cast<std::uint8_t>(ip_len & 0xFFU),
                                 0,
                                 1,
                                 0x40,
                                 0,
                                 1,
                                 17,
                                 0,
                                 0,
                                 10,
                                 0,
                                 0,
                                 1,
                                 232,
                                 1,
                                 1,
                                 1};
    f.insert(f.end(), ip, ip + 20);
    const std::size_t udp_len = 8 + payload.size();
    const std::uint8_t udp[8] = {0x1f,
                                 0x90,
                                 static_cast<std::uint8_t>(port >> 8U),
                                 static_cast<std::uint8_t>(port & 0xFFU),
                                 static_cast<std::uint8_t>(udp_len >> 8U),
                                 static_cast<std::uint8_t>(udp_len & 0xFFU),
                                 0,
                                 0};
    f.insert(f.end(), udp, udp + 8);
    for (std::byte b : payload) {
      f.push_back(std::to_integer<std::uint8_t>(b));
    }
    put32(sec);
    put32(usec);
    put32(static_cast<std::uint32_t>(f.size()));
    put32(static_cast<std::uint32_t>(f.size()));
    out_.write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
  }
  void close() { out_.close(); }

 private:
  void put16(std::uint16_t v) { out_.write(reinterpret_cast<const char*>(&v), 2); }
  void put32(std::uint32_t v) { out_.write(reinterpret_cast<const char*>(&v), 4); }
  std::ofstream out_;
};

// Bytes from a list of small integers: bytes({0x30, 0x00, 0x05, ...}).
inline std::vector<std::byte> bytes(std::initializer_list<int> v) {
  std::vector<std::byte> out;
  out.reserve(v.size());
  for (int b : v) {
    out.push_back(static_cast<std::byte>(b & 0xFF));
  }
  return out;
}

}  // namespace dewline::test
