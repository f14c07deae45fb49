// dewline_remoteid_seeds: writes fuzz seeds for fuzz/remoteid_fuzz.cpp and
// fuzz/remoteid_codec_fuzz.cpp (not part of the library; used by fuzz/seeds.d/remoteid.sh).
//
//   dewline_remoteid_seeds --real OUT CAPTURE...   one seed per Open Drone ID frame of each
//       capture (and every 50th other frame) into OUT/remoteid, and each frame's ODID container
//       into OUT/remoteid_codec. Real data: written to the build tree, never committed.
//   dewline_remoteid_seeds --synthetic OUT         small seeds built by frame_builder.hpp into
//       OUT/remoteid and OUT/remoteid_codec (the committed corpus under fuzz/corpus/).
// A frame seed is one byte selecting the link type (index in 127, 105, 272, 256, 251) followed
// by the frame.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/ble_link.hpp"
#include "ingest/remoteid/frame_builder.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/odid_codec.hpp"
#include "ingest/remoteid/odid_units.hpp"
#include "ingest/remoteid/wifi_link.hpp"

namespace {

namespace rid = dewline::ingest::remoteid;
namespace fs = std::filesystem;

constexpr std::array<int, 5> kLinkTypes = {127, 105, 272, 256, 251};

bool write(const fs::path& p, std::span<const std::byte> prefix, std::span<const std::byte> body) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(prefix.data()),
            static_cast<std::streamsize>(prefix.size()));
  out.write(reinterpret_cast<const char*>(body.data()), static_cast<std::streamsize>(body.size()));
  return static_cast<bool>(out);
}

std::byte selector(int link_type) {
  for (std::size_t i = 0; i < kLinkTypes.size(); ++i) {
    if (kLinkTypes[i] == link_type) {
      return static_cast<std::byte>(i);
    }
  }
  return std::byte{0};
}

int real(const fs::path& out, int argc, char** argv) {
  fs::create_directories(out / "remoteid");
  fs::create_directories(out / "remoteid_codec");
  int frames = 0;
  int containers = 0;
  for (int i = 0; i < argc; ++i) {
    auto reader = dewline::ingest::PcapReader::open_file(argv[i]);
    if (!reader) {
      std::fprintf(stderr, "seeds: %s: %s\n", argv[i], reader.error().c_str());
      return 1;
    }
    const std::string stem = fs::path(argv[i]).stem().string();
    while (auto f = reader->next()) {
      if (!rid::is_supported_link_type(f->link_type)) {
        continue;
      }
      const rid::LinkResult link = rid::parse_link(f->link_type, f->bytes);
      const bool odid = link.status != rid::LinkStatus::NotOdid;
      if (!odid && f->number % 50 != 0) {
        continue;
      }
      const std::array<std::byte, 1> sel = {selector(f->link_type)};
      const std::string name = stem + "_" + std::to_string(f->number) + ".bin";
      write(out / "remoteid" / name, sel, f->bytes);
      ++frames;
      if (link.status == rid::LinkStatus::Odid) {
        write(out / "remoteid_codec" / name, {}, link.payload);
        ++containers;
      }
    }
  }
  std::printf("seeds: remoteid %d frames, remoteid_codec %d containers\n", frames, containers);
  return 0;
}

int synthetic(const fs::path& out) {
  fs::create_directories(out / "remoteid");
  fs::create_directories(out / "remoteid_codec");
  rid::Location l;
  l.status = 2;
  l.latitude = rid::encode_lat_lon(47.1986439);
  l.longitude = rid::encode_lat_lon(8.7301779);
  l.geodetic_altitude = rid::encode_altitude(455.0);
  l.height = rid::encode_altitude(11.0);
  rid::set_speed_horizontal(l, 2.0);
  rid::set_direction(l, 302.0);
  rid::set_speed_vertical(l, -1.0);
  l.horizontal_accuracy = 10;
  l.timestamp = 9291;
  rid::BasicId b;
  b.id_type = 1;
  b.ua_type = 2;
  const std::string serial = "1588E040445AC004418";
  std::copy(serial.begin(), serial.end(), b.uas_id.bytes.begin());
  rid::System s;
  s.operator_latitude = rid::encode_lat_lon(47.198656);
  s.operator_longitude = rid::encode_lat_lon(8.7302205);
  s.area_count = 1;
  rid::OperatorId o;
  const std::string op = "CHE-OP-0000";
  std::copy(op.begin(), op.end(), o.operator_id.bytes.begin());
  rid::SelfId d;
  const std::string desc = "seed";
  std::copy(desc.begin(), desc.end(), d.description.bytes.begin());
  rid::Auth a;
  a.auth_type = 1;
  a.last_page_index = 1;
  a.length = 30;
  const std::vector<rid::Message> pack = {rid::Message{2, b}, rid::Message{2, l},
                                          rid::Message{2, s}, rid::Message{2, o},
                                          rid::Message{2, d}, rid::Message{2, a}};
  rid::WifiFrameParams wp;
  wp.transmitter.octets = {0x90, 0x3a, 0xe6, 0x5b, 0xc8, 0xa8};
  rid::BleFrameParams bp;
  bp.address.octets = {0xe0, 0x7d, 0xea, 0xeb, 0x2f, 0x1c};
  struct Item {
    const char* name;
    int link_type;
    std::vector<std::byte> frame;
  };
  const std::vector<Item> items = {
      {"beacon", rid::kDltIeee80211Radiotap, rid::build_wifi_beacon(wp, 1, pack)},
      {"nan", rid::kDltIeee80211Radiotap, rid::build_wifi_nan(wp, 2, pack)},
      {"bt4_legacy", rid::kDltBluetoothLeLlWithPhdr, rid::build_bt_legacy(bp, 3, pack[1])},
      {"bt5_nordic", rid::kDltNordicBle, rid::build_bt5_long_range(bp, 4, pack)},
      {"bt5_phdr", rid::kDltBluetoothLeLlWithPhdr,
       rid::build_bt5_long_range(bp, 5, pack, rid::BleLinkType::LeLlWithPhdr)},
  };
  for (const Item& it : items) {
    const std::array<std::byte, 1> sel = {selector(it.link_type)};
    write(out / "remoteid" / (std::string(it.name) + ".bin"), sel, it.frame);
    const rid::LinkResult link = rid::parse_link(it.link_type, it.frame);
    if (link.status == rid::LinkStatus::Odid) {
      write(out / "remoteid_codec" / (std::string(it.name) + ".bin"), {}, link.payload);
    }
  }
  // The bare 802.11 beacon (DLT 105) without radiotap.
  wp.with_fcs = false;
  const auto beacon = rid::build_wifi_beacon(wp, 6, pack);
  const std::array<std::byte, 1> sel105 = {selector(rid::kDltIeee80211)};
  write(out / "remoteid" / "beacon_raw80211.bin", sel105, std::span(beacon).subspan(15));
  std::printf("seeds: synthetic corpus written to %s\n", out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--real") {
    return real(argv[2], argc - 3, argv + 3);
  }
  if (argc == 3 && std::string(argv[1]) == "--synthetic") {
    return synthetic(argv[2]);
  }
  std::fprintf(stderr,
               "usage: dewline_remoteid_seeds --real OUT CAPTURE... | --synthetic OUT\n");
  return 2;
}
