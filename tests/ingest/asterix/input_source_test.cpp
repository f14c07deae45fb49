// Inputs: pcap/pcapng by magic number, raw block files (chunked at block boundaries, garbage
// isolated), and live UDP on loopback, unicast and multicast (the join is skipped with a message
// only if the kernel refuses it).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/encoder.hpp"
#include "ingest/asterix/input_source.hpp"
#include "ingest/net/socket_io.hpp"
#include "tests/ingest/asterix/test_pcap.hpp"
#include "tests/ingest/asterix/test_records.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::asterix {
namespace {

using test::Bytes;

void write_file(const std::filesystem::path& p, const Bytes& d) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(d.data()), static_cast<std::streamsize>(d.size()));
}

TEST(AsterixSource, RawFileWithGarbageIsChunkedSoTheGarbageIsReportedOnce) {
  const auto dir = test::scratch_dir("asterix_raw_source");
  const Bytes a = test::block(48, {test::plot(1, 10.0, 100, 100), test::plot(1, 11.0, 100, 100)});
  const Bytes junk = test::b({0x11, 0x22, 0x33, 0x44, 0x55});
  const Bytes c = test::block(34, {test::north_marker(1, 12.0)});
  write_file(dir / "blocks.raw", test::cat({a, a, junk, c, a}));
  auto src = open_asterix_source((dir / "blocks.raw").string(), {});
  ASSERT_TRUE(src.has_value()) << src.error();
  AsterixDecoder dec;
  test::CollectSink sink;
  int chunks = 0;
  while (auto d = (*src)->next()) {
    ++chunks;
    dec.decode(d->bytes, sink, d->base_offset);
  }
  EXPECT_TRUE((*src)->at_end());
  EXPECT_EQ(sink.records.size(), 7U);
  ASSERT_EQ(sink.errors.size(), 1U);
  EXPECT_EQ(sink.errors[0].offset(), 2 * a.size());  // file offset of the garbage
  EXPECT_EQ(sink.records.back().offset, 2 * a.size() + junk.size() + c.size() + a.size() - 11);
  EXPECT_EQ(chunks, 2);
}

TEST(AsterixSource, PcapIsReadByMagicAndDatagramsCarryCaptureTime) {
  const auto dir = test::scratch_dir("asterix_pcap_source");
  test::PcapWriter w(dir / "feed.dat");  // extension does not matter
  w.add(test::block(48, {test::plot(1, 10.0, 100, 100)}), 1462433756U, 500000U, 8600);
  w.add(test::block(48, {test::plot(1, 11.0, 100, 100)}), 1462433757U, 0U, 8601);
  w.close();
  auto all = open_asterix_source((dir / "feed.dat").string(), {});
  ASSERT_TRUE(all.has_value()) << all.error();
  auto d = (*all)->next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->frame, 1U);
  ASSERT_TRUE(d->capture_time.has_value());
  EXPECT_EQ(d->capture_time->ns, 1462433756'500'000'000LL);
  ASSERT_TRUE((*all)->next().has_value());
  EXPECT_FALSE((*all)->next().has_value());
  EXPECT_TRUE((*all)->error().empty());

  SourceOptions only;
  only.udp_port = 8601;
  auto one = open_asterix_source((dir / "feed.dat").string(), only);
  ASSERT_TRUE(one.has_value());
  auto e = (*one)->next();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->frame, 2U);
  EXPECT_FALSE((*one)->next().has_value());
  EXPECT_EQ((*one)->skipped_frames(), 1U);
}

TEST(AsterixSource, MissingFileAndBadUrlAreErrors) {
  EXPECT_FALSE(open_asterix_source("/nonexistent/x.pcap", {}).has_value());
  EXPECT_FALSE(open_asterix_source("udp://127.0.0.1:notaport", {}).has_value());
  EXPECT_FALSE(open_asterix_source("udp://127.0.0.1:0?colour=red", {}).has_value());
  auto tcp = open_asterix_source("tcp://127.0.0.1:8600", {});
  ASSERT_FALSE(tcp.has_value());
  EXPECT_NE(tcp.error().find("udp://"), std::string::npos);
}

// Receives `n` datagrams (bounded wait) and decodes them.
test::CollectSink receive(DatagramSource& src, int n) {
  AsterixDecoder dec;
  test::CollectSink sink;
  int got = 0;
  for (int tries = 0; tries < 50 && got < n; ++tries) {
    if (auto d = src.next()) {
      EXPECT_TRUE(d->capture_time.has_value());
      dec.decode(d->bytes, sink, d->base_offset);
      ++got;
    }
  }
  EXPECT_EQ(got, n);
  return sink;
}

std::vector<Bytes> some_datagrams() {
  DatagramBuilder b(200);
  EXPECT_TRUE(b.add(make_north_marker({25, 1}, 100.0)).has_value());
  for (int i = 0; i < 20; ++i) {
    Cat048Record r;
    r.i010 = DataSourceIdentifier{25, 1};
    r.i140 = 100.0 + i;
    r.i040 = MeasuredPolarPosition{10.0 + i, 3.0 * i};
    r.i161 = static_cast<std::uint16_t>(i);
    EXPECT_TRUE(b.add(r).has_value());
  }
  return b.finish();
}

TEST(AsterixSource, LiveUdpUnicastOnLoopback) {
  SourceOptions o;
  o.receive_timeout = Duration::from_ms(100);
  auto src = open_asterix_source("udp://127.0.0.1:0", o);
  ASSERT_TRUE(src.has_value()) << src.error();
  ASSERT_TRUE((*src)->live());
  const auto port = (*src)->local_port();
  ASSERT_TRUE(port.has_value() && *port != 0);
  EXPECT_FALSE((*src)->next().has_value());  // nothing sent yet: timeout, not the end
  EXPECT_FALSE((*src)->at_end());
  auto tx = UdpSender::open(Endpoint{Endpoint::Scheme::Udp, "127.0.0.1", *port});
  ASSERT_TRUE(tx.has_value()) << tx.error();
  const auto datagrams = some_datagrams();
  for (const auto& d : datagrams) {
    ASSERT_TRUE(tx->send(d).has_value());
  }
  const test::CollectSink s = receive(**src, static_cast<int>(datagrams.size()));
  EXPECT_TRUE(s.errors.empty());
  ASSERT_EQ(s.records.size(), 21U);
  EXPECT_EQ(s.records[0].category, 34);
  EXPECT_EQ(*s.records[20].r048.i161, 19);
}

TEST(AsterixSource, LiveUdpMulticastJoinOnLoopback) {
  SourceOptions o;
  o.receive_timeout = Duration::from_ms(100);
  auto src = open_asterix_source("udp://239.255.48.31:0?interface=127.0.0.1", o);
  if (!src) {
    GTEST_SKIP() << "the kernel refused the multicast join on 127.0.0.1: " << src.error();
  }
  const auto port = (*src)->local_port();
  ASSERT_TRUE(port.has_value() && *port != 0);
  // Send with the loopback interface as the multicast interface, so nothing leaves the host.
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  in_addr lo{};
  inet_pton(AF_INET, "127.0.0.1", &lo);
  ASSERT_EQ(setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &lo, sizeof lo), 0);
  const unsigned char loop = 1;
  setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(*port);
  inet_pton(AF_INET, "239.255.48.31", &to.sin_addr);
  const auto datagrams = some_datagrams();
  for (const auto& d : datagrams) {
    ASSERT_EQ(sendto(fd, d.data(), d.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to),
              static_cast<ssize_t>(d.size()));
  }
  close(fd);
  const test::CollectSink s = receive(**src, static_cast<int>(datagrams.size()));
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(s.records.size(), 21U);
}

}  // namespace
}  // namespace dewline::ingest::asterix
