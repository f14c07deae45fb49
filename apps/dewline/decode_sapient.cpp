// dewline decode --format sapient | sapient-json: SAPIENT (BSI Flex 335 v2.0) messages.
//
// sapient-json FILE.json: one SapientMessage in the protobuf JSON mapping. Valid: the message as
// one line of JSON, exit 0. Invalid: exactly one line "invalid: <field path>: <reason>", exit 1
// (the stable interface of issue 4). The field path uses the standard's field names from the
// message root ("detection_report.object_id"); "$" when the document itself is not JSON.
//
// sapient FILE | tcp://HOST:PORT: a stream of 4-byte little-endian length-prefixed
// SapientMessages. Each message is one line (its protobuf JSON with --json, else a short text
// summary); each bad frame or stretch of garbage one line with its byte offset and reason
// ({"error": "<kind>: <reason>", "offset": N} with --json); invalid messages are reported with
// the rule they break. A file is read to its end, stepping over bad stretches. tcp://HOST:PORT
// connects to HOST (e.g. a SAPIENT middleware feed); with an empty or wildcard host
// (tcp://:5020, tcp://0.0.0.0:5020) dewline listens and acts as the fusion node for one node,
// answering its Registration, so that a sensor can be checked directly.
// Exit code: 0 when every message decoded and was valid, 1 otherwise, 2 for usage errors.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apps/dewline/decode_formats.hpp"
#include "ingest/net/socket_io.hpp"
#include "ingest/sapient/sapient_codec.hpp"
#include "ingest/sapient/sapient_framer.hpp"
#include "ingest/sapient/sapient_stream.hpp"
#include "ingest/sapient/sapient_validator.hpp"
#include "ingest/sapient/to_detection.hpp"

namespace dewline::app {
namespace {

namespace sp = ingest::sapient;
using M = sapient_pb::SapientMessage;

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return static_cast<bool>(in) || in.eof();
}

std::string summary(const M& m) {
  std::string s;
  const auto& c = M::descriptor()->FindOneofByName("content");
  const auto* f = m.GetReflection()->GetOneofFieldDescriptor(m, c);
  s += f != nullptr ? f->name() : std::string("(no content)");
  s += " node=" + m.node_id() + " time=" + to_iso8601(sp::to_time(m.timestamp()));
  if (m.has_detection_report()) {
    const auto& d = m.detection_report();
    s += " object=" + d.object_id();
    if (d.has_location()) {
      s += " x=" + std::to_string(d.location().x()) + " y=" + std::to_string(d.location().y());
    } else if (d.has_range_bearing()) {
      s += " azimuth=" + std::to_string(d.range_bearing().azimuth());
      if (d.range_bearing().has_range()) {
        s += " range=" + std::to_string(d.range_bearing().range());
      }
    }
    for (const auto& cl : d.classification()) {
      s += " class=" + cl.type();
      if (cl.has_confidence()) {
        s += ":" + std::to_string(cl.confidence());
      }
    }
  } else if (m.has_status_report()) {
    s += " system=" + sapient_pb::StatusReport::System_Name(m.status_report().system()) +
         " mode=" + m.status_report().mode();
  } else if (m.has_registration()) {
    s += " name=" + m.registration().name() + " icd=" + m.registration().icd_version();
  }
  return s;
}

// Prints one message or one error; returns false for errors.
class Printer {
 public:
  explicit Printer(bool json) : json_(json) {}
  void message(const M& m, std::uint64_t offset) {
    auto v = sp::validate(m);
    if (!v) {
      sp::SapientError e = std::move(v).error();
      e.offset = offset;
      error(e);
      return;
    }
    if (json_) {
      std::printf("%s\n", sp::to_json(m).c_str());
    } else {
      std::printf("%llu %s\n", static_cast<unsigned long long>(offset), summary(m).c_str());
    }
    ++good_;
  }
  void error(const sp::SapientError& e) {
    ++bad_;
    const std::string what = std::string(sp::to_string(e.code)) + ": " + e.message();
    if (json_) {
      nlohmann::ordered_json j;
      j["error"] = what;
      j["offset"] = e.offset;
      std::printf("%s\n", j.dump().c_str());
    } else {
      std::printf("offset %llu: %s\n", static_cast<unsigned long long>(e.offset), what.c_str());
    }
  }
  [[nodiscard]] std::size_t good() const { return good_; }
  [[nodiscard]] std::size_t bad() const { return bad_; }

 private:
  bool json_;
  std::size_t good_ = 0;
  std::size_t bad_ = 0;
};

int decode_file(const DecodeArgs& a) {
  std::string data;
  if (!read_file(a.input, data)) {
    std::fprintf(stderr, "dewline decode: cannot read %s\n", a.input.c_str());
    return 1;
  }
  Printer out(a.json);
  sp::StreamReader reader(
      std::span<const std::byte>(reinterpret_cast<const std::byte*>(data.data()), data.size()),
      sp::FramerConfig{});
  M msg;
  while (auto item = reader.next(msg)) {
    if (item->error) {
      out.error(*item->error);
    } else {
      out.message(msg, item->offset);
    }
    if (a.max_records > 0 && out.good() + out.bad() >= a.max_records) {
      break;
    }
  }
  return out.bad() == 0 ? 0 : 1;
}

bool wildcard_host(const std::string& h) {
  return h.empty() || h == "*" || h == "0.0.0.0" || h == "::";
}

int decode_tcp(const DecodeArgs& a) {
  auto ep = ingest::parse_endpoint(a.input);
  if (!ep || ep->scheme != ingest::Endpoint::Scheme::Tcp) {
    std::fprintf(stderr, "dewline decode: %s\n",
                 ep ? "SAPIENT runs over TCP: give tcp://HOST:PORT" : ep.error().c_str());
    return 2;
  }
  const Duration idle = a.timeout_s > 0.0 ? Duration::from_seconds(a.timeout_s)
                                          : Duration::from_seconds(1e9);
  const bool listen = wildcard_host(ep->host);
  std::optional<ingest::TcpConnection> conn;
  if (listen) {
    auto l = ingest::TcpListener::open(*ep);
    if (!l) {
      std::fprintf(stderr, "dewline decode: %s\n", l.error().c_str());
      return 1;
    }
    std::fprintf(stderr, "dewline decode: listening on port %u for one SAPIENT node\n",
                 static_cast<unsigned>(l->local_port()));
    conn = l->accept(idle);
    if (!conn) {
      std::fprintf(stderr, "dewline decode: no connection within the timeout\n");
      return 1;
    }
  } else {
    auto c = ingest::TcpConnection::connect(*ep, Duration::from_ms(5000));
    if (!c) {
      std::fprintf(stderr, "dewline decode: %s\n", c.error().c_str());
      return 1;
    }
    conn = std::move(*c);
  }
  Printer out(a.json);
  sp::SapientFramer framer;
  std::vector<std::byte> buf(64 * 1024);
  std::vector<std::byte> reply;
  M msg;
  M ack;
  auto last = std::chrono::steady_clock::now();
  for (;;) {
    const auto n = conn->read_some(buf, Duration::from_ms(200));
    if (!n) {
      if (auto f = framer.finish(); f.status == sp::FrameStatus::Error) {
        out.error(f.error);
      }
      break;
    }
    if (*n == 0) {
      if (std::chrono::steady_clock::now() - last > std::chrono::nanoseconds(idle.ns)) {
        break;
      }
      continue;
    }
    last = std::chrono::steady_clock::now();
    framer.feed(std::span<const std::byte>(buf.data(), *n));
    for (;;) {
      auto f = framer.next();
      if (f.status == sp::FrameStatus::NeedMore) {
        break;
      }
      if (f.status == sp::FrameStatus::Error) {
        out.error(f.error);
        conn->close();
        return 1;
      }
      if (auto d = sp::decode_message(f.payload, msg); !d) {
        sp::SapientError e = std::move(d).error();
        e.offset = f.offset;
        out.error(e);
      } else {
        out.message(msg, f.offset);
        if (listen && msg.has_registration()) {
          // Answer as a fusion node would, so that the node goes on to report.
          ack.Clear();
          sp::set_timestamp(sp::to_time(msg.timestamp()), *ack.mutable_timestamp());
          ack.set_node_id("de411e00-0000-4000-8000-000000000000");
          ack.set_destination_id(msg.node_id());
          auto v = sp::validate(msg);
          ack.mutable_registration_ack()->set_acceptance(v.has_value());
          if (!v) {
            ack.mutable_registration_ack()->add_ack_response_reason(v.error().message());
          }
          reply.clear();
          sp::encode_frame(ack, reply);
          (void)conn->write_all(reply);
        }
      }
      if (a.max_records > 0 && out.good() + out.bad() >= a.max_records) {
        conn->close();
        return out.bad() == 0 ? 0 : 1;
      }
    }
  }
  conn->close();
  return out.bad() == 0 ? 0 : 1;
}

}  // namespace

int decode_sapient(const DecodeArgs& a) {
  if (ingest::looks_like_url(a.input)) {
    return decode_tcp(a);
  }
  return decode_file(a);
}

int decode_sapient_json(const DecodeArgs& a) {
  std::string text;
  if (!read_file(a.input, text)) {
    std::fprintf(stderr, "dewline decode: cannot read %s\n", a.input.c_str());
    return 1;
  }
  M msg;
  auto r = sp::parse_json(text, msg);
  if (!r) {
    std::printf("invalid: %s: %s\n", r.error().path.empty() ? "$" : r.error().path.c_str(),
                r.error().reason.c_str());
    return 1;
  }
  std::printf("%s\n", sp::to_json(msg).c_str());
  return 0;
}

}  // namespace dewline::app
