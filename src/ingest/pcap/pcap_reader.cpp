#include "ingest/pcap/pcap_reader.hpp"

#include <pcap/pcap.h>

#include <utility>

namespace dewline::ingest {
namespace {

std::uint16_t be16(std::span<const std::byte> b, std::size_t off) {
  return static_cast<std::uint16_t>((std::to_integer<unsigned>(b[off]) << 8U) |
                                    std::to_integer<unsigned>(b[off + 1]));
}

}  // namespace

Result<PcapReader, std::string> PcapReader::open_file(const std::string& path) {
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap_t* p = pcap_open_offline(path.c_str(), err);
  if (p == nullptr) {
    return unexpected(std::string(err));
  }
  return PcapReader(p);
}

Result<PcapReader, std::string> PcapReader::open_live(const std::string& interface,
                                                      const std::string& filter) {
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap_t* p = pcap_open_live(interface.c_str(), 65535, 1, 200, err);
  if (p == nullptr) {
    return unexpected(std::string(err));
  }
  if (!filter.empty()) {
    bpf_program prog{};
    if (pcap_compile(p, &prog, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
        pcap_setfilter(p, &prog) != 0) {
      std::string e = pcap_geterr(p);
      pcap_close(p);
      return unexpected("filter \"" + filter + "\": " + e);
    }
    pcap_freecode(&prog);
  }
  return PcapReader(p);
}

PcapReader::PcapReader(PcapReader&& o) noexcept
    : handle_(std::exchange(o.handle_, nullptr)), count_(o.count_), error_(std::move(o.error_)) {}

PcapReader& PcapReader::operator=(PcapReader&& o) noexcept {
  if (this != &o) {
    if (handle_ != nullptr) {
      pcap_close(handle_);
    }
    handle_ = std::exchange(o.handle_, nullptr);
    count_ = o.count_;
    error_ = std::move(o.error_);
  }
  return *this;
}

PcapReader::~PcapReader() {
  if (handle_ != nullptr) {
    pcap_close(handle_);
  }
}

int PcapReader::link_type() const { return handle_ != nullptr ? pcap_datalink(handle_) : -1; }

std::optional<PcapFrame> PcapReader::next() {
  if (handle_ == nullptr) {
    return std::nullopt;
  }
  pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(handle_, &hdr, &data);
  if (rc == 1) {
    PcapFrame f;
    f.number = ++count_;
    // pcapng files may mix interfaces; libpcap reports the link type of the current one.
    f.link_type = pcap_datalink(handle_);
    f.time = Time::from_ns(static_cast<std::int64_t>(hdr->ts.tv_sec) * 1'000'000'000 +
                           static_cast<std::int64_t>(hdr->ts.tv_usec) * 1000);
    f.bytes = std::span<const std::byte>(reinterpret_cast<const std::byte*>(data), hdr->caplen);
    f.original_length = hdr->len;
    return f;
  }
  if (rc == PCAP_ERROR) {
    error_ = pcap_geterr(handle_);
  }
  return std::nullopt;  // 0: live timeout; PCAP_ERROR_BREAK: end of file
}

std::optional<UdpDatagram> udp_payload(int link_type, std::span<const std::byte> f) {
  std::size_t off = 0;
  std::uint16_t ethertype = 0;
  switch (link_type) {
    case DLT_EN10MB: {
      if (f.size() < 14) {
        return std::nullopt;
      }
      ethertype = be16(f, 12);
      off = 14;
      while (ethertype == 0x8100 || ethertype == 0x88A8) {  // 802.1Q / QinQ VLAN tags
        if (f.size() < off + 4) {
          return std::nullopt;
        }
        ethertype = be16(f, off + 2);
        off += 4;
      }
      break;
    }
    case DLT_LINUX_SLL:
      if (f.size() < 16) {
        return std::nullopt;
      }
      ethertype = be16(f, 14);
      off = 16;
      break;
    case DLT_RAW:
    case DLT_IPV4:
      if (f.empty()) {
        return std::nullopt;
      }
      ethertype = (std::to_integer<unsigned>(f[0]) >> 4U) == 6 ? 0x86DD : 0x0800;
      break;
    case DLT_NULL:
    case DLT_LOOP:
      if (f.size() < 4) {
        return std::nullopt;
      }
      off = 4;
      ethertype = (f.size() > 4 && (std::to_integer<unsigned>(f[4]) >> 4U) == 6) ? 0x86DD : 0x0800;
      break;
    default:
      return std::nullopt;
  }
  std::size_t udp = 0;
  if (ethertype == 0x0800) {
    if (f.size() < off + 20) {
      return std::nullopt;
    }
    const unsigned ihl = (std::to_integer<unsigned>(f[off]) & 0x0FU) * 4U;
    const unsigned proto = std::to_integer<unsigned>(f[off + 9]);
    const unsigned frag = be16(f, off + 6) & 0x1FFFU;
    if (proto != 17 || ihl < 20 || frag != 0) {
      return std::nullopt;
    }
    udp = off + ihl;
  } else if (ethertype == 0x86DD) {
    if (f.size() < off + 40 || std::to_integer<unsigned>(f[off + 6]) != 17) {
      return std::nullopt;  // extension headers are not followed
    }
    udp = off + 40;
  } else {
    return std::nullopt;
  }
  if (f.size() < udp + 8) {
    return std::nullopt;
  }
  const std::uint16_t len = be16(f, udp + 4);
  if (len < 8) {
    return std::nullopt;
  }
  const std::size_t end = std::min(f.size(), udp + len);
  UdpDatagram d;
  d.src_port = be16(f, udp);
  d.dst_port = be16(f, udp + 2);
  d.payload = f.subspan(udp + 8, end - (udp + 8));
  return d;
}

}  // namespace dewline::ingest
