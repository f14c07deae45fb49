#include "ingest/asterix/encoder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "ingest/asterix/item_fields.hpp"

namespace dewline::ingest::asterix {
namespace {

// Appends big-endian fields to a record buffer and remembers which FRNs were written.
class RecordWriter {
 public:
  explicit RecordWriter(std::vector<std::byte>& items) : items_(items) { items_.clear(); }

  void put(std::uint64_t v, unsigned octets) {
    for (unsigned i = octets; i-- > 0;) {
      items_.push_back(static_cast<std::byte>((v >> (8U * i)) & 0xFFU));
    }
  }
  void mark(std::size_t frn) { present_ |= std::uint64_t{1} << frn; }
  [[nodiscard]] bool empty() const { return present_ == 0; }

  // FSPEC for the marked FRNs followed by the items, appended to out.
  void finish(std::vector<std::byte>& out) const {
    std::size_t max_frn = 0;
    for (std::size_t f = 1; f < 64; ++f) {
      if (((present_ >> f) & 1U) != 0) {
        max_frn = f;
      }
    }
    const std::size_t octets = max_frn == 0 ? 1 : (max_frn + 6) / 7;
    for (std::size_t o = 0; o < octets; ++o) {
      unsigned b = (o + 1 < octets) ? 1U : 0U;
      for (unsigned bit = 0; bit < 7; ++bit) {
        if (((present_ >> (o * 7 + bit + 1)) & 1U) != 0) {
          b |= 0x80U >> bit;
        }
      }
      out.push_back(static_cast<std::byte>(b));
    }
    out.insert(out.end(), items_.begin(), items_.end());
  }

 private:
  std::vector<std::byte>& items_;
  std::uint64_t present_ = 0;
};

AsterixError range_error(std::string_view item, std::string_view field, double v) {
  return make_error(DecodeError::ValueOutOfRange, 0, "{} {}: {} cannot be encoded", item, field, v);
}

// Rounds v / lsb to an integer in [lo, hi]; nullopt when outside or not finite.
std::optional<std::int64_t> quantize(double v, double lsb, std::int64_t lo, std::int64_t hi) {
  const double q = std::nearbyint(v / lsb);
  if (!std::isfinite(q) || q < static_cast<double>(lo) || q > static_cast<double>(hi)) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(q);
}

// An angle in degrees on a 2^bits circle, wrapped into [0, 360).
std::uint64_t angle_raw(double deg, unsigned bits) {
  const double turns = deg / 360.0 - std::floor(deg / 360.0);
  const double full = std::ldexp(1.0, static_cast<int>(bits));
  const auto raw = static_cast<std::uint64_t>(std::llround(turns * full));
  return raw & ((std::uint64_t{1} << bits) - 1U);
}

std::uint64_t flag(std::uint8_t v, unsigned shift) {
  return std::uint64_t{v & 1U} << shift;
}
std::uint64_t field(std::uint8_t v, unsigned width, unsigned shift) {
  return std::uint64_t{v & ((1U << width) - 1U)} << shift;
}

#define DEWLINE_Q(var, value, lsb, lo, hi, item, name)       \
  const auto var##_q = quantize((value), (lsb), (lo), (hi)); \
  if (!var##_q) {                                            \
    return unexpected(range_error((item), (name), (value))); \
  }                                                          \
  const std::int64_t var = *var##_q

Result<void, AsterixError> time_of_day(double tod, std::string_view item, RecordWriter& w) {
  DEWLINE_Q(raw, tod, 1.0 / 128.0, 0, 86400 * 128 - 1, item, "time of day");
  w.put(static_cast<std::uint64_t>(raw), 3);
  return {};
}

}  // namespace

Result<void, AsterixError> encode_cat048(const Cat048Record& r, std::vector<std::byte>& out) {
  using namespace cat048_frn;
  thread_local std::vector<std::byte> items;
  RecordWriter w(items);
  if (r.i010) {
    w.mark(kI010);
    w.put((std::uint64_t{r.i010->sac} << 8U) | r.i010->sic, 2);
  }
  if (r.i140) {
    w.mark(kI140);
    DEWLINE_TRY(time_of_day(*r.i140, "I048/140", w));
  }
  if (r.i020) {
    const auto& d = *r.i020;
    const bool ext2 = d.adsb_ep | d.adsb_val | d.scn_ep | d.scn_val | d.pai_ep | d.pai_val;
    const bool ext1 = ext2 || (d.tst | d.err | d.xpp | d.me | d.mi | d.foefri) != 0;
    const unsigned octets =
        std::max<unsigned>(ext2 ? 3U : (ext1 ? 2U : 1U), std::min<unsigned>(d.octets, 3U));
    w.mark(kI020);
    w.put(field(d.typ, 3, 5) | flag(d.sim, 4) | flag(d.rdp, 3) | flag(d.spi, 2) | flag(d.rab, 1) |
              (octets > 1 ? 1U : 0U),
          1);
    if (octets > 1) {
      w.put(flag(d.tst, 7) | flag(d.err, 6) | flag(d.xpp, 5) | flag(d.me, 4) | flag(d.mi, 3) |
                field(d.foefri, 2, 1) | (octets > 2 ? 1U : 0U),
            1);
    }
    if (octets > 2) {
      w.put(flag(d.adsb_ep, 7) | flag(d.adsb_val, 6) | flag(d.scn_ep, 5) | flag(d.scn_val, 4) |
                flag(d.pai_ep, 3) | flag(d.pai_val, 2),
            1);
    }
  }
  if (r.i040) {
    DEWLINE_Q(rho, r.i040->rho_nm, 1.0 / 256.0, 0, 65535, "I048/040", "RHO");
    w.mark(kI040);
    w.put(static_cast<std::uint64_t>(rho), 2);
    w.put(angle_raw(r.i040->theta_deg, 16), 2);
  }
  if (r.i070) {
    if (r.i070->mode3a > 07777) {
      return unexpected(range_error("I048/070", "MODE3A", r.i070->mode3a));
    }
    w.mark(kI070);
    w.put(flag(r.i070->v, 15) | flag(r.i070->g, 14) | flag(r.i070->l, 13) | r.i070->mode3a, 2);
  }
  if (r.i090) {
    DEWLINE_Q(fl, r.i090->fl, 0.25, -8192, 8191, "I048/090", "FL");
    w.mark(kI090);
    w.put(flag(r.i090->v, 15) | flag(r.i090->g, 14) | (static_cast<std::uint64_t>(fl) & 0x3FFFU),
          2);
  }
  if (r.i130) {
    const auto& p = *r.i130;
    std::array<std::int64_t, 7> raw{};
    unsigned primary = 0;
    auto sub = [&](unsigned i, std::optional<double> v, double lsb, std::int64_t lo,
                   std::int64_t hi, std::string_view name) -> Result<void, AsterixError> {
      if (!v) {
        return {};
      }
      auto q = quantize(*v, lsb, lo, hi);
      if (!q) {
        return unexpected(range_error("I048/130", name, *v));
      }
      raw[i] = *q;
      primary |= 0x80U >> i;
      return {};
    };
    auto opt = [](auto o) -> std::optional<double> {
      return o ? std::optional<double>(static_cast<double>(*o)) : std::nullopt;
    };
    DEWLINE_TRY(sub(0, p.srl_deg, 360.0 / 8192.0, 0, 255, "SRL"));
    DEWLINE_TRY(sub(1, opt(p.srr), 1.0, 0, 255, "SRR"));
    DEWLINE_TRY(sub(2, opt(p.sam_dbm), 1.0, -128, 127, "SAM"));
    DEWLINE_TRY(sub(3, p.prl_deg, 360.0 / 8192.0, 0, 255, "PRL"));
    DEWLINE_TRY(sub(4, opt(p.pam_dbm), 1.0, -128, 127, "PAM"));
    DEWLINE_TRY(sub(5, p.rpd_nm, 1.0 / 256.0, -128, 127, "RPD"));
    DEWLINE_TRY(sub(6, p.apd_deg, 360.0 / 16384.0, -128, 127, "APD"));
    w.mark(kI130);
    w.put(primary, 1);
    for (unsigned i = 0; i < 7; ++i) {
      if ((primary & (0x80U >> i)) != 0) {
        w.put(static_cast<std::uint64_t>(raw[i]) & 0xFFU, 1);
      }
    }
  }
  if (r.i220) {
    if (*r.i220 > 0xFFFFFFU) {
      return unexpected(range_error("I048/220", "address", *r.i220));
    }
    w.mark(kI220);
    w.put(*r.i220, 3);
  }
  if (r.i240) {
    std::uint64_t v = 0;
    for (char ch : r.i240->chars) {
      const int code = detail::icao_code(ch == '\0' ? ' ' : ch);
      if (code < 0) {
        return unexpected(make_error(DecodeError::ValueOutOfRange, 0,
                                     "I048/240: character '{}' is not in the ICAO set", ch));
      }
      v = (v << 6U) | static_cast<std::uint64_t>(code);
    }
    w.mark(kI240);
    w.put(v, 6);
  }
  if (r.i250) {
    if (r.i250->data.size() != std::size_t{r.i250->rep} * 8U) {
      return unexpected(make_error(DecodeError::BadItemLength, 0,
                                   "I048/250: REP {} but {} data bytes", r.i250->rep,
                                   r.i250->data.size()));
    }
    w.mark(kI250);
    w.put(r.i250->rep, 1);
    for (std::byte b : r.i250->data) {
      w.put(std::to_integer<std::uint64_t>(b), 1);
    }
  }
  if (r.i161) {
    if (*r.i161 > 0x0FFFU) {
      return unexpected(range_error("I048/161", "TRN", *r.i161));
    }
    w.mark(kI161);
    w.put(*r.i161, 2);
  }
  if (r.i042) {
    DEWLINE_Q(x, r.i042->x_nm, 1.0 / 128.0, -32768, 32767, "I048/042", "X");
    DEWLINE_Q(y, r.i042->y_nm, 1.0 / 128.0, -32768, 32767, "I048/042", "Y");
    w.mark(kI042);
    w.put(static_cast<std::uint64_t>(x) & 0xFFFFU, 2);
    w.put(static_cast<std::uint64_t>(y) & 0xFFFFU, 2);
  }
  if (r.i200) {
    DEWLINE_Q(gsp, r.i200->gsp_nm_s, 1.0 / 16384.0, 0, 65535, "I048/200", "GSP");
    w.mark(kI200);
    w.put(static_cast<std::uint64_t>(gsp), 2);
    w.put(angle_raw(r.i200->hdg_deg, 16), 2);
  }
  if (r.i170) {
    const auto& t = *r.i170;
    const bool ext = (t.tre | t.gho | t.sup | t.tcc) != 0 || t.octets > 1;
    w.mark(kI170);
    w.put(flag(t.cnf, 7) | field(t.rad, 2, 5) | flag(t.dou, 4) | flag(t.mah, 3) |
              field(t.cdm, 2, 1) | (ext ? 1U : 0U),
          1);
    if (ext) {
      w.put(flag(t.tre, 7) | flag(t.gho, 6) | flag(t.sup, 5) | flag(t.tcc, 4), 1);
    }
  }
  if (r.i210) {
    DEWLINE_Q(sx, r.i210->sigx_nm, 1.0 / 128.0, 0, 255, "I048/210", "SIGX");
    DEWLINE_Q(sy, r.i210->sigy_nm, 1.0 / 128.0, 0, 255, "I048/210", "SIGY");
    DEWLINE_Q(sv, r.i210->sigv_nm_s, 1.0 / 16384.0, 0, 255, "I048/210", "SIGV");
    DEWLINE_Q(sh, r.i210->sigh_deg, 360.0 / 4096.0, 0, 255, "I048/210", "SIGH");
    w.mark(kI210);
    w.put((static_cast<std::uint64_t>(sx) << 24U) | (static_cast<std::uint64_t>(sy) << 16U) |
              (static_cast<std::uint64_t>(sv) << 8U) | static_cast<std::uint64_t>(sh),
          4);
  }
  if (r.i110) {
    DEWLINE_Q(h, *r.i110, 25.0, -8192, 8191, "I048/110", "3DH");
    w.mark(kI110);
    w.put(static_cast<std::uint64_t>(h) & 0x3FFFU, 2);
  }
  if (r.i120) {
    const auto& s = *r.i120;
    std::int64_t cal = 0;
    if (s.cal) {
      DEWLINE_Q(q, s.cal->cal_mps, 1.0, -512, 511, "I048/120", "CAL");
      cal = q;
    }
    if (s.rds_rep && s.rds_data.size() != std::size_t{*s.rds_rep} * 6U) {
      return unexpected(make_error(DecodeError::BadItemLength, 0,
                                   "I048/120: RDS REP {} but {} data bytes", *s.rds_rep,
                                   s.rds_data.size()));
    }
    w.mark(kI120);
    w.put((s.cal ? 0x80U : 0U) | (s.rds_rep ? 0x40U : 0U), 1);
    if (s.cal) {
      w.put(flag(s.cal->d, 15) | (static_cast<std::uint64_t>(cal) & 0x3FFU), 2);
    }
    if (s.rds_rep) {
      w.put(*s.rds_rep, 1);
      for (std::byte x : s.rds_data) {
        w.put(std::to_integer<std::uint64_t>(x), 1);
      }
    }
  }
  if (r.i230) {
    const auto& c = *r.i230;
    w.mark(kI230);
    w.put(field(c.com, 3, 13) | field(c.stat, 3, 10) | flag(c.si, 9) | flag(c.mssc, 7) |
              flag(c.arc, 6) | flag(c.aic, 5) | flag(c.b1a, 4) | field(c.b1b, 4, 0),
          2);
  }
  if (w.empty()) {
    return unexpected(make_error(DecodeError::EmptyRecord, 0, "CAT048 record without items"));
  }
  w.finish(out);
  return {};
}

Result<void, AsterixError> encode_cat034(const Cat034Record& r, std::vector<std::byte>& out) {
  using namespace cat034_frn;
  thread_local std::vector<std::byte> items;
  RecordWriter w(items);
  if (r.i010) {
    w.mark(kI010);
    w.put((std::uint64_t{r.i010->sac} << 8U) | r.i010->sic, 2);
  }
  if (r.i000) {
    w.mark(kI000);
    w.put(*r.i000, 1);
  }
  if (r.i030) {
    w.mark(kI030);
    DEWLINE_TRY(time_of_day(*r.i030, "I034/030", w));
  }
  if (r.i020) {
    w.mark(kI020);
    w.put(angle_raw(*r.i020, 8), 1);
  }
  if (r.i041) {
    DEWLINE_Q(period, *r.i041, 1.0 / 128.0, 0, 65535, "I034/041", "antenna rotation period");
    w.mark(kI041);
    w.put(static_cast<std::uint64_t>(period), 2);
  }
  if (r.i050) {
    const auto& s = *r.i050;
    w.mark(kI050);
    w.put((s.com ? 0x80U : 0U) | (s.psr ? 0x10U : 0U) | (s.ssr ? 0x08U : 0U) | (s.mds ? 0x04U : 0U),
          1);
    if (s.com) {
      const auto& c = *s.com;
      w.put(flag(c.nogo, 7) | flag(c.rdpc, 6) | flag(c.rdpr, 5) | flag(c.ovlrdp, 4) |
                flag(c.ovlxmt, 3) | flag(c.msc, 2) | flag(c.tsv, 1),
            1);
    }
    for (const auto* p : {&s.psr, &s.ssr}) {
      if (*p) {
        const auto& v = **p;
        w.put(flag(v.ant, 7) | field(v.chab, 2, 5) | flag(v.ovl, 4) | flag(v.msc, 3), 1);
      }
    }
    if (s.mds) {
      const auto& m = *s.mds;
      w.put(flag(m.ant, 15) | field(m.chab, 2, 13) | flag(m.ovlsur, 12) | flag(m.msc, 11) |
                flag(m.scf, 10) | flag(m.dlf, 9) | flag(m.ovlscf, 8) | flag(m.ovldlf, 7),
            2);
    }
  }
  if (r.i060) {
    const auto& s = *r.i060;
    w.mark(kI060);
    w.put((s.com ? 0x80U : 0U) | (s.psr ? 0x10U : 0U) | (s.ssr ? 0x08U : 0U) | (s.mds ? 0x04U : 0U),
          1);
    if (s.com) {
      w.put(field(s.com->redrdp, 3, 4) | field(s.com->redxmt, 3, 1), 1);
    }
    if (s.psr) {
      w.put(flag(s.psr->pol, 7) | field(s.psr->redrad, 3, 4) | field(s.psr->stc, 2, 2), 1);
    }
    if (s.ssr) {
      w.put(field(s.ssr->redrad, 3, 5), 1);
    }
    if (s.mds) {
      w.put(field(s.mds->redrad, 3, 5) | flag(s.mds->clu, 4), 1);
    }
  }
  if (r.i070) {
    if (r.i070->data.size() != std::size_t{r.i070->rep} * 2U) {
      return unexpected(make_error(DecodeError::BadItemLength, 0,
                                   "I034/070: REP {} but {} data bytes", r.i070->rep,
                                   r.i070->data.size()));
    }
    w.mark(kI070);
    w.put(r.i070->rep, 1);
    for (std::byte b : r.i070->data) {
      w.put(std::to_integer<std::uint64_t>(b), 1);
    }
  }
  if (r.i100) {
    const auto& p = *r.i100;
    DEWLINE_Q(rs, p.rhost_nm, 1.0 / 256.0, 0, 65535, "I034/100", "RHOST");
    DEWLINE_Q(re, p.rhoend_nm, 1.0 / 256.0, 0, 65535, "I034/100", "RHOEND");
    w.mark(kI100);
    w.put(static_cast<std::uint64_t>(rs), 2);
    w.put(static_cast<std::uint64_t>(re), 2);
    w.put(angle_raw(p.thetast_deg, 16), 2);
    w.put(angle_raw(p.thetaend_deg, 16), 2);
  }
  if (r.i110) {
    w.mark(kI110);
    w.put(*r.i110, 1);
  }
  if (r.i120) {
    const auto& p = *r.i120;
    constexpr double kLsb = 180.0 / 8388608.0;
    DEWLINE_Q(hgt, p.hgt_m, 1.0, -32768, 32767, "I034/120", "HGT");
    DEWLINE_Q(lat, p.lat_deg, kLsb, -(1 << 22), 1 << 22, "I034/120", "LAT");
    DEWLINE_Q(lon, p.lon_deg, kLsb, -(1 << 23), (1 << 23) - 1, "I034/120", "LON");
    w.mark(kI120);
    w.put(static_cast<std::uint64_t>(hgt) & 0xFFFFU, 2);
    w.put(static_cast<std::uint64_t>(lat) & 0xFFFFFFU, 3);
    w.put(static_cast<std::uint64_t>(lon) & 0xFFFFFFU, 3);
  }
  if (r.i090) {
    DEWLINE_Q(rng, r.i090->rng_nm, 1.0 / 128.0, -128, 127, "I034/090", "RNG");
    DEWLINE_Q(azm, r.i090->azm_deg, 360.0 / 16384.0, -128, 127, "I034/090", "AZM");
    w.mark(kI090);
    w.put(static_cast<std::uint64_t>(rng) & 0xFFU, 1);
    w.put(static_cast<std::uint64_t>(azm) & 0xFFU, 1);
  }
  if (w.empty()) {
    return unexpected(make_error(DecodeError::EmptyRecord, 0, "CAT034 record without items"));
  }
  w.finish(out);
  return {};
}

#undef DEWLINE_Q

Cat034Record make_north_marker(DataSourceIdentifier source, double time_of_day_s) {
  Cat034Record r;
  r.i010 = source;
  r.i000 = static_cast<std::uint8_t>(Cat034MessageType::NorthMarker);
  r.i030 = time_of_day_s;
  return r;
}

Cat034Record make_sector_crossing(DataSourceIdentifier source, double time_of_day_s,
                                  double sector_deg) {
  Cat034Record r;
  r.i010 = source;
  r.i000 = static_cast<std::uint8_t>(Cat034MessageType::SectorCrossing);
  r.i030 = time_of_day_s;
  r.i020 = sector_deg;
  return r;
}

Result<void, AsterixError> DatagramBuilder::add(const Cat048Record& r) {
  record_.clear();
  DEWLINE_TRY(encode_cat048(r, record_));
  return append(48);
}

Result<void, AsterixError> DatagramBuilder::add(const Cat034Record& r) {
  record_.clear();
  DEWLINE_TRY(encode_cat034(r, record_));
  return append(34);
}

Result<void, AsterixError> DatagramBuilder::append(std::uint8_t category) {
  auto close_block = [this]() {
    if (block_cat_ != 0) {
      const std::size_t len = current_.size() - block_start_;
      current_[block_start_ + 1] = static_cast<std::byte>(len >> 8U);
      current_[block_start_ + 2] = static_cast<std::byte>(len & 0xFFU);
      block_cat_ = 0;
    }
  };
  if (record_.size() + 3 > max_ || record_.size() + 3 > 65535) {
    return unexpected(make_error(DecodeError::BadBlockLength, 0,
                                 "record of {} bytes does not fit a datagram of {}", record_.size(),
                                 max_));
  }
  const bool same_block = block_cat_ == category;
  const std::size_t needed = record_.size() + (same_block ? 0 : 3);
  if (current_.size() + needed > max_ ||
      (same_block && current_.size() - block_start_ + record_.size() > 65535)) {
    close_block();
    done_.push_back(std::move(current_));
    current_.clear();
  }
  if (block_cat_ != category) {
    close_block();
    block_start_ = current_.size();
    block_cat_ = category;
    current_.push_back(static_cast<std::byte>(category));
    current_.push_back(std::byte{0});
    current_.push_back(std::byte{0});
  }
  current_.insert(current_.end(), record_.begin(), record_.end());
  return {};
}

std::vector<std::vector<std::byte>> DatagramBuilder::finish() {
  if (block_cat_ != 0) {
    const std::size_t len = current_.size() - block_start_;
    current_[block_start_ + 1] = static_cast<std::byte>(len >> 8U);
    current_[block_start_ + 2] = static_cast<std::byte>(len & 0xFFU);
    block_cat_ = 0;
  }
  if (!current_.empty()) {
    done_.push_back(std::move(current_));
    current_.clear();
  }
  std::vector<std::vector<std::byte>> out = std::move(done_);
  done_.clear();
  return out;
}

}  // namespace dewline::ingest::asterix
