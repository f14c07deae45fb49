#include "ingest/adsb/cpr.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "ingest/adsb/bits.hpp"
#include "ingest/adsb/mode_s_decoder.hpp"

namespace dewline::ingest::adsb {
namespace {

CprFrame frame_of(std::string_view hex) {
  ModeSMessage m;
  std::vector<std::uint8_t> b;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    b.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  EXPECT_TRUE(decode_mode_s(std::span<const std::uint8_t>(b), m).has_value()) << hex;
  const auto* p = m.es_as<EsPosition>();
  EXPECT_NE(p, nullptr) << hex;
  return p != nullptr ? p->cpr : CprFrame{};
}

TEST(Cpr, LatitudeZoneTransitionsMatchTheTable) {
  // 1090-WP-9-14 / DO-260B table A-1 transition latitudes.
  EXPECT_NEAR(cpr_nl_transition_deg(59), 10.47047130, 1e-8);
  EXPECT_NEAR(cpr_nl_transition_deg(58), 14.82817437, 1e-8);
  EXPECT_NEAR(cpr_nl_transition_deg(57), 18.18626357, 1e-8);
  EXPECT_NEAR(cpr_nl_transition_deg(2), 87.0, 1e-8);
  EXPECT_EQ(cpr_nl(0.0), 59);
  EXPECT_EQ(cpr_nl(10.47), 59);
  EXPECT_EQ(cpr_nl(10.48), 58);
  EXPECT_EQ(cpr_nl(-10.48), 58);
  EXPECT_EQ(cpr_nl(52.0), 36);
  EXPECT_EQ(cpr_nl(86.9), 2);
  EXPECT_EQ(cpr_nl(87.1), 1);
  EXPECT_EQ(cpr_nl(90.0), 1);
  // NL never increases with latitude.
  for (double lat = 0.0; lat < 90.0; lat += 0.01) {
    EXPECT_GE(cpr_nl(lat), cpr_nl(lat + 0.01));
  }
}

// "The 1090 MHz Riddle" (J. Sun, 2nd ed., chapter 5): the worked airborne example.
TEST(Cpr, GlobalAirborneDecodeOfTheWorkedExample) {
  const CprFrame even = frame_of("8D40621D58C382D690C8AC2863A7");
  const CprFrame odd = frame_of("8D40621D58C386435CC412692AD6");
  ASSERT_FALSE(even.odd);
  ASSERT_TRUE(odd.odd);
  EXPECT_EQ(even.lat, 93000u);
  EXPECT_EQ(even.lon, 51372u);
  EXPECT_EQ(odd.lat, 74158u);
  EXPECT_EQ(odd.lon, 50194u);
  const auto newer_even = cpr_decode_airborne_global(even, odd, false);
  ASSERT_TRUE(newer_even.has_value());
  EXPECT_NEAR(newer_even->lat_deg, 52.25720, 1e-5);
  EXPECT_NEAR(newer_even->lon_deg, 3.91937, 1e-5);
  const auto newer_odd = cpr_decode_airborne_global(even, odd, true);
  ASSERT_TRUE(newer_odd.has_value());
  EXPECT_NEAR(newer_odd->lat_deg, 52.26578, 1e-5);
}

TEST(Cpr, LocalAirborneDecodeOfTheWorkedExample) {
  const CprFrame even = frame_of("8D40621D58C382D690C8AC2863A7");
  const LatLon p = cpr_decode_airborne_local(even, LatLon{52.258, 3.918});
  EXPECT_NEAR(p.lat_deg, 52.25720, 1e-5);
  EXPECT_NEAR(p.lon_deg, 3.91937, 1e-5);
}

TEST(Cpr, SurfaceDecodeOfTheWorkedExample) {
  // The Riddle's surface examples at Schiphol (chapter "Surface position"): a global pair with
  // the receiver 51.990 N 4.375 E as reference, then a local decode from the result.
  const CprFrame even = frame_of("8C4841753AAB238733C8CD4020B1");
  const CprFrame odd = frame_of("8C4841753A8A35323FAEBDAC702D");
  ASSERT_EQ(even.lat, 115609u);
  ASSERT_EQ(odd.lon, 110269u);
  const auto global = cpr_decode_surface_global(even, odd, true, LatLon{51.990, 4.375});
  ASSERT_TRUE(global.has_value());
  EXPECT_NEAR(global->lat_deg, 52.320607072215964, 1e-9);
  EXPECT_NEAR(global->lon_deg, 4.734734671456474, 1e-9);
  const CprFrame f = frame_of("8C4841753A9A153237AEF0F275BE");
  const LatLon local = cpr_decode_surface_local(f, LatLon{52.320607, 4.734735});
  EXPECT_NEAR(local.lat_deg, 52.32056051997815, 1e-9);
  EXPECT_NEAR(local.lon_deg, 4.735735212053571, 1e-9);
  // A reference on the wrong side of the quadrant boundary picks the wrong solution: the
  // reference must be within 45 degrees.
  const auto far = cpr_decode_surface_global(even, odd, true, LatLon{-30.0, 100.0});
  ASSERT_TRUE(far.has_value());
  EXPECT_NEAR(far->lat_deg, 52.320607072215964 - 90.0, 1e-9);
  EXPECT_LT(std::fabs(far->lon_deg - 100.0), 45.0);  // longitude zones follow that latitude
}

TEST(Cpr, EncodeThenDecodeRecoversThePosition) {
  std::mt19937 rng(1234);
  std::uniform_real_distribution<double> lat_d(-86.0, 86.0);
  std::uniform_real_distribution<double> lon_d(-180.0, 180.0);
  int global_ok = 0;
  for (int i = 0; i < 5000; ++i) {
    const double lat = lat_d(rng);
    const double lon = lon_d(rng);
    const CprFrame even = cpr_encode_airborne(lat, lon, false);
    const CprFrame odd = cpr_encode_airborne(lat, lon, true);
    ASSERT_LT(even.lat, kCprMax);
    ASSERT_LT(odd.lon, kCprMax);
    for (bool newer_odd : {false, true}) {
      const auto g = cpr_decode_airborne_global(even, odd, newer_odd);
      if (!g) {
        continue;  // both frames of one position are in one NL band, so this cannot happen...
      }
      ++global_ok;
      // ...and the decode is within one quantisation step (~5 m).
      EXPECT_NEAR(g->lat_deg, lat, 5e-5);
      EXPECT_NEAR(std::remainder(g->lon_deg - lon, 360.0), 0.0, 5e-5 / std::cos(lat * 0.01745));
    }
    const LatLon l = cpr_decode_airborne_local(odd, LatLon{lat + 0.5, lon - 0.5});
    EXPECT_NEAR(l.lat_deg, lat, 5e-5);
    EXPECT_NEAR(std::remainder(l.lon_deg - lon, 360.0), 0.0, 5e-5 / std::cos(lat * 0.01745));
  }
  EXPECT_EQ(global_ok, 10000);
}

TEST(Cpr, PairAcrossALatitudeZoneBoundaryIsRejected) {
  // Even frame just south of the 59/58 transition (10.4705 N), odd frame just north of it.
  const CprFrame even = cpr_encode_airborne(10.465, 20.0, false);
  const CprFrame odd = cpr_encode_airborne(10.475, 20.0, true);
  EXPECT_FALSE(cpr_decode_airborne_global(even, odd, true).has_value());
}

TEST(Cpr, SurfaceGlobalPicksTheQuadrantNearTheReference) {
  // Surface CPR is the airborne coding with 90-degree zones: encode by scaling.
  const double lat = 52.3206, lon = 4.7347;
  auto surface_frame = [](double la, double lo, bool odd) {
    const int i = odd ? 1 : 0;
    const double dlat = 90.0 / (60 - i);
    const double yz = std::floor(131072.0 * std::fmod(la, dlat) / dlat + 0.5);
    const double rlat = dlat * (yz / 131072.0 + std::floor(la / dlat));
    const int ni = std::max(cpr_nl(rlat) - i, 1);
    const double dlon = 90.0 / ni;
    const double xz = std::floor(131072.0 * std::fmod(lo, dlon) / dlon + 0.5);
    return CprFrame{static_cast<std::uint32_t>(yz) % kCprMax,
                    static_cast<std::uint32_t>(xz) % kCprMax, odd};
  };
  const CprFrame even = surface_frame(lat, lon, false);
  const CprFrame odd = surface_frame(lat, lon, true);
  const auto p = cpr_decode_surface_global(even, odd, true, LatLon{51.99, 4.375});
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(p->lat_deg, lat, 2e-5);
  EXPECT_NEAR(p->lon_deg, lon, 2e-5);
}

}  // namespace
}  // namespace dewline::ingest::adsb
