// dump1090_peer.hpp: runs Debian's dump1090-mutability on loopback as a test peer (--net-only,
// free ports), with a Beast input port to feed and an SBS output port to read. The process is
// started with posix_spawnp and stopped by its pid (SIGTERM, then SIGKILL) in the destructor;
// every wait is bounded.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ingest/net/socket_io.hpp"

extern char** environ;

namespace dewline::ingest::adsb::test {

class Dump1090Peer {
 public:
  static constexpr const char* kBinary = "dump1090-mutability";

  Dump1090Peer() = default;
  Dump1090Peer(const Dump1090Peer&) = delete;
  Dump1090Peer& operator=(const Dump1090Peer&) = delete;
  ~Dump1090Peer() { stop(); }

  // Starts the peer and connects to its SBS output and Beast input. Tries fresh ports up to
  // three times (a port picked free may be taken before the peer binds it).
  bool start(std::string& why) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      const std::uint16_t beast_in = free_port();
      const std::uint16_t sbs_out = free_port();
      if (beast_in == 0 || sbs_out == 0 || beast_in == sbs_out) {
        continue;
      }
      const std::vector<std::string> args = {
          kBinary, "--net-only", "--net-bind-address", "127.0.0.1",
          "--net-bi-port", std::to_string(beast_in), "--net-sbs-port", std::to_string(sbs_out),
          "--net-ri-port", "0", "--net-ro-port", "0", "--net-bo-port", "0", "--quiet"};
      if (!spawn(args, why)) {
        return false;
      }
      sbs_ = connect_retry(sbs_out);
      if (sbs_) {
        beast_ = connect_retry(beast_in);
      }
      if (sbs_ && beast_) {
        return true;
      }
      why = "could not connect to the peer's ports";
      stop();
    }
    return false;
  }

  bool send_beast(std::span<const std::byte> bytes) {
    return beast_ && beast_->write_all(bytes).has_value();
  }

  // SBS text received until nothing arrives for `idle` or `limit` passes.
  std::string read_sbs(std::chrono::milliseconds idle, std::chrono::milliseconds limit) {
    std::string text;
    std::vector<std::byte> buf(65536);
    const auto end = std::chrono::steady_clock::now() + limit;
    auto last = std::chrono::steady_clock::now();
    while (sbs_ && std::chrono::steady_clock::now() < end &&
           std::chrono::steady_clock::now() - last < idle) {
      const auto n = sbs_->read_some(buf, Duration::from_ms(50));
      if (!n) {
        break;
      }
      if (*n > 0) {
        text.append(reinterpret_cast<const char*>(buf.data()), *n);
        last = std::chrono::steady_clock::now();
      }
    }
    return text;
  }

  void stop() {
    beast_.reset();
    sbs_.reset();
    if (pid_ <= 0) {
      return;
    }
    ::kill(pid_, SIGTERM);
    if (!reap(std::chrono::milliseconds(3000))) {
      ::kill(pid_, SIGKILL);
      (void)reap(std::chrono::milliseconds(3000));
    }
    pid_ = -1;
  }

 private:
  static std::uint16_t free_port() {
    auto l = TcpListener::open(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", 0});
    return l ? l->local_port() : 0;
  }

  bool spawn(const std::vector<std::string>& args, std::string& why) {
    std::vector<char*> argv;
    for (const auto& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, kBinary, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
      why = std::string("cannot start ") + kBinary + ": " + std::strerror(rc);
      return false;
    }
    pid_ = pid;
    return true;
  }

  std::optional<TcpConnection> connect_retry(std::uint16_t port) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < end) {
      auto c = TcpConnection::connect(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", port},
                                      Duration::from_ms(500));
      if (c) {
        return std::move(*c);
      }
      int status = 0;
      if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;  // it exited (port taken?)
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
  }

  bool reap(std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_ || r < 0) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  pid_t pid_ = -1;
  std::optional<TcpConnection> sbs_;
  std::optional<TcpConnection> beast_;
};

}  // namespace dewline::ingest::adsb::test
