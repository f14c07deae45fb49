// cot_udp_sink.hpp: alerts as Cursor on Target events over UDP — by default to the TAK SA
// multicast group 239.2.3.1:6969 (DESIGN.md), or to any host:port.
//
// A raised or acknowledged alert sends its track as a CoT event (cot/cot_event.hpp: hostile
// drones a-h-A-M-F-Q / a-h-A-M-H-Q, how m-f) stale after stale_s; a cleared or expired alert sends
// it once more with stale = now, so TAK clients drop the marker. One datagram per event; a send
// error is logged and counted, never thrown.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "publish/alert_sink.hpp"

namespace dewline::publish {

struct CotUdpConfig {
  std::string host = "239.2.3.1";
  std::uint16_t port = 6969;
  double stale_s = 60.0;
  int multicast_ttl = 1;
};

class CotUdpSink final : public AlertSink {
 public:
  static Result<std::unique_ptr<CotUdpSink>, std::string> open(const CotUdpConfig& cfg,
                                                               const EnuFrame& site);
  ~CotUdpSink() override;
  [[nodiscard]] std::string_view name() const override { return "cot-udp"; }
  void publish(const AlertEvent& e) override;
  [[nodiscard]] std::uint64_t sent() const { return sent_; }
  [[nodiscard]] std::uint64_t send_errors() const { return errors_; }

 private:
  struct Socket;
  CotUdpSink(CotUdpConfig cfg, EnuFrame site, std::unique_ptr<Socket> s);
  CotUdpConfig cfg_;
  EnuFrame site_;
  std::unique_ptr<Socket> socket_;
  std::uint64_t sent_ = 0;
  std::uint64_t errors_ = 0;
};

}  // namespace dewline::publish
