#include "ingest/asterix/input_source.hpp"

#include <array>
#include <chrono>
#include <fstream>
#include <vector>

#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/uap.hpp"
#include "ingest/net/socket_io.hpp"
#include "ingest/pcap/pcap_reader.hpp"

namespace dewline::ingest::asterix {
namespace {

constexpr std::size_t kMaxChunk = 65536;

class PcapSource final : public DatagramSource {
 public:
  PcapSource(PcapReader r, std::optional<std::uint16_t> port)
      : reader_(std::move(r)), port_(port) {}

  std::optional<Datagram> next() override {
    while (auto f = reader_.next()) {
      auto u = udp_payload(f->link_type, f->bytes);
      if (!u || (port_ && u->dst_port != *port_ && u->src_port != *port_)) {
        ++skipped_;
        continue;
      }
      return Datagram{u->payload, f->time, f->number, 0};
    }
    error_ = reader_.error();
    end_ = true;
    return std::nullopt;
  }
  [[nodiscard]] bool at_end() const override { return end_; }

 private:
  PcapReader reader_;
  std::optional<std::uint16_t> port_;
  bool end_ = false;
};

class RawFileSource final : public DatagramSource {
 public:
  explicit RawFileSource(std::vector<std::byte> data) : data_(std::move(data)) {}

  std::optional<Datagram> next() override {
    const std::span<const std::byte> d(data_);
    if (pos_ >= d.size()) {
      end_ = true;
      return std::nullopt;
    }
    std::size_t end = block_chain_end(d, pos_, kMaxChunk);
    if (end == pos_) {
      // Garbage at pos_: run the chunk up to the end of the next plausible chain of blocks.
      std::size_t k = pos_ + 1;
      while (k < d.size() && k - pos_ < kMaxChunk && !plausible_start(d, k)) {
        ++k;
      }
      end = k < d.size() && k - pos_ < kMaxChunk ? block_chain_end(d, k, kMaxChunk) : k;
    }
    Datagram g{d.subspan(pos_, end - pos_), std::nullopt, ++count_, pos_};
    pos_ = end;
    return g;
  }
  [[nodiscard]] bool at_end() const override { return end_; }

 private:
  // A block of a known category that fits and is followed by another one or by the file's end.
  static bool plausible_start(std::span<const std::byte> d, std::size_t k) {
    auto known_fit = [&d](std::size_t p) -> std::size_t {
      const std::size_t e = block_chain_end(d, p, kMaxChunk);
      if (e == p || uap_for_category(std::to_integer<std::uint8_t>(d[p])) == nullptr) {
        return 0;
      }
      const std::size_t len =
          (std::to_integer<std::size_t>(d[p + 1]) << 8U) | std::to_integer<std::size_t>(d[p + 2]);
      return len;
    };
    const std::size_t len = known_fit(k);
    return len != 0 && (k + len == d.size() || known_fit(k + len) != 0);
  }

  std::vector<std::byte> data_;
  std::size_t pos_ = 0;
  std::uint64_t count_ = 0;
  bool end_ = false;
};

class UdpSource final : public DatagramSource {
 public:
  UdpSource(UdpReceiver rx, Duration timeout) : rx_(std::move(rx)), timeout_(timeout) {}

  std::optional<Datagram> next() override {
    auto d = rx_.receive(timeout_);
    if (!d) {
      if (!rx_.error().empty()) {
        error_ = rx_.error();
        end_ = true;
      }
      return std::nullopt;
    }
    // The receive time dates the records (the wiring edge: live input is stamped on arrival).
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const Time t{std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()};
    return Datagram{*d, t, ++count_, 0};
  }
  [[nodiscard]] bool at_end() const override { return end_; }
  [[nodiscard]] bool live() const override { return true; }
  [[nodiscard]] std::optional<std::uint16_t> local_port() const override {
    return rx_.local_port();
  }

 private:
  UdpReceiver rx_;
  Duration timeout_;
  std::uint64_t count_ = 0;
  bool end_ = false;
};

bool is_pcap_magic(const std::array<unsigned char, 4>& m) {
  const std::uint32_t be = (std::uint32_t{m[0]} << 24U) | (std::uint32_t{m[1]} << 16U) |
                           (std::uint32_t{m[2]} << 8U) | m[3];
  return be == 0xA1B2C3D4U || be == 0xD4C3B2A1U || be == 0xA1B23C4DU || be == 0x4D3CB2A1U ||
         be == 0x0A0D0D0AU;  // pcap (us / ns, both byte orders), pcapng section header
}

}  // namespace

Result<std::unique_ptr<DatagramSource>, std::string> open_asterix_source(const std::string& input,
                                                                         const SourceOptions& o) {
  if (input.rfind("udp://", 0) == 0) {
    std::string url = input;
    std::string interface_ip;
    if (const auto q = url.find('?'); q != std::string::npos) {
      const std::string query = url.substr(q + 1);
      url.resize(q);
      constexpr std::string_view kKey = "interface=";
      if (query.rfind(kKey, 0) != 0) {
        return unexpected("\"" + input + "\": unknown option \"" + query +
                          "\" (only interface=IP)");
      }
      interface_ip = query.substr(kKey.size());
    }
    auto ep = parse_endpoint(url);
    if (!ep) {
      return unexpected(ep.error());
    }
    auto rx = UdpReceiver::open(*ep, interface_ip);
    if (!rx) {
      return unexpected(rx.error());
    }
    return std::unique_ptr<DatagramSource>(
        std::make_unique<UdpSource>(std::move(*rx), o.receive_timeout));
  }
  if (input.rfind("tcp://", 0) == 0) {
    return unexpected("\"" + input + "\": ASTERIX comes over UDP; use udp://HOST:PORT");
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    return unexpected("cannot open \"" + input + "\"");
  }
  std::array<unsigned char, 4> magic{};
  in.read(reinterpret_cast<char*>(magic.data()), magic.size());
  if (in.gcount() == 4 && is_pcap_magic(magic)) {
    auto r = PcapReader::open_file(input);
    if (!r) {
      return unexpected(input + ": " + r.error());
    }
    return std::unique_ptr<DatagramSource>(std::make_unique<PcapSource>(std::move(*r), o.udp_port));
  }
  in.clear();
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(in.tellg());
  if (size < 0 || static_cast<std::size_t>(size) > kMaxRawFileBytes) {
    return unexpected(input + ": raw block file larger than " +
                      std::to_string(kMaxRawFileBytes >> 20U) + " MiB");
  }
  std::vector<std::byte> data(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(data.data()), size);
  if (in.gcount() != size) {
    return unexpected(input + ": read error");
  }
  return std::unique_ptr<DatagramSource>(std::make_unique<RawFileSource>(std::move(data)));
}

}  // namespace dewline::ingest::asterix
