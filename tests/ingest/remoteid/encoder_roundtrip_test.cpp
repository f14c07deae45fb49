// The encoder side (for the simulator): messages -> frames (frame_builder.hpp) -> pcap / pcapng
// files (capture_writer.hpp) -> read back by PcapReader + our decoder, and by tshark's own
// 802.11 and Bluetooth LE dissectors (the ODID payload itself is checked by our decoder).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/ble_link.hpp"
#include "ingest/remoteid/capture_writer.hpp"
#include "ingest/remoteid/frame_builder.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/wifi_link.hpp"
#include "tests/ingest/remoteid/test_messages.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::remoteid {
namespace {

struct Built {
  int link_type = 0;
  Time time;
  std::vector<std::byte> frame;
  Transport transport = Transport::WifiBeacon;
  MacAddress address;
  std::vector<Message> messages;
};

const MacAddress kWifi = *MacAddress::parse("84:cc:a8:60:43:24");
const MacAddress kBle = *MacAddress::parse("e0:7d:ea:eb:2f:1c");

// A short flight: 10 steps, each a beacon, a NAN frame, a BT4 legacy advert of the Location and
// a BT5 long-range pack; built deterministically.
std::vector<Built> flight(BleLinkType bt5_link) {
  std::vector<Built> out;
  for (int i = 0; i < 10; ++i) {
    const Time t{1'700'000'000'000'000'000 + i * 250'000'000LL};
    const std::vector<Message> pack = {
        sample::basic_id("SIM0000000000000" + std::to_string(i % 3)),
        sample::location(45.5457468 + i * 1e-5, -122.9681496 - i * 2e-5, 237.0 + i, 100.0,
                       12.25, 300.0 + i, -0.5),
        sample::self_id("dewline sim"), sample::system_msg(45.5443876, -122.9726866, 180.0),
        sample::operator_id("GBR-OP-123ABCD")};
    WifiFrameParams wp;
    wp.transmitter = kWifi;
    wp.sequence = static_cast<std::uint16_t>(i);
    wp.tsf_us = static_cast<std::uint64_t>(i) * 250000;
    const auto counter = static_cast<std::uint8_t>(200 + i);
    out.push_back({kDltIeee80211Radiotap, t, build_wifi_beacon(wp, counter, pack),
                   Transport::WifiBeacon, kWifi, pack});
    out.push_back({kDltIeee80211Radiotap, t + Duration::from_ms(1),
                   build_wifi_nan(wp, counter, pack), Transport::WifiNan, kWifi, pack});
    BleFrameParams bp;
    bp.address = kBle;
    out.push_back({kDltBluetoothLeLlWithPhdr, t + Duration::from_ms(2),
                   build_bt_legacy(bp, counter, pack[1]), Transport::BtLegacy, kBle, {pack[1]}});
    bp.channel = 10;
    out.push_back({link_type_of(bt5_link), t + Duration::from_ms(3),
                   build_bt5_long_range(bp, counter, pack, bt5_link), Transport::Bt5LongRange,
                   kBle, pack});
  }
  return out;
}

// Writes the frames of one link type into `path`.
void write_file(const std::filesystem::path& path, CaptureFormat fmt,
                const std::vector<Built>& frames, int link_type) {
  auto w = CaptureWriter::create(path, fmt);
  ASSERT_TRUE(w.has_value()) << w.error();
  for (const Built& b : frames) {
    if (b.link_type == link_type) {
      ASSERT_TRUE(w->write(b.link_type, b.time, b.frame).has_value());
    }
  }
  ASSERT_TRUE(w->close().has_value());
}

// Reads a file back through libpcap and our decoder; checks every frame against `want`.
void read_back(const std::filesystem::path& path, const std::vector<Built>& want_all,
               int link_type) {
  std::vector<const Built*> want;
  for (const Built& b : want_all) {
    if (b.link_type == link_type) {
      want.push_back(&b);
    }
  }
  auto reader = PcapReader::open_file(path.string());
  ASSERT_TRUE(reader.has_value()) << reader.error();
  FrameDecoder dec;
  DecodedFrame f;
  std::size_t i = 0;
  while (auto fr = reader->next()) {
    ASSERT_LT(i, want.size());
    const Built& w = *want[i];
    EXPECT_EQ(fr->link_type, link_type);
    EXPECT_EQ(fr->time.ns / 1000, w.time.ns / 1000);  // libpcap reports microseconds
    dec.decode(fr->link_type, fr->bytes, fr->number, f);
    ASSERT_EQ(f.status, LinkStatus::Odid) << path << " frame " << fr->number;
    EXPECT_EQ(f.info.transport, w.transport);
    EXPECT_EQ(f.info.transmitter, w.address);
    ASSERT_EQ(f.messages.size(), w.messages.size());
    for (std::size_t k = 0; k < w.messages.size(); ++k) {
      EXPECT_EQ(f.messages.message(k), w.messages[k]);
    }
    ++i;
  }
  EXPECT_EQ(i, want.size());
  EXPECT_EQ(dec.rejects().total(), 0U);
}

TEST(EncoderRoundTrip, PcapFilesReadBackThroughOurDecoder) {
  const auto dir = test::scratch_dir("remoteid_encoder_pcap");
  const auto frames = flight(BleLinkType::NordicBle);
  for (int lt : {kDltIeee80211Radiotap, kDltBluetoothLeLlWithPhdr, kDltNordicBle}) {
    const auto p = dir / ("lt" + std::to_string(lt) + ".pcap");
    write_file(p, CaptureFormat::Pcap, frames, lt);
    read_back(p, frames, lt);
  }
}

TEST(EncoderRoundTrip, PcapngFilesReadBackThroughOurDecoder) {
  const auto dir = test::scratch_dir("remoteid_encoder_pcapng");
  const auto frames = flight(BleLinkType::LeLlWithPhdr);
  for (int lt : {kDltIeee80211Radiotap, kDltBluetoothLeLlWithPhdr}) {
    const auto p = dir / ("lt" + std::to_string(lt) + ".pcapng");
    write_file(p, CaptureFormat::Pcapng, frames, lt);
    read_back(p, frames, lt);
  }
}

TEST(CaptureWriter, PcapRefusesASecondLinkType) {
  const auto dir = test::scratch_dir("remoteid_writer");
  auto w = CaptureWriter::create(dir / "one.pcap", CaptureFormat::Pcap);
  ASSERT_TRUE(w.has_value());
  const std::vector<std::byte> frame(40);
  EXPECT_TRUE(w->write(kDltIeee80211Radiotap, Time{}, frame).has_value());
  EXPECT_FALSE(w->write(kDltNordicBle, Time{}, frame).has_value());
}

// Runs tshark with `args` on `file`; returns stdout lines, or nullopt when tshark is absent.
std::optional<std::vector<std::string>> tshark(const std::filesystem::path& file,
                                               const std::string& args, int& status) {
  if (!std::filesystem::exists("/usr/bin/tshark")) {
    return std::nullopt;
  }
  const std::string cmd = "/usr/bin/tshark -n -r '" + file.string() + "' " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> lines;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) {
    std::string s(buf.data());
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
      s.pop_back();
    }
    if (s.find("Running as user") == std::string::npos) {
      lines.push_back(s);
    }
  }
  status = pclose(p);
  return lines;
}

std::vector<std::string> split_tabs(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, '\t')) {
    out.push_back(item);
  }
  return out;
}

std::vector<std::byte> from_hex(std::string h) {
  std::erase(h, '-');
  std::erase(h, ':');
  std::vector<std::byte> out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) {
    out.push_back(static_cast<std::byte>(std::stoul(h.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// tshark's dissection of our frames: the 802.11 / BLE headers as tshark reads them, and the
// ODID bytes tshark extracts, decoded by our codec, must equal what was encoded.
void check_with_tshark(const std::filesystem::path& file, const std::vector<Built>& want_all,
                       int link_type) {
  std::vector<const Built*> want;
  for (const Built& b : want_all) {
    if (b.link_type == link_type) {
      want.push_back(&b);
    }
  }
  const bool wifi = link_type == kDltIeee80211Radiotap;
  const std::string fields =
      wifi ? "-o wlan.check_checksum:TRUE -T fields -e frame.number -e wlan.fc.type_subtype "
             "-e wlan.sa -e wlan.fcs.status -e wlan.tag.oui -e wlan.tag.vendor.oui.type "
             "-e wlan.tag.vendor.data -e nan.service_id -e nan.sda.service_info -e _ws.malformed"
           : "-T fields -e frame.number -e btle.advertising_header.pdu_type "
             "-e btle.advertising_address -e btle.crc.incorrect -e btcommon.eir_ad.entry.uuid_16 "
             "-e btcommon.eir_ad.entry.service_data -e _ws.malformed";
  int status = -1;
  auto lines = tshark(file, fields, status);
  if (!lines) {
    GTEST_SKIP() << "tshark not installed";
  }
  ASSERT_EQ(status, 0) << "tshark failed on " << file;
  ASSERT_EQ(lines->size(), want.size()) << file;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const Built& w = *want[i];
    auto col = split_tabs((*lines)[i]);
    col.resize(wifi ? 10 : 7);
    const std::string where = file.filename().string() + " frame " + col[0];
    std::vector<std::byte> odid;  // counter + message or pack, as tshark extracted it
    if (wifi) {
      EXPECT_EQ(col[1], w.transport == Transport::WifiBeacon ? "0x0008" : "0x000d") << where;
      EXPECT_EQ(col[2], w.address.to_string()) << where;
      EXPECT_EQ(col[3], "1") << where << ": FCS not good for tshark";
      if (w.transport == Transport::WifiBeacon) {
        EXPECT_EQ(col[4], "16387004") << where;  // OUI FA:0B:BC
        EXPECT_EQ(col[5], "13") << where;
        odid = from_hex(col[6]);
        ASSERT_FALSE(odid.empty()) << where;
        EXPECT_EQ(odid.front(), std::byte{0x0D}) << where;  // tshark shows the type byte too
        odid.erase(odid.begin());
      } else {
        EXPECT_EQ(col[7], "88:69:19:9d:92:09") << where;
        odid = from_hex(col[8]);
      }
      EXPECT_TRUE(col[9].empty()) << where << ": malformed";
    } else {
      EXPECT_EQ(col[1], w.transport == Transport::BtLegacy ? "0x02" : "0x07") << where;
      EXPECT_EQ(col[2], w.address.to_string()) << where;
      EXPECT_TRUE(col[3].empty()) << where << ": tshark says the CRC is wrong";
      EXPECT_EQ(col[4], "0xfffa") << where;
      odid = from_hex(col[5]);
      ASSERT_FALSE(odid.empty()) << where;
      EXPECT_EQ(odid.front(), std::byte{0x0D}) << where;  // application code
      odid.erase(odid.begin());
      EXPECT_TRUE(col[6].empty()) << where << ": malformed";
    }
    ASSERT_GE(odid.size(), 2U) << where;
    MessageList got;
    ASSERT_TRUE(decode_container(std::span(odid).subspan(1), 0, got)) << where;
    ASSERT_EQ(got.size(), w.messages.size()) << where;
    for (std::size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got.message(k), w.messages[k]) << where << " message " << k;
    }
  }
}

TEST(EncoderTshark, WifiBeaconAndNanFramesParseInTshark) {
  const auto dir = test::scratch_dir("remoteid_tshark_wifi");
  const auto frames = flight(BleLinkType::NordicBle);
  write_file(dir / "wifi.pcap", CaptureFormat::Pcap, frames, kDltIeee80211Radiotap);
  check_with_tshark(dir / "wifi.pcap", frames, kDltIeee80211Radiotap);
  write_file(dir / "wifi.pcapng", CaptureFormat::Pcapng, frames, kDltIeee80211Radiotap);
  check_with_tshark(dir / "wifi.pcapng", frames, kDltIeee80211Radiotap);
}

TEST(EncoderTshark, BluetoothLegacyAndLongRangeFramesParseInTshark) {
  const auto dir = test::scratch_dir("remoteid_tshark_ble");
  const auto nordic = flight(BleLinkType::NordicBle);
  write_file(dir / "bt4.pcap", CaptureFormat::Pcap, nordic, kDltBluetoothLeLlWithPhdr);
  check_with_tshark(dir / "bt4.pcap", nordic, kDltBluetoothLeLlWithPhdr);
  write_file(dir / "bt5_nordic.pcapng", CaptureFormat::Pcapng, nordic, kDltNordicBle);
  check_with_tshark(dir / "bt5_nordic.pcapng", nordic, kDltNordicBle);
  const auto phdr = flight(BleLinkType::LeLlWithPhdr);  // BT4 and BT5 both in DLT 256
  write_file(dir / "bt45_phdr.pcap", CaptureFormat::Pcap, phdr, kDltBluetoothLeLlWithPhdr);
  check_with_tshark(dir / "bt45_phdr.pcap", phdr, kDltBluetoothLeLlWithPhdr);
}

}  // namespace
}  // namespace dewline::ingest::remoteid
