// The encoder (used by the simulator): CAT048 target reports and CAT034 service messages from
// plain structs round-trip through the decoder, values it cannot carry are refused, datagrams
// are packed within their size, and tshark dissects the encoded bytes to the same fields.
#include <gtest/gtest.h>

#include <map>

#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/encoder.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "tests/ingest/asterix/full_records.hpp"
#include "tests/ingest/asterix/test_pcap.hpp"
#include "tests/ingest/asterix/tshark_compare.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::asterix {
namespace {

using test::Bytes;
using test::CollectSink;

// A report with every item the decoder interprets, values on each item's LSB grid.
Cat048Record full_plot() {
  Cat048Record r;
  r.i010 = DataSourceIdentifier{25, 13};
  r.i140 = 86399.9921875;  // last LSB before midnight
  TargetReportDescriptor d;
  d.typ = 5;
  d.spi = 1;
  d.tst = 0;
  d.foefri = 2;
  d.octets = 2;
  r.i020 = d;
  r.i040 = MeasuredPolarPosition{255.99609375, 359.9945068359375};
  r.i070 = Mode3ACode{0, 1, 0, 07500};
  r.i090 = FlightLevel{0, 0, -12.25};
  RadarPlotCharacteristics p;
  p.srl_deg = 20 * (360.0 / 8192.0);
  p.srr = 14;
  p.sam_dbm = -80;
  p.rpd_nm = -3.0 / 256.0;
  p.apd_deg = 5 * (360.0 / 16384.0);
  r.i130 = p;
  r.i220 = 0xABCDEF;
  AircraftIdentification id;
  const char cs[] = "KLM1023 ";
  std::copy(cs, cs + 8, id.chars.begin());
  r.i240 = id;
  r.i161 = 4095;
  r.i042 = CalculatedCartesianPosition{-200.5, 199.9921875};
  r.i200 = CalculatedPolarVelocity{0.125, 270.0};
  TrackStatus t;
  t.cnf = 1;
  t.rad = 2;
  t.cdm = 3;
  t.tre = 1;
  t.octets = 2;
  r.i170 = t;
  r.i210 = TrackQuality{10 / 128.0, 20 / 128.0, 30 / 16384.0, 40 * (360.0 / 4096.0)};
  r.i110 = -1000.0;
  static const Bytes rds = test::b({0, 12, 0, 200, 0x0B, 0xB8});
  RadialDopplerSpeed doppler;
  doppler.cal = RadialDopplerSpeed::Cal{0, -37.0};
  doppler.rds_rep = 1;
  doppler.rds_data = rds;
  r.i120 = doppler;
  r.i230 = CommunicationsCapability{1, 0, 0, 1, 1, 1, 1, 5};
  return r;
}

Cat034Record full_service_message() {
  Cat034Record r;
  r.i010 = DataSourceIdentifier{25, 14};
  r.i000 = 2;
  r.i030 = 12.0078125;
  r.i020 = 357.1875;
  r.i041 = 4.9921875;
  SystemConfigurationStatus s;
  s.com = SystemConfigurationStatus::Com{0, 1, 0, 1, 0, 1, 0};
  s.psr = SystemConfigurationStatus::Psr{1, 3, 0, 1};
  s.mds = SystemConfigurationStatus::Mds{0, 2, 1, 1, 0, 1, 0, 1};
  r.i050 = s;
  SystemProcessingMode m;
  m.com = SystemProcessingMode::Com{3, 5};
  m.ssr = SystemProcessingMode::Ssr{7};
  m.mds = SystemProcessingMode::Mds{2, 1};
  r.i060 = m;
  r.i100 = GenericPolarWindow{1.5, 100.25, 45.0, 22.5};
  r.i110 = 3;
  r.i120 =
      DataSourcePosition{780.0, 0x1EFBDD * (180.0 / 8388608.0), 0x0BAAA2 * (180.0 / 8388608.0)};
  r.i090 = CollimationError{-2.0 / 128.0, 3 * (360.0 / 16384.0)};
  return r;
}

CollectSink decode_all(const Bytes& d) {
  AsterixDecoder dec;
  CollectSink s;
  dec.decode(d, s);
  return s;
}

Bytes as_block(std::uint8_t cat, const Bytes& record) {
  Bytes out = {static_cast<std::byte>(cat), std::byte{0}, std::byte{0}};
  out.insert(out.end(), record.begin(), record.end());
  out[1] = static_cast<std::byte>(out.size() >> 8U);
  out[2] = static_cast<std::byte>(out.size() & 0xFFU);
  return out;
}

TEST(Encoder, Cat048RoundTripsEveryDecodedItem) {
  const Cat048Record in = full_plot();
  Bytes rec;
  ASSERT_TRUE(encode_cat048(in, rec).has_value());
  const Bytes block = as_block(48, rec);  // outlives `s`: I048/120 RDS points into it
  const CollectSink s = decode_all(block);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].reason();
  ASSERT_EQ(s.records.size(), 1U);
  const Cat048Record& out = s.records[0].r048;
  EXPECT_EQ(out.i010, in.i010);
  EXPECT_EQ(out.i140, in.i140);
  EXPECT_EQ(out.i020, in.i020);
  EXPECT_EQ(out.i040, in.i040);
  EXPECT_EQ(out.i070, in.i070);
  EXPECT_EQ(out.i090, in.i090);
  EXPECT_EQ(out.i130, in.i130);
  EXPECT_EQ(out.i220, in.i220);
  EXPECT_EQ(out.i240, in.i240);
  EXPECT_EQ(out.i161, in.i161);
  EXPECT_EQ(out.i042, in.i042);
  EXPECT_EQ(out.i200, in.i200);
  EXPECT_EQ(out.i170, in.i170);
  EXPECT_EQ(out.i210, in.i210);
  EXPECT_EQ(out.i110, in.i110);
  EXPECT_EQ(out.i120, in.i120);
  EXPECT_EQ(out.i230, in.i230);
}

TEST(Encoder, Cat034RoundTripsEveryDecodedItem) {
  const Cat034Record in = full_service_message();
  Bytes rec;
  ASSERT_TRUE(encode_cat034(in, rec).has_value());
  const CollectSink s = decode_all(as_block(34, rec));
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].reason();
  ASSERT_EQ(s.records.size(), 1U);
  const Cat034Record& out = s.records[0].r034;
  EXPECT_EQ(out.i010, in.i010);
  EXPECT_EQ(out.i000, in.i000);
  EXPECT_EQ(out.i030, in.i030);
  EXPECT_EQ(out.i020, in.i020);
  EXPECT_EQ(out.i041, in.i041);
  EXPECT_EQ(out.i050, in.i050);
  EXPECT_EQ(out.i060, in.i060);
  EXPECT_EQ(out.i100, in.i100);
  EXPECT_EQ(out.i110, in.i110);
  EXPECT_EQ(out.i120, in.i120);
  EXPECT_EQ(out.i090, in.i090);
}

TEST(Encoder, RoundsToTheNearestLsbAndWrapsAngles) {
  Cat048Record r;
  r.i010 = DataSourceIdentifier{1, 2};
  r.i140 = 10.004;                                   // -> 10.0078125 (nearest 1/128 s)
  r.i040 = MeasuredPolarPosition{10.001, 359.9999};  // theta wraps to 0
  r.i200 = CalculatedPolarVelocity{0.1, -90.0};      // heading -90 -> 270
  Bytes rec;
  ASSERT_TRUE(encode_cat048(r, rec).has_value());
  const CollectSink s = decode_all(as_block(48, rec));
  ASSERT_EQ(s.records.size(), 1U);
  EXPECT_EQ(*s.records[0].r048.i140, 10.0078125);
  EXPECT_EQ(s.records[0].r048.i040->rho_nm, 10.0);
  EXPECT_EQ(s.records[0].r048.i040->theta_deg, 0.0);
  EXPECT_EQ(s.records[0].r048.i200->hdg_deg, 270.0);
}

TEST(Encoder, RefusesValuesTheItemCannotCarry) {
  auto refused = [](const Cat048Record& r, const char* item) {
    Bytes out = test::b({0x42});
    auto res = encode_cat048(r, out);
    EXPECT_FALSE(res.has_value()) << item;
    if (!res) {
      EXPECT_NE(std::string(res.error().reason()).find(item), std::string::npos)
          << res.error().reason();
    }
    EXPECT_EQ(out.size(), 1U) << item;  // nothing appended
  };
  Cat048Record r;
  r.i040 = MeasuredPolarPosition{256.0, 0.0};
  refused(r, "I048/040");
  r = {};
  r.i140 = 86400.0;
  refused(r, "I048/140");
  r = {};
  r.i140 = -1.0;
  refused(r, "I048/140");
  r = {};
  r.i070 = Mode3ACode{0, 0, 0, 010000};
  refused(r, "I048/070");
  r = {};
  AircraftIdentification id;
  id.chars = {'a', 'b', 'c', ' ', ' ', ' ', ' ', ' '};
  r.i240 = id;
  refused(r, "I048/240");
  r = {};
  r.i161 = 4096;
  refused(r, "I048/161");
  r = {};
  r.i040 = MeasuredPolarPosition{std::nan(""), 0.0};
  refused(r, "I048/040");
  Bytes none;
  EXPECT_FALSE(encode_cat048(Cat048Record{}, none).has_value());  // no item: no valid record
  EXPECT_FALSE(encode_cat034(Cat034Record{}, none).has_value());
  EXPECT_TRUE(none.empty());
  Cat034Record c;
  c.i120 = DataSourcePosition{0.0, 91.0, 0.0};
  Bytes out;
  EXPECT_FALSE(encode_cat034(c, out).has_value());
  EXPECT_TRUE(out.empty());
}

TEST(Encoder, DatagramBuilderPacksBlocksWithinTheDatagramSize) {
  DatagramBuilder builder(1000);
  ASSERT_TRUE(builder.add(make_north_marker({25, 1}, 100.0)).has_value());
  for (int i = 0; i < 200; ++i) {
    Cat048Record r = full_plot();
    r.i161 = static_cast<std::uint16_t>(i);
    ASSERT_TRUE(builder.add(r).has_value());
    if (i == 100) {
      ASSERT_TRUE(builder.add(make_sector_crossing({25, 1}, 101.0, 180.0)).has_value());
    }
  }
  const auto datagrams = builder.finish();
  ASSERT_GT(datagrams.size(), 5U);
  std::vector<int> tracks;
  int cat034 = 0;
  for (const auto& d : datagrams) {
    EXPECT_LE(d.size(), 1000U);
    const CollectSink s = decode_all(d);
    EXPECT_TRUE(s.errors.empty());
    for (const auto& r : s.records) {
      if (r.category == 48) {
        tracks.push_back(*r.r048.i161);
      } else {
        ++cat034;
      }
    }
  }
  ASSERT_EQ(tracks.size(), 200U);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(tracks[static_cast<std::size_t>(i)], i);
  }
  EXPECT_EQ(cat034, 2);
  EXPECT_TRUE(builder.finish().empty());
}

TEST(Encoder, NorthMarkerAndSectorCrossingMessages) {
  const Cat034Record n = make_north_marker({25, 13}, 27355.953125);
  EXPECT_EQ(n.i000, 1);
  EXPECT_FALSE(n.i020);
  const Cat034Record s = make_sector_crossing({25, 13}, 27355.953125, 135.0);
  EXPECT_EQ(s.i000, 2);
  EXPECT_EQ(s.i020, 135.0);
  Bytes rec;
  ASSERT_TRUE(encode_cat034(s, rec).has_value());
  // The real capture's sector crossing record: FSPEC F0, SAC/SIC, type 2, ToD, sector 0x60.
  EXPECT_EQ(rec, test::b({0xF0, 25, 13, 2, 0x35, 0x6D, 0xFA, 0x60}));
}

// tshark dissects what the encoder wrote (and the hand-made every-item records) to the same
// fields, at the same positions.
TEST(Encoder, TsharkDissectsEncodedRecordsToTheSameFields) {
  const auto dir = test::scratch_dir("asterix_encoder_tshark");
  const auto pcap = dir / "encoded.pcap";
  std::vector<Bytes> datagrams;
  {
    DatagramBuilder builder(1400);
    ASSERT_TRUE(builder.add(full_service_message()).has_value());
    ASSERT_TRUE(builder.add(make_north_marker({25, 14}, 5.0)).has_value());
    ASSERT_TRUE(builder.add(full_plot()).has_value());
    Cat048Record minimal;
    minimal.i010 = DataSourceIdentifier{25, 14};
    minimal.i140 = 0.0;
    minimal.i040 = MeasuredPolarPosition{0.5, 45.0};
    ASSERT_TRUE(builder.add(minimal).has_value());
    for (auto& d : builder.finish()) {
      datagrams.push_back(std::move(d));
    }
  }
  datagrams.push_back(
      test::cat({test::block(48, {test::cat048_every_item(1), test::cat048_every_item(2)}),
                 test::block(34, {test::cat034_every_item(3)})}));
  test::PcapWriter w(pcap);
  for (std::size_t i = 0; i < datagrams.size(); ++i) {
    w.add(datagrams[i], 1700000000U + static_cast<std::uint32_t>(i));
  }
  w.close();

  std::string err;
  const auto tshark = test::run_tshark_pdml(pcap, err);
  ASSERT_TRUE(tshark.has_value()) << err;
  EXPECT_TRUE(tshark->problems.empty()) << tshark->problems.front();

  // Decode the same pcap with dewline and compare record by record.
  auto reader = PcapReader::open_file(pcap.string());
  ASSERT_TRUE(reader.has_value());
  struct Sink final : RecordSink {
    std::uint64_t frame = 0;
    std::map<std::pair<std::uint64_t, std::size_t>,
             std::pair<RecordLayout, std::vector<test::ExpectedField>>>
        by_pos;
    std::vector<AsterixError> errors;
    void on_cat048(const Cat048Record& r, const RecordContext& c) override {
      by_pos[{frame, c.record_offset + test::kUdpPayloadOffset}] = {*c.layout,
                                                                    test::expected_fields(r)};
    }
    void on_cat034(const Cat034Record& r, const RecordContext& c) override {
      by_pos[{frame, c.record_offset + test::kUdpPayloadOffset}] = {*c.layout,
                                                                    test::expected_fields(r)};
    }
    void on_error(const AsterixError& e) override { errors.push_back(e); }
  } sink;
  AsterixDecoder dec;
  while (auto f = reader->next()) {
    auto u = udp_payload(f->link_type, f->bytes);
    ASSERT_TRUE(u.has_value());
    sink.frame = f->number;
    dec.decode(u->payload, sink);
  }
  EXPECT_TRUE(sink.errors.empty()) << sink.errors[0].reason();
  ASSERT_EQ(tshark->records.size(), sink.by_pos.size());
  ASSERT_EQ(tshark->records.size(), 7U);
  int fl_sign = 0;
  for (const auto& t : tshark->records) {
    auto it = sink.by_pos.find({t.frame, t.pos});
    ASSERT_NE(it, sink.by_pos.end()) << "frame " << t.frame << " pos " << t.pos;
    const Uap& uap = t.category == 48 ? cat048_uap() : cat034_uap();
    for (const auto& bad : test::compare_record(t, it->second.second, it->second.first, uap,
                                                test::kUdpPayloadOffset, &fl_sign)) {
      ADD_FAILURE() << bad;
    }
  }
  EXPECT_EQ(fl_sign, 3);  // full_plot FL -12.25 and the two every-item records FL -1
}

}  // namespace
}  // namespace dewline::ingest::asterix
