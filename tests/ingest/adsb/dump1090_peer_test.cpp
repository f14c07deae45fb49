// Debian's dump1090-mutability as a peer: it decodes the same Beast frames as we do and writes
// SBS; its output must agree with our decode of the same frames, for the real sample and for
// frames made by our encoder. Loopback only; the peer runs with --net-only on free ports.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <numbers>
#include <thread>
#include <sstream>

#include "ingest/adsb/adsb_decoder.hpp"
#include "ingest/adsb/crc.hpp"
#include "ingest/adsb/encoder.hpp"
#include "ingest/adsb/sbs_parser.hpp"
#include "tests/ingest/adsb/dump1090_peer.hpp"
#include "tests/test_paths.hpp"

namespace dewline::ingest::adsb {
namespace {

using std::chrono::milliseconds;

std::vector<std::byte> sample() {
  std::ifstream in(dewline::test::real_data("adsb/sample_dump1090_beast.bin"), std::ios::binary);
  const std::vector<char> c((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> b(c.size());
  std::memcpy(b.data(), c.data(), c.size());
  return b;
}

std::vector<SbsRecord> parse_sbs(const std::string& text) {
  std::vector<SbsRecord> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    SbsRecord r;
    const auto k = parse_sbs_line(line, r);
    EXPECT_TRUE(k.has_value()) << "peer wrote an SBS line we cannot parse: " << line;
    if (k && *k == SbsLineKind::Message) {
      out.push_back(r);
    }
  }
  return out;
}

// The SBS transmission type dump1090 writes for a message, or 0 when it writes none
// (dump1090-mutability net_io.c modesSendSBSOutput).
int sbs_type_of(const ModeSMessage& m) {
  switch (m.df) {
    case 4: case 20: return 5;
    case 5: case 21: return 6;
    case 0: case 16: return 7;
    case 11: return 8;
    case 17: case 18: {
      const int tc = m.typecode.value_or(0);
      if (tc >= 1 && tc <= 4) return 1;
      if (tc >= 5 && tc <= 8) return 2;
      if (tc >= 9 && tc <= 18) return 3;
      if (tc == 19) return 4;
      return 0;
    }
    default: return 0;
  }
}

// dump1090-mutability's integer track: (int)(angle + 0.5) with the angle in (-180, 180], then
// +360 when negative -- truncation toward zero, so negative angles round up (355 for -6.24).
int dump1090_track(double track_deg) {
  const double a = track_deg > 180.0 ? track_deg - 360.0 : track_deg;
  int t = static_cast<int>(a + 0.5);
  if (t < 0) {
    t += 360;
  }
  return t;
}

struct Ours {
  std::vector<DecodedMessage> messages;
};

Ours decode(std::span<const std::byte> bytes) {
  Ours o;
  AdsbDecoder dec;
  dec.push_beast(bytes);
  dec.finish_beast();
  DecodedMessage m;
  AdsbError e;
  for (;;) {
    const auto s = dec.next_beast(m, e);
    if (s == AdsbDecoder::Status::NeedMore) {
      break;
    }
    EXPECT_NE(s, AdsbDecoder::Status::Error) << e.reason;
    if (s == AdsbDecoder::Status::Message) {
      o.messages.push_back(m);
    }
  }
  return o;
}

struct Comparison {
  std::size_t matched = 0;
  std::size_t unmatched_peer = 0;     // peer lines with no counterpart in our decode
  std::size_t predicted_missing = 0;  // our messages with an SBS type the peer did not write
  std::map<std::string, int> fields;  // compared values per field
  std::vector<std::uint64_t> missing_frames;
};

// Compares every value the peer wrote in one line with our decode of the same frame.
void compare_one(const SbsRecord& p, const DecodedMessage& d, Comparison& c) {
  const ModeSMessage& m = d.mode_s;
  SCOPED_TRACE("frame " + std::to_string(d.index));
  ++c.matched;
  if (p.altitude_ft) {
    ASSERT_TRUE(m.altitude.has_value());
    EXPECT_EQ(*p.altitude_ft, m.altitude->feet);
    ++c.fields["altitude"];
  } else if (m.altitude && p.transmission_type != 6 && p.transmission_type != 8) {
    ADD_FAILURE() << "we decode an altitude the peer does not write";
  }
  if (!p.callsign.empty()) {
    // From an ES identification, or (as dump1090 also reads it) a Comm-B BDS 2,0 reply.
    const auto* id = m.es_as<EsIdentification>();
    ASSERT_TRUE(id != nullptr || m.comm_b_callsign.has_value());
    EXPECT_EQ(p.callsign.view(), id != nullptr ? id->callsign.view() : m.comm_b_callsign->view());
    ++c.fields["callsign"];
  }
  if (p.squawk) {
    ASSERT_TRUE(m.squawk.has_value());
    EXPECT_EQ(*p.squawk, *m.squawk);
    ++c.fields["squawk"];
  }
  if (const auto* v = m.es_as<EsVelocity>(); v != nullptr && v->ground_speed_kt) {
    ASSERT_TRUE(p.ground_speed_kt && p.track_deg);
    EXPECT_EQ(*p.ground_speed_kt, std::floor(*v->ground_speed_kt));
    EXPECT_EQ(*p.track_deg, dump1090_track(*v->track_deg));
    ++c.fields["velocity"];
    if (v->vertical_rate_fpm) {
      ASSERT_TRUE(p.vertical_rate_fpm.has_value());
      EXPECT_EQ(*p.vertical_rate_fpm, *v->vertical_rate_fpm);
      ++c.fields["vertical_rate"];
    }
  }
  if (p.lat_deg) {
    ASSERT_TRUE(d.report.new_position) << "peer has a position we did not decode";
    EXPECT_NEAR(*p.lat_deg, d.report.aircraft.position->lat_deg, 0.5e-5 + 1e-9);
    EXPECT_NEAR(*p.lon_deg, d.report.aircraft.position->lon_deg, 0.5e-5 + 1e-9);
    ++c.fields["position"];
  } else if (p.transmission_type == 3) {
    EXPECT_FALSE(d.report.new_position) << "we decode a position the peer does not";
  }
}

// Walks the peer's SBS lines in order against our messages (the peer keeps input order).
Comparison compare(const std::vector<SbsRecord>& peer, const Ours& ours) {
  Comparison c;
  std::size_t j = 0;
  for (const SbsRecord& p : peer) {
    std::size_t k = j;
    while (k < ours.messages.size() &&
           !(sbs_type_of(ours.messages[k].mode_s) == p.transmission_type &&
             ours.messages[k].mode_s.icao == p.icao)) {
      ++k;
    }
    if (k == ours.messages.size()) {
      ++c.unmatched_peer;
      ADD_FAILURE() << "peer line MSG," << int(p.transmission_type) << " " << std::hex << p.icao
                    << " has no counterpart in our decode";
      continue;
    }
    for (std::size_t s = j; s < k; ++s) {
      if (sbs_type_of(ours.messages[s].mode_s) != 0) {
        ++c.predicted_missing;
        c.missing_frames.push_back(ours.messages[s].index);
      }
    }
    j = k + 1;
    compare_one(p, ours.messages[k], c);
  }
  for (std::size_t s = j; s < ours.messages.size(); ++s) {
    if (sbs_type_of(ours.messages[s].mode_s) != 0) {
      ++c.predicted_missing;
    }
  }
  return c;
}

class Dump1090PeerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!peer_.start(why)) {
      FAIL() << "dump1090-mutability peer: " << why;
    }
  }
  test::Dump1090Peer peer_;
};

// dump1090 forwards an aircraft's messages only once it has accepted two from it (the first is
// held back and re-sent with the second; useModesMessage in dump1090.c), and it accepts an
// Address/Parity reply only from an address it has verified (as AircraftTable flags it).
std::size_t predicted_lines(const Ours& ours) {
  std::map<std::uint32_t, int> accepted;
  for (const auto& m : ours.messages) {
    if (m.report.icao_verified) {
      ++accepted[m.mode_s.icao];
    }
  }
  std::size_t n = 0;
  for (const auto& m : ours.messages) {
    if (sbs_type_of(m.mode_s) != 0 && m.report.icao_verified && accepted[m.mode_s.icao] >= 2) {
      ++n;
    }
  }
  return n;
}

// Sends a Beast stream to the peer, pausing before each airborne position frame for the time
// the recording had between it and the previous one: dump1090 checks a new position against the
// last one with its own wall clock (a speed filter), so positions sent all at once would look
// like jumps.
void send_paced(test::Dump1090Peer& peer, std::span<const std::byte> bytes) {
  BeastFramer f;
  f.push(bytes);
  f.finish();
  BeastFrame fr;
  AdsbError e;
  std::size_t sent = 0;
  std::optional<std::uint64_t> last_position_ticks;
  while (f.next(fr, e) == BeastFramer::Status::Frame) {
    ModeSMessage m;
    if (!decode_mode_s(fr.data(), m) || m.es_as<EsPosition>() == nullptr) {
      continue;
    }
    ASSERT_TRUE(peer.send_beast(bytes.subspan(sent, fr.offset - sent)));
    sent = fr.offset;
    if (last_position_ticks) {
      const double gap_s = static_cast<double>(fr.timestamp_12mhz - *last_position_ticks) / 12e6;
      std::this_thread::sleep_for(std::chrono::duration<double>(std::min(gap_s, 8.0)));
    }
    last_position_ticks = fr.timestamp_12mhz;
  }
  ASSERT_TRUE(peer.send_beast(bytes.subspan(sent)));
}

TEST_F(Dump1090PeerTest, RealBeastSampleDecodesAlikeInTheirSbsAndOurs) {
  const auto bytes = sample();
  send_paced(peer_, bytes);
  const auto sbs = parse_sbs(peer_.read_sbs(milliseconds(1500), milliseconds(10000)));
  const Ours ours = decode(bytes);
  ASSERT_EQ(ours.messages.size(), 239u);
  const Comparison c = compare(sbs, ours);
  // Every line the peer wrote matches a message of ours in order, with the same values...
  EXPECT_EQ(c.unmatched_peer, 0u);
  EXPECT_EQ(c.matched, sbs.size());
  // ...and it wrote a line for every message it should have, by its rules above.
  EXPECT_EQ(c.matched, predicted_lines(ours));
  EXPECT_EQ(c.matched, 220u);
  EXPECT_EQ(c.fields.at("callsign"), 2);  // TRA89M (ES) and TJT62CB (Comm-B BDS 2,0)
  EXPECT_EQ(c.fields.at("position"), 3);  // all three global positions of the reference decode
  EXPECT_EQ(c.fields.at("velocity"), 8);
  EXPECT_EQ(c.fields.at("vertical_rate"), 8);
  EXPECT_GE(c.fields.at("squawk"), 20);
  EXPECT_GE(c.fields.at("altitude"), 90);
}

// A 56-bit surveillance reply (DF4 altitude or DF5 identity) from `icao`: AP = parity ^ address.
MessageBytes surveillance_reply(unsigned df, std::uint32_t icao, std::uint32_t field13) {
  MessageBytes m{};
  set_bits(m, 1, 5, df);
  set_bits(m, 20, 32, field13);
  const std::uint32_t ap = mode_s_parity(m, 4) ^ icao;
  m[4] = static_cast<std::uint8_t>(ap >> 16);
  m[5] = static_cast<std::uint8_t>(ap >> 8);
  m[6] = static_cast<std::uint8_t>(ap);
  return m;
}

TEST_F(Dump1090PeerTest, FramesFromOurEncoderDecodeToTheEncodedValues) {
  struct Aircraft {
    std::uint32_t icao;
    const char* callsign;
    double lat, lon, alt_ft, v_east_kt, v_north_kt, vrate_fpm;
    std::uint16_t squawk;
    std::uint16_t gillham;  // a Mode C altitude code for the DF4 reply
  };
  // Headings in all four quadrants, a climb, a descent, and squawks with every digit.
  const Aircraft fleet[] = {
      {0x4B1234, "SWR12A", 47.4581, 8.5555, 12025, 120, 300, 1280, 01234, 00040},
      {0x3C6DD1, "DLH4XY", 50.0333, 8.5706, 35000, -250, 310, 0, 07654, 00020},
      {0xA1B2C3, "N123AB", 40.6413, -73.7781, 2500, -90, -90, -640, 02000, 00620},
      {0x7C1A1A, "QFA1", -33.9399, 151.1753, 41000, 400, -200, -64, 04321, 00640},
  };
  std::vector<std::byte> stream;
  std::uint64_t ts = 0;
  auto add = [&](const MessageBytes& m, std::size_t len) {
    append_beast_frame(stream, len == 14 ? BeastFrameType::ModeSLong : BeastFrameType::ModeSShort,
                       ts, 0x80, std::as_bytes(std::span<const std::uint8_t>(m.data(), len)));
    ts += 12'000'000 / 4;  // 0.25 s apart
  };
  for (const Aircraft& a : fleet) {
    add(encode_identification(a.icao, a.callsign, 4, 3), 14);
    const AirbornePositionInput pos{.icao = a.icao, .lat_deg = a.lat, .lon_deg = a.lon,
                                    .altitude_ft = a.alt_ft};
    add(encode_airborne_position(pos, false), 14);
    add(encode_airborne_position(pos, true), 14);
    AirborneVelocityInput vel;
    vel.icao = a.icao;
    vel.v_east_kt = a.v_east_kt;
    vel.v_north_kt = a.v_north_kt;
    vel.vertical_rate_fpm = a.vrate_fpm;
    add(encode_airborne_velocity(vel), 14);
    add(surveillance_reply(5, a.icao, encode_id13(a.squawk)), 7);
    add(surveillance_reply(4, a.icao, encode_id13(a.gillham)), 7);
  }
  ASSERT_TRUE(peer_.send_beast(stream));
  const auto sbs = parse_sbs(peer_.read_sbs(milliseconds(1500), milliseconds(10000)));
  const Ours ours = decode(stream);
  ASSERT_EQ(ours.messages.size(), 24u);
  const Comparison c = compare(sbs, ours);
  EXPECT_EQ(c.matched, 24u);
  EXPECT_EQ(c.unmatched_peer, 0u);
  EXPECT_EQ(c.fields.at("position"), 4);
  EXPECT_EQ(c.fields.at("callsign"), 4);
  EXPECT_EQ(c.fields.at("squawk"), 4);
  EXPECT_EQ(c.fields.at("velocity"), 4);
  // And the peer's values are the ones we encoded.
  for (const Aircraft& a : fleet) {
    SCOPED_TRACE(a.callsign);
    int seen = 0;
    for (const SbsRecord& p : sbs) {
      if (p.icao != a.icao) {
        continue;
      }
      ++seen;
      switch (p.transmission_type) {
        case 1: EXPECT_EQ(p.callsign.view(), a.callsign); break;
        case 3:
          EXPECT_EQ(*p.altitude_ft, static_cast<int>(std::lround(a.alt_ft / 25.0) * 25));
          if (p.lat_deg) {
            EXPECT_NEAR(*p.lat_deg, a.lat, 1e-4);  // CPR step ~5 m plus 5-decimal rounding
            EXPECT_NEAR(*p.lon_deg, a.lon, 1e-4);
          }
          break;
        case 4: {
          const double gs = std::hypot(a.v_east_kt, a.v_north_kt);
          const double trk = std::atan2(a.v_east_kt, a.v_north_kt) * 180.0 / std::numbers::pi;
          EXPECT_EQ(*p.ground_speed_kt, std::floor(gs));
          EXPECT_EQ(*p.track_deg, dump1090_track(trk < 0 ? trk + 360.0 : trk));
          EXPECT_EQ(*p.vertical_rate_fpm, static_cast<int>(a.vrate_fpm));
          break;
        }
        case 5: EXPECT_EQ(*p.altitude_ft, *gillham_altitude_ft(a.gillham)); break;
        case 6: EXPECT_EQ(*p.squawk, a.squawk); break;
        default: break;
      }
    }
    EXPECT_EQ(seen, 6);
  }
  EXPECT_EQ(c.matched, predicted_lines(ours));
}

}  // namespace
}  // namespace dewline::ingest::adsb
