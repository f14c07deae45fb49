// cat048.hpp: ASTERIX CAT048 "Monoradar Target Reports", edition 1.31 (EUROCONTROL, 2022-10-03),
// the edition tshark 4.0 dissects by default. One Cat048Record holds one target report.
//
// Members are named after the standard: `i040` is data item I048/040 and its fields are the
// standard's field names (RHO -> rho_nm) with the unit appended; an item absent from the record is
// an empty optional. Values are in the standard's units (NM, degrees, seconds, flight levels,
// feet), already scaled by each field's LSB, so they equal tshark's dissection. Items of the UAP
// that are not interpreted here (I048/030, 080, 100, 260, 055, 050, 065, 060, SP, RE) are skipped
// by their length rule; their presence and bytes stay in the
// RecordLayout.
//
// The record is caller-owned storage reused for every report (decode_cat048 clears it): nothing
// is allocated per record. `i250.data` and `i120->rds_data` point into the datagram and is valid
// only as long as the datagram's bytes are.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/result.hpp"
#include "ingest/asterix/decode_error.hpp"
#include "ingest/asterix/uap.hpp"

namespace dewline::ingest::asterix {

// I0xx/010 Data Source Identifier (both categories).
struct DataSourceIdentifier {
  std::uint8_t sac = 0;  // System Area Code
  std::uint8_t sic = 0;  // System Identification Code
  friend bool operator==(const DataSourceIdentifier&, const DataSourceIdentifier&) = default;
};

// I048/020 Target Report Descriptor (extended; absent extensions read as 0).
struct TargetReportDescriptor {
  std::uint8_t typ = 0;  // 0 no detection, 1 PSR, 2 SSR, 3 SSR+PSR, 4 Mode S all-call, ...
  std::uint8_t sim = 0, rdp = 0, spi = 0, rab = 0;
  std::uint8_t tst = 0, err = 0, xpp = 0, me = 0, mi = 0, foefri = 0;  // first extension
  std::uint8_t adsb_ep = 0, adsb_val = 0, scn_ep = 0, scn_val = 0, pai_ep = 0,
               pai_val = 0;  // second extension
  std::uint8_t octets = 1;   // 1 + number of extensions present
  friend bool operator==(const TargetReportDescriptor&, const TargetReportDescriptor&) = default;
};

// I048/040 Measured Position in Polar Co-ordinates: RHO LSB 1/256 NM, THETA LSB 360/2^16 deg,
// theta a compass bearing (clockwise from the radar's North).
struct MeasuredPolarPosition {
  double rho_nm = 0.0;
  double theta_deg = 0.0;
  friend bool operator==(const MeasuredPolarPosition&, const MeasuredPolarPosition&) = default;
};

// I048/070 Mode-3/A Code in Octal Representation: the 12-bit code (A4..D1), V G L flags.
struct Mode3ACode {
  std::uint8_t v = 0;  // 1: code not validated
  std::uint8_t g = 0;  // 1: garbled
  std::uint8_t l = 0;  // 1: not extracted during the last scan (smoothed)
  std::uint16_t mode3a = 0;
  // Four octal digits, e.g. "7500".
  [[nodiscard]] std::array<char, 4> octal() const;
  friend bool operator==(const Mode3ACode&, const Mode3ACode&) = default;
};

// I048/090 Flight Level in Binary Representation: FL is 14-bit two's complement, LSB 1/4 FL.
struct FlightLevel {
  std::uint8_t v = 0;
  std::uint8_t g = 0;
  double fl = 0.0;  // flight levels (1 FL = 100 ft pressure altitude)
  friend bool operator==(const FlightLevel&, const FlightLevel&) = default;
};

// I048/130 Radar Plot Characteristics (compound; each subfield optional).
struct RadarPlotCharacteristics {
  std::optional<double> srl_deg;       // SSR plot runlength, LSB 360/2^13 deg
  std::optional<std::uint8_t> srr;     // number of received (M)SSR replies
  std::optional<std::int8_t> sam_dbm;  // amplitude of (M)SSR reply, dBm
  std::optional<double> prl_deg;       // primary plot runlength, LSB 360/2^13 deg
  std::optional<std::int8_t> pam_dbm;  // amplitude of primary plot, dBm
  std::optional<double> rpd_nm;        // range PSR-SSR, LSB 1/256 NM
  std::optional<double> apd_deg;       // azimuth PSR-SSR, LSB 360/2^14 deg
  friend bool operator==(const RadarPlotCharacteristics&,
                         const RadarPlotCharacteristics&) = default;
};

// I048/240 Aircraft Identification: 8 characters of the ICAO 6-bit set (Annex 10 Vol IV 3.1.2.9);
// code 0 (sent for "no identification") reads as a space.
struct AircraftIdentification {
  std::array<char, 8> chars{};
  // Without trailing spaces.
  [[nodiscard]] std::string_view trimmed() const;
  friend bool operator==(const AircraftIdentification&, const AircraftIdentification&) = default;
};

// One I048/250 repetition: MB data (56 bits), BDS1 BDS2.
struct BdsRegister {
  std::uint64_t mbdata = 0;
  std::uint8_t bds1 = 0;
  std::uint8_t bds2 = 0;
};

// I048/250 BDS Register Data (repetitive): REP registers of 8 octets, kept as bytes.
struct BdsRegisterData {
  std::uint8_t rep = 0;
  std::span<const std::byte> data;  // rep * 8 bytes, points into the datagram
  [[nodiscard]] BdsRegister at(std::size_t i) const;
};

// I048/042 Calculated Position in Cartesian Co-ordinates: X, Y LSB 1/128 NM, two's complement.
struct CalculatedCartesianPosition {
  double x_nm = 0.0;
  double y_nm = 0.0;
  friend bool operator==(const CalculatedCartesianPosition&,
                         const CalculatedCartesianPosition&) = default;
};

// I048/200 Calculated Track Velocity in Polar Co-ordinates: GSP LSB 2^-14 NM/s, HDG 360/2^16 deg.
struct CalculatedPolarVelocity {
  double gsp_nm_s = 0.0;
  double hdg_deg = 0.0;
  friend bool operator==(const CalculatedPolarVelocity&, const CalculatedPolarVelocity&) = default;
};

// I048/170 Track Status (extended; absent extension reads as 0).
struct TrackStatus {
  std::uint8_t cnf = 0, rad = 0, dou = 0, mah = 0, cdm = 0;
  std::uint8_t tre = 0, gho = 0, sup = 0, tcc = 0;  // first extension
  std::uint8_t octets = 1;
  friend bool operator==(const TrackStatus&, const TrackStatus&) = default;
};

// I048/210 Track Quality: standard deviations.
struct TrackQuality {
  double sigx_nm = 0.0;    // LSB 1/128 NM
  double sigy_nm = 0.0;    // LSB 1/128 NM
  double sigv_nm_s = 0.0;  // LSB 2^-14 NM/s
  double sigh_deg = 0.0;   // LSB 360/2^12 deg
  friend bool operator==(const TrackQuality&, const TrackQuality&) = default;
};

// I048/120 Radial Doppler Speed (compound): CAL, the calculated speed, and RDS, raw Doppler
// speeds (repetitive, kept as bytes; rds(i) decodes one).
struct RadialDopplerSpeed {
  struct Cal {
    std::uint8_t d = 0;    // 1: doubtful
    double cal_mps = 0.0;  // 10-bit two's complement, LSB 1 m/s
    friend bool operator==(const Cal&, const Cal&) = default;
  };
  struct Rds {
    double dop_mps = 0.0;  // Doppler speed, LSB 1 m/s
    double amb_mps = 0.0;  // ambiguity range, LSB 1 m/s
    double frq_mhz = 0.0;  // transmitter frequency, LSB 1 MHz
  };
  std::optional<Cal> cal;
  std::optional<std::uint8_t> rds_rep;  // present when the RDS subfield is
  std::span<const std::byte> rds_data;  // rds_rep * 6 bytes, points into the datagram
  [[nodiscard]] Rds rds(std::size_t i) const;
  friend bool operator==(const RadialDopplerSpeed& a, const RadialDopplerSpeed& b);
};

// I048/230 Communications/ACAS Capability and Flight Status.
struct CommunicationsCapability {
  std::uint8_t com = 0, stat = 0, si = 0, mssc = 0, arc = 0, aic = 0, b1a = 0, b1b = 0;
  friend bool operator==(const CommunicationsCapability&,
                         const CommunicationsCapability&) = default;
};

struct Cat048Record {
  std::optional<DataSourceIdentifier> i010;
  std::optional<double> i140;  // Time of Day: seconds since UTC midnight, LSB 1/128 s
  std::optional<TargetReportDescriptor> i020;
  std::optional<MeasuredPolarPosition> i040;
  std::optional<Mode3ACode> i070;
  std::optional<FlightLevel> i090;
  std::optional<RadarPlotCharacteristics> i130;
  std::optional<std::uint32_t> i220;  // Aircraft Address (24-bit ICAO)
  std::optional<AircraftIdentification> i240;
  std::optional<BdsRegisterData> i250;
  std::optional<std::uint16_t> i161;  // Track Number TRN (12 bits)
  std::optional<CalculatedCartesianPosition> i042;
  std::optional<CalculatedPolarVelocity> i200;
  std::optional<TrackStatus> i170;
  std::optional<TrackQuality> i210;
  std::optional<double> i110;  // Height Measured by a 3D Radar, 3DH: 14-bit signed, LSB 25 ft
  std::optional<RadialDopplerSpeed> i120;
  std::optional<CommunicationsCapability> i230;

  void clear() { *this = Cat048Record{}; }
};

// FRNs of the CAT048 1.31 UAP, for RecordLayout::has().
namespace cat048_frn {
inline constexpr std::size_t kI010 = 1, kI140 = 2, kI020 = 3, kI040 = 4, kI070 = 5, kI090 = 6,
                             kI130 = 7, kI220 = 8, kI240 = 9, kI250 = 10, kI161 = 11, kI042 = 12,
                             kI200 = 13, kI170 = 14, kI210 = 15, kI030 = 16, kI080 = 17, kI100 = 18,
                             kI110 = 19, kI120 = 20, kI230 = 21, kI260 = 22, kI055 = 23, kI050 = 24,
                             kI065 = 25, kI060 = 26, kSP = 27, kRE = 28;
}

// Decodes the items of one split CAT048 record (`layout` from split_record over `data`) into
// `out`. Fails with ValueOutOfRange (framing intact, the next record still decodes) when an item
// holds an absurd value: time of day >= 86400 s, flight level outside [-15, 1500],
// a character outside the ICAO 6-bit set in I048/240.
Result<void, AsterixError> decode_cat048(std::span<const std::byte> data,
                                         const RecordLayout& layout, Cat048Record& out);

}  // namespace dewline::ingest::asterix
