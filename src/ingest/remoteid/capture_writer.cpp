#include "ingest/remoteid/capture_writer.hpp"

#include <algorithm>

namespace dewline::ingest::remoteid {
namespace {

void put16(std::vector<std::byte>& b, std::uint32_t v) {
  b.push_back(static_cast<std::byte>(v & 0xFFU));
  b.push_back(static_cast<std::byte>((v >> 8U) & 0xFFU));
}
void put32(std::vector<std::byte>& b, std::uint32_t v) {
  put16(b, v & 0xFFFFU);
  put16(b, v >> 16U);
}
void pad4(std::vector<std::byte>& b) {
  while (b.size() % 4 != 0) {
    b.push_back(std::byte{0});
  }
}

constexpr std::uint32_t kSnaplen = 65535;

}  // namespace

Result<CaptureWriter, std::string> CaptureWriter::create(const std::filesystem::path& path,
                                                         CaptureFormat format) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "wb"));
  if (!f) {
    return unexpected("cannot create " + path.string());
  }
  CaptureWriter w(std::move(f), format);
  if (format == CaptureFormat::Pcapng) {
    // Section Header Block: type, length, byte-order magic, version 1.0, section length -1.
    std::vector<std::byte> shb;
    put32(shb, 0x0A0D0D0AU);
    put32(shb, 28);
    put32(shb, 0x1A2B3C4DU);
    put16(shb, 1);
    put16(shb, 0);
    put32(shb, 0xFFFFFFFFU);
    put32(shb, 0xFFFFFFFFU);
    put32(shb, 28);
    if (auto r = w.put(shb); !r) {
      return unexpected(r.error());
    }
  }
  return w;
}

CaptureWriter::~CaptureWriter() = default;

Result<void, std::string> CaptureWriter::put(std::span<const std::byte> bytes) {
  if (!file_) {
    return unexpected(std::string("capture file is closed"));
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size()) {
    return unexpected(std::string("write failed"));
  }
  return {};
}

Result<void, std::string> CaptureWriter::write(int link_type, Time t,
                                               std::span<const std::byte> frame) {
  if (frame.size() > kSnaplen) {
    return unexpected(std::string("frame longer than the snapshot length"));
  }
  const auto len = static_cast<std::uint32_t>(frame.size());
  const auto lt = static_cast<std::uint32_t>(link_type);
  buf_.clear();
  if (format_ == CaptureFormat::Pcap) {
    if (interfaces_.empty()) {
      interfaces_.push_back(link_type);
      put32(buf_, 0xA1B23C4DU);  // nanosecond-resolution magic
      put16(buf_, 2);
      put16(buf_, 4);
      put32(buf_, 0);  // thiszone
      put32(buf_, 0);  // sigfigs
      put32(buf_, kSnaplen);
      put32(buf_, lt);
    } else if (interfaces_.front() != link_type) {
      return unexpected(std::string("a pcap file holds one link type; use pcapng"));
    }
    const std::int64_t s = t.ns >= 0 ? t.ns / 1'000'000'000 : (t.ns - 999'999'999) / 1'000'000'000;
    const std::int64_t ns = t.ns - s * 1'000'000'000;
    put32(buf_, static_cast<std::uint32_t>(s));
    put32(buf_, static_cast<std::uint32_t>(ns));
    put32(buf_, len);
    put32(buf_, len);
    buf_.insert(buf_.end(), frame.begin(), frame.end());
  } else {
    bool created = false;
    const std::uint32_t iface = interface_for(link_type, created);
    if (created) {
      // Interface Description Block with if_tsresol (9) = 9 (nanoseconds).
      put32(buf_, 0x00000001U);
      put32(buf_, 32);
      put16(buf_, lt);
      put16(buf_, 0);
      put32(buf_, kSnaplen);
      put16(buf_, 9);  // if_tsresol
      put16(buf_, 1);
      buf_.push_back(std::byte{9});
      pad4(buf_);
      put16(buf_, 0);  // opt_endofopt
      put16(buf_, 0);
      put32(buf_, 32);
    }
    const std::size_t padded = (frame.size() + 3U) & ~std::size_t{3};
    const auto block_len = static_cast<std::uint32_t>(32 + padded);
    const auto ts = static_cast<std::uint64_t>(t.ns);
    put32(buf_, 0x00000006U);
    put32(buf_, block_len);
    put32(buf_, iface);
    put32(buf_, static_cast<std::uint32_t>(ts >> 32U));
    put32(buf_, static_cast<std::uint32_t>(ts & 0xFFFFFFFFU));
    put32(buf_, len);
    put32(buf_, len);
    buf_.insert(buf_.end(), frame.begin(), frame.end());
    pad4(buf_);
    put32(buf_, block_len);
  }
  if (auto r = put(buf_); !r) {
    return r;
  }
  ++frames_;
  return {};
}

std::uint32_t CaptureWriter::interface_for(int link_type, bool& created) {
  auto it = std::find(interfaces_.begin(), interfaces_.end(), link_type);
  if (it != interfaces_.end()) {
    created = false;
    return static_cast<std::uint32_t>(it - interfaces_.begin());
  }
  interfaces_.push_back(link_type);
  created = true;
  return static_cast<std::uint32_t>(interfaces_.size() - 1);
}

Result<void, std::string> CaptureWriter::close() {
  if (!file_) {
    return unexpected(std::string("capture file is closed"));
  }
  std::FILE* f = file_.release();
  if (std::fclose(f) != 0) {
    return unexpected(std::string("close failed"));
  }
  return {};
}

}  // namespace dewline::ingest::remoteid
