#include "publish/cot_udp_sink.hpp"

#include <array>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "tests/publish/test_alert.hpp"

namespace dewline::publish {
namespace {

TEST(CotUdpSink, SendsOneCotEventPerAlertToTheGivenPort) {
  namespace asio = boost::asio;
  asio::io_context ioc;
  asio::ip::udp::socket rx(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  CotUdpConfig cfg;
  cfg.host = "127.0.0.1";
  cfg.port = rx.local_endpoint().port();
  auto sink = CotUdpSink::open(cfg, EnuFrame(Geodetic{47.395, 8.585, 440.0}));
  ASSERT_TRUE(sink.has_value()) << sink.error();
  (*sink)->publish(test::sample_alert(1));
  (*sink)->publish(test::sample_alert(1, AlertState::Cleared));
  EXPECT_EQ((*sink)->sent(), 2U);
  std::array<char, 65536> buf{};
  asio::ip::udp::endpoint from;
  const std::size_t n = rx.receive_from(asio::buffer(buf), from);
  const std::string first(buf.data(), n);
  EXPECT_NE(first.find("type=\"a-h-A-M-H-Q\""), std::string::npos);
  EXPECT_NE(first.find("how=\"m-f\""), std::string::npos);
  EXPECT_NE(first.find("uid=\"dewline-track-42\""), std::string::npos);
  const std::size_t m = rx.receive_from(asio::buffer(buf), from);
  const std::string second(buf.data(), m);
  EXPECT_NE(second.find("alert 1 cleared"), std::string::npos);
}

TEST(CotUdpSink, RejectsANonAddress) {
  CotUdpConfig cfg;
  cfg.host = "tak.example";
  EXPECT_FALSE(CotUdpSink::open(cfg, EnuFrame{}).has_value());
}

}  // namespace
}  // namespace dewline::publish
