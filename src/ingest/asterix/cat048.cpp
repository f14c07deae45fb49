#include "ingest/asterix/cat048.hpp"

#include <algorithm>

#include "ingest/asterix/byte_cursor.hpp"
#include "ingest/asterix/item_fields.hpp"

namespace dewline::ingest::asterix {

using detail::bits;

std::array<char, 4> Mode3ACode::octal() const {
  return {static_cast<char>('0' + ((mode3a >> 9U) & 7U)),
          static_cast<char>('0' + ((mode3a >> 6U) & 7U)),
          static_cast<char>('0' + ((mode3a >> 3U) & 7U)), static_cast<char>('0' + (mode3a & 7U))};
}

std::string_view AircraftIdentification::trimmed() const {
  std::size_t n = chars.size();
  while (n > 0 && (chars[n - 1] == ' ' || chars[n - 1] == '\0')) {
    --n;
  }
  return {chars.data(), n};
}

BdsRegister BdsRegisterData::at(std::size_t i) const {
  if (i >= rep || (i + 1) * 8 > data.size()) {
    return {};
  }
  ByteCursor c(data.subspan(i * 8, 8), 0);
  BdsRegister r;
  r.mbdata = c.u56();
  const std::uint8_t b = c.u8();
  r.bds1 = bits(b, 8, 5);
  r.bds2 = bits(b, 4, 1);
  return r;
}

RadialDopplerSpeed::Rds RadialDopplerSpeed::rds(std::size_t i) const {
  if (!rds_rep || i >= *rds_rep || (i + 1) * 6 > rds_data.size()) {
    return {};
  }
  ByteCursor c(rds_data.subspan(i * 6, 6), 0);
  Rds r;
  r.dop_mps = c.u16();
  r.amb_mps = c.u16();
  r.frq_mhz = c.u16();
  return r;
}

bool operator==(const RadialDopplerSpeed& a, const RadialDopplerSpeed& b) {
  return a.cal == b.cal && a.rds_rep == b.rds_rep &&
         std::equal(a.rds_data.begin(), a.rds_data.end(), b.rds_data.begin(), b.rds_data.end());
}

namespace {

using namespace cat048_frn;

ByteCursor item_cursor(std::span<const std::byte> data, const RecordLayout& l, std::size_t frn) {
  const ItemSpan s = l.item(frn);
  return ByteCursor(data.subspan(s.offset, s.length), s.offset);
}

// LSBs of CAT048 1.31 (powers of two, so every decoded value is exact in a double).
constexpr double kRhoLsbNm = 1.0 / 256.0;
constexpr double kAngle16LsbDeg = 360.0 / 65536.0;
constexpr double kTimeLsbS = 1.0 / 128.0;
constexpr double kSecondsPerDay = 86400.0;
constexpr double kFlMin = -15.0;
constexpr double kFlMax = 1500.0;

void decode_i020(ByteCursor c, TargetReportDescriptor& d) {
  unsigned b = c.u8();
  d.typ = bits(b, 8, 6);
  d.sim = bits(b, 5, 5);
  d.rdp = bits(b, 4, 4);
  d.spi = bits(b, 3, 3);
  d.rab = bits(b, 2, 2);
  d.octets = 1;
  if ((b & 1U) != 0 && !c.at_end()) {  // first extension
    b = c.u8();
    ++d.octets;
    d.tst = bits(b, 8, 8);
    d.err = bits(b, 7, 7);
    d.xpp = bits(b, 6, 6);
    d.me = bits(b, 5, 5);
    d.mi = bits(b, 4, 4);
    d.foefri = bits(b, 3, 2);
  }
  if ((b & 1U) != 0 && !c.at_end()) {  // second extension
    b = c.u8();
    ++d.octets;
    d.adsb_ep = bits(b, 8, 8);
    d.adsb_val = bits(b, 7, 7);
    d.scn_ep = bits(b, 6, 6);
    d.scn_val = bits(b, 5, 5);
    d.pai_ep = bits(b, 4, 4);
    d.pai_val = bits(b, 3, 3);
  }
  // Further extensions (a later edition) were measured by split_record and are ignored here.
}

void decode_i130(ByteCursor c, RadarPlotCharacteristics& p) {
  const std::uint32_t present = detail::read_primary_subfield(c);
  auto has = [present](unsigned i) { return ((present >> i) & 1U) != 0; };
  if (has(0)) {
    p.srl_deg = c.u8() * (360.0 / 8192.0);
  }
  if (has(1)) {
    p.srr = c.u8();
  }
  if (has(2)) {
    p.sam_dbm = static_cast<std::int8_t>(sign_extend(c.u8(), 8));
  }
  if (has(3)) {
    p.prl_deg = c.u8() * (360.0 / 8192.0);
  }
  if (has(4)) {
    p.pam_dbm = static_cast<std::int8_t>(sign_extend(c.u8(), 8));
  }
  if (has(5)) {
    p.rpd_nm = static_cast<double>(sign_extend(c.u8(), 8)) / 256.0;
  }
  if (has(6)) {
    p.apd_deg = static_cast<double>(sign_extend(c.u8(), 8)) * (360.0 / 16384.0);
  }
}

void decode_i170(ByteCursor c, TrackStatus& t) {
  unsigned b = c.u8();
  t.cnf = bits(b, 8, 8);
  t.rad = bits(b, 7, 6);
  t.dou = bits(b, 5, 5);
  t.mah = bits(b, 4, 4);
  t.cdm = bits(b, 3, 2);
  t.octets = 1;
  if ((b & 1U) != 0 && !c.at_end()) {
    b = c.u8();
    ++t.octets;
    t.tre = bits(b, 8, 8);
    t.gho = bits(b, 7, 7);
    t.sup = bits(b, 6, 6);
    t.tcc = bits(b, 5, 5);
  }
}

}  // namespace

Result<void, AsterixError> decode_cat048(std::span<const std::byte> data, const RecordLayout& l,
                                         Cat048Record& out) {
  out.clear();
  if (l.has(kI010)) {
    ByteCursor c = item_cursor(data, l, kI010);
    DataSourceIdentifier d;
    d.sac = c.u8();
    d.sic = c.u8();
    out.i010 = d;
  }
  if (l.has(kI140)) {
    ByteCursor c = item_cursor(data, l, kI140);
    const double tod = c.u24() * kTimeLsbS;
    if (tod >= kSecondsPerDay) {
      return unexpected(make_error(DecodeError::ValueOutOfRange, l.item(kI140).offset,
                                   "I048/140: time of day {} s is not below 86400 s", tod));
    }
    out.i140 = tod;
  }
  if (l.has(kI020)) {
    decode_i020(item_cursor(data, l, kI020), out.i020.emplace());
  }
  if (l.has(kI040)) {
    ByteCursor c = item_cursor(data, l, kI040);
    MeasuredPolarPosition p;
    p.rho_nm = c.u16() * kRhoLsbNm;
    p.theta_deg = c.u16() * kAngle16LsbDeg;
    out.i040 = p;
  }
  if (l.has(kI070)) {
    ByteCursor c = item_cursor(data, l, kI070);
    const std::uint16_t v = c.u16();
    Mode3ACode m;
    m.v = bits(v, 16, 16);
    m.g = bits(v, 15, 15);
    m.l = bits(v, 14, 14);
    m.mode3a = static_cast<std::uint16_t>(v & 0x0FFFU);
    out.i070 = m;
  }
  if (l.has(kI090)) {
    ByteCursor c = item_cursor(data, l, kI090);
    const std::uint16_t v = c.u16();
    FlightLevel f;
    f.v = bits(v, 16, 16);
    f.g = bits(v, 15, 15);
    f.fl = static_cast<double>(sign_extend(v, 14)) * 0.25;  // 14-bit two's complement, 1/4 FL
    if (f.fl < kFlMin || f.fl > kFlMax) {
      return unexpected(make_error(DecodeError::ValueOutOfRange, l.item(kI090).offset,
                                   "I048/090: flight level {} outside [{}, {}]", f.fl, kFlMin,
                                   kFlMax));
    }
    out.i090 = f;
  }
  if (l.has(kI130)) {
    decode_i130(item_cursor(data, l, kI130), out.i130.emplace());
  }
  if (l.has(kI220)) {
    out.i220 = item_cursor(data, l, kI220).u24();
  }
  if (l.has(kI240)) {
    ByteCursor c = item_cursor(data, l, kI240);
    const std::uint64_t hi = c.u32();
    const std::uint64_t v = (hi << 16U) | c.u16();  // 48 bits: 8 characters of 6 bits
    AircraftIdentification id;
    for (unsigned i = 0; i < 8; ++i) {
      const unsigned code = static_cast<unsigned>((v >> (42U - 6U * i)) & 0x3FU);
      // Code 0 (all bits zero) is sent for "not available"; it reads as a space, as tshark has it.
      const char ch = code == 0 ? ' ' : detail::icao_char(code);
      if (ch == 0) {
        return unexpected(make_error(DecodeError::ValueOutOfRange, l.item(kI240).offset,
                                     "I048/240: character {} has code {}, not in the ICAO set",
                                     i + 1, code));
      }
      id.chars[i] = ch;
    }
    out.i240 = id;
  }
  if (l.has(kI250)) {
    ByteCursor c = item_cursor(data, l, kI250);
    BdsRegisterData b;
    b.rep = c.u8();
    b.data = c.bytes(std::size_t{b.rep} * 8U);
    out.i250 = b;
  }
  if (l.has(kI161)) {
    out.i161 = static_cast<std::uint16_t>(item_cursor(data, l, kI161).u16() & 0x0FFFU);
  }
  if (l.has(kI042)) {
    ByteCursor c = item_cursor(data, l, kI042);
    CalculatedCartesianPosition p;
    p.x_nm = static_cast<double>(sign_extend(c.u16(), 16)) / 128.0;
    p.y_nm = static_cast<double>(sign_extend(c.u16(), 16)) / 128.0;
    out.i042 = p;
  }
  if (l.has(kI200)) {
    ByteCursor c = item_cursor(data, l, kI200);
    CalculatedPolarVelocity v;
    v.gsp_nm_s = c.u16() / 16384.0;
    v.hdg_deg = c.u16() * kAngle16LsbDeg;
    out.i200 = v;
  }
  if (l.has(kI170)) {
    decode_i170(item_cursor(data, l, kI170), out.i170.emplace());
  }
  if (l.has(kI210)) {
    ByteCursor c = item_cursor(data, l, kI210);
    TrackQuality q;
    q.sigx_nm = c.u8() / 128.0;
    q.sigy_nm = c.u8() / 128.0;
    q.sigv_nm_s = c.u8() / 16384.0;
    q.sigh_deg = c.u8() * (360.0 / 4096.0);
    out.i210 = q;
  }
  if (l.has(kI110)) {
    const std::uint16_t v = item_cursor(data, l, kI110).u16();
    out.i110 = static_cast<double>(sign_extend(v, 14)) * 25.0;
  }
  if (l.has(kI120)) {
    ByteCursor c = item_cursor(data, l, kI120);
    const std::uint32_t present = detail::read_primary_subfield(c);
    RadialDopplerSpeed& s = out.i120.emplace();
    if ((present & 1U) != 0) {  // CAL
      const std::uint16_t v = c.u16();
      s.cal = RadialDopplerSpeed::Cal{bits(v, 16, 16), static_cast<double>(sign_extend(v, 10))};
    }
    if ((present & 2U) != 0) {  // RDS
      s.rds_rep = c.u8();
      s.rds_data = c.bytes(std::size_t{*s.rds_rep} * 6U);
    }
  }
  if (l.has(kI230)) {
    const std::uint16_t v = item_cursor(data, l, kI230).u16();
    CommunicationsCapability cc;
    cc.com = bits(v, 16, 14);
    cc.stat = bits(v, 13, 11);
    cc.si = bits(v, 10, 10);
    cc.mssc = bits(v, 8, 8);
    cc.arc = bits(v, 7, 7);
    cc.aic = bits(v, 6, 6);
    cc.b1a = bits(v, 5, 5);
    cc.b1b = bits(v, 4, 1);
    out.i230 = cc;
  }
  return {};
}

}  // namespace dewline::ingest::asterix
