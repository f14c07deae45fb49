// odid_message.hpp: the Open Drone ID messages as received, field by field.
//
// ASTM F3411-22a (protocol version 2; F3411-19 is version 0, ASD-STAN EN 4709-002:2021 is
// version 1) and ASD-STAN EN 4709-002 define one 25-byte message per type: byte 0 carries the
// message type (high nibble) and protocol version (low nibble); bytes 1..24 the body. Multi-byte
// fields are little-endian. Field names follow the standard; raw (encoded) values are kept as
// received so nothing is lost, and odid_units.hpp turns them into SI units.
//
// Byte layouts (offsets within the 25-byte message), as in the standard's message tables and
// the reference codec opendroneid-core-c (opendroneid.h, *_encoded structs):
//   Basic ID   (0x0): 1 IDType<<4 | UAType; 2..21 UAS ID (ASCII, NUL padded); 22..24 reserved
//   Location   (0x1): 1 Status<<4 | rsvd<<3 | HeightType<<2 | EWDirection<<1 | SpeedMult;
//                     2 Direction; 3 SpeedHorizontal; 4 SpeedVertical (int8); 5..8 Latitude;
//                     9..12 Longitude (int32, 1e-7 deg); 13..14 PressureAltitude;
//                     15..16 GeodeticAltitude; 17..18 Height; 19 VertAcc<<4 | HorizAcc;
//                     20 BaroAcc<<4 | SpeedAcc; 21..22 Timestamp (0.1 s since the hour);
//                     23 TimestampAccuracy (low nibble); 24 reserved
//   Auth       (0x2): 1 AuthType<<4 | DataPage; page 0: 2 LastPageIndex, 3 Length,
//                     4..7 Timestamp (s since 2019-01-01), 8..24 data (17 bytes);
//                     pages 1..15: 2..24 data (23 bytes)
//   Self-ID    (0x3): 1 DescriptionType; 2..24 Description (ASCII, NUL padded)
//   System     (0x4): 1 rsvd<<5 | ClassificationType<<2 | OperatorLocationType;
//                     2..5 OperatorLatitude; 6..9 OperatorLongitude; 10..11 AreaCount;
//                     12 AreaRadius (x10 m); 13..14 AreaCeiling; 15..16 AreaFloor;
//                     17 CategoryEU<<4 | ClassEU; 18..19 OperatorAltitudeGeo;
//                     20..23 Timestamp (s since 2019-01-01, F3411-22a); 24 reserved
//   OperatorID (0x5): 1 OperatorIdType; 2..21 OperatorID (ASCII, NUL padded); 22..24 reserved
//   Message Pack (0xF): 1 SingleMessageSize (25); 2 MessageCount (<= 9); 3.. messages
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

namespace dewline::ingest::remoteid {

inline constexpr std::size_t kMessageSize = 25;
inline constexpr std::size_t kPackMaxMessages = 9;  // F3411-22a: at most 9 messages in a pack

enum class MessageType : std::uint8_t {
  BasicId = 0x0,
  Location = 0x1,
  Auth = 0x2,
  SelfId = 0x3,
  System = 0x4,
  OperatorId = 0x5,
  MessagePack = 0xF,
};

// "basic_id", "location", "auth", "self_id", "system", "operator_id", "message_pack".
[[nodiscard]] std::string_view to_string(MessageType t);

// A fixed-size ASCII field as transmitted (NUL padded); text() stops at the first NUL.
template <std::size_t N>
struct FixedText {
  std::array<char, N> bytes{};
  [[nodiscard]] std::string_view text() const {
    std::size_t n = 0;
    while (n < N && bytes[n] != '\0') {
      ++n;
    }
    return {bytes.data(), n};
  }
  bool operator==(const FixedText&) const = default;
};

struct BasicId {
  std::uint8_t id_type = 0;  // 0 none, 1 serial (ANSI/CTA-2063-A), 2 CAA registration,
                             // 3 UTM assigned UUID, 4 specific session ID
  std::uint8_t ua_type = 0;  // 0 none .. 15 other (2 = helicopter or multirotor)
  FixedText<20> uas_id;
  bool operator==(const BasicId&) const = default;
};

struct Location {
  std::uint8_t status = 0;       // 0 undeclared, 1 ground, 2 airborne, 3 emergency, 4 RID failure
  std::uint8_t height_type = 0;  // 0 above takeoff, 1 above ground level
  std::uint8_t ew_direction = 0;      // 1: direction is 180 + Direction
  std::uint8_t speed_multiplier = 0;  // 1: speed = 0.75 * raw + 63.75 m/s
  std::uint8_t direction = 0;         // degrees (0..179), see ew_direction; 181+180 = unknown
  std::uint8_t speed_horizontal = 0;  // 0.25 m/s (or see speed_multiplier); 255 x0.75 = unknown
  std::int8_t speed_vertical = 0;     // 0.5 m/s, up positive; 126 (63 m/s) = unknown
  std::int32_t latitude = 0;          // 1e-7 degrees; 0/0 = unknown
  std::int32_t longitude = 0;
  std::uint16_t pressure_altitude = 0;  // 0.5 m - 1000 m; 0 = unknown
  std::uint16_t geodetic_altitude = 0;  // WGS84 HAE, same encoding
  std::uint16_t height = 0;             // same encoding, reference per height_type
  std::uint8_t horizontal_accuracy = 0;  // 0 unknown .. 12 (< 1 m)
  std::uint8_t vertical_accuracy = 0;    // 0 unknown .. 6 (< 1 m)
  std::uint8_t baro_accuracy = 0;        // same scale as vertical
  std::uint8_t speed_accuracy = 0;       // 0 unknown .. 4 (< 0.3 m/s)
  std::uint16_t timestamp = 0;           // 0.1 s since the full hour UTC; 0xFFFF = unknown
  std::uint8_t timestamp_accuracy = 0;   // 0.1 s units, 0 = unknown
  bool operator==(const Location&) const = default;
};

struct Auth {
  std::uint8_t auth_type = 0;  // 0 none, 1 UAS ID signature, 2 operator ID signature,
                               // 3 message set signature, 4 network RID, 5 specific method
  std::uint8_t page = 0;       // data page 0..15
  std::uint8_t last_page_index = 0;  // page 0 only
  std::uint8_t length = 0;           // page 0 only: bytes of authentication data in all pages
  std::uint32_t timestamp = 0;       // page 0 only: seconds since 2019-01-01T00:00:00Z
  std::array<std::uint8_t, 23> data{};  // 17 bytes used on page 0, 23 on later pages
  [[nodiscard]] std::size_t data_size() const { return page == 0 ? 17 : 23; }
  bool operator==(const Auth&) const = default;
};

struct SelfId {
  std::uint8_t description_type = 0;  // 0 text, 1 emergency, 2 extended status
  FixedText<23> description;
  bool operator==(const SelfId&) const = default;
};

struct System {
  std::uint8_t operator_location_type = 0;  // 0 takeoff, 1 dynamic (live GNSS), 2 fixed
  std::uint8_t classification_type = 0;     // 0 undeclared, 1 EU
  std::int32_t operator_latitude = 0;       // 1e-7 degrees; 0/0 = unknown
  std::int32_t operator_longitude = 0;
  std::uint16_t area_count = 0;
  std::uint8_t area_radius = 0;        // x10 m
  std::uint16_t area_ceiling = 0;      // altitude encoding (0.5 m - 1000 m), 0 = unknown
  std::uint16_t area_floor = 0;
  std::uint8_t category_eu = 0;        // 0 undeclared, 1 open, 2 specific, 3 certified
  std::uint8_t class_eu = 0;           // 0 undeclared, 1 class 0 .. 7 class 6
  std::uint16_t operator_altitude_geo = 0;  // altitude encoding, 0 = unknown
  std::uint32_t timestamp = 0;         // seconds since 2019-01-01T00:00:00Z (F3411-22a)
  bool operator==(const System&) const = default;
};

struct OperatorId {
  std::uint8_t operator_id_type = 0;  // 0 operator ID
  FixedText<20> operator_id;
  bool operator==(const OperatorId&) const = default;
};

using MessageBody = std::variant<BasicId, Location, Auth, SelfId, System, OperatorId>;

struct Message {
  std::uint8_t protocol_version = 0;  // low nibble of byte 0
  MessageBody body;

  [[nodiscard]] MessageType type() const {
    return static_cast<MessageType>(body.index());  // variant order matches type codes 0..5
  }
  bool operator==(const Message&) const = default;
};

}  // namespace dewline::ingest::remoteid
