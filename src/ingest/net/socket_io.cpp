#include "ingest/net/socket_io.hpp"

#include <poll.h>

#include <boost/asio.hpp>
#include <charconv>

namespace dewline::ingest {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

// Waits until the native socket is readable (or writable) or the timeout passes.
bool wait_ready(int fd, short events, Duration timeout) {
  pollfd p{fd, events, 0};
  const auto ms = static_cast<int>(std::max<std::int64_t>(0, timeout.ns / 1'000'000));
  return ::poll(&p, 1, ms) > 0;
}

Result<asio::ip::address, std::string> resolve_address(asio::io_context& io, const std::string& host,
                                                       bool passive) {
  if (host.empty() || host == "*") {
    return passive ? asio::ip::address(asio::ip::address_v4::any())
                   : asio::ip::address(asio::ip::address_v4::loopback());
  }
  boost::system::error_code ec;
  auto a = asio::ip::make_address(host, ec);
  if (!ec) {
    return a;
  }
  tcp::resolver res(io);
  auto r = res.resolve(host, "", ec);
  if (ec || r.empty()) {
    return unexpected("cannot resolve host \"" + host + "\"");
  }
  return r.begin()->endpoint().address();
}

}  // namespace

bool looks_like_url(std::string_view s) {
  return s.rfind("udp://", 0) == 0 || s.rfind("tcp://", 0) == 0;
}

Result<Endpoint, std::string> parse_endpoint(std::string_view url) {
  Endpoint ep;
  if (url.rfind("udp://", 0) == 0) {
    ep.scheme = Endpoint::Scheme::Udp;
  } else if (url.rfind("tcp://", 0) == 0) {
    ep.scheme = Endpoint::Scheme::Tcp;
  } else {
    return unexpected("\"" + std::string(url) + "\": expected udp://HOST:PORT or tcp://HOST:PORT");
  }
  std::string_view rest = url.substr(6);
  const auto colon = rest.rfind(':');
  if (colon == std::string_view::npos) {
    return unexpected("\"" + std::string(url) + "\": missing :PORT");
  }
  ep.host = std::string(rest.substr(0, colon));
  if (ep.host.size() >= 2 && ep.host.front() == '[' && ep.host.back() == ']') {
    ep.host = ep.host.substr(1, ep.host.size() - 2);
  }
  const std::string_view port = rest.substr(colon + 1);
  unsigned v = 0;
  auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), v);
  if (ec != std::errc() || p != port.data() + port.size() || v > 65535) {
    return unexpected("\"" + std::string(url) + "\": bad port \"" + std::string(port) + "\"");
  }
  ep.port = static_cast<std::uint16_t>(v);
  return ep;
}

// ---- UDP ------------------------------------------------------------------------------------

struct UdpReceiver::Impl {
  asio::io_context io;
  udp::socket sock{io};
  std::vector<std::byte> buf = std::vector<std::byte>(65536);
};

UdpReceiver::UdpReceiver(std::unique_ptr<Impl> i) : impl_(std::move(i)) {}
UdpReceiver::UdpReceiver(UdpReceiver&&) noexcept = default;
UdpReceiver& UdpReceiver::operator=(UdpReceiver&&) noexcept = default;
UdpReceiver::~UdpReceiver() = default;

Result<UdpReceiver, std::string> UdpReceiver::open(const Endpoint& ep,
                                                   const std::string& interface_ip) {
  auto impl = std::make_unique<Impl>();
  auto addr = resolve_address(impl->io, ep.host, true);
  if (!addr) {
    return unexpected(addr.error());
  }
  boost::system::error_code ec;
  const bool multicast = addr->is_multicast();
  const udp::endpoint local(multicast ? asio::ip::address(asio::ip::address_v4::any()) : *addr,
                            ep.port);
  impl->sock.open(local.protocol(), ec);
  if (!ec) {
    impl->sock.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    impl->sock.bind(local, ec);
  }
  if (!ec && multicast) {
    if (interface_ip.empty()) {
      impl->sock.set_option(asio::ip::multicast::join_group(*addr), ec);
    } else {
      impl->sock.set_option(asio::ip::multicast::join_group(
                                addr->to_v4(), asio::ip::make_address_v4(interface_ip, ec)),
                            ec);
    }
  }
  if (ec) {
    return unexpected("udp " + ep.host + ":" + std::to_string(ep.port) + ": " + ec.message());
  }
  return UdpReceiver(std::move(impl));
}

std::optional<std::span<const std::byte>> UdpReceiver::receive(Duration timeout) {
  if (!wait_ready(impl_->sock.native_handle(), POLLIN, timeout)) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  udp::endpoint from;
  const std::size_t n = impl_->sock.receive_from(
      asio::buffer(impl_->buf.data(), impl_->buf.size()), from, 0, ec);
  if (ec) {
    error_ = ec.message();
    return std::nullopt;
  }
  return std::span<const std::byte>(impl_->buf.data(), n);
}

std::uint16_t UdpReceiver::local_port() const {
  boost::system::error_code ec;
  return impl_->sock.local_endpoint(ec).port();
}

struct UdpSender::Impl {
  asio::io_context io;
  udp::socket sock{io};
  udp::endpoint to;
};

UdpSender::UdpSender(std::unique_ptr<Impl> i) : impl_(std::move(i)) {}
UdpSender::UdpSender(UdpSender&&) noexcept = default;
UdpSender& UdpSender::operator=(UdpSender&&) noexcept = default;
UdpSender::~UdpSender() = default;

Result<UdpSender, std::string> UdpSender::open(const Endpoint& ep) {
  auto impl = std::make_unique<Impl>();
  auto addr = resolve_address(impl->io, ep.host, false);
  if (!addr) {
    return unexpected(addr.error());
  }
  impl->to = udp::endpoint(*addr, ep.port);
  boost::system::error_code ec;
  impl->sock.open(impl->to.protocol(), ec);
  if (!ec && addr->is_multicast()) {
    impl->sock.set_option(asio::ip::multicast::enable_loopback(true), ec);
  }
  if (ec) {
    return unexpected(ec.message());
  }
  return UdpSender(std::move(impl));
}

Result<void, std::string> UdpSender::send(std::span<const std::byte> datagram) {
  boost::system::error_code ec;
  impl_->sock.send_to(asio::buffer(datagram.data(), datagram.size()), impl_->to, 0, ec);
  if (ec) {
    return unexpected(ec.message());
  }
  return {};
}

// ---- TCP ------------------------------------------------------------------------------------

struct TcpConnection::Impl {
  asio::io_context io;
  tcp::socket sock{io};
};

TcpConnection::TcpConnection(std::unique_ptr<Impl> i) : impl_(std::move(i)) {}
TcpConnection::TcpConnection(TcpConnection&&) noexcept = default;
TcpConnection& TcpConnection::operator=(TcpConnection&&) noexcept = default;
TcpConnection::~TcpConnection() = default;

Result<TcpConnection, std::string> TcpConnection::connect(const Endpoint& ep, Duration timeout) {
  auto impl = std::make_unique<Impl>();
  auto addr = resolve_address(impl->io, ep.host, false);
  if (!addr) {
    return unexpected(addr.error());
  }
  boost::system::error_code ec;
  bool done = false;
  impl->sock.async_connect(tcp::endpoint(*addr, ep.port),
                           [&](const boost::system::error_code& e) {
                             ec = e;
                             done = true;
                           });
  impl->io.run_for(std::chrono::nanoseconds(timeout.ns));
  if (!done) {
    impl->sock.close();
    return unexpected("tcp " + ep.host + ":" + std::to_string(ep.port) + ": connect timed out");
  }
  if (ec) {
    return unexpected("tcp " + ep.host + ":" + std::to_string(ep.port) + ": " + ec.message());
  }
  impl->io.restart();
  return TcpConnection(std::move(impl));
}

std::optional<std::size_t> TcpConnection::read_some(std::span<std::byte> buf, Duration timeout) {
  if (!impl_ || !impl_->sock.is_open()) {
    return std::nullopt;
  }
  if (!wait_ready(impl_->sock.native_handle(), POLLIN, timeout)) {
    return 0;
  }
  boost::system::error_code ec;
  const std::size_t n = impl_->sock.read_some(asio::buffer(buf.data(), buf.size()), ec);
  if (ec) {
    return std::nullopt;
  }
  return n;
}

Result<void, std::string> TcpConnection::write_all(std::span<const std::byte> bytes) {
  boost::system::error_code ec;
  asio::write(impl_->sock, asio::buffer(bytes.data(), bytes.size()), ec);
  if (ec) {
    return unexpected(ec.message());
  }
  return {};
}

void TcpConnection::close() {
  if (impl_) {
    boost::system::error_code ec;
    impl_->sock.shutdown(tcp::socket::shutdown_both, ec);
    impl_->sock.close(ec);
  }
}

std::string TcpConnection::remote() const {
  boost::system::error_code ec;
  const auto ep = impl_->sock.remote_endpoint(ec);
  return ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

struct TcpListener::Impl {
  asio::io_context io;
  tcp::acceptor acc{io};
};

TcpListener::TcpListener(std::unique_ptr<Impl> i) : impl_(std::move(i)) {}
TcpListener::TcpListener(TcpListener&&) noexcept = default;
TcpListener& TcpListener::operator=(TcpListener&&) noexcept = default;
TcpListener::~TcpListener() = default;

Result<TcpListener, std::string> TcpListener::open(const Endpoint& ep) {
  auto impl = std::make_unique<Impl>();
  auto addr = resolve_address(impl->io, ep.host, true);
  if (!addr) {
    return unexpected(addr.error());
  }
  boost::system::error_code ec;
  const tcp::endpoint local(*addr, ep.port);
  impl->acc.open(local.protocol(), ec);
  if (!ec) {
    impl->acc.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    impl->acc.bind(local, ec);
  }
  if (!ec) {
    impl->acc.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return unexpected("tcp listen " + ep.host + ":" + std::to_string(ep.port) + ": " +
                      ec.message());
  }
  return TcpListener(std::move(impl));
}

std::optional<TcpConnection> TcpListener::accept(Duration timeout) {
  if (!wait_ready(impl_->acc.native_handle(), POLLIN, timeout)) {
    return std::nullopt;
  }
  auto conn = std::make_unique<TcpConnection::Impl>();
  boost::system::error_code ec;
  impl_->acc.accept(conn->sock, ec);
  if (ec) {
    return std::nullopt;
  }
  return TcpConnection(std::move(conn));
}

std::uint16_t TcpListener::local_port() const {
  boost::system::error_code ec;
  return impl_->acc.local_endpoint(ec).port();
}

}  // namespace dewline::ingest
