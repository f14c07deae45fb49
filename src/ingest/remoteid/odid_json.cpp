#include "ingest/remoteid/odid_json.hpp"

#include <fmt/format.h>

#include "ingest/remoteid/odid_units.hpp"

namespace dewline::ingest::remoteid {
namespace {

using Json = nlohmann::ordered_json;

Json opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

std::string hex(const std::uint8_t* p, std::size_t n) {
  std::string s;
  s.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    s += fmt::format("{:02x}", p[i]);
  }
  return s;
}

void add_location(Json& j, const Location& l) {
  j["lat"] = opt(latitude_deg(l));
  j["lon"] = opt(longitude_deg(l));
  j["alt_geo_m"] = opt(geodetic_altitude_m(l));
  j["alt_baro_m"] = opt(pressure_altitude_m(l));
  j["height_m"] = opt(height_m(l));
  j["speed_h_mps"] = opt(speed_horizontal_mps(l));
  j["speed_v_mps"] = opt(speed_vertical_mps(l));
  j["direction_deg"] = opt(direction_deg(l));
  j["status"] = l.status;
  j["height_type"] = l.height_type;
  j["h_accuracy"] = l.horizontal_accuracy;
  j["v_accuracy"] = l.vertical_accuracy;
  j["baro_accuracy"] = l.baro_accuracy;
  j["speed_accuracy"] = l.speed_accuracy;
  j["timestamp_raw"] = l.timestamp;
  j["timestamp_s"] = opt(timestamp_s_since_hour(l));
  j["timestamp_accuracy_s"] = opt(timestamp_accuracy_s(l.timestamp_accuracy));
}

void add_system(Json& j, const System& s) {
  j["operator_lat"] = opt(operator_latitude_deg(s));
  j["operator_lon"] = opt(operator_longitude_deg(s));
  j["operator_location_type"] = s.operator_location_type;
  j["classification_type"] = s.classification_type;
  j["area_count"] = s.area_count;
  j["area_radius_m"] = area_radius_m(s);
  j["area_ceiling_m"] = opt(area_ceiling_m(s));
  j["area_floor_m"] = opt(area_floor_m(s));
  j["ua_category_eu"] = s.category_eu;
  j["ua_class_eu"] = s.class_eu;
  j["operator_alt_geo_m"] = opt(operator_altitude_m(s));
  j["timestamp_raw"] = s.timestamp;
}

}  // namespace

std::string printable(std::string_view raw) {
  std::string s;
  s.reserve(raw.size());
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) {
      s += c;
    } else {
      s += fmt::format("\\x{:02x}", u);
    }
  }
  return s;
}

Json message_json(const MessageContext& ctx, const Message& m) {
  Json j;
  j["frame"] = ctx.frame;
  j["transport"] = ctx.info != nullptr ? to_string(ctx.info->transport) : "";
  j["type"] = to_string(m.type());
  if (ctx.info != nullptr) {
    j["src"] = ctx.info->has_transmitter ? Json(ctx.info->transmitter.to_string()) : Json(nullptr);
    j["msg_counter"] = ctx.info->message_counter;
  }
  j["pack_index"] = ctx.pack_index;
  j["in_pack"] = ctx.in_pack;
  j["protocol_version"] = m.protocol_version;
  j["time_epoch"] = ctx.time.seconds();
  if (ctx.info != nullptr && ctx.info->rssi_dbm) {
    j["rssi_dbm"] = *ctx.info->rssi_dbm;
  }
  if (const auto* b = std::get_if<BasicId>(&m.body)) {
    j["id_type"] = b->id_type;
    j["ua_type"] = b->ua_type;
    j["uas_id"] = printable(b->uas_id.text());
    if (b->id_type == 4) {  // specific session ID: binary
      j["uas_id_hex"] =
          hex(reinterpret_cast<const std::uint8_t*>(b->uas_id.bytes.data()), b->uas_id.bytes.size());
    }
  } else if (const auto* l = std::get_if<Location>(&m.body)) {
    add_location(j, *l);
  } else if (const auto* a = std::get_if<Auth>(&m.body)) {
    j["auth_type"] = a->auth_type;
    j["page"] = a->page;
    if (a->page == 0) {
      j["last_page_index"] = a->last_page_index;
      j["length"] = a->length;
      j["timestamp_raw"] = a->timestamp;
    }
    j["data_hex"] = hex(a->data.data(), a->data_size());
  } else if (const auto* s = std::get_if<SelfId>(&m.body)) {
    j["desc_type"] = s->description_type;
    j["description"] = printable(s->description.text());
  } else if (const auto* y = std::get_if<System>(&m.body)) {
    add_system(j, *y);
  } else if (const auto* o = std::get_if<OperatorId>(&m.body)) {
    j["operator_id_type"] = o->operator_id_type;
    j["operator_id"] = printable(o->operator_id.text());
  }
  return j;
}

Json error_json(std::uint64_t frame, const DecodeError& e) {
  Json j;
  j["error"] = to_string(e.code);
  j["frame"] = frame;
  j["reason"] = std::string(e.detail);
  j["offset"] = e.offset;
  if (e.pack_index > 0) {
    j["pack_index"] = e.pack_index;
  }
  return j;
}

namespace {

std::string num(const std::optional<double>& v) {
  return v ? fmt::format("{}", *v) : std::string("unknown");
}

}  // namespace

std::string message_text(const MessageContext& ctx, const Message& m) {
  std::string s = fmt::format("frame {} {} {} {}", ctx.frame,
                              ctx.info != nullptr ? to_string(ctx.info->transport) : "?",
                              ctx.info != nullptr && ctx.info->has_transmitter
                                  ? ctx.info->transmitter.to_string()
                                  : std::string("-"),
                              to_string(m.type()));
  if (const auto* b = std::get_if<BasicId>(&m.body)) {
    s += fmt::format(" id_type={} ua_type={} uas_id=\"{}\"", b->id_type, b->ua_type,
                     printable(b->uas_id.text()));
  } else if (const auto* l = std::get_if<Location>(&m.body)) {
    s += fmt::format(" lat={} lon={} alt_geo={} alt_baro={} height={} speed={} vspeed={} dir={}",
                     num(latitude_deg(*l)), num(longitude_deg(*l)), num(geodetic_altitude_m(*l)),
                     num(pressure_altitude_m(*l)), num(height_m(*l)),
                     num(speed_horizontal_mps(*l)), num(speed_vertical_mps(*l)),
                     num(direction_deg(*l)));
  } else if (const auto* a = std::get_if<Auth>(&m.body)) {
    s += fmt::format(" auth_type={} page={}", a->auth_type, a->page);
  } else if (const auto* d = std::get_if<SelfId>(&m.body)) {
    s += fmt::format(" desc_type={} description=\"{}\"", d->description_type,
                     printable(d->description.text()));
  } else if (const auto* y = std::get_if<System>(&m.body)) {
    s += fmt::format(" operator_lat={} operator_lon={}", num(operator_latitude_deg(*y)),
                     num(operator_longitude_deg(*y)));
  } else if (const auto* o = std::get_if<OperatorId>(&m.body)) {
    s += fmt::format(" operator_id=\"{}\"", printable(o->operator_id.text()));
  }
  return s;
}

std::string error_text(std::uint64_t frame, const DecodeError& e) {
  return fmt::format("frame {} error {} at offset {}{}: {}", frame, to_string(e.code), e.offset,
                     e.pack_index > 0 ? fmt::format(" (pack message {})", e.pack_index) : "",
                     e.detail);
}

}  // namespace dewline::ingest::remoteid
