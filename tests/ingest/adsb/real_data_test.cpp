// Every message of the two real ADS-B recordings decodes to the reference values of pyModeS
// 3.3.0 in ../shared/data/real/adsb/expected (EXPECTED.md says how they were made). Every key the
// reference gives and this decoder decodes is compared.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/line_reader.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::adsb {
namespace {

using nlohmann::json;

std::vector<json> read_jsonl(const std::string& rel) {
  std::ifstream in(test::real_data(rel));
  EXPECT_TRUE(in) << rel;
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(json::parse(line));
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

std::string icao_hex(std::uint32_t icao) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06x", icao);
  return buf;
}

std::string squawk_str(std::uint16_t s) {
  char buf[5];
  squawk_to_chars(s, buf);
  return buf;
}

// Counts of compared values per key, so a test cannot pass by comparing nothing.
struct Compared {
  std::map<std::string, int> n;
  void operator()(const std::string& k) { ++n[k]; }
};

// Compares one decoded Mode S message with its reference record.
void compare(const DecodedMessage& d, const json& e, Compared& seen) {
  const ModeSMessage& m = d.mode_s;
  const std::string where = e.contains("frame") ? "frame " + std::to_string(e["frame"].get<int>())
                                                : "line " + std::to_string(e["line"].get<int>());
  SCOPED_TRACE(where);
  EXPECT_EQ(m.df, e["df"].get<int>());
  EXPECT_EQ(icao_hex(m.icao), lower(e["icao"].get<std::string>()));
  EXPECT_EQ(m.syndrome, e["crc_remainder"].get<std::uint32_t>());
  seen("df");
  if (m.df == 17 || m.df == 11) {
    EXPECT_EQ(m.parity_checked, e["crc_valid"].get<bool>());
    seen("crc_valid");
  }
  EXPECT_EQ(m.icao_source == IcaoSource::AddressAnnounced,
            e["icao_source"].get<std::string>() == "AA field");
  if (e.contains("icao_verified") && e["icao_verified"].get<bool>()) {
    // pyModeS verifies only addresses seen in DF17; readsb's rule (DF11 II=0 too) is wider.
    EXPECT_TRUE(d.report.icao_verified);
    seen("icao_verified");
  }
  if (e.contains("typecode")) {
    ASSERT_TRUE(m.typecode.has_value());
    EXPECT_EQ(*m.typecode, e["typecode"].get<int>());
    seen("typecode");
  }
  if (e.contains("altitude") && !e["altitude"].is_null()) {
    ASSERT_TRUE(m.altitude.has_value());
    EXPECT_EQ(m.altitude->feet, e["altitude"].get<int>());
    seen("altitude");
  }
  if (e.contains("squawk")) {
    ASSERT_TRUE(m.squawk.has_value());
    EXPECT_EQ(squawk_str(*m.squawk), e["squawk"].get<std::string>());
    seen("squawk");
  }
  if (e.contains("callsign")) {
    const auto* id = m.es_as<EsIdentification>();
    if (id != nullptr) {
      EXPECT_EQ(std::string(id->callsign.view()), e["callsign"].get<std::string>());
      EXPECT_EQ(id->category, e["category"].get<int>());
      seen("category");
    } else {
      ASSERT_TRUE(m.comm_b_callsign.has_value()) << "BDS 2,0 callsign expected";
      EXPECT_EQ(std::string(m.comm_b_callsign->view()), e["callsign"].get<std::string>());
    }
    seen("callsign");
  } else if (m.df == 20 || m.df == 21) {
    EXPECT_FALSE(m.comm_b_callsign.has_value()) << "no BDS 2,0 in the reference";
  }
  // Surveillance fields.
  auto opt_eq = [&](const std::optional<std::uint8_t>& v, const char* key) {
    if (e.contains(key)) {
      ASSERT_TRUE(v.has_value()) << key;
      EXPECT_EQ(*v, e[key].get<int>()) << key;
      seen(key);
    }
  };
  opt_eq(m.fs, "flight_status");
  opt_eq(m.dr, "downlink_request");
  opt_eq(m.um, "utility_message");
  if (m.df == 0) {
    // pyModeS also reads bit 7 of DF16 as CC; Annex 10 3.1.2.8.3 makes it a spare bit there.
    opt_eq(m.cc, "cross_link_capability");
  }
  opt_eq(m.sl, "sensitivity_level");
  opt_eq(m.ri, "reply_information");
  if (m.df == 11) {
    opt_eq(m.ca, "capability");
  }
  if (e.contains("vertical_status")) {
    ASSERT_TRUE(m.vs.has_value());
    EXPECT_EQ(*m.vs == 0, e["vertical_status"].get<std::string>() == "airborne");
    seen("vertical_status");
  }
  // Extended squitter payloads.
  if (const auto* p = m.es_as<EsPosition>()) {
    EXPECT_EQ(p->cpr.odd ? 1 : 0, e["cpr_format"].get<int>());
    EXPECT_EQ(p->cpr.lat, e["cpr_lat"].get<std::uint32_t>());
    EXPECT_EQ(p->cpr.lon, e["cpr_lon"].get<std::uint32_t>());
    EXPECT_EQ(p->surveillance_status, e["surveillance_status"].get<int>());
    EXPECT_EQ(p->nic_b ? 1 : 0, e["nic_b"].get<int>());
    seen("cpr");
    const AircraftReport& r = d.report;
    if (!e["latitude"].is_null()) {
      ASSERT_TRUE(r.new_position);
      EXPECT_EQ(r.aircraft.position_method, CprMethod::Global);
      EXPECT_NEAR(r.aircraft.position->lat_deg, e["latitude"].get<double>(), 1e-9);
      EXPECT_NEAR(r.aircraft.position->lon_deg, e["longitude"].get<double>(), 1e-9);
      seen("latitude");
    } else {
      // No pair within 10 s: never a global position (a local one may be decoded).
      EXPECT_FALSE(r.new_position && r.aircraft.position_method == CprMethod::Global);
      seen("latitude_null");
    }
  }
  if (const auto* v = m.es_as<EsVelocity>()) {
    EXPECT_EQ(v->subtype, e["subtype"].get<int>());
    EXPECT_EQ(v->nac_v, e["nac_v"].get<int>());
    ASSERT_TRUE(v->ground_speed_kt && v->track_deg);
    EXPECT_EQ(static_cast<int>(std::floor(*v->ground_speed_kt)), e["groundspeed"].get<int>());
    EXPECT_NEAR(*v->track_deg, e["track"].get<double>(), 1e-9);
    ASSERT_TRUE(v->vertical_rate_fpm.has_value());
    EXPECT_EQ(*v->vertical_rate_fpm, e["vertical_rate"].get<int>());
    EXPECT_EQ(v->vertical_rate_source == VerticalRateSource::Baro ? "BARO" : "GNSS",
              e["vr_source"].get<std::string>());
    ASSERT_TRUE(v->geo_minus_baro_ft.has_value());
    EXPECT_EQ(*v->geo_minus_baro_ft, e["geo_minus_baro"].get<int>());
    seen("velocity");
  }
  if (const auto* s = m.es_as<EsOperationalStatus>()) {
    EXPECT_EQ(s->subtype, e["subtype"].get<int>());
    EXPECT_EQ(s->version, e["version"].get<int>());
    EXPECT_EQ(s->nic_supplement_a ? 1 : 0, e["nic_supplement_a"].get<int>());
    EXPECT_EQ(s->nac_p, e["nac_p"].get<int>());
    EXPECT_EQ(s->sil, e["sil"].get<int>());
    EXPECT_EQ(s->hrd ? 1 : 0, e["hrd"].get<int>());
    EXPECT_EQ(s->capability_class, e["capability_class"].get<int>());
    EXPECT_EQ(s->operational_mode, e["operational_mode"].get<int>());
    EXPECT_EQ(s->nic_baro ? 1 : 0, e["nic_baro"].get<int>());
    EXPECT_EQ(s->sil_supplement ? 1 : 0, e["sil_supplement"].get<int>());
    seen("operational_status");
  }
  if (const auto* t = m.es_as<EsTargetState>()) {
    EXPECT_EQ(t->subtype, e["subtype"].get<int>());
    ASSERT_TRUE(t->selected_altitude_ft && t->baro_setting_hpa && t->selected_heading_deg);
    EXPECT_EQ(*t->selected_altitude_ft, e["selected_altitude"].get<int>());
    EXPECT_EQ(t->fms_altitude ? "FMS" : "MCP/FCU", e["selected_altitude_source"].get<std::string>());
    EXPECT_NEAR(*t->baro_setting_hpa, e["baro_pressure_setting"].get<double>(), 1e-9);
    EXPECT_NEAR(*t->selected_heading_deg, e["selected_heading"].get<double>(), 1e-9);
    EXPECT_EQ(t->nac_p, e["nac_p"].get<int>());
    EXPECT_EQ(t->nic_baro ? 1 : 0, e["nic_baro"].get<int>());
    EXPECT_EQ(t->sil, e["sil"].get<int>());
    EXPECT_EQ(t->tcas_operational, e["tcas_operational"].get<bool>());
    EXPECT_FALSE(t->mode_bits_valid);  // the reference gives autopilot etc. as null
    EXPECT_TRUE(e["autopilot"].is_null());
    seen("target_state");
  }
  if (const auto* s = m.es_as<EsAircraftStatus>()) {
    EXPECT_EQ(s->subtype, e["subtype"].get<int>());
    EXPECT_EQ(s->emergency_state, e["emergency_state"].get<int>());
    seen("aircraft_status");
  }
}

TEST(AdsbRealData, PymodesSampleMatchesReferenceDecode) {
  const auto expected = read_jsonl("adsb/expected/pymodes_sample_decoded.jsonl");
  ASSERT_EQ(expected.size(), 2000u);
  std::ifstream in(test::real_data("adsb/pymodes_sample_data_adsb.csv"));
  ASSERT_TRUE(in);
  AdsbDecoder dec;
  DecodedMessage msg;
  AdsbError err;
  Compared seen;
  std::string line;
  std::uint64_t no = 0;
  std::size_t decoded = 0;
  while (std::getline(in, line)) {
    ++no;
    ASSERT_LE(no, expected.size());
    const json& e = expected[no - 1];
    ASSERT_EQ(e["line"].get<std::uint64_t>(), no);
    ASSERT_EQ(dec.decode_hex_line(line, no, msg, err), AdsbDecoder::Status::Message)
        << "line " << no << ": " << err.reason;
    EXPECT_NEAR(msg.time.seconds(), e["timestamp"].get<double>(), 1e-6);
    compare(msg, e, seen);
    ++decoded;
  }
  EXPECT_EQ(decoded, 2000u);
  EXPECT_EQ(dec.stats().rejected, 0u);
  // The reference's counts (EXPECTED.md): 98 identifications, 937 positions of which 927 pair
  // globally, 965 velocities.
  EXPECT_EQ(seen.n["callsign"], 98);
  EXPECT_EQ(seen.n["cpr"], 937);
  EXPECT_EQ(seen.n["latitude"], 927);
  EXPECT_EQ(seen.n["latitude_null"], 10);
  EXPECT_EQ(seen.n["velocity"], 965);
  EXPECT_EQ(seen.n["altitude"], 937);
}

TEST(AdsbRealData, BeastSampleMatchesReferenceDecode) {
  const auto expected = read_jsonl("adsb/expected/sample_dump1090_beast_decoded.jsonl");
  ASSERT_EQ(expected.size(), 239u);
  std::ifstream in(test::real_data("adsb/sample_dump1090_beast.bin"), std::ios::binary);
  ASSERT_TRUE(in);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  AdsbDecoder dec;
  dec.push_beast(std::as_bytes(std::span<const char>(bytes)));
  dec.finish_beast();
  DecodedMessage msg;
  AdsbError err;
  Compared seen;
  std::size_t n = 0;
  for (;;) {
    const auto s = dec.next_beast(msg, err);
    if (s == AdsbDecoder::Status::NeedMore) {
      break;
    }
    ASSERT_EQ(s, AdsbDecoder::Status::Message) << "offset " << err.offset << ": " << err.reason;
    ASSERT_LT(n, expected.size());
    const json& e = expected[n++];
    SCOPED_TRACE("frame " + std::to_string(msg.index));
    EXPECT_EQ(msg.index, e["frame"].get<std::uint64_t>());
    EXPECT_EQ(std::string(1, static_cast<char>(msg.beast_type)), e["beast_type"].get<std::string>());
    EXPECT_EQ(msg.timestamp_12mhz, e["mlat_ticks_12mhz"].get<std::uint64_t>());
    EXPECT_EQ(*msg.signal, e["signal"].get<int>());
    EXPECT_NEAR(msg.time.seconds(), e["timestamp"].get<double>(), 1e-6);
    std::string hex;
    for (std::size_t i = 0; i < msg.mode_s.length; ++i) {
      char b[3];
      std::snprintf(b, sizeof b, "%02x", msg.mode_s.bytes[i]);
      hex += b;
    }
    EXPECT_EQ(hex, lower(e["hex"].get<std::string>()));
    compare(msg, e, seen);
  }
  EXPECT_EQ(n, 239u);
  EXPECT_EQ(dec.stats().rejected, 0u);
  EXPECT_EQ(dec.framer().garbage_bytes(), 0u);
  // DF counts from EXPECTED.md.
  const auto& by_df = dec.stats().by_df;
  EXPECT_EQ(by_df[0], 44u);
  EXPECT_EQ(by_df[4], 39u);
  EXPECT_EQ(by_df[5], 12u);
  EXPECT_EQ(by_df[11], 90u);
  EXPECT_EQ(by_df[16], 1u);
  EXPECT_EQ(by_df[17], 23u);
  EXPECT_EQ(by_df[20], 16u);
  EXPECT_EQ(by_df[21], 14u);
  EXPECT_EQ(seen.n["latitude"], 3);
  EXPECT_EQ(seen.n["callsign"], 2);  // TRA89M (DF17) and TJT62CB (DF20 BDS 2,0)
  EXPECT_EQ(seen.n["operational_status"], 4);
  EXPECT_EQ(seen.n["target_state"], 4);
  EXPECT_EQ(seen.n["squawk"], 28);
  EXPECT_EQ(seen.n["altitude"], 104);
}

}  // namespace
}  // namespace dewline::ingest::adsb
