#include "sim/emit_common.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace dewline::sim {

std::filesystem::path per_sensor_path(const std::filesystem::path& base, const SensorInfo& sensor,
                                      std::size_t count) {
  if (count <= 1) {
    return base;
  }
  std::filesystem::path p = base;
  p.replace_filename(fmt::format("{}-{}{}", base.stem().string(), to_underlying(sensor.id),
                                 base.extension().string()));
  return p;
}

Result<ingest::Endpoint, std::string> host_port(std::string_view arg,
                                                ingest::Endpoint::Scheme scheme) {
  if (arg.empty() || arg.find(':') == std::string_view::npos) {
    return unexpected(fmt::format("expected HOST:PORT, got \"{}\"", arg));
  }
  const char* prefix = scheme == ingest::Endpoint::Scheme::Udp ? "udp://" : "tcp://";
  return ingest::parse_endpoint(fmt::format("{}{}", prefix, arg));
}

Result<void, std::string> ByteFile::open(const std::filesystem::path& path) {
  path_ = path;
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  file_.reset(std::fopen(path.c_str(), "wb"));
  if (!file_) {
    return unexpected(
        fmt::format("{}: cannot open for writing: {}", path.string(), std::strerror(errno)));
  }
  return {};
}

Result<void, std::string> ByteFile::write(std::span<const std::byte> bytes) {
  if (!file_ || std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size()) {
    return unexpected(fmt::format("{}: write failed", path_.string()));
  }
  return {};
}

Result<void, std::string> ByteFile::close() {
  if (!file_) {
    return {};
  }
  const bool ok = std::fclose(file_.release()) == 0;
  if (!ok) {
    return unexpected(fmt::format("{}: write failed", path_.string()));
  }
  return {};
}

Result<void, std::string> write_empty_pcap(const std::filesystem::path& p, int link_type) {
  std::vector<std::byte> h;
  auto put = [&h](std::uint32_t v, int n) {
    for (int i = 0; i < n; ++i) {
      h.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xFFU));
    }
  };
  put(0xA1B23C4DU, 4);
  put(2, 2);
  put(4, 2);
  put(0, 4);
  put(0, 4);
  put(65535, 4);
  put(static_cast<std::uint32_t>(link_type), 4);
  ByteFile f;
  if (auto r = f.open(p); !r) {
    return r;
  }
  if (auto r = f.write(h); !r) {
    return r;
  }
  return f.close();
}

}  // namespace dewline::sim
