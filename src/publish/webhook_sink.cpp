#include "publish/webhook_sink.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/log.hpp"
#include "publish/alert_json.hpp"

namespace dewline::publish {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Url {
  std::string host;
  std::string port;
  std::string target;
};

Result<Url, std::string> parse_url(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) {
    return unexpected(fmt::format("webhook url \"{}\": only http:// is supported", url));
  }
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  Url u;
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos) {
    u.host = authority;
    u.port = "80";
  } else {
    u.host = authority.substr(0, colon);
    u.port = authority.substr(colon + 1);
    if (u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos) {
      return unexpected(fmt::format("webhook url \"{}\": bad port", url));
    }
  }
  if (u.host.empty()) {
    return unexpected(fmt::format("webhook url \"{}\": no host", url));
  }
  return u;
}

}  // namespace

WebhookSink::WebhookSink(WebhookConfig cfg, std::string host, std::string port, std::string target,
                         std::optional<EnuFrame> frame, Clock clock)
    : cfg_(std::move(cfg)),
      host_(std::move(host)),
      port_(std::move(port)),
      target_(std::move(target)),
      frame_(frame),
      clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] { return std::chrono::steady_clock::now(); };
  }
}

Result<std::unique_ptr<WebhookSink>, std::string> WebhookSink::open(WebhookConfig cfg,
                                                                    const EnuFrame* frame,
                                                                    Clock clock) {
  auto url = parse_url(cfg.url);
  if (!url) {
    return unexpected(url.error());
  }
  if (cfg.outbox.empty()) {
    return unexpected(std::string("webhook: an outbox file is required"));
  }
  std::optional<EnuFrame> f;
  if (frame != nullptr) {
    f = *frame;
  }
  std::unique_ptr<WebhookSink> s(
      new WebhookSink(cfg, url->host, url->port, url->target, f, std::move(clock)));
  std::error_code ec;
  if (std::filesystem::exists(cfg.outbox, ec)) {
    std::ifstream in(cfg.outbox);
    if (!in) {
      return unexpected(fmt::format("{}: cannot read the webhook outbox", cfg.outbox.string()));
    }
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) {
        s->pending_.push_back(line);
      }
    }
  } else {
    if (cfg.outbox.has_parent_path()) {
      std::filesystem::create_directories(cfg.outbox.parent_path(), ec);
    }
    std::ofstream create(cfg.outbox, std::ios::app);
    if (!create) {
      return unexpected(fmt::format("{}: cannot create the webhook outbox", cfg.outbox.string()));
    }
  }
  return s;
}

void WebhookSink::append_outbox(const std::string& line, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::app);
  out << line << '\n';
  out.flush();
  if (!out) {
    log().error("webhook: cannot append to {}; the alert is kept in memory only", path.string());
  }
}

void WebhookSink::rewrite_outbox() {
  const std::filesystem::path tmp = cfg_.outbox.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& b : pending_) {
      out << b << '\n';
    }
    out.flush();
    if (!out) {
      log().error("webhook: cannot write {}", tmp.string());
      return;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, cfg_.outbox, ec);
  if (ec) {
    log().error("webhook: cannot replace {}: {}", cfg_.outbox.string(), ec.message());
  }
}

void WebhookSink::publish(const AlertEvent& e) {
  publish_body(alert_to_jsonl(e, frame_ ? &*frame_ : nullptr));
}

void WebhookSink::publish_body(std::string body) {
  append_outbox(body, cfg_.outbox);
  pending_.push_back(std::move(body));
  poll();
}

WebhookSink::Outcome WebhookSink::post(const std::string& body) {
  ++stats_.attempts;
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  http::request<http::string_body> req{http::verb::post, target_, 11};
  req.set(http::field::host, host_);
  req.set(http::field::user_agent, "dewline");
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::response<http::string_body> res;
  beast::error_code failure;
  bool done = false;
  const auto timeout = std::chrono::milliseconds(std::llround(cfg_.timeout_s * 1000.0));

  // connect -> write -> read, each bounded by the stream's deadline (async: sync calls on a
  // beast::tcp_stream have no timeout).
  resolver.async_resolve(host_, port_, [&](beast::error_code ec, tcp::resolver::results_type r) {
    if (ec) {
      failure = ec;
      return;
    }
    stream.expires_after(timeout);
    stream.async_connect(r, [&](beast::error_code ec2, const tcp::endpoint&) {
      if (ec2) {
        failure = ec2;
        return;
      }
      stream.expires_after(timeout);
      http::async_write(stream, req, [&](beast::error_code ec3, std::size_t) {
        if (ec3) {
          failure = ec3;
          return;
        }
        stream.expires_after(timeout);
        http::async_read(stream, buffer, res, [&](beast::error_code ec4, std::size_t) {
          if (ec4) {
            failure = ec4;
            return;
          }
          done = true;
        });
      });
    });
  });
  ioc.run();
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  if (!done) {
    log().warn("webhook {}:{}{}: {}", host_, port_, target_, failure.message());
    return Outcome::Retry;
  }
  const unsigned code = res.result_int();
  if (code >= 200 && code < 300) {
    return Outcome::Delivered;
  }
  if (code >= 500 || code == 408 || code == 429) {
    log().warn("webhook {}:{}{}: HTTP {}", host_, port_, target_, code);
    return Outcome::Retry;
  }
  log().error("webhook {}:{}{}: HTTP {}: alert moved to {}.rejected", host_, port_, target_, code,
              cfg_.outbox.string());
  return Outcome::Rejected;
}

std::size_t WebhookSink::poll() {
  if (pending_.empty() || clock_() < next_attempt_) {
    return pending_.size();
  }
  bool changed = false;
  std::size_t sent = 0;
  while (!pending_.empty() && sent < cfg_.max_per_poll) {
    const Outcome o = post(pending_.front());
    if (o == Outcome::Retry) {
      ++stats_.failures;
      ++consecutive_failures_;
      const double backoff = std::min(
          cfg_.backoff_max_s,
          cfg_.backoff_initial_s *
              std::pow(2.0, static_cast<double>(std::min(consecutive_failures_, 30U) - 1)));
      next_attempt_ = clock_() + std::chrono::milliseconds(std::llround(backoff * 1000.0));
      break;
    }
    if (o == Outcome::Rejected) {
      append_outbox(pending_.front(), cfg_.outbox.string() + ".rejected");
      ++stats_.rejected;
    } else {
      ++stats_.delivered;
    }
    consecutive_failures_ = 0;
    pending_.pop_front();
    changed = true;
    ++sent;
  }
  if (changed) {
    rewrite_outbox();
  }
  return pending_.size();
}

}  // namespace dewline::publish
