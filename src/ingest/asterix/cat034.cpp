#include "ingest/asterix/cat034.hpp"

#include "ingest/asterix/byte_cursor.hpp"
#include "ingest/asterix/item_fields.hpp"

namespace dewline::ingest::asterix {

using detail::bits;
using namespace cat034_frn;

std::string_view message_type_name(std::uint8_t message_type) {
  switch (message_type) {
    case 1:
      return "north_marker";
    case 2:
      return "sector_crossing";
    case 3:
      return "geographical_filtering";
    case 4:
      return "jamming_strobe";
    case 5:
      return "solar_storm";
    case 6:
      return "ssr_jamming_strobe";
    case 7:
      return "mode_s_jamming_strobe";
    default:
      return "unknown";
  }
}

MessageCountValues::Entry MessageCountValues::entry(std::size_t i) const {
  if (i >= rep || (i + 1) * 2 > data.size()) {
    return {};
  }
  ByteCursor c(data.subspan(i * 2, 2), 0);
  const std::uint16_t v = c.u16();
  return Entry{bits(v, 16, 12), static_cast<std::uint16_t>(v & 0x07FFU)};
}

namespace {

ByteCursor item_cursor(std::span<const std::byte> data, const RecordLayout& l, std::size_t frn) {
  const ItemSpan s = l.item(frn);
  return ByteCursor(data.subspan(s.offset, s.length), s.offset);
}

constexpr double kTimeLsbS = 1.0 / 128.0;
constexpr double kLatLonLsbDeg = 180.0 / 8388608.0;  // 180 / 2^23
constexpr double kAngle16LsbDeg = 360.0 / 65536.0;

void decode_i050(ByteCursor c, SystemConfigurationStatus& s) {
  const std::uint32_t present = detail::read_primary_subfield(c);
  if ((present & (1U << 0U)) != 0) {
    const unsigned b = c.u8();
    s.com =
        SystemConfigurationStatus::Com{bits(b, 8, 8), bits(b, 7, 7), bits(b, 6, 6), bits(b, 5, 5),
                                       bits(b, 4, 4), bits(b, 3, 3), bits(b, 2, 2)};
  }
  auto psr_like = [&c]() {
    const unsigned b = c.u8();
    return SystemConfigurationStatus::Psr{bits(b, 8, 8), bits(b, 7, 6), bits(b, 5, 5),
                                          bits(b, 4, 4)};
  };
  if ((present & (1U << 3U)) != 0) {
    s.psr = psr_like();
  }
  if ((present & (1U << 4U)) != 0) {
    s.ssr = psr_like();
  }
  if ((present & (1U << 5U)) != 0) {
    const unsigned v = c.u16();
    s.mds = SystemConfigurationStatus::Mds{bits(v, 16, 16), bits(v, 15, 14), bits(v, 13, 13),
                                           bits(v, 12, 12), bits(v, 11, 11), bits(v, 10, 10),
                                           bits(v, 9, 9),   bits(v, 8, 8)};
  }
}

void decode_i060(ByteCursor c, SystemProcessingMode& s) {
  const std::uint32_t present = detail::read_primary_subfield(c);
  if ((present & (1U << 0U)) != 0) {
    const unsigned b = c.u8();
    s.com = SystemProcessingMode::Com{bits(b, 7, 5), bits(b, 4, 2)};
  }
  if ((present & (1U << 3U)) != 0) {
    const unsigned b = c.u8();
    s.psr = SystemProcessingMode::Psr{bits(b, 8, 8), bits(b, 7, 5), bits(b, 4, 3)};
  }
  if ((present & (1U << 4U)) != 0) {
    s.ssr = SystemProcessingMode::Ssr{bits(c.u8(), 8, 6)};
  }
  if ((present & (1U << 5U)) != 0) {
    const unsigned b = c.u8();
    s.mds = SystemProcessingMode::Mds{bits(b, 8, 6), bits(b, 5, 5)};
  }
}

}  // namespace

Result<void, AsterixError> decode_cat034(std::span<const std::byte> data, const RecordLayout& l,
                                         Cat034Record& out) {
  out.clear();
  if (l.has(kI010)) {
    ByteCursor c = item_cursor(data, l, kI010);
    DataSourceIdentifier d;
    d.sac = c.u8();
    d.sic = c.u8();
    out.i010 = d;
  }
  if (l.has(kI000)) {
    out.i000 = item_cursor(data, l, kI000).u8();
  }
  if (l.has(kI030)) {
    const double tod = item_cursor(data, l, kI030).u24() * kTimeLsbS;
    if (tod >= 86400.0) {
      return unexpected(make_error(DecodeError::ValueOutOfRange, l.item(kI030).offset,
                                   "I034/030: time of day {} s is not below 86400 s", tod));
    }
    out.i030 = tod;
  }
  if (l.has(kI020)) {
    out.i020 = item_cursor(data, l, kI020).u8() * (360.0 / 256.0);
  }
  if (l.has(kI041)) {
    out.i041 = item_cursor(data, l, kI041).u16() * kTimeLsbS;
  }
  if (l.has(kI050)) {
    decode_i050(item_cursor(data, l, kI050), out.i050.emplace());
  }
  if (l.has(kI060)) {
    decode_i060(item_cursor(data, l, kI060), out.i060.emplace());
  }
  if (l.has(kI070)) {
    ByteCursor c = item_cursor(data, l, kI070);
    MessageCountValues m;
    m.rep = c.u8();
    m.data = c.bytes(std::size_t{m.rep} * 2U);
    out.i070 = m;
  }
  if (l.has(kI100)) {
    ByteCursor c = item_cursor(data, l, kI100);
    GenericPolarWindow w;
    w.rhost_nm = c.u16() / 256.0;
    w.rhoend_nm = c.u16() / 256.0;
    w.thetast_deg = c.u16() * kAngle16LsbDeg;
    w.thetaend_deg = c.u16() * kAngle16LsbDeg;
    out.i100 = w;
  }
  if (l.has(kI110)) {
    out.i110 = item_cursor(data, l, kI110).u8();
  }
  if (l.has(kI120)) {
    ByteCursor c = item_cursor(data, l, kI120);
    DataSourcePosition p;
    p.hgt_m = static_cast<double>(sign_extend(c.u16(), 16));
    p.lat_deg = static_cast<double>(sign_extend(c.u24(), 24)) * kLatLonLsbDeg;
    p.lon_deg = static_cast<double>(sign_extend(c.u24(), 24)) * kLatLonLsbDeg;
    if (p.lat_deg < -90.0 || p.lat_deg > 90.0) {
      return unexpected(make_error(DecodeError::ValueOutOfRange, l.item(kI120).offset,
                                   "I034/120: latitude {} deg outside [-90, 90]", p.lat_deg));
    }
    out.i120 = p;
  }
  if (l.has(kI090)) {
    ByteCursor c = item_cursor(data, l, kI090);
    CollimationError e;
    e.rng_nm = static_cast<double>(sign_extend(c.u8(), 8)) / 128.0;
    e.azm_deg = static_cast<double>(sign_extend(c.u8(), 8)) * (360.0 / 16384.0);
    out.i090 = e;
  }
  return {};
}

}  // namespace dewline::ingest::asterix
