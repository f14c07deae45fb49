// Every Open Drone ID message in the real captures under ../shared/data/real/remoteid decodes,
// and every field equals the reference decode in remoteid/expected/*.jsonl (opendroneid
// wireshark-dissector in tshark 4.0; EXPECTED.md). Lines the reference marks crc_ok=false are
// BLE frames with a bad CRC: those must NOT decode, and must be reported as bad_crc.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/pcap/pcap_reader.hpp"
#include "ingest/remoteid/frame_decoder.hpp"
#include "ingest/remoteid/odid_json.hpp"
#include "ingest/remoteid/odid_units.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::remoteid {
namespace {

using Json = nlohmann::json;

struct Decoded {
  std::uint64_t frame = 0;
  Time time;
  FrameInfo info;
  bool in_pack = false;
  std::uint8_t pack_index = 0;
  Message message;
};

struct CaptureResult {
  std::vector<Decoded> messages;
  std::map<std::uint64_t, ErrorCode> frame_errors;  // frames rejected whole
  FrameStats stats;
};

CaptureResult decode_capture(const std::string& name) {
  CaptureResult out;
  auto reader = PcapReader::open_file(test::real_data("remoteid/" + name).string());
  EXPECT_TRUE(reader.has_value()) << name;
  if (!reader) {
    return out;
  }
  FrameDecoder dec("test");
  DecodedFrame f;
  while (auto fr = reader->next()) {
    dec.decode(fr->link_type, fr->bytes, fr->number, f);
    if (f.status == LinkStatus::Error) {
      out.frame_errors[fr->number] = f.link_error.code;
    }
    for (std::size_t i = 0; i < f.messages.size(); ++i) {
      out.messages.push_back(Decoded{fr->number, fr->time, f.info, f.messages.in_pack(),
                                     f.messages.pack_index(i), f.messages.message(i)});
    }
  }
  EXPECT_TRUE(reader->error().empty()) << reader->error();
  out.stats = dec.stats();
  return out;
}

std::vector<Json> expected_lines(const std::string& name) {
  std::ifstream in(test::real_data("remoteid/expected/" + name + ".jsonl"));
  EXPECT_TRUE(in.good()) << name;
  std::vector<Json> v;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      v.push_back(Json::parse(line));
    }
  }
  return v;
}

// Expected number (or null) against our optional.
void expect_value(const Json& want, const std::optional<double>& got, const std::string& key,
                  const std::string& where) {
  ASSERT_TRUE(want.contains(key)) << where << " key " << key;
  if (want[key].is_null()) {
    EXPECT_FALSE(got.has_value()) << where << " " << key << " should be null, got " << *got;
  } else {
    ASSERT_TRUE(got.has_value()) << where << " " << key << " should be " << want[key];
    EXPECT_NEAR(want[key].get<double>(), *got, 1e-9) << where << " " << key;
  }
}

void expect_int(const Json& want, long long got, const std::string& key, const std::string& where) {
  ASSERT_TRUE(want.contains(key)) << where << " key " << key;
  EXPECT_EQ(want[key].get<long long>(), got) << where << " " << key;
}

void expect_json_value(const Json& want, const std::string& want_key, const Json& got,
                       const std::string& got_key, const std::string& where) {
  ASSERT_TRUE(got.contains(got_key)) << where << " output lacks " << got_key;
  if (want[want_key].is_null()) {
    EXPECT_TRUE(got[got_key].is_null()) << where << " " << got_key << " = " << got[got_key];
  } else if (want[want_key].is_string()) {
    EXPECT_EQ(want[want_key], got[got_key]) << where << " " << got_key;
  } else {
    ASSERT_TRUE(got[got_key].is_number()) << where << " " << got_key << " = " << got[got_key];
    EXPECT_NEAR(want[want_key].get<double>(), got[got_key].get<double>(), 1e-9)
        << where << " " << got_key;
  }
}

void compare(const Json& want, const Decoded& d, const std::string& where) {
  expect_int(want, d.message.protocol_version, "proto_version", where);
  EXPECT_EQ(want["msg_type"].get<std::string>(), std::string(to_string(d.message.type()))) << where;
  EXPECT_EQ(want["transport"].get<std::string>(), std::string(to_string(d.info.transport)))
      << where;
  EXPECT_EQ(want["src"].get<std::string>(), d.info.transmitter.to_string()) << where;
  expect_int(want, d.info.message_counter, "msg_counter", where);
  EXPECT_EQ(want["in_pack"].get<bool>(), d.in_pack) << where;
  EXPECT_NEAR(want["time_epoch"].get<double>(), d.time.seconds(), 2e-6) << where;

  // The stable `dewline decode` JSON carries the same values under its own key names.
  const MessageContext ctx{d.frame, d.time, &d.info, d.pack_index, d.in_pack};
  const auto out = Json::parse(message_json(ctx, d.message).dump());
  EXPECT_EQ(out["frame"].get<std::uint64_t>(), d.frame) << where;
  EXPECT_EQ(out["transport"], want["transport"]) << where;
  EXPECT_EQ(out["type"], want["msg_type"]) << where;

  if (const auto* b = std::get_if<BasicId>(&d.message.body)) {
    expect_int(want, b->id_type, "id_type", where);
    expect_int(want, b->ua_type, "ua_type", where);
    EXPECT_EQ(want["uas_id"].get<std::string>(), std::string(b->uas_id.text())) << where;
    expect_json_value(want, "id_type", out, "id_type", where);
    expect_json_value(want, "ua_type", out, "ua_type", where);
    expect_json_value(want, "uas_id", out, "uas_id", where);
  } else if (const auto* l = std::get_if<Location>(&d.message.body)) {
    expect_int(want, l->status, "status", where);
    expect_int(want, l->height_type, "height_type", where);
    expect_int(want, l->ew_direction, "ew_direction_segment", where);
    expect_int(want, l->speed_multiplier, "speed_multiplier_flag", where);
    expect_int(want, l->direction, "direction_raw", where);
    expect_int(want, l->speed_horizontal, "speed_raw", where);
    expect_int(want, l->speed_vertical, "vspeed_raw", where);
    expect_int(want, l->latitude, "lat_raw", where);
    expect_int(want, l->longitude, "lon_raw", where);
    expect_int(want, l->pressure_altitude, "pressure_alt_raw", where);
    expect_int(want, l->geodetic_altitude, "geodetic_alt_raw", where);
    expect_int(want, l->height, "height_raw", where);
    expect_int(want, l->horizontal_accuracy, "h_accuracy", where);
    expect_int(want, l->vertical_accuracy, "v_accuracy", where);
    expect_int(want, l->baro_accuracy, "baro_accuracy", where);
    expect_int(want, l->speed_accuracy, "speed_accuracy", where);
    expect_int(want, l->timestamp, "timestamp_raw", where);
    expect_int(want, l->timestamp_accuracy, "timestamp_accuracy_raw", where);
    expect_value(want, direction_deg(*l), "direction_deg", where);
    expect_value(want, speed_horizontal_mps(*l), "speed_mps", where);
    expect_value(want, speed_vertical_mps(*l), "vspeed_mps", where);
    expect_value(want, latitude_deg(*l), "lat_deg", where);
    expect_value(want, longitude_deg(*l), "lon_deg", where);
    expect_value(want, pressure_altitude_m(*l), "pressure_alt_m", where);
    expect_value(want, geodetic_altitude_m(*l), "geodetic_alt_m", where);
    expect_value(want, height_m(*l), "height_m", where);
    expect_value(want, timestamp_s_since_hour(*l), "timestamp_s_since_hour", where);
    EXPECT_NEAR(want["timestamp_accuracy_s"].get<double>(),
                timestamp_accuracy_s(l->timestamp_accuracy).value_or(0.0), 1e-9)
        << where;
    expect_json_value(want, "lat_deg", out, "lat", where);
    expect_json_value(want, "lon_deg", out, "lon", where);
    expect_json_value(want, "geodetic_alt_m", out, "alt_geo_m", where);
    expect_json_value(want, "pressure_alt_m", out, "alt_baro_m", where);
    expect_json_value(want, "height_m", out, "height_m", where);
    expect_json_value(want, "speed_mps", out, "speed_h_mps", where);
    expect_json_value(want, "vspeed_mps", out, "speed_v_mps", where);
    expect_json_value(want, "direction_deg", out, "direction_deg", where);
  } else if (const auto* s = std::get_if<SelfId>(&d.message.body)) {
    expect_int(want, s->description_type, "desc_type", where);
    EXPECT_EQ(want["description"].get<std::string>(), std::string(s->description.text()))
        << where;
    expect_json_value(want, "description", out, "description", where);
  } else if (const auto* y = std::get_if<System>(&d.message.body)) {
    expect_int(want, y->classification_type, "classification_type", where);
    expect_int(want, y->operator_location_type, "operator_location_type", where);
    expect_int(want, y->operator_latitude, "operator_lat_raw", where);
    expect_int(want, y->operator_longitude, "operator_lon_raw", where);
    expect_value(want, operator_latitude_deg(*y), "operator_lat_deg", where);
    expect_value(want, operator_longitude_deg(*y), "operator_lon_deg", where);
    expect_int(want, y->area_count, "area_count", where);
    expect_int(want, y->area_radius, "area_radius_raw", where);
    expect_value(want, area_radius_m(*y), "area_radius_m", where);
    expect_int(want, y->area_ceiling, "area_ceiling_raw", where);
    expect_value(want, area_ceiling_m(*y), "area_ceiling_m", where);
    expect_int(want, y->area_floor, "area_floor_raw", where);
    expect_value(want, area_floor_m(*y), "area_floor_m", where);
    expect_int(want, y->operator_altitude_geo, "operator_geodetic_alt_raw", where);
    expect_value(want, operator_altitude_m(*y), "operator_geodetic_alt_m", where);
    expect_int(want, y->category_eu, "ua_category_eu", where);
    expect_int(want, y->class_eu, "ua_class_eu", where);
    expect_int(want, y->timestamp, "system_timestamp_raw", where);
    expect_int(want, system_timestamp_unix_s(*y), "system_timestamp_unix", where);
    expect_json_value(want, "operator_lat_deg", out, "operator_lat", where);
    expect_json_value(want, "operator_lon_deg", out, "operator_lon", where);
  } else if (const auto* o = std::get_if<OperatorId>(&d.message.body)) {
    expect_int(want, o->operator_id_type, "operator_id_type", where);
    EXPECT_EQ(want["operator_id"].get<std::string>(), std::string(o->operator_id.text()))
        << where;
    expect_json_value(want, "operator_id", out, "operator_id", where);
  } else {
    ADD_FAILURE() << where << " unexpected message type";
  }
}

// Checks one capture against its reference; returns the number of lines compared.
void check_capture(const std::string& name, std::size_t expected_good,
                   std::size_t expected_bad_crc_lines) {
  const CaptureResult got = decode_capture(name + (name == "odid_bt5_lr_sample" ||
                                                           name == "parrot_anafi4_real"
                                                       ? ".pcapng"
                                                       : ".pcap"));
  const std::vector<Json> want = expected_lines(name);
  std::map<std::pair<std::uint64_t, int>, const Decoded*> index;
  for (const Decoded& d : got.messages) {
    const auto key = std::make_pair(d.frame, static_cast<int>(d.pack_index));
    EXPECT_EQ(index.count(key), 0U) << name << " duplicate frame/pack index " << d.frame;
    index[key] = &d;
  }
  std::size_t good = 0;
  std::size_t bad_crc = 0;
  std::set<std::uint64_t> bad_crc_frames;
  for (const Json& w : want) {
    const auto frame = w["frame"].get<std::uint64_t>();
    const int pack_index = w["pack_index"].get<int>();
    const std::string where = name + " frame " + std::to_string(frame) + " pack index " +
                              std::to_string(pack_index) + " (" +
                              w["msg_type"].get<std::string>() + ")";
    if (w.contains("crc_ok") && !w["crc_ok"].get<bool>()) {
      ++bad_crc;
      bad_crc_frames.insert(frame);
      EXPECT_EQ(index.count({frame, pack_index}), 0U) << where << ": bad CRC frame decoded";
      continue;
    }
    ++good;
    auto it = index.find({frame, pack_index});
    ASSERT_NE(it, index.end()) << where << ": not decoded";
    compare(w, *it->second, where);
  }
  EXPECT_EQ(good, expected_good) << name;
  EXPECT_EQ(bad_crc, expected_bad_crc_lines) << name;
  // No message beyond the reference's good ones.
  EXPECT_EQ(got.messages.size(), good) << name;
  for (std::uint64_t f : bad_crc_frames) {
    auto it = got.frame_errors.find(f);
    ASSERT_NE(it, got.frame_errors.end()) << name << " frame " << f << " not reported";
    EXPECT_EQ(it->second, ErrorCode::BadCrc) << name << " frame " << f;
  }
  EXPECT_EQ(got.stats.messages, good);
}

TEST(RealCaptures, WifiBeaconSampleMatchesReferenceOnEveryField) {
  check_capture("odid_wifi_bcn_sample", 105, 0);
}

TEST(RealCaptures, WifiNanSampleMatchesReferenceOnEveryField) {
  check_capture("odid_wifi_nan_sample", 42, 0);
}

TEST(RealCaptures, Bt5LongRangeSampleMatchesReferenceOnEveryCrcGoodLine) {
  check_capture("odid_bt5_lr_sample", 1069, 100);
}

TEST(RealCaptures, ParrotAnafiMatchesReferenceOnEveryField) {
  check_capture("parrot_anafi4_real", 2295, 0);
}

TEST(RealCaptures, ParrotOtherNetworksAreSkippedQuietlyAndCounted) {
  const CaptureResult got = decode_capture("parrot_anafi4_real.pcapng");
  EXPECT_EQ(got.stats.frames, 5091U);
  EXPECT_EQ(got.stats.odid_frames, 1140U);
  EXPECT_EQ(got.stats.other_frames, 5091U - 1140U);
  EXPECT_EQ(got.stats.malformed_frames, 0U);
  EXPECT_TRUE(got.frame_errors.empty());
  EXPECT_EQ(got.stats.messages_by_type[static_cast<std::size_t>(MessageType::Location)], 1140U);
  EXPECT_EQ(got.stats.messages_by_type[static_cast<std::size_t>(MessageType::BasicId)], 385U);
}

TEST(RealCaptures, Bt5EmptyPacksAndBadCrcFramesAreCounted) {
  const CaptureResult got = decode_capture("odid_bt5_lr_sample.pcapng");
  EXPECT_EQ(got.stats.frames, 274U);
  // 30 frames fail the CRC (the sniffer's own CRC flag agrees); 27 of them look like ODID and
  // are reported, the others are counted as corrupt frames of unknown origin.
  std::size_t bad_crc = 0;
  for (const auto& [frame, code] : got.frame_errors) {
    bad_crc += code == ErrorCode::BadCrc ? 1 : 0;
  }
  EXPECT_EQ(bad_crc + got.stats.corrupt_other_frames, 30U);
  EXPECT_EQ(got.frame_errors.size(), bad_crc);
  EXPECT_GE(got.stats.empty_packs, 19U);  // frames 1..25 carry quantity-0 packs (6 bad CRC)
}

}  // namespace
}  // namespace dewline::ingest::remoteid
