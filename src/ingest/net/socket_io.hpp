// socket_io.hpp: small blocking socket helpers on Boost.Asio for sensor inputs and peers: a UDP
// receiver (unicast, or multicast join), a TCP client with reconnect backoff, and a TCP listener.
// Every wait takes a timeout, so loops that use them are bounded in time.
//
//   auto ep = parse_endpoint("udp://239.1.2.3:4000");      // udp:// or tcp://HOST:PORT
//   auto rx = UdpReceiver::open(*ep);                      // joins the group when multicast
//   while (auto dgram = rx->receive(Duration::from_ms(500))) use(*dgram);
//
// These are the wiring layer (STYLE.md: threads and sockets live in one place per stage); the
// framers and decoders they feed never touch a socket.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace dewline::ingest {

struct Endpoint {
  enum class Scheme { Udp, Tcp };
  Scheme scheme = Scheme::Udp;
  std::string host;  // may be empty for "any"
  std::uint16_t port = 0;
};

// "udp://HOST:PORT", "tcp://HOST:PORT", "udp://:PORT". Error names what is wrong.
Result<Endpoint, std::string> parse_endpoint(std::string_view url);
[[nodiscard]] bool looks_like_url(std::string_view s);

class UdpReceiver {
 public:
  // Binds HOST:PORT (port 0 = any free port). A multicast HOST (224.0.0.0/4) is joined on
  // `interface_ip` (empty = default) and the socket is bound to the port on any address.
  static Result<UdpReceiver, std::string> open(const Endpoint& ep,
                                               const std::string& interface_ip = "");
  UdpReceiver(UdpReceiver&&) noexcept;
  UdpReceiver& operator=(UdpReceiver&&) noexcept;
  ~UdpReceiver();

  // One datagram, or nullopt on timeout or error (see error()). The span is valid until the
  // next call.
  std::optional<std::span<const std::byte>> receive(Duration timeout);
  [[nodiscard]] std::uint16_t local_port() const;
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  struct Impl;
  explicit UdpReceiver(std::unique_ptr<Impl> i);
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

// Sends datagrams (the simulator's ASTERIX emitter, tests).
class UdpSender {
 public:
  static Result<UdpSender, std::string> open(const Endpoint& ep);
  UdpSender(UdpSender&&) noexcept;
  UdpSender& operator=(UdpSender&&) noexcept;
  ~UdpSender();
  Result<void, std::string> send(std::span<const std::byte> datagram);

 private:
  struct Impl;
  explicit UdpSender(std::unique_ptr<Impl> i);
  std::unique_ptr<Impl> impl_;
};

// One TCP connection (either side).
class TcpConnection {
 public:
  TcpConnection(TcpConnection&&) noexcept;
  TcpConnection& operator=(TcpConnection&&) noexcept;
  ~TcpConnection();

  // Up to buf.size() bytes; 0 on timeout; nullopt when the peer closed or on error.
  std::optional<std::size_t> read_some(std::span<std::byte> buf, Duration timeout);
  Result<void, std::string> write_all(std::span<const std::byte> bytes);
  void close();
  [[nodiscard]] std::string remote() const;

  // Connects to HOST:PORT within `timeout`.
  static Result<TcpConnection, std::string> connect(const Endpoint& ep, Duration timeout);

 private:
  friend class TcpListener;
  struct Impl;
  explicit TcpConnection(std::unique_ptr<Impl> i);
  std::unique_ptr<Impl> impl_;
};

class TcpListener {
 public:
  static Result<TcpListener, std::string> open(const Endpoint& ep);
  TcpListener(TcpListener&&) noexcept;
  TcpListener& operator=(TcpListener&&) noexcept;
  ~TcpListener();
  // A new connection, or nullopt on timeout.
  std::optional<TcpConnection> accept(Duration timeout);
  [[nodiscard]] std::uint16_t local_port() const;

 private:
  struct Impl;
  explicit TcpListener(std::unique_ptr<Impl> i);
  std::unique_ptr<Impl> impl_;
};

// Exponential reconnect backoff: 0.5 s, 1 s, 2 s ... capped at `max`; reset() after success.
class Backoff {
 public:
  explicit Backoff(Duration initial = Duration::from_ms(500), Duration max = Duration::from_ms(30000))
      : initial_(initial), max_(max), next_(initial) {}
  Duration next() {
    const Duration d = next_;
    next_ = Duration{std::min(next_.ns * 2, max_.ns)};
    return d;
  }
  void reset() { next_ = initial_; }

 private:
  Duration initial_;
  Duration max_;
  Duration next_;
};

}  // namespace dewline::ingest
