#include "ingest/adsb/feed_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/line_reader.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::adsb {
namespace {

std::vector<std::byte> sample() {
  std::ifstream in(test::real_data("adsb/sample_dump1090_beast.bin"), std::ios::binary);
  const std::vector<char> c((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> b(c.size());
  std::memcpy(b.data(), c.data(), c.size());
  return b;
}

// Reads from the client into the decoder until `want` messages or `limit` elapses.
std::size_t pump(FeedClient& c, AdsbDecoder& dec, std::size_t want, std::chrono::seconds limit,
                 int* connects = nullptr) {
  const auto end = std::chrono::steady_clock::now() + limit;
  std::size_t got = 0;
  DecodedMessage msg;
  AdsbError err;
  while (got < want && std::chrono::steady_clock::now() < end) {
    std::span<const std::byte> data;
    const auto ev = c.poll(Duration::from_ms(100), data);
    if (ev == FeedClient::Event::Connected) {
      dec.reset_stream();
      if (connects != nullptr) {
        ++*connects;
      }
    } else if (ev == FeedClient::Event::Data) {
      dec.push_beast(data, Time::from_seconds(1.0));
      while (dec.next_beast(msg, err) == AdsbDecoder::Status::Message) {
        ++got;
      }
    }
  }
  return got;
}

TEST(FeedClient, ReconnectsAfterTheFeederDropsTheConnection) {
  const auto bytes = sample();
  // Split at the start of frame 120 (find it by framing once).
  BeastFramer f;
  f.push(bytes);
  BeastFrame fr;
  AdsbError e;
  std::uint64_t split = 0;
  while (f.next(fr, e) == BeastFramer::Status::Frame) {
    if (fr.number == 120) {
      split = fr.offset;
    }
  }
  ASSERT_GT(split, 0u);
  auto listener = TcpListener::open(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", 0});
  ASSERT_TRUE(listener.has_value()) << listener.error();
  const std::uint16_t port = listener->local_port();
  std::thread server([&] {
    for (int part = 0; part < 2; ++part) {
      auto conn = listener->accept(Duration::from_ms(5000));
      if (!conn) {
        return;
      }
      const auto span = part == 0 ? std::span(bytes).first(split) : std::span(bytes).subspan(split);
      (void)conn->write_all(span);
      conn->close();  // the feeder goes away mid-stream
    }
  });
  FeedClient client({.endpoint = {Endpoint::Scheme::Tcp, "127.0.0.1", port},
                     .initial_backoff = Duration::from_ms(50)});
  AdsbDecoder dec;
  int connects = 0;
  const std::size_t got = pump(client, dec, 239, std::chrono::seconds(10), &connects);
  server.join();
  EXPECT_EQ(got, 239u);
  EXPECT_EQ(connects, 2);
  EXPECT_GE(client.stats().disconnects, 1u);
  EXPECT_EQ(client.stats().bytes, bytes.size());
  EXPECT_EQ(dec.stats().rejected, 0u);
}

TEST(FeedClient, RetriesWithBackoffUntilTheFeederIsUp) {
  // Reserve a free port, then close it so that the first attempts are refused.
  std::uint16_t port = 0;
  {
    auto probe = TcpListener::open(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", 0});
    ASSERT_TRUE(probe.has_value());
    port = probe->local_port();
  }
  FeedClient client({.endpoint = {Endpoint::Scheme::Tcp, "127.0.0.1", port},
                     .connect_timeout = Duration::from_ms(200),
                     .initial_backoff = Duration::from_ms(40),
                     .max_backoff = Duration::from_ms(160)});
  std::span<const std::byte> data;
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(400)) {
    EXPECT_NE(client.poll(Duration::from_ms(50), data), FeedClient::Event::Connected);
  }
  const auto failures = client.stats().connect_failures;
  EXPECT_GE(failures, 3u);   // 40, 80, 160, 160 ms apart: about 4 in 400 ms
  EXPECT_LE(failures, 8u);   // backoff, not a busy loop
  auto listener = TcpListener::open(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", port});
  ASSERT_TRUE(listener.has_value()) << listener.error();
  const auto bytes = sample();
  std::thread server([&] {
    if (auto conn = listener->accept(Duration::from_ms(5000))) {
      (void)conn->write_all(bytes);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      conn->close();
    }
  });
  AdsbDecoder dec;
  const std::size_t got = pump(client, dec, 239, std::chrono::seconds(10));
  server.join();
  EXPECT_EQ(got, 239u);
  EXPECT_EQ(client.stats().connects, 1u);
}

TEST(FeedClient, SbsLinesOverTcp) {
  auto listener = TcpListener::open(Endpoint{Endpoint::Scheme::Tcp, "127.0.0.1", 0});
  ASSERT_TRUE(listener.has_value());
  const std::string text =
      "MSG,3,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,,38000,,,43.64421,"
      "1.23152,,,,,,0\r\n\r\nMSG,4,1,1,48520A,1,2026/11/25,19:28:13.162,2026/11/25,19:28:13.162,"
      ",,395,355,,,-64,,,,,0\r\n";
  std::thread server([&] {
    if (auto conn = listener->accept(Duration::from_ms(5000))) {
      // Dribble it out in 7-byte pieces.
      for (std::size_t i = 0; i < text.size(); i += 7) {
        const auto piece = std::string_view(text).substr(i, 7);
        (void)conn->write_all(std::as_bytes(std::span(piece.data(), piece.size())));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      conn->close();
    }
  });
  FeedClient client({.endpoint = {Endpoint::Scheme::Tcp, "127.0.0.1", listener->local_port()}});
  LineReader lines;
  AdsbDecoder dec;
  DecodedMessage msg;
  AdsbError err;
  int messages = 0;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (messages < 2 && std::chrono::steady_clock::now() < end) {
    std::span<const std::byte> data;
    if (client.poll(Duration::from_ms(100), data) == FeedClient::Event::Data) {
      lines.push(data);
      std::string_view line;
      std::uint64_t no = 0;
      while (lines.next(line, no) == LineReader::Status::Line) {
        if (dec.decode_sbs_line(line, no, msg, err) == AdsbDecoder::Status::Message) {
          ++messages;
        }
      }
    }
  }
  server.join();
  EXPECT_EQ(messages, 2);
  EXPECT_EQ(dec.stats().skipped_lines, 1u);
  EXPECT_EQ(dec.stats().rejected, 0u);
}

}  // namespace
}  // namespace dewline::ingest::adsb
