// frame_source.hpp: where a Remote ID receiver's frames come from: a capture file, a live
// monitor-mode interface (libpcap), or the loopback UDP framing (loopback_link.hpp).
//
//   "capture.pcapng" or "pcap:capture.pcapng"   a pcap / pcapng file
//   "live:wlan0mon"                              live capture (monitor mode set up beforehand;
//                                               optional BPF filter)
//   "udp://127.0.0.1:4810"                       loopback datagrams (port 0 picks a free port)
//
// This is the wiring layer (it owns the reader or socket); the decoders never see it.
//
//   auto src = FrameSource::open("udp://127.0.0.1:0");
//   while (auto f = src->next(Duration::from_ms(500))) ingest.on_frame(f->link_type, ...);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/net/socket_io.hpp"
#include "ingest/pcap/pcap_reader.hpp"

namespace dewline::ingest::remoteid {

struct SourceFrame {
  std::uint64_t number = 0;  // 1-based, in arrival order
  int link_type = 0;
  Time time;
  std::span<const std::byte> bytes;  // valid until the next call to next()
  bool complete = true;              // false when the capture cut the frame (caplen < len)
};

class FrameSource {
 public:
  enum class Kind : std::uint8_t { File, Live, Udp };

  static Result<FrameSource, std::string> open(std::string_view spec,
                                               const std::string& bpf_filter = "");

  // The next frame; nullopt at end of file, on timeout (live / UDP) or on error (see error()).
  // Datagrams that are not loopback frames are counted and skipped.
  std::optional<SourceFrame> next(Duration timeout);
  // True once a file has been read to its end (never for live sources).
  [[nodiscard]] bool at_end() const { return at_end_; }
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] std::uint64_t bad_datagrams() const { return bad_datagrams_; }
  // UDP: the bound port (useful with port 0).
  [[nodiscard]] std::uint16_t local_port() const;

 private:
  FrameSource(Kind k, std::variant<PcapReader, UdpReceiver> s) : kind_(k), src_(std::move(s)) {}

  Kind kind_;
  std::variant<PcapReader, UdpReceiver> src_;
  std::uint64_t count_ = 0;
  std::uint64_t bad_datagrams_ = 0;
  bool at_end_ = false;
  std::string error_;
};

}  // namespace dewline::ingest::remoteid
