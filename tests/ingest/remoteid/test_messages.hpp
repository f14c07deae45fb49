// test_messages.hpp: sample Open Drone ID messages for the Remote ID tests (values of the
// kind the real captures carry, plus edge values).
#pragma once

#include <array>
#include <cstring>
#include <string_view>

#include "ingest/remoteid/odid_message.hpp"
#include "ingest/remoteid/odid_units.hpp"

namespace dewline::ingest::remoteid::sample {

template <std::size_t N>
FixedText<N> text(std::string_view s) {
  FixedText<N> t;
  std::memcpy(t.bytes.data(), s.data(), std::min(s.size(), N));
  return t;
}

inline Message basic_id(std::string_view serial, std::uint8_t id_type = 1,
                        std::uint8_t ua_type = 2) {
  BasicId b;
  b.id_type = id_type;
  b.ua_type = ua_type;
  b.uas_id = text<20>(serial);
  return Message{2, b};
}

inline Message location(double lat, double lon, std::optional<double> alt_geo = 237.0,
                        std::optional<double> height = 100.0, double speed = 20.5,
                        double dir = 92.0, std::optional<double> vspeed = 1.5) {
  Location l;
  l.status = 2;
  l.latitude = encode_lat_lon(lat);
  l.longitude = encode_lat_lon(lon);
  l.geodetic_altitude = encode_altitude(alt_geo);
  l.height = encode_altitude(height);
  set_speed_horizontal(l, speed);
  set_direction(l, dir);
  set_speed_vertical(l, vspeed);
  l.horizontal_accuracy = 10;  // < 10 m
  l.vertical_accuracy = 4;     // < 10 m
  l.baro_accuracy = 0;
  l.speed_accuracy = 3;        // < 1 m/s
  l.timestamp = 12345;
  l.timestamp_accuracy = 2;
  return Message{2, l};
}

inline Message self_id(std::string_view d) {
  SelfId s;
  s.description = text<23>(d);
  return Message{2, s};
}

inline Message system_msg(double lat, double lon, std::optional<double> op_alt = std::nullopt) {
  System y;
  y.operator_location_type = 0;
  y.classification_type = 1;
  y.operator_latitude = encode_lat_lon(lat);
  y.operator_longitude = encode_lat_lon(lon);
  y.area_count = 1;
  y.area_radius = 50;
  y.area_ceiling = encode_altitude(120.0);
  y.area_floor = encode_altitude(std::nullopt);
  y.category_eu = 1;
  y.class_eu = 2;
  y.operator_altitude_geo = encode_altitude(op_alt);
  y.timestamp = 137'000'000;
  return Message{2, y};
}

inline Message operator_id(std::string_view id) {
  OperatorId o;
  o.operator_id = text<20>(id);
  return Message{2, o};
}

inline Message auth_page(std::uint8_t page, std::uint8_t last_page, std::uint8_t length,
                         std::uint8_t fill) {
  Auth a;
  a.auth_type = 1;
  a.page = page;
  if (page == 0) {
    a.last_page_index = last_page;
    a.length = length;
    a.timestamp = 140'000'000;
  }
  for (std::size_t i = 0; i < a.data_size(); ++i) {
    a.data[i] = static_cast<std::uint8_t>(fill + i);
  }
  return Message{2, a};
}

}  // namespace dewline::ingest::remoteid::sample
