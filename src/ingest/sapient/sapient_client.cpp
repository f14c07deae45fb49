#include "ingest/sapient/sapient_client.hpp"

#include <chrono>

#include "ingest/sapient/sapient_codec.hpp"

namespace dewline::ingest::sapient {

SapientClient::SapientClient(TcpConnection c, std::size_t max_message_bytes)
    : conn_(std::move(c)), framer_(FramerConfig{max_message_bytes}), in_(64 * 1024) {}

Result<SapientClient, std::string> SapientClient::connect(const Endpoint& ep, Duration timeout,
                                                          std::size_t max_message_bytes) {
  auto c = TcpConnection::connect(ep, timeout);
  if (!c) {
    return unexpected(c.error());
  }
  return SapientClient(std::move(*c), max_message_bytes);
}

Result<void, std::string> SapientClient::send(const sapient_pb::SapientMessage& msg) {
  out_.clear();
  encode_frame(msg, out_);
  return conn_.write_all(out_);
}

Result<void, std::string> SapientClient::send_bytes(std::span<const std::byte> bytes) {
  return conn_.write_all(bytes);
}

Result<bool, std::string> SapientClient::receive(sapient_pb::SapientMessage& out,
                                                 Duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::nanoseconds(timeout.ns);
  for (;;) {
    FrameResult f = framer_.next();
    if (f.status == FrameStatus::Frame) {
      if (auto d = decode_message(f.payload, out); !d) {
        return unexpected("frame at offset " + std::to_string(f.offset) + ": " + d.error().message());
      }
      return true;
    }
    if (f.status == FrameStatus::Error) {
      return unexpected(f.error.message());
    }
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return false;
    }
    const auto n = conn_.read_some(in_, Duration{left.count()});
    if (!n) {
      return unexpected(std::string("connection closed by the peer"));
    }
    framer_.feed(std::span<const std::byte>(in_.data(), *n));
  }
}

Result<sapient_pb::RegistrationAck, std::string> SapientClient::register_node(
    const sapient_pb::SapientMessage& registration, Duration timeout) {
  if (auto s = send(registration); !s) {
    return unexpected(s.error());
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::nanoseconds(timeout.ns);
  sapient_pb::SapientMessage m;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return unexpected(std::string("no RegistrationAck within the timeout"));
    }
    auto r = receive(m, Duration{left.count()});
    if (!r) {
      return unexpected(r.error());
    }
    if (*r && m.has_registration_ack()) {
      return m.registration_ack();
    }
  }
}

void SapientClient::close() { conn_.close(); }

}  // namespace dewline::ingest::sapient
