// Real-data tests: every record of ../shared/data/real/asterix/cat_034_048.pcap (CroatiaControl
// sample, 2016) decodes, every field equals tshark's dissection of the same bytes (tshark is run
// by the test), and the flattened values equal the reference decode in
// asterix/expected/cat_034_048.jsonl (EXPECTED.md). CAT062 captures are skipped cleanly.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "ingest/asterix/datagram_decoder.hpp"
#include "ingest/asterix/input_source.hpp"
#include "ingest/pcap/pcap_reader.hpp"
#include "tests/ingest/asterix/tshark_compare.hpp"
#include "tests/ingest/asterix/tshark_pdml.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::asterix {
namespace {

using test::real_data;

struct Decoded {
  std::uint64_t frame = 0;
  std::size_t payload_in_frame = 0;
  int category = 0;
  std::uint32_t block = 0;
  std::uint32_t record = 0;
  RecordLayout layout;
  Cat048Record r048;
  Cat034Record r034;
  std::vector<BdsRegister> bds;
  std::vector<test::ExpectedField> fields;
};

class Collect final : public RecordSink {
 public:
  std::uint64_t frame = 0;
  std::size_t payload_in_frame = 0;
  std::vector<Decoded> records;
  std::vector<AsterixError> errors;

  void on_cat048(const Cat048Record& r, const RecordContext& c) override {
    Decoded d = base(c);
    d.r048 = r;
    if (r.i250) {
      for (std::size_t i = 0; i < r.i250->rep; ++i) {
        d.bds.push_back(r.i250->at(i));
      }
      d.r048.i250->data = {};  // the datagram's bytes do not outlive this call
    }
    if (d.r048.i120) {
      d.r048.i120->rds_data = {};
    }
    d.fields = test::expected_fields(r);
    records.push_back(std::move(d));
  }
  void on_cat034(const Cat034Record& r, const RecordContext& c) override {
    Decoded d = base(c);
    d.r034 = r;
    d.r034.i070.reset();
    d.fields = test::expected_fields(r);
    records.push_back(std::move(d));
  }
  void on_error(const AsterixError& e) override { errors.push_back(e); }

 private:
  Decoded base(const RecordContext& c) const {
    Decoded d;
    d.frame = frame;
    d.payload_in_frame = payload_in_frame;
    d.category = c.category;
    d.block = c.block_index;
    d.record = c.record_index;
    d.layout = *c.layout;
    return d;
  }
};

// Decodes every UDP datagram of a capture with the production decoder.
Collect decode_capture(const std::string& rel, std::uint64_t* datagrams = nullptr) {
  Collect sink;
  auto reader = PcapReader::open_file(real_data(rel).string());
  EXPECT_TRUE(reader.has_value()) << rel;
  if (!reader) {
    return sink;
  }
  AsterixDecoder dec;
  std::uint64_t n = 0;
  while (auto f = reader->next()) {
    auto u = udp_payload(f->link_type, f->bytes);
    if (!u) {
      continue;
    }
    ++n;
    sink.frame = f->number;
    sink.payload_in_frame = static_cast<std::size_t>(u->payload.data() - f->bytes.data());
    dec.decode(u->payload, sink);
  }
  if (datagrams != nullptr) {
    *datagrams = n;
  }
  return sink;
}

TEST(RealCaptureCat034048, EveryRecordDecodesWithoutError) {
  std::uint64_t datagrams = 0;
  const Collect c = decode_capture("asterix/cat_034_048.pcap", &datagrams);
  EXPECT_EQ(datagrams, 100U);
  EXPECT_TRUE(c.errors.empty()) << c.errors.front().reason();
  ASSERT_EQ(c.records.size(), 162U);
  std::map<int, int> per_cat;
  std::set<int> sics;
  for (const auto& d : c.records) {
    ++per_cat[d.category];
    if (d.category == 48) {
      ASSERT_TRUE(d.r048.i010);
      EXPECT_EQ(d.r048.i010->sac, 25);
      sics.insert(d.r048.i010->sic);
    }
  }
  EXPECT_EQ(per_cat[48], 128);
  EXPECT_EQ(per_cat[34], 34);
  EXPECT_EQ(sics, (std::set<int>{11, 12, 13, 14, 201, 204, 205}));
}

TEST(RealCaptureCat034048, EveryFieldEqualsTsharkDissection) {
  const auto path = real_data("asterix/cat_034_048.pcap");
  std::string err;
  const auto tshark = test::run_tshark_pdml(path, err);
  ASSERT_TRUE(tshark.has_value()) << err;
  EXPECT_TRUE(tshark->problems.empty()) << tshark->problems.front();
  const Collect mine = decode_capture("asterix/cat_034_048.pcap");
  ASSERT_EQ(tshark->records.size(), 162U);
  ASSERT_EQ(mine.records.size(), tshark->records.size());

  std::map<std::pair<std::uint64_t, std::size_t>, const Decoded*> by_pos;
  for (const auto& d : mine.records) {
    by_pos[{d.frame, d.layout.offset + d.payload_in_frame}] = &d;
  }
  int fl_sign = 0;
  std::size_t fields_compared = 0;
  for (const auto& t : tshark->records) {
    auto it = by_pos.find({t.frame, t.pos});
    ASSERT_NE(it, by_pos.end()) << "tshark record in frame " << t.frame << " at " << t.pos
                                << " not decoded by dewline";
    const Decoded& d = *it->second;
    ASSERT_EQ(t.category, d.category);
    const Uap& uap = d.category == 48 ? cat048_uap() : cat034_uap();
    const auto bad = test::compare_record(t, d.fields, d.layout, uap, d.payload_in_frame, &fl_sign);
    for (const auto& b : bad) {
      ADD_FAILURE() << b;
    }
    for (const auto& item : t.items) {
      fields_compared += item.leaves.size();
    }
  }
  // The two I048/090 raw 0x3FFC records (FL -1; tshark 4.0 shows 4095), see EXPECTED.md.
  EXPECT_EQ(fl_sign, 2);
  EXPECT_GT(fields_compared, 5000U);
}

// Reads the reference decode: one object per record, keyed by (frame, block, record).
std::map<std::tuple<std::uint64_t, std::uint32_t, std::uint32_t>, nlohmann::json> load_expected() {
  std::map<std::tuple<std::uint64_t, std::uint32_t, std::uint32_t>, nlohmann::json> out;
  std::ifstream in(real_data("asterix/expected/cat_034_048.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    const auto key =
        std::make_tuple(j["frame"].get<std::uint64_t>(), j["block"].get<std::uint32_t>(),
                        j["record"].get<std::uint32_t>());
    out[key] = std::move(j);
  }
  return out;
}

void expect_num(const nlohmann::json& j, const char* key, std::optional<double> mine,
                const std::string& where) {
  if (!j.contains(key)) {
    EXPECT_FALSE(mine.has_value()) << where << ": " << key << " decoded but not expected";
    return;
  }
  ASSERT_TRUE(mine.has_value()) << where << ": " << key << " expected, not decoded";
  EXPECT_NEAR(j[key].get<double>(), *mine, 1e-9) << where << ": " << key;
}

// The comparison itself can fail: a wrong value, a wrong item span and a missing field are each
// reported.
TEST(TsharkCompare, ReportsWrongValuesSpansAndFields) {
  const auto path = real_data("asterix/cat_034_048.pcap");
  std::string err;
  const auto tshark = test::run_tshark_pdml(path, err);
  ASSERT_TRUE(tshark.has_value()) << err;
  const Collect mine = decode_capture("asterix/cat_034_048.pcap");
  const Decoded& d = mine.records.at(0);
  const test::PdmlRecord& t = tshark->records.at(0);
  ASSERT_TRUE(
      test::compare_record(t, d.fields, d.layout, cat048_uap(), d.payload_in_frame).empty());
  auto fields = d.fields;
  for (auto& f : fields) {
    if (f.name == "asterix.048_040_RHO") {
      *f.number += 1.0 / 256.0;
    }
  }
  EXPECT_EQ(test::compare_record(t, fields, d.layout, cat048_uap(), d.payload_in_frame).size(), 1U);
  RecordLayout shifted = d.layout;
  shifted.items[4].length += 1;
  EXPECT_FALSE(
      test::compare_record(t, d.fields, shifted, cat048_uap(), d.payload_in_frame).empty());
  fields = d.fields;
  fields.pop_back();
  EXPECT_FALSE(test::compare_record(t, fields, d.layout, cat048_uap(), d.payload_in_frame).empty());
}

TEST(RealCaptureCat034048, EqualsReferenceDecodeJsonl) {
  const auto expected = load_expected();
  ASSERT_EQ(expected.size(), 162U);
  const Collect mine = decode_capture("asterix/cat_034_048.pcap");
  ASSERT_EQ(mine.records.size(), 162U);
  // Every key of the reference is checked below or is bookkeeping.
  const std::set<std::string> known = {"frame",
                                       "time_epoch",
                                       "dst",
                                       "block",
                                       "record",
                                       "category",
                                       "items",
                                       "sac",
                                       "sic",
                                       "time_of_day_s",
                                       "target_report_descriptor",
                                       "rho_nm",
                                       "theta_deg",
                                       "mode3a",
                                       "mode3a_v",
                                       "mode3a_g",
                                       "mode3a_l",
                                       "flight_level",
                                       "flight_level_tshark",
                                       "aircraft_address",
                                       "aircraft_id",
                                       "track_number",
                                       "calc_groundspeed_nm_s",
                                       "calc_groundspeed_kt",
                                       "calc_heading_deg",
                                       "calc_x_nm",
                                       "calc_y_nm",
                                       "height_3d_radar_ft",
                                       "message_type",
                                       "sector_number_deg",
                                       "antenna_rotation_period_s"};
  for (const auto& d : mine.records) {
    const std::string where = "frame " + std::to_string(d.frame) + " block " +
                              std::to_string(d.block) + " record " + std::to_string(d.record);
    auto it = expected.find({d.frame, d.block, d.record});
    ASSERT_NE(it, expected.end()) << where;
    const auto& j = it->second;
    for (const auto& [k, v] : j.items()) {
      EXPECT_TRUE(known.count(k)) << where << ": unchecked reference key " << k;
    }
    ASSERT_EQ(j["category"].get<int>(), d.category) << where;
    // The items present are the items of the reference.
    std::set<std::string> items;
    const Uap& uap = d.category == 48 ? cat048_uap() : cat034_uap();
    for (std::size_t frn = 1; frn <= uap.frn_count; ++frn) {
      if (d.layout.has(frn)) {
        items.insert(std::string(uap.frn[frn].name));
      }
    }
    std::set<std::string> ref_items;
    for (const auto& [k, v] : j["items"].items()) {
      ref_items.insert(k);
    }
    EXPECT_EQ(items, ref_items) << where;

    if (d.category == 48) {
      const Cat048Record& r = d.r048;
      ASSERT_TRUE(r.i010);
      EXPECT_EQ(j["sac"].get<int>(), r.i010->sac) << where;
      EXPECT_EQ(j["sic"].get<int>(), r.i010->sic) << where;
      expect_num(j, "time_of_day_s", r.i140, where);
      ASSERT_TRUE(r.i020);
      const auto& trd = j["target_report_descriptor"];
      EXPECT_EQ(trd["TYP"].get<int>(), r.i020->typ) << where;
      EXPECT_EQ(trd["SIM"].get<int>(), r.i020->sim) << where;
      EXPECT_EQ(trd["RDP"].get<int>(), r.i020->rdp) << where;
      EXPECT_EQ(trd["SPI"].get<int>(), r.i020->spi) << where;
      EXPECT_EQ(trd["RAB"].get<int>(), r.i020->rab) << where;
      expect_num(j, "rho_nm", r.i040 ? std::optional(r.i040->rho_nm) : std::nullopt, where);
      expect_num(j, "theta_deg", r.i040 ? std::optional(r.i040->theta_deg) : std::nullopt, where);
      if (j.contains("mode3a")) {
        ASSERT_TRUE(r.i070) << where;
        const auto o = r.i070->octal();
        EXPECT_EQ(j["mode3a"].get<std::string>(), std::string(o.begin(), o.end())) << where;
        EXPECT_EQ(j["mode3a_v"].get<int>(), r.i070->v) << where;
        EXPECT_EQ(j["mode3a_g"].get<int>(), r.i070->g) << where;
        EXPECT_EQ(j["mode3a_l"].get<int>(), r.i070->l) << where;
      } else {
        EXPECT_FALSE(r.i070) << where;
      }
      expect_num(j, "flight_level", r.i090 ? std::optional(r.i090->fl) : std::nullopt, where);
      if (j.contains("aircraft_address")) {
        ASSERT_TRUE(r.i220) << where;
        char hex[8];
        std::snprintf(hex, sizeof hex, "%06X", *r.i220);
        EXPECT_EQ(j["aircraft_address"].get<std::string>(), hex) << where;
      } else {
        EXPECT_FALSE(r.i220) << where;
      }
      if (j.contains("aircraft_id")) {
        ASSERT_TRUE(r.i240) << where;
        EXPECT_EQ(j["aircraft_id"].get<std::string>(), std::string(r.i240->trimmed())) << where;
      } else {
        EXPECT_FALSE(r.i240) << where;
      }
      expect_num(j, "track_number", r.i161 ? std::optional<double>(*r.i161) : std::nullopt, where);
      expect_num(j, "calc_groundspeed_nm_s",
                 r.i200 ? std::optional(r.i200->gsp_nm_s) : std::nullopt, where);
      expect_num(j, "calc_groundspeed_kt",
                 r.i200 ? std::optional(r.i200->gsp_nm_s * 3600.0) : std::nullopt, where);
      expect_num(j, "calc_heading_deg", r.i200 ? std::optional(r.i200->hdg_deg) : std::nullopt,
                 where);
      expect_num(j, "calc_x_nm", r.i042 ? std::optional(r.i042->x_nm) : std::nullopt, where);
      expect_num(j, "calc_y_nm", r.i042 ? std::optional(r.i042->y_nm) : std::nullopt, where);
      expect_num(j, "height_3d_radar_ft", r.i110, where);
      // I048/250 registers as the reference lists them.
      if (j["items"].contains("I048/250")) {
        const auto& b = j["items"]["I048/250"];
        ASSERT_EQ(b["counter"].get<std::size_t>(), d.bds.size()) << where;
        // One register: plain values; several: arrays.
        auto at = [&b](const char* k, std::size_t i) -> const nlohmann::json& {
          return b[k].is_array() ? b[k][i] : b[k];
        };
        for (std::size_t i = 0; i < d.bds.size(); ++i) {
          EXPECT_EQ(at("MBDATA", i).get<std::uint64_t>(), d.bds[i].mbdata) << where;
          EXPECT_EQ(at("BDS1", i).get<int>(), d.bds[i].bds1) << where;
          EXPECT_EQ(at("BDS2", i).get<int>(), d.bds[i].bds2) << where;
        }
      }
    } else {
      const Cat034Record& r = d.r034;
      ASSERT_TRUE(r.i010);
      EXPECT_EQ(j["sac"].get<int>(), r.i010->sac) << where;
      EXPECT_EQ(j["sic"].get<int>(), r.i010->sic) << where;
      expect_num(j, "time_of_day_s", r.i030, where);
      expect_num(j, "message_type", r.i000 ? std::optional<double>(*r.i000) : std::nullopt, where);
      expect_num(j, "sector_number_deg", r.i020, where);
      expect_num(j, "antenna_rotation_period_s", r.i041, where);
      if (j["items"].contains("I034/120")) {
        const auto& p = j["items"]["I034/120"];
        ASSERT_TRUE(r.i120) << where;
        EXPECT_NEAR(p["LAT"].get<double>(), r.i120->lat_deg, 1e-9) << where;
        EXPECT_NEAR(p["LON"].get<double>(), r.i120->lon_deg, 1e-9) << where;
        EXPECT_NEAR(p["HGT"].get<double>(), r.i120->hgt_m, 1e-9) << where;
      }
    }
  }
}

TEST(RealRawBlockFile, Cat048RawHoldsTheFirstPlotOfTheCapture) {
  auto src = open_asterix_source(real_data("asterix/cat048.raw").string(), {});
  ASSERT_TRUE(src.has_value()) << src.error();
  Collect sink;
  AsterixDecoder dec;
  int chunks = 0;
  while (auto d = (*src)->next()) {
    ++chunks;
    EXPECT_FALSE(d->capture_time.has_value());
    dec.decode(d->bytes, sink, d->base_offset);
  }
  EXPECT_EQ(chunks, 1);
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.records.size(), 1U);
  const Cat048Record& r = sink.records[0].r048;
  EXPECT_EQ(sink.records[0].layout.offset, 3U);  // file offset of the FSPEC
  ASSERT_TRUE(r.i010 && r.i140 && r.i040 && r.i070 && r.i090 && r.i220 && r.i240 && r.i161);
  EXPECT_EQ(r.i010->sic, 201);
  EXPECT_EQ(*r.i140, 27354.6015625);
  EXPECT_EQ(r.i040->rho_nm, 197.68359375);
  EXPECT_EQ(r.i040->theta_deg, 340.13671875);
  EXPECT_EQ(r.i070->mode3a, 01000);
  EXPECT_EQ(r.i090->fl, 330.0);
  EXPECT_EQ(*r.i220, 0x3C660CU);
  EXPECT_EQ(r.i240->trimmed(), "DLH65A");
  EXPECT_EQ(*r.i161, 3563);
  ASSERT_EQ(sink.records[0].bds.size(), 1U);
  EXPECT_EQ(sink.records[0].bds[0].bds1, 4);
}

TEST(RealCaptureCat062, UnknownCategoriesAreSkippedBlockByBlock) {
  for (const char* rel : {"asterix/cat062_tracks.pcap", "asterix/cat_062_065.pcap"}) {
    std::uint64_t datagrams = 0;
    const Collect c = decode_capture(rel, &datagrams);
    EXPECT_TRUE(c.records.empty()) << rel;
    ASSERT_FALSE(c.errors.empty()) << rel;
    EXPECT_GE(c.errors.size(), datagrams) << rel;
    for (const auto& e : c.errors) {
      EXPECT_EQ(e.code(), DecodeError::UnknownCategory) << rel << ": " << e.reason();
    }
  }
}

}  // namespace
}  // namespace dewline::ingest::asterix
