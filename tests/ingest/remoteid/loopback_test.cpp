// Live path without a radio: frames sent as loopback datagrams (loopback_link.hpp) to a
// FrameSource on udp://127.0.0.1:0 go through the real link decoders into Detections.
#include <gtest/gtest.h>

#include <vector>

#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/ble_link.hpp"
#include "ingest/remoteid/frame_builder.hpp"
#include "ingest/remoteid/frame_source.hpp"
#include "ingest/remoteid/loopback_link.hpp"
#include "ingest/remoteid/remoteid_ingest.hpp"
#include "ingest/remoteid/wifi_link.hpp"
#include "tests/ingest/remoteid/test_messages.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::remoteid {
namespace {

TEST(LoopbackLink, DatagramLayoutRoundTrips) {
  const std::vector<std::byte> frame = {std::byte{1}, std::byte{2}, std::byte{3}};
  std::vector<std::byte> d;
  encode_loopback(272, Time{-5}, frame, d);
  ASSERT_EQ(d.size(), kLoopbackHeader + 3);
  EXPECT_EQ(std::to_integer<char>(d[0]), 'D');
  EXPECT_EQ(std::to_integer<int>(d[6]), 0x01);  // 272 = 0x0110, big-endian
  EXPECT_EQ(std::to_integer<int>(d[7]), 0x10);
  auto f = decode_loopback(d);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->link_type, 272);
  EXPECT_EQ(f->time, Time{-5});
  ASSERT_EQ(f->bytes.size(), 3U);
  EXPECT_EQ(f->bytes[2], std::byte{3});
  d[1] = std::byte{'X'};
  EXPECT_FALSE(decode_loopback(d).has_value());
  EXPECT_FALSE(decode_loopback(std::span(d).first(10)).has_value());
}

TEST(LoopbackLink, SimulatedDroneOverUdpBecomesDetections) {
  auto src = FrameSource::open("udp://127.0.0.1:0");
  ASSERT_TRUE(src.has_value()) << src.error();
  ASSERT_NE(src->local_port(), 0);
  auto tx = LoopbackSender::open(Endpoint{Endpoint::Scheme::Udp, "127.0.0.1", src->local_port()});
  ASSERT_TRUE(tx.has_value()) << tx.error();

  const EnuFrame site(Geodetic{45.5443876, -122.9726866, 50.0});
  RemoteIdConfig cfg;
  cfg.name = "rid-loop";
  RemoteIdIngest rid(cfg, site);
  std::vector<Detection> dets;

  WifiFrameParams wp;
  wp.transmitter = *MacAddress::parse("02:11:22:33:44:55");
  BleFrameParams bp;
  bp.address = *MacAddress::parse("c0:11:22:33:44:55");
  const int steps = 20;
  int received = 0;
  for (int i = 0; i < steps; ++i) {
    const Time t{1'700'000'000'000'000'000 + i * 100'000'000LL};
    const std::vector<Message> pack = {
        sample::basic_id("LOOP-SERIAL-1"),
        sample::location(45.5457468 + i * 1e-5, -122.9681496, 120.0, 70.0, 5.0, 0.0, 0.0),
        sample::operator_id("OP-LOOP")};
    const auto counter = static_cast<std::uint8_t>(i);
    // Wi-Fi beacon, then a BT4 advert of the Location alone; one garbage datagram at i == 5.
    ASSERT_TRUE(tx->send(kDltIeee80211Radiotap, t, build_wifi_beacon(wp, counter, pack)));
    ASSERT_TRUE(tx->send(kDltBluetoothLeLlWithPhdr, t, build_bt_legacy(bp, counter, pack[1])));
    for (int k = 0; k < 2; ++k) {
      auto f = src->next(Duration::from_ms(2000));
      ASSERT_TRUE(f.has_value()) << "datagram lost on loopback at step " << i;
      rid.on_frame(f->link_type, f->time, f->bytes, f->number, dets);
      ++received;
    }
  }
  EXPECT_EQ(received, 2 * steps);
  EXPECT_EQ(rid.frame_stats().odid_frames, static_cast<std::uint64_t>(2 * steps));
  ASSERT_EQ(dets.size(), static_cast<std::size_t>(2 * steps));
  std::size_t wifi_with_serial = 0;
  for (const Detection& d : dets) {
    wifi_with_serial += d.identity.remote_id == "LOOP-SERIAL-1" ? 1U : 0U;
    const auto& pm = std::get<PositionMeasurement>(d.measurement);
    EXPECT_NEAR(pm.position_m.z(), 70.0, 0.5);  // 120 m HAE at a 50 m site
  }
  EXPECT_EQ(wifi_with_serial, static_cast<std::size_t>(steps));  // the BLE emitter sent no ID
  EXPECT_EQ(rid.emitters().all().size(), 2U);
}

TEST(LoopbackLink, NonLoopbackDatagramsAreCountedAndSkipped) {
  auto src = FrameSource::open("udp://127.0.0.1:0");
  ASSERT_TRUE(src.has_value());
  auto raw = UdpSender::open(Endpoint{Endpoint::Scheme::Udp, "127.0.0.1", src->local_port()});
  ASSERT_TRUE(raw.has_value());
  const std::vector<std::byte> junk(30, std::byte{0x55});
  ASSERT_TRUE(raw->send(junk));
  std::vector<std::byte> good;
  encode_loopback(kDltIeee80211Radiotap, Time{7}, junk, good);
  ASSERT_TRUE(raw->send(good));
  auto f = src->next(Duration::from_ms(2000));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->time, Time{7});
  EXPECT_EQ(src->bad_datagrams(), 1U);
}

TEST(LoopbackLink, RealCaptureReplayedOverUdpDecodesLikeTheFile) {
  auto reader = PcapReader::open_file(test::real_data("remoteid/odid_wifi_bcn_sample.pcap"));
  ASSERT_TRUE(reader.has_value());
  auto src = FrameSource::open("udp://127.0.0.1:0");
  ASSERT_TRUE(src.has_value());
  auto tx = LoopbackSender::open(Endpoint{Endpoint::Scheme::Udp, "127.0.0.1", src->local_port()});
  ASSERT_TRUE(tx.has_value());
  FrameDecoder dec;
  DecodedFrame f;
  std::size_t messages = 0;
  while (auto fr = reader->next()) {
    ASSERT_TRUE(tx->send(fr->link_type, fr->time, fr->bytes));
    auto got = src->next(Duration::from_ms(2000));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->time, fr->time);
    dec.decode(got->link_type, got->bytes, got->number, f);
    messages += f.messages.size();
  }
  EXPECT_EQ(messages, 105U);
}

}  // namespace
}  // namespace dewline::ingest::remoteid
