#include "ingest/remoteid/frame_source.hpp"

#include "core/log.hpp"
#include "ingest/remoteid/loopback_link.hpp"

namespace dewline::ingest::remoteid {

Result<FrameSource, std::string> FrameSource::open(std::string_view spec,
                                                   const std::string& bpf_filter) {
  if (spec.starts_with("udp://")) {
    auto ep = parse_endpoint(spec);
    if (!ep) {
      return unexpected(ep.error());
    }
    auto rx = UdpReceiver::open(*ep);
    if (!rx) {
      return unexpected(rx.error());
    }
    return FrameSource(Kind::Udp, std::move(*rx));
  }
  if (spec.starts_with("live:")) {
    auto r = PcapReader::open_live(std::string(spec.substr(5)), bpf_filter);
    if (!r) {
      return unexpected(r.error());
    }
    return FrameSource(Kind::Live, std::move(*r));
  }
  std::string path(spec.starts_with("pcap:") ? spec.substr(5) : spec);
  auto r = PcapReader::open_file(path);
  if (!r) {
    return unexpected(r.error());
  }
  return FrameSource(Kind::File, std::move(*r));
}

std::uint16_t FrameSource::local_port() const {
  const auto* rx = std::get_if<UdpReceiver>(&src_);
  return rx != nullptr ? rx->local_port() : 0;
}

std::optional<SourceFrame> FrameSource::next(Duration timeout) {
  if (auto* reader = std::get_if<PcapReader>(&src_)) {
    auto f = reader->next();
    if (!f) {
      if (!reader->error().empty()) {
        error_ = reader->error();
      }
      at_end_ = kind_ == Kind::File;
      return std::nullopt;
    }
    ++count_;
    return SourceFrame{f->number, f->link_type, f->time, f->bytes,
                       f->original_length <= f->bytes.size()};
  }
  auto& rx = std::get<UdpReceiver>(src_);
  // Skip datagrams that are not loopback frames (bounded: at most 1024 per call).
  for (int attempts = 0; attempts < 1024; ++attempts) {
    auto d = rx.receive(timeout);
    if (!d) {
      if (!rx.error().empty()) {
        error_ = rx.error();
      }
      return std::nullopt;
    }
    auto lf = decode_loopback(*d);
    if (lf) {
      ++count_;
      return SourceFrame{count_, lf->link_type, lf->time, lf->bytes, true};
    }
    ++bad_datagrams_;
    if (bad_datagrams_ <= 5 || (bad_datagrams_ & (bad_datagrams_ - 1)) == 0) {
      log().warn("remoteid: udp datagram of {} bytes is not a loopback frame ({}), skipped",
                 d->size(), lf.error());
    }
  }
  return std::nullopt;
}

}  // namespace dewline::ingest::remoteid
