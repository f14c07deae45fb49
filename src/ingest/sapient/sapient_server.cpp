#include "ingest/sapient/sapient_server.hpp"

#include <atomic>
#include <list>
#include <mutex>
#include <thread>

#include "core/log.hpp"
#include "ingest/net/socket_io.hpp"

namespace dewline::ingest::sapient {
namespace {

constexpr Duration kPoll = Duration::from_ms(100);
constexpr std::size_t kReadChunk = 64 * 1024;

Time wall_clock_now() {
  // The receive time of live input is the wall clock; detections keep their own time.
  return Time{std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count()};
}

}  // namespace

struct SapientServer::Impl {
  Impl(SapientConfig c, const EnuFrame& site, DetectionSink* s, TcpListener l)
      : ingest(std::move(c), site), sink(s), listener(std::move(l)) {}

  struct Conn {
    std::thread thread;
    std::atomic<bool> done{false};
  };

  mutable std::mutex mu;  // guards ingest
  SapientIngest ingest;
  DetectionSink* sink;
  TcpListener listener;
  std::atomic<bool> running{true};
  std::atomic<std::size_t> open{0};
  std::atomic<std::uint64_t> oversize{0};
  std::thread acceptor;
  std::list<Conn> conns;  // touched by the acceptor thread and stop() only

  void accept_loop() {
    while (running.load()) {
      // Join connections that ended.
      for (auto it = conns.begin(); it != conns.end();) {
        if (it->done.load()) {
          it->thread.join();
          it = conns.erase(it);
        } else {
          ++it;
        }
      }
      std::optional<TcpConnection> c = listener.accept(kPoll);
      if (!c) {
        continue;
      }
      if (open.load() >= ingest.config().max_nodes) {
        log().warn("sapient: refusing connection from {}: {} connections open", c->remote(),
                   open.load());
        c->close();
        continue;
      }
      conns.emplace_back();
      Conn& slot = conns.back();
      ++open;
      slot.thread = std::thread([this, &slot, conn = std::move(*c)]() mutable {
        serve(std::move(conn));
        --open;
        slot.done.store(true);
      });
    }
  }

  void serve(TcpConnection conn) {
    const std::string peer = conn.remote();
    log().info("sapient: connection from {}", peer);
    SapientSession session(ingest, peer);
    SessionOutput out;
    std::vector<std::byte> buf(kReadChunk);
    while (running.load()) {
      const auto n = conn.read_some(buf, kPoll);
      out.clear();
      if (!n) {
        std::lock_guard<std::mutex> lock(mu);
        session.on_end(out);
        break;
      }
      if (*n == 0) {
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        session.on_bytes(std::span<const std::byte>(buf.data(), *n), wall_clock_now(), out);
      }
      if (!out.replies.empty()) {
        if (auto w = conn.write_all(out.replies); !w) {
          log().warn("sapient {}: write failed: {}", peer, w.error());
          break;
        }
      }
      if (sink != nullptr) {
        for (const auto& d : out.detections) {
          sink->on_detection(d);
        }
      }
      if (out.close) {
        ++oversize;
        log().warn("sapient {}: closing the connection: {}", peer,
                   out.errors.empty() ? std::string("framing error") : out.errors.back().message());
        break;
      }
    }
    conn.close();
    log().info("sapient: connection from {} closed", peer);
  }
};

SapientServer::SapientServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SapientServer::~SapientServer() { stop(); }

Result<std::unique_ptr<SapientServer>, std::string> SapientServer::start(SapientConfig cfg,
                                                                         const EnuFrame& site,
                                                                         DetectionSink* sink) {
  auto ep = parse_endpoint(cfg.listen);
  if (!ep) {
    return unexpected("sapient.listen: " + ep.error());
  }
  if (ep->scheme != Endpoint::Scheme::Tcp) {
    return unexpected(std::string("sapient.listen: SAPIENT runs over TCP (tcp://HOST:PORT)"));
  }
  auto listener = TcpListener::open(*ep);
  if (!listener) {
    return unexpected(listener.error());
  }
  auto impl = std::make_unique<Impl>(std::move(cfg), site, sink, std::move(*listener));
  Impl* raw = impl.get();
  raw->acceptor = std::thread([raw] { raw->accept_loop(); });
  return std::unique_ptr<SapientServer>(new SapientServer(std::move(impl)));
}

std::uint16_t SapientServer::port() const { return impl_->listener.local_port(); }

void SapientServer::stop() {
  if (!impl_ || !impl_->running.exchange(false)) {
    return;
  }
  if (impl_->acceptor.joinable()) {
    impl_->acceptor.join();
  }
  for (auto& c : impl_->conns) {
    if (c.thread.joinable()) {
      c.thread.join();
    }
  }
  impl_->conns.clear();
}

std::vector<NodeState> SapientServer::nodes() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<NodeState> out;
  for (const auto& [id, n] : impl_->ingest.nodes().nodes()) {
    out.push_back(n);
  }
  return out;
}

std::vector<SensorAlert> SapientServer::alerts() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return {impl_->ingest.alerts().begin(), impl_->ingest.alerts().end()};
}

RejectCounter SapientServer::rejects() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->ingest.rejects();
}

std::uint64_t SapientServer::detections() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->ingest.detections();
}

std::size_t SapientServer::open_connections() const { return impl_->open.load(); }

std::uint64_t SapientServer::closed_for_oversize() const { return impl_->oversize.load(); }

}  // namespace dewline::ingest::sapient
