// pcap_reader.hpp: frames from pcap and pcapng files, and from a live interface, through libpcap.
//
// The framing layer under ASTERIX-over-UDP and Remote ID captures: each frame comes with its link
// type (DLT_EN10MB, DLT_IEEE802_11_RADIO, DLT_NORDIC_BLE, ...), capture time and bytes. Protocol
// decoders peel the link, IP and UDP headers themselves (udp_payload() below for Ethernet/IP).
//
//   auto r = PcapReader::open_file("cat_034_048.pcap");
//   while (auto f = r->next()) { use(f->link_type, f->bytes); }
//   if (r->error()) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"

struct pcap;  // libpcap's handle (pcap_t)

namespace dewline::ingest {

struct PcapFrame {
  std::uint64_t number = 0;  // 1-based frame number in the capture (as Wireshark counts)
  int link_type = 0;         // DLT_* value of this frame's interface
  Time time;                 // capture timestamp (UTC)
  std::span<const std::byte> bytes;  // valid until the next call to next()
  std::uint32_t original_length = 0;  // length on the wire (bytes may be truncated by snaplen)
};

class PcapReader {
 public:
  static Result<PcapReader, std::string> open_file(const std::string& path);
  // Live capture from an interface (monitor mode for Wi-Fi must be set up beforehand); `filter`
  // is a BPF expression, may be empty.
  static Result<PcapReader, std::string> open_live(const std::string& interface,
                                                   const std::string& filter);
  PcapReader(PcapReader&& o) noexcept;
  PcapReader& operator=(PcapReader&& o) noexcept;
  PcapReader(const PcapReader&) = delete;
  PcapReader& operator=(const PcapReader&) = delete;
  ~PcapReader();

  // The next frame, or nullopt at the end of the file (or timeout for live capture) or on error.
  std::optional<PcapFrame> next();
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] int link_type() const;

 private:
  explicit PcapReader(pcap* p) : handle_(p) {}
  pcap* handle_ = nullptr;
  std::uint64_t count_ = 0;
  std::string error_;
};

// The UDP payload of an Ethernet (or Linux cooked, or raw IP) frame carrying IPv4/IPv6 UDP, with
// the ports; nullopt for anything else (not an error: other traffic is skipped).
struct UdpDatagram {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::span<const std::byte> payload;
};
[[nodiscard]] std::optional<UdpDatagram> udp_payload(int link_type,
                                                     std::span<const std::byte> frame);

}  // namespace dewline::ingest
