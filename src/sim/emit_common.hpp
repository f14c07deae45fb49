// emit_common.hpp: small helpers shared by the protocol emitters (emit_*.cpp): output file names
// per sensor, HOST:PORT arguments, and a byte file.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/sensor.hpp"
#include "ingest/net/socket_io.hpp"

namespace dewline::sim {

// The file for one of `count` sensors writing to `base`: `base` itself when there is one sensor,
// else "<stem>-<sensor id><ext>" next to it (one Beast feed or capture per receiver).
[[nodiscard]] std::filesystem::path per_sensor_path(const std::filesystem::path& base,
                                                    const SensorInfo& sensor, std::size_t count);

// "HOST:PORT" -> an endpoint of `scheme`; the error names what is wrong.
[[nodiscard]] Result<ingest::Endpoint, std::string> host_port(std::string_view arg,
                                                              ingest::Endpoint::Scheme scheme);

// A pcap file with no frame: the 24-byte file header alone (tcpdump.org savefile format,
// nanosecond magic, version 2.4, snaplen 65535, `link_type`), little-endian as
// remoteid::CaptureWriter writes it (which writes the header only with the first frame).
Result<void, std::string> write_empty_pcap(const std::filesystem::path& path, int link_type);

// A binary output file, created with its parent directories.
class ByteFile {
 public:
  Result<void, std::string> open(const std::filesystem::path& path);
  Result<void, std::string> write(std::span<const std::byte> bytes);
  Result<void, std::string> close();

 private:
  struct Closer {
    void operator()(std::FILE* f) const {
      if (f != nullptr) {
        std::fclose(f);
      }
    }
  };
  std::filesystem::path path_;
  std::unique_ptr<std::FILE, Closer> file_;
};

}  // namespace dewline::sim
