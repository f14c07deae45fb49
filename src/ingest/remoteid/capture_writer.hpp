// capture_writer.hpp: writes captured (or simulated) frames to pcap and pcapng files.
//
// - pcap (tcpdump.org "pcap savefile format"): one link type per file; nanosecond magic
//   0xA1B23C4D, little-endian, snaplen 65535.
// - pcapng (IETF draft-ietf-opsawg-pcapng): one Section Header Block, one Interface Description
//   Block per link type (created on first use, if_tsresol = 9: nanoseconds), then one Enhanced
//   Packet Block per frame. Lets a simulator put Wi-Fi and Bluetooth frames in one file.
// Both read back through PcapReader (libpcap) and tshark.
//
//   auto w = CaptureWriter::create("out.pcapng", CaptureFormat::Pcapng);
//   w->write(kDltIeee80211Radiotap, t, frame);
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace dewline::ingest::remoteid {

enum class CaptureFormat : std::uint8_t { Pcap, Pcapng };

class CaptureWriter {
 public:
  // pcap files take their link type from the first frame written.
  static Result<CaptureWriter, std::string> create(const std::filesystem::path& path,
                                                   CaptureFormat format);
  CaptureWriter(CaptureWriter&&) noexcept = default;
  CaptureWriter& operator=(CaptureWriter&&) noexcept = default;
  ~CaptureWriter();

  // Appends one frame. A pcap file refuses a second link type.
  Result<void, std::string> write(int link_type, Time t, std::span<const std::byte> frame);
  // Flushes and closes; further writes fail.
  Result<void, std::string> close();
  [[nodiscard]] std::uint64_t frames() const { return frames_; }

 private:
  struct FileCloser {
    void operator()(std::FILE* f) const {
      if (f != nullptr) {
        std::fclose(f);
      }
    }
  };
  CaptureWriter(std::unique_ptr<std::FILE, FileCloser> f, CaptureFormat format)
      : file_(std::move(f)), format_(format) {}
  Result<void, std::string> put(std::span<const std::byte> bytes);
  std::uint32_t interface_for(int link_type, bool& created);

  std::unique_ptr<std::FILE, FileCloser> file_;
  CaptureFormat format_;
  std::vector<int> interfaces_;  // pcapng: link type of each interface; pcap: the one link type
  std::vector<std::byte> buf_;
  std::uint64_t frames_ = 0;
};

}  // namespace dewline::ingest::remoteid
