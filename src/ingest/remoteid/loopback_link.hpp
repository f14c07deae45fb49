// loopback_link.hpp: captured frames over UDP, for live end-to-end runs without a radio.
//
// The simulator (or a test, or a remote sniffer) sends each captured frame as one UDP datagram;
// the receiver hands it to the same link-layer decoders as a pcap file or a monitor interface.
// Datagram layout (all integers big-endian):
//
//   offset  size  field
//   0       4     magic "DWRI" (0x44 0x57 0x52 0x49)
//   4       1     version = 1
//   5       1     reserved = 0
//   6       2     link type (DLT_*: 127 radiotap, 256 BLE LL + PHDR, 272 nRF sniffer, ...)
//   8       8     capture time, signed nanoseconds since 1970-01-01T00:00:00Z
//   16      n     the frame, exactly as a pcap record would hold it
//
// A datagram is at most 65507 bytes on IPv4, far above any Wi-Fi or BLE frame.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/net/socket_io.hpp"

namespace dewline::ingest::remoteid {

inline constexpr std::array<std::uint8_t, 4> kLoopbackMagic = {'D', 'W', 'R', 'I'};
inline constexpr std::uint8_t kLoopbackVersion = 1;
inline constexpr std::size_t kLoopbackHeader = 16;

struct LoopbackFrame {
  int link_type = 0;
  Time time;
  std::span<const std::byte> bytes;  // points into the datagram
};

// Writes header + frame into `out` (cleared first).
void encode_loopback(int link_type, Time t, std::span<const std::byte> frame,
                     std::vector<std::byte>& out);
// Parses a datagram; the error names what is wrong ("short", "magic", "version").
Result<LoopbackFrame, std::string> decode_loopback(std::span<const std::byte> datagram);

// Sends frames to a loopback receiver (the simulator's live Remote ID output).
class LoopbackSender {
 public:
  static Result<LoopbackSender, std::string> open(const Endpoint& ep);
  Result<void, std::string> send(int link_type, Time t, std::span<const std::byte> frame);

 private:
  explicit LoopbackSender(UdpSender s) : sender_(std::move(s)) {}
  UdpSender sender_;
  std::vector<std::byte> buf_;
};

}  // namespace dewline::ingest::remoteid
