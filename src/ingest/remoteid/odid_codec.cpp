#include "ingest/remoteid/odid_codec.hpp"

#include <algorithm>

#include "ingest/remoteid/byte_reader.hpp"

namespace dewline::ingest::remoteid {

std::string_view to_string(MessageType t) {
  switch (t) {
    case MessageType::BasicId:
      return "basic_id";
    case MessageType::Location:
      return "location";
    case MessageType::Auth:
      return "auth";
    case MessageType::SelfId:
      return "self_id";
    case MessageType::System:
      return "system";
    case MessageType::OperatorId:
      return "operator_id";
    case MessageType::MessagePack:
      return "message_pack";
  }
  return "unknown";
}

namespace {

template <std::size_t N>
void read_text(ByteReader& r, FixedText<N>& t) {
  for (std::size_t i = 0; i < N; ++i) {
    t.bytes[i] = static_cast<char>(r.u8());
  }
}

BasicId decode_basic_id(ByteReader& r) {
  BasicId m;
  const std::uint8_t b1 = r.u8();
  m.id_type = static_cast<std::uint8_t>(b1 >> 4U);
  m.ua_type = static_cast<std::uint8_t>(b1 & 0x0FU);
  read_text(r, m.uas_id);
  return m;
}

Location decode_location(ByteReader& r) {
  Location m;
  const std::uint8_t b1 = r.u8();
  m.status = static_cast<std::uint8_t>(b1 >> 4U);
  m.height_type = static_cast<std::uint8_t>((b1 >> 2U) & 1U);
  m.ew_direction = static_cast<std::uint8_t>((b1 >> 1U) & 1U);
  m.speed_multiplier = static_cast<std::uint8_t>(b1 & 1U);
  m.direction = r.u8();
  m.speed_horizontal = r.u8();
  m.speed_vertical = r.i8();
  m.latitude = r.i32le();
  m.longitude = r.i32le();
  m.pressure_altitude = r.u16le();
  m.geodetic_altitude = r.u16le();
  m.height = r.u16le();
  const std::uint8_t b19 = r.u8();
  m.vertical_accuracy = static_cast<std::uint8_t>(b19 >> 4U);
  m.horizontal_accuracy = static_cast<std::uint8_t>(b19 & 0x0FU);
  const std::uint8_t b20 = r.u8();
  m.baro_accuracy = static_cast<std::uint8_t>(b20 >> 4U);
  m.speed_accuracy = static_cast<std::uint8_t>(b20 & 0x0FU);
  m.timestamp = r.u16le();
  m.timestamp_accuracy = static_cast<std::uint8_t>(r.u8() & 0x0FU);
  return m;
}

Auth decode_auth(ByteReader& r) {
  Auth m;
  const std::uint8_t b1 = r.u8();
  m.auth_type = static_cast<std::uint8_t>(b1 >> 4U);
  m.page = static_cast<std::uint8_t>(b1 & 0x0FU);
  if (m.page == 0) {
    m.last_page_index = r.u8();
    m.length = r.u8();
    m.timestamp = r.u32le();
  }
  const std::size_t n = m.data_size();
  for (std::size_t i = 0; i < n; ++i) {
    m.data[i] = r.u8();
  }
  return m;
}

SelfId decode_self_id(ByteReader& r) {
  SelfId m;
  m.description_type = r.u8();
  read_text(r, m.description);
  return m;
}

System decode_system(ByteReader& r) {
  System m;
  const std::uint8_t b1 = r.u8();
  m.operator_location_type = static_cast<std::uint8_t>(b1 & 0x03U);
  m.classification_type = static_cast<std::uint8_t>((b1 >> 2U) & 0x07U);
  m.operator_latitude = r.i32le();
  m.operator_longitude = r.i32le();
  m.area_count = r.u16le();
  m.area_radius = r.u8();
  m.area_ceiling = r.u16le();
  m.area_floor = r.u16le();
  const std::uint8_t b17 = r.u8();
  m.category_eu = static_cast<std::uint8_t>(b17 >> 4U);
  m.class_eu = static_cast<std::uint8_t>(b17 & 0x0FU);
  m.operator_altitude_geo = r.u16le();
  m.timestamp = r.u32le();
  return m;
}

OperatorId decode_operator_id(ByteReader& r) {
  OperatorId m;
  m.operator_id_type = r.u8();
  read_text(r, m.operator_id);
  return m;
}

DecodeError error(ErrorCode c, std::size_t offset, std::string_view detail,
                  std::int8_t pack_index = -1) {
  return DecodeError{c, static_cast<std::uint32_t>(offset), pack_index, detail};
}

}  // namespace

Result<Message, DecodeError> decode_message(std::span<const std::byte> bytes,
                                            std::size_t base_offset) {
  if (bytes.size() < kMessageSize) {
    return unexpected(error(ErrorCode::TruncatedMessage, base_offset + bytes.size(),
                            "fewer than 25 bytes for an Open Drone ID message"));
  }
  ByteReader r(bytes.first(kMessageSize), base_offset);
  const std::uint8_t b0 = r.u8();
  Message m;
  m.protocol_version = static_cast<std::uint8_t>(b0 & 0x0FU);
  switch (b0 >> 4U) {
    case 0x0:
      m.body = decode_basic_id(r);
      break;
    case 0x1:
      m.body = decode_location(r);
      break;
    case 0x2:
      m.body = decode_auth(r);
      break;
    case 0x3:
      m.body = decode_self_id(r);
      break;
    case 0x4:
      m.body = decode_system(r);
      break;
    case 0x5:
      m.body = decode_operator_id(r);
      break;
    case 0xF:
      return unexpected(error(ErrorCode::NestedPack, base_offset,
                              "message pack where a single message was expected"));
    default:
      return unexpected(error(ErrorCode::ReservedMessageType, base_offset,
                              "reserved message type (6..14)"));
  }
  return m;
}

bool decode_container(std::span<const std::byte> bytes, std::size_t base_offset,
                      MessageList& out) {
  if (bytes.empty()) {
    out.push_error(error(ErrorCode::BadServiceInfo, base_offset, "no message after the counter"));
    return false;
  }
  if ((byte_at(bytes, 0) >> 4U) != 0xF) {
    out.set_in_pack(false);
    auto m = decode_message(bytes, base_offset);
    if (!m) {
      out.push_error(m.error());
      return false;
    }
    out.push(*m, 1);
    return true;
  }
  // Message pack: type/version, single message size, message count, then the messages.
  out.set_in_pack(true);
  ByteReader r(bytes, base_offset);
  if (!r.need(3)) {
    out.push_error(error(ErrorCode::TruncatedMessage, base_offset + bytes.size(),
                         "message pack header shorter than 3 bytes"));
    return false;
  }
  r.skip(1);
  const std::size_t size_offset = r.offset();
  const std::uint8_t single_size = r.u8();
  const std::size_t count_offset = r.offset();
  const std::uint8_t count = r.u8();
  if (single_size != kMessageSize) {
    out.push_error(error(ErrorCode::BadMessageSize, size_offset,
                         "message pack single message size is not 25"));
    return false;
  }
  if (count > kPackMaxMessages) {
    out.push_error(
        error(ErrorCode::BadPackCount, count_offset, "message pack count above 9"));
    return false;
  }
  std::size_t available = r.remaining() / kMessageSize;
  if (available < count) {
    // Decode the messages that are present, then report the shortfall.
    out.push_error(error(ErrorCode::BadPackCount, count_offset,
                         "message pack count exceeds the bytes present"));
  }
  available = std::min<std::size_t>(available, count);
  for (std::size_t i = 0; i < available; ++i) {
    const std::size_t off = r.offset();
    auto bytes_i = r.take(kMessageSize);
    auto m = decode_message(bytes_i, off);
    const auto index = static_cast<std::uint8_t>(i + 1);
    if (m) {
      out.push(*m, index);
    } else {
      DecodeError e = m.error();
      e.pack_index = static_cast<std::int8_t>(index);
      out.push_error(e);
    }
  }
  return !out.empty() || out.errors().empty();
}

namespace {

class ByteWriter {
 public:
  explicit ByteWriter(EncodedMessage& m) : m_(m) {}
  void u8(std::uint32_t v) {
    if (pos_ < m_.size()) {
      m_[pos_++] = static_cast<std::byte>(v & 0xFFU);
    }
  }
  void u16le(std::uint32_t v) {
    u8(v);
    u8(v >> 8U);
  }
  void u32le(std::uint32_t v) {
    u16le(v);
    u16le(v >> 16U);
  }
  template <std::size_t N>
  void text(const FixedText<N>& t) {
    for (char c : t.bytes) {
      u8(static_cast<std::uint8_t>(c));
    }
  }

 private:
  EncodedMessage& m_;
  std::size_t pos_ = 0;
};

std::uint32_t nib(std::uint32_t hi, std::uint32_t lo) {
  return ((hi & 0x0FU) << 4U) | (lo & 0x0FU);
}

}  // namespace

EncodedMessage encode_message(const Message& msg) {
  EncodedMessage out{};
  ByteWriter w(out);
  const auto type = static_cast<std::uint32_t>(msg.type());
  w.u8(nib(type, msg.protocol_version));
  if (const auto* b = std::get_if<BasicId>(&msg.body)) {
    w.u8(nib(b->id_type, b->ua_type));
    w.text(b->uas_id);
  } else if (const auto* l = std::get_if<Location>(&msg.body)) {
    w.u8(((l->status & 0x0FU) << 4U) | ((l->height_type & 1U) << 2U) |
         ((l->ew_direction & 1U) << 1U) | (l->speed_multiplier & 1U));
    w.u8(l->direction);
    w.u8(l->speed_horizontal);
    w.u8(static_cast<std::uint8_t>(l->speed_vertical));
    w.u32le(static_cast<std::uint32_t>(l->latitude));
    w.u32le(static_cast<std::uint32_t>(l->longitude));
    w.u16le(l->pressure_altitude);
    w.u16le(l->geodetic_altitude);
    w.u16le(l->height);
    w.u8(nib(l->vertical_accuracy, l->horizontal_accuracy));
    w.u8(nib(l->baro_accuracy, l->speed_accuracy));
    w.u16le(l->timestamp);
    w.u8(l->timestamp_accuracy & 0x0FU);
  } else if (const auto* a = std::get_if<Auth>(&msg.body)) {
    w.u8(nib(a->auth_type, a->page));
    if (a->page == 0) {
      w.u8(a->last_page_index);
      w.u8(a->length);
      w.u32le(a->timestamp);
    }
    for (std::size_t i = 0; i < a->data_size(); ++i) {
      w.u8(a->data[i]);
    }
  } else if (const auto* s = std::get_if<SelfId>(&msg.body)) {
    w.u8(s->description_type);
    w.text(s->description);
  } else if (const auto* y = std::get_if<System>(&msg.body)) {
    w.u8(((y->classification_type & 0x07U) << 2U) | (y->operator_location_type & 0x03U));
    w.u32le(static_cast<std::uint32_t>(y->operator_latitude));
    w.u32le(static_cast<std::uint32_t>(y->operator_longitude));
    w.u16le(y->area_count);
    w.u8(y->area_radius);
    w.u16le(y->area_ceiling);
    w.u16le(y->area_floor);
    w.u8(nib(y->category_eu, y->class_eu));
    w.u16le(y->operator_altitude_geo);
    w.u32le(y->timestamp);
  } else if (const auto* o = std::get_if<OperatorId>(&msg.body)) {
    w.u8(o->operator_id_type);
    w.text(o->operator_id);
  }
  return out;
}

std::size_t encode_pack(std::span<const Message> messages, std::span<std::byte> out,
                        std::uint8_t protocol_version) {
  if (messages.size() > kPackMaxMessages) {
    return 0;
  }
  const std::size_t n = 3 + kMessageSize * messages.size();
  if (out.size() < n) {
    return 0;
  }
  out[0] = static_cast<std::byte>(0xF0U | (protocol_version & 0x0FU));
  out[1] = static_cast<std::byte>(kMessageSize);
  out[2] = static_cast<std::byte>(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const EncodedMessage e = encode_message(messages[i]);
    std::copy(e.begin(), e.end(), out.begin() + static_cast<std::ptrdiff_t>(3 + i * kMessageSize));
  }
  return n;
}

}  // namespace dewline::ingest::remoteid
