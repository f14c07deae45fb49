// sapient_client.hpp: the node (ASM) side of SAPIENT over TCP (BSI Flex 335 v2.0), for the
// simulator's SAPIENT emitters, tests, and checking a fusion node: connect, register and wait for
// the RegistrationAck, send length-prefixed SapientMessages, read what comes back.
//
//   auto c = SapientClient::connect(*parse_endpoint("tcp://127.0.0.1:5020"), Duration::from_ms(2000));
//   auto ack = c->register_node(encoder.registration(t), Duration::from_ms(2000));
//   if (ack && ack->acceptance()) c->send(encoder.detection_report(det));
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/net/socket_io.hpp"
#include "ingest/sapient/sapient_framer.hpp"
#include "ingest/sapient/sapient_proto.hpp"

namespace dewline::ingest::sapient {

class SapientClient {
 public:
  static Result<SapientClient, std::string> connect(const Endpoint& ep, Duration timeout,
                                                    std::size_t max_message_bytes =
                                                        kDefaultMaxMessageBytes);

  Result<void, std::string> send(const sapient_pb::SapientMessage& msg);
  // Raw bytes (tests: garbage, oversize prefixes, split frames).
  Result<void, std::string> send_bytes(std::span<const std::byte> bytes);
  // The next message from the peer: true when `out` holds one, false on timeout; an error when
  // the connection closed or a frame was bad.
  Result<bool, std::string> receive(sapient_pb::SapientMessage& out, Duration timeout);
  // Sends `registration` and waits for the RegistrationAck (other messages are skipped).
  Result<sapient_pb::RegistrationAck, std::string> register_node(
      const sapient_pb::SapientMessage& registration, Duration timeout);
  void close();

 private:
  SapientClient(TcpConnection c, std::size_t max_message_bytes);
  TcpConnection conn_;
  SapientFramer framer_;
  std::vector<std::byte> out_;
  std::vector<std::byte> in_;
};

}  // namespace dewline::ingest::sapient
