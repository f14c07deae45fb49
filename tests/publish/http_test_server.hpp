// http_test_server.hpp: a tiny HTTP/1.1 server on 127.0.0.1, port 0, for the webhook tests. It
// answers each request with the next status of a script (then 200), records the bodies it
// accepted with 2xx, and stops when asked. One connection at a time, one request per connection.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace dewline::publish::test {

class HttpTestServer {
 public:
  explicit HttpTestServer(std::deque<unsigned> statuses = {})
      : statuses_(std::move(statuses)),
        acceptor_(ioc_,
                  boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~HttpTestServer() { stop(); }

  void stop() {
    if (stopped_.exchange(true)) {
      return;
    }
    // Wake the blocking accept with a connection of our own.
    boost::system::error_code ec;
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket s(ioc);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    thread_.join();
  }
  [[nodiscard]] unsigned short port() const { return port_; }
  [[nodiscard]] std::vector<std::string> accepted() const {
    std::lock_guard<std::mutex> lock(mu_);
    return accepted_;
  }
  [[nodiscard]] std::size_t requests() const { return requests_.load(); }

 private:
  void serve() {
    namespace http = boost::beast::http;
    while (!stopped_.load()) {
      boost::system::error_code ec;
      boost::asio::ip::tcp::socket sock(ioc_);
      acceptor_.accept(sock, ec);
      if (ec || stopped_.load()) {
        break;
      }
      boost::beast::flat_buffer buf;
      http::request<http::string_body> req;
      http::read(sock, buf, req, ec);
      if (ec) {
        continue;
      }
      ++requests_;
      unsigned status = 200;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!statuses_.empty()) {
          status = statuses_.front();
          statuses_.pop_front();
        }
        if (status >= 200 && status < 300) {
          accepted_.push_back(req.body());
        }
      }
      http::response<http::string_body> res{static_cast<http::status>(status), 11};
      res.set(http::field::content_type, "text/plain");
      res.body() = "ok";
      res.prepare_payload();
      http::write(sock, res, ec);
      sock.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
  }

  std::deque<unsigned> statuses_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  std::atomic<std::size_t> requests_{0};
  mutable std::mutex mu_;
  std::vector<std::string> accepted_;
};

}  // namespace dewline::publish::test
