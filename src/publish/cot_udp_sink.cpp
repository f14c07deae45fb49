#include "publish/cot_udp_sink.hpp"

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/multicast.hpp>
#include <boost/asio/ip/udp.hpp>

#include "core/log.hpp"
#include "publish/cot/cot_event.hpp"

namespace dewline::publish {

namespace asio = boost::asio;
using udp = asio::ip::udp;

struct CotUdpSink::Socket {
  asio::io_context ioc;
  udp::socket socket{ioc};
  udp::endpoint to;
};

CotUdpSink::CotUdpSink(CotUdpConfig cfg, EnuFrame site, std::unique_ptr<Socket> s)
    : cfg_(std::move(cfg)), site_(site), socket_(std::move(s)) {}

CotUdpSink::~CotUdpSink() = default;

Result<std::unique_ptr<CotUdpSink>, std::string> CotUdpSink::open(const CotUdpConfig& cfg,
                                                                  const EnuFrame& site) {
  auto s = std::make_unique<Socket>();
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(cfg.host, ec);
  if (ec) {
    return unexpected(fmt::format("cot: \"{}\" is not an IP address", cfg.host));
  }
  s->to = udp::endpoint(addr, cfg.port);
  s->socket.open(s->to.protocol(), ec);
  if (ec) {
    return unexpected(fmt::format("cot: cannot open a UDP socket: {}", ec.message()));
  }
  if (addr.is_multicast()) {
    s->socket.set_option(asio::ip::multicast::hops(cfg.multicast_ttl), ec);
    if (ec) {
      return unexpected(fmt::format("cot: cannot set the multicast TTL: {}", ec.message()));
    }
  }
  return std::unique_ptr<CotUdpSink>(new CotUdpSink(cfg, site, std::move(s)));
}

void CotUdpSink::publish(const AlertEvent& e) {
  const std::string xml =
      cot::encode_cot(cot::cot_from_alert(e, site_, Duration::from_seconds(cfg_.stale_s)));
  boost::system::error_code ec;
  socket_->socket.send_to(asio::buffer(xml), socket_->to, 0, ec);
  if (ec) {
    ++errors_;
    log().warn("cot: send to {}:{} failed: {}", cfg_.host, cfg_.port, ec.message());
    return;
  }
  ++sent_;
}

}  // namespace dewline::publish
