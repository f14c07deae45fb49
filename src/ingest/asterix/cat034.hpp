// cat034.hpp: ASTERIX CAT034 "Transmission of Monoradar Service Messages", edition 1.29
// (EUROCONTROL, 2021-03-15): north marker and sector crossing messages, system configuration and
// processing mode, and the radar's own position (I034/120). One Cat034Record per message.
//
// Naming and storage follow cat048.hpp: `i050` is item I034/050, fields carry the standard's
// names, values are scaled to the standard's units, and the record is caller-owned storage
// cleared and reused per message. I034/RE and I034/SP are skipped by their length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/result.hpp"
#include "ingest/asterix/cat048.hpp"
#include "ingest/asterix/decode_error.hpp"
#include "ingest/asterix/uap.hpp"

namespace dewline::ingest::asterix {

// I034/000 Message Type values.
enum class Cat034MessageType : std::uint8_t {
  NorthMarker = 1,
  SectorCrossing = 2,
  GeographicalFiltering = 3,
  JammingStrobe = 4,
  SolarStorm = 5,
  SsrJammingStrobe = 6,
  ModeSJammingStrobe = 7,
};
// "north_marker", "sector_crossing", ...; "unknown" for values the edition does not define.
[[nodiscard]] std::string_view message_type_name(std::uint8_t message_type);

// I034/050 System Configuration and Status (compound).
struct SystemConfigurationStatus {
  struct Com {
    std::uint8_t nogo = 0, rdpc = 0, rdpr = 0, ovlrdp = 0, ovlxmt = 0, msc = 0, tsv = 0;
    friend bool operator==(const Com&, const Com&) = default;
  };
  struct Psr {  // also the layout of the SSR subfield
    std::uint8_t ant = 0, chab = 0, ovl = 0, msc = 0;
    friend bool operator==(const Psr&, const Psr&) = default;
  };
  struct Mds {
    std::uint8_t ant = 0, chab = 0, ovlsur = 0, msc = 0, scf = 0, dlf = 0, ovlscf = 0, ovldlf = 0;
    friend bool operator==(const Mds&, const Mds&) = default;
  };
  std::optional<Com> com;
  std::optional<Psr> psr;
  std::optional<Psr> ssr;
  std::optional<Mds> mds;
  friend bool operator==(const SystemConfigurationStatus&,
                         const SystemConfigurationStatus&) = default;
};

// I034/060 System Processing Mode (compound).
struct SystemProcessingMode {
  struct Com {
    std::uint8_t redrdp = 0, redxmt = 0;
    friend bool operator==(const Com&, const Com&) = default;
  };
  struct Psr {
    std::uint8_t pol = 0, redrad = 0, stc = 0;
    friend bool operator==(const Psr&, const Psr&) = default;
  };
  struct Ssr {
    std::uint8_t redrad = 0;
    friend bool operator==(const Ssr&, const Ssr&) = default;
  };
  struct Mds {
    std::uint8_t redrad = 0, clu = 0;
    friend bool operator==(const Mds&, const Mds&) = default;
  };
  std::optional<Com> com;
  std::optional<Psr> psr;
  std::optional<Ssr> ssr;
  std::optional<Mds> mds;
  friend bool operator==(const SystemProcessingMode&, const SystemProcessingMode&) = default;
};

// I034/070 Message Count Values (repetitive), kept as bytes; entry(i) decodes one.
struct MessageCountValues {
  struct Entry {
    std::uint8_t typ = 0;     // 5 bits
    std::uint16_t count = 0;  // 11 bits
  };
  std::uint8_t rep = 0;
  std::span<const std::byte> data;  // rep * 2 bytes, points into the datagram
  [[nodiscard]] Entry entry(std::size_t i) const;
};

// I034/090 Collimation Error: RNG LSB 1/128 NM, AZM LSB 360/2^14 deg, two's complement.
struct CollimationError {
  double rng_nm = 0.0;
  double azm_deg = 0.0;
  friend bool operator==(const CollimationError&, const CollimationError&) = default;
};

// I034/100 Generic Polar Window: rho LSB 1/256 NM, theta LSB 360/2^16 deg.
struct GenericPolarWindow {
  double rhost_nm = 0.0, rhoend_nm = 0.0, thetast_deg = 0.0, thetaend_deg = 0.0;
  friend bool operator==(const GenericPolarWindow&, const GenericPolarWindow&) = default;
};

// I034/120 3D-Position of Data Source: WGS84, HGT in m, LAT/LON LSB 180/2^23 deg.
struct DataSourcePosition {
  double hgt_m = 0.0;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  friend bool operator==(const DataSourcePosition&, const DataSourcePosition&) = default;
};

struct Cat034Record {
  std::optional<DataSourceIdentifier> i010;
  std::optional<std::uint8_t> i000;  // Message Type (Cat034MessageType values)
  std::optional<double> i030;        // Time of Day, seconds since UTC midnight, LSB 1/128 s
  std::optional<double> i020;        // Sector Number: azimuth in degrees, LSB 360/2^8
  std::optional<double> i041;        // Antenna Rotation Period in seconds, LSB 1/128 s
  std::optional<SystemConfigurationStatus> i050;
  std::optional<SystemProcessingMode> i060;
  std::optional<MessageCountValues> i070;
  std::optional<GenericPolarWindow> i100;
  std::optional<std::uint8_t> i110;  // Data Filter
  std::optional<DataSourcePosition> i120;
  std::optional<CollimationError> i090;

  void clear() { *this = Cat034Record{}; }
};

namespace cat034_frn {
inline constexpr std::size_t kI010 = 1, kI000 = 2, kI030 = 3, kI020 = 4, kI041 = 5, kI050 = 6,
                             kI060 = 7, kI070 = 8, kI100 = 9, kI110 = 10, kI120 = 11, kI090 = 12,
                             kRE = 13, kSP = 14;
}

// Decodes one split CAT034 record. ValueOutOfRange (framing intact) for a time of day >= 86400 s
// or an I034/120 latitude beyond +-90 degrees.
Result<void, AsterixError> decode_cat034(std::span<const std::byte> data,
                                         const RecordLayout& layout, Cat034Record& out);

}  // namespace dewline::ingest::asterix
