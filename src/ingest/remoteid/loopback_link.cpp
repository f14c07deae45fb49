#include "ingest/remoteid/loopback_link.hpp"

#include "ingest/remoteid/byte_reader.hpp"

namespace dewline::ingest::remoteid {

void encode_loopback(int link_type, Time t, std::span<const std::byte> frame,
                     std::vector<std::byte>& out) {
  out.clear();
  out.reserve(kLoopbackHeader + frame.size());
  for (std::uint8_t c : kLoopbackMagic) {
    out.push_back(static_cast<std::byte>(c));
  }
  out.push_back(static_cast<std::byte>(kLoopbackVersion));
  out.push_back(std::byte{0});
  const auto lt = static_cast<std::uint16_t>(link_type);
  out.push_back(static_cast<std::byte>(lt >> 8U));
  out.push_back(static_cast<std::byte>(lt & 0xFFU));
  const auto ns = static_cast<std::uint64_t>(t.ns);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::byte>((ns >> static_cast<unsigned>(shift)) & 0xFFU));
  }
  out.insert(out.end(), frame.begin(), frame.end());
}

Result<LoopbackFrame, std::string> decode_loopback(std::span<const std::byte> d) {
  if (d.size() < kLoopbackHeader) {
    return unexpected(std::string("short"));
  }
  for (std::size_t i = 0; i < kLoopbackMagic.size(); ++i) {
    if (byte_at(d, i) != kLoopbackMagic[i]) {
      return unexpected(std::string("magic"));
    }
  }
  if (byte_at(d, 4) != kLoopbackVersion) {
    return unexpected(std::string("version"));
  }
  ByteReader r(d);
  r.skip(6);
  LoopbackFrame f;
  f.link_type = r.u16be();
  std::uint64_t ns = 0;
  for (int i = 0; i < 8; ++i) {
    ns = (ns << 8U) | r.u8();
  }
  f.time = Time{static_cast<std::int64_t>(ns)};
  f.bytes = d.subspan(kLoopbackHeader);
  return f;
}

Result<LoopbackSender, std::string> LoopbackSender::open(const Endpoint& ep) {
  auto s = UdpSender::open(ep);
  if (!s) {
    return unexpected(s.error());
  }
  return LoopbackSender(std::move(*s));
}

Result<void, std::string> LoopbackSender::send(int link_type, Time t,
                                               std::span<const std::byte> frame) {
  encode_loopback(link_type, t, frame, buf_);
  return sender_.send(buf_);
}

}  // namespace dewline::ingest::remoteid
