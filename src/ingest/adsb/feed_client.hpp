// feed_client.hpp: a TCP client of a dump1090 / readsb feed (Beast on port 30005, SBS on 30003
// by default) that connects, reads, and reconnects with exponential backoff (ingest/net Backoff:
// 0.5 s, 1 s, 2 s ... capped) when the feeder is down or drops the connection. The backoff
// resets once a connection delivers data. Every call returns within its timeout.
//
// This is the wiring layer: it owns the socket and reads the steady clock for its waits; the
// bytes it returns go to AdsbDecoder (Beast) or LineReader (SBS), which never see a socket.
//
//   FeedClient c({.endpoint = *parse_endpoint("tcp://127.0.0.1:30005")});
//   std::span<const std::byte> data;
//   switch (c.poll(Duration::from_ms(500), data)) {
//     case FeedClient::Event::Data: decoder.push_beast(data, now); break;
//     case FeedClient::Event::Connected: decoder.reset_stream(); break;  // fresh byte stream
//     default: break;
//   }
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "ingest/net/socket_io.hpp"

namespace dewline::ingest::adsb {

inline constexpr std::uint16_t kDefaultBeastPort = 30005;
inline constexpr std::uint16_t kDefaultSbsPort = 30003;

struct FeedClientConfig {
  Endpoint endpoint{};
  Duration connect_timeout = Duration::from_ms(2'000);
  Duration initial_backoff = Duration::from_ms(500);
  Duration max_backoff = Duration::from_ms(30'000);
  std::size_t read_size = 64 * 1024;
};

struct FeedClientStats {
  std::uint64_t connects = 0;
  std::uint64_t connect_failures = 0;
  std::uint64_t disconnects = 0;
  std::uint64_t bytes = 0;
};

class FeedClient {
 public:
  enum class Event {
    Data,          // `data` holds bytes read (valid until the next poll)
    Connected,     // a new connection: the byte stream starts afresh
    Disconnected,  // the feeder closed or the read failed; a reconnect is scheduled
    Idle,          // nothing within the timeout (also while waiting out a backoff)
  };

  explicit FeedClient(FeedClientConfig config);

  Event poll(Duration timeout, std::span<const std::byte>& data);
  void close();

  [[nodiscard]] bool connected() const { return conn_.has_value(); }
  [[nodiscard]] const FeedClientStats& stats() const { return stats_; }
  [[nodiscard]] const std::string& last_error() const { return last_error_; }

 private:
  using Clock = std::chrono::steady_clock;

  FeedClientConfig config_;
  Backoff backoff_;
  std::optional<TcpConnection> conn_;
  Clock::time_point next_attempt_{};
  bool data_since_connect_ = false;
  std::vector<std::byte> buf_;
  FeedClientStats stats_;
  std::string last_error_;
};

}  // namespace dewline::ingest::adsb
