#include "ingest/adsb/feed_client.hpp"

#include <algorithm>
#include <thread>

namespace dewline::ingest::adsb {
namespace {

std::chrono::nanoseconds to_chrono(Duration d) { return std::chrono::nanoseconds(d.ns); }
Duration from_chrono(std::chrono::nanoseconds d) { return Duration::from_ns(d.count()); }

}  // namespace

FeedClient::FeedClient(FeedClientConfig config)
    : config_(std::move(config)),
      backoff_(config_.initial_backoff, config_.max_backoff),
      buf_(std::max<std::size_t>(config_.read_size, 256)) {}

void FeedClient::close() {
  if (conn_) {
    conn_->close();
    conn_.reset();
  }
}

FeedClient::Event FeedClient::poll(Duration timeout, std::span<const std::byte>& data) {
  const auto deadline = Clock::now() + to_chrono(timeout);
  for (;;) {
    const auto now = Clock::now();
    if (!conn_) {
      if (now < next_attempt_) {
        if (now >= deadline) {
          return Event::Idle;
        }
        std::this_thread::sleep_until(std::min(deadline, next_attempt_));
        continue;
      }
      const auto left = std::max<std::chrono::nanoseconds>(deadline - now, std::chrono::milliseconds(1));
      const Duration attempt = from_chrono(std::min(to_chrono(config_.connect_timeout), left));
      auto c = TcpConnection::connect(config_.endpoint, attempt);
      if (c) {
        conn_.emplace(std::move(*c));
        ++stats_.connects;
        data_since_connect_ = false;
        return Event::Connected;
      }
      ++stats_.connect_failures;
      last_error_ = c.error();
      next_attempt_ = Clock::now() + to_chrono(backoff_.next());
      if (Clock::now() >= deadline) {
        return Event::Idle;
      }
      continue;
    }
    if (now >= deadline) {
      return Event::Idle;
    }
    const auto n = conn_->read_some(std::span<std::byte>(buf_), from_chrono(deadline - now));
    if (!n) {
      conn_->close();
      conn_.reset();
      ++stats_.disconnects;
      last_error_ = "connection closed by the feeder";
      next_attempt_ = Clock::now() + to_chrono(backoff_.next());
      return Event::Disconnected;
    }
    if (*n == 0) {
      return Event::Idle;
    }
    if (!data_since_connect_) {
      data_since_connect_ = true;
      backoff_.reset();
    }
    stats_.bytes += *n;
    data = std::span<const std::byte>(buf_.data(), *n);
    return Event::Data;
  }
}

}  // namespace dewline::ingest::adsb
