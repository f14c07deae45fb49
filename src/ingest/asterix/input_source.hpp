// input_source.hpp: where ASTERIX datagrams come from: a pcap/pcapng capture (UDP payloads of
// Ethernet / Linux cooked / raw IP frames, through ingest/pcap), a raw file of back-to-back data
// blocks (like cat048.raw), or a live UDP socket, unicast or multicast (through ingest/net).
//
// Each datagram comes with the time to date its records by (pcap capture time, or the receive
// time of a live datagram; none for raw files) and where it was (pcap frame number, or the
// offset of a raw chunk in its file, added to every reported offset).
//
//   auto src = open_asterix_source("cat_034_048.pcap", {});  // or "udp://239.1.2.3:4000"
//   while (auto d = (*src)->next()) decoder.decode(d->bytes, sink, d->base_offset);
//   if (!(*src)->error().empty()) ...
//
// A raw file is read whole (at most kMaxRawFileBytes) and handed out in chunks of whole blocks
// of at most 64 KiB; a chunk that starts with bytes that form no block runs up to the next chain
// of blocks, so the decoder reports that garbage once and resumes there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"

namespace dewline::ingest::asterix {

inline constexpr std::size_t kMaxRawFileBytes = std::size_t{256} << 20U;

struct Datagram {
  std::span<const std::byte> bytes;  // valid until the next call to next()
  std::optional<Time> capture_time;  // pcap timestamp or live receive time; none for raw files
  std::uint64_t frame = 0;           // pcap frame number (1-based); datagram count otherwise
  std::size_t base_offset = 0;       // raw file: offset of `bytes` in the file
};

class DatagramSource {
 public:
  DatagramSource() = default;
  DatagramSource(const DatagramSource&) = delete;
  DatagramSource& operator=(const DatagramSource&) = delete;
  virtual ~DatagramSource() = default;
  // The next datagram; nullopt at the end, on error (error() set) or, for live input, when
  // nothing arrived within the receive timeout (at_end() false).
  virtual std::optional<Datagram> next() = 0;
  [[nodiscard]] virtual bool at_end() const = 0;
  [[nodiscard]] virtual bool live() const { return false; }
  // Live UDP: the bound port (useful after binding port 0).
  [[nodiscard]] virtual std::optional<std::uint16_t> local_port() const { return std::nullopt; }
  [[nodiscard]] const std::string& error() const { return error_; }
  // pcap: frames that carried no UDP datagram (other traffic), or not to/from the port filter.
  [[nodiscard]] std::uint64_t skipped_frames() const { return skipped_; }

 protected:
  std::string error_;
  std::uint64_t skipped_ = 0;
};

struct SourceOptions {
  std::optional<std::uint16_t> udp_port;  // pcap: keep datagrams to or from this port only
  Duration receive_timeout = Duration::from_ms(200);  // live: how long next() waits
};

// `input`: a file path (pcap, pcapng or raw blocks, told apart by the file's magic number) or
// "udp://HOST:PORT" (HOST empty or "*" for any; a multicast group is joined), optionally with
// "?interface=IP" to join on a given interface.
Result<std::unique_ptr<DatagramSource>, std::string> open_asterix_source(const std::string& input,
                                                                         const SourceOptions& o);

}  // namespace dewline::ingest::asterix
