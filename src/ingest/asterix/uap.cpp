#include "ingest/asterix/uap.hpp"

#include <initializer_list>

#include "ingest/asterix/byte_cursor.hpp"

namespace dewline::ingest::asterix {
namespace {

constexpr ItemRule fixed(std::string_view name, std::uint8_t n) {
  return ItemRule{name, ItemKind::Fixed, n, 0, 0, {}};
}
constexpr ItemRule extended(std::string_view name, std::uint8_t first, std::uint8_t ext) {
  return ItemRule{name, ItemKind::Extended, first, ext, 0, {}};
}
constexpr ItemRule repetitive(std::string_view name, std::uint8_t part) {
  return ItemRule{name, ItemKind::Repetitive, part, 0, 0, {}};
}
constexpr ItemRule explicit_len(std::string_view name) {
  return ItemRule{name, ItemKind::Explicit, 0, 0, 0, {}};
}
constexpr ItemRule compound(std::string_view name, std::initializer_list<SubfieldRule> subs) {
  ItemRule r{name, ItemKind::Compound, 0, 0, 0, {}};
  for (const auto& s : subs) {
    r.subfields[r.subfield_count++] = s;
  }
  return r;
}
constexpr SubfieldRule sf_fixed(std::uint8_t n) {
  return {ItemKind::Fixed, n, 0};
}
constexpr SubfieldRule sf_rep(std::uint8_t part) {
  return {ItemKind::Repetitive, part, 0};
}
constexpr SubfieldRule sf_spare() {
  return {ItemKind::None, 0, 0};
}

constexpr Uap make_uap(std::uint8_t cat, std::string_view edition,
                       std::initializer_list<ItemRule> items) {
  Uap u{cat, edition, 0, {}};
  for (const auto& it : items) {
    u.frn[++u.frn_count] = it;
  }
  return u;
}

// CAT048 edition 1.31 (2022-10-03), UAP of section 5 ("Standard User Application Profile").
constexpr Uap kCat048 = make_uap(
    48, "1.31",
    {
        fixed("I048/010", 2),        // FRN 1  Data Source Identifier
        fixed("I048/140", 3),        // FRN 2  Time of Day
        extended("I048/020", 1, 1),  // FRN 3  Target Report Descriptor
        fixed("I048/040", 4),        // FRN 4  Measured Position in Polar Co-ordinates
        fixed("I048/070", 2),        // FRN 5  Mode-3/A Code in Octal Representation
        fixed("I048/090", 2),        // FRN 6  Flight Level in Binary Representation
        compound("I048/130",         // FRN 7  Radar Plot Characteristics
                 {sf_fixed(1), sf_fixed(1), sf_fixed(1), sf_fixed(1), sf_fixed(1), sf_fixed(1),
                  sf_fixed(1)}),     //        SRL SRR SAM PRL PAM RPD APD
        fixed("I048/220", 3),        // FRN 8  Aircraft Address
        fixed("I048/240", 6),        // FRN 9  Aircraft Identification
        repetitive("I048/250", 8),   // FRN 10 BDS Register Data
        fixed("I048/161", 2),        // FRN 11 Track Number
        fixed("I048/042", 4),        // FRN 12 Calculated Position in Cartesian Co-ordinates
        fixed("I048/200", 4),        // FRN 13 Calculated Track Velocity in Polar Co-ordinates
        extended("I048/170", 1, 1),  // FRN 14 Track Status
        fixed("I048/210", 4),        // FRN 15 Track Quality
        extended("I048/030", 1, 1),  // FRN 16 Warning/Error Conditions and Target Classification
        fixed("I048/080", 2),        // FRN 17 Mode-3/A Code Confidence Indicator
        fixed("I048/100", 4),        // FRN 18 Mode-C Code and Code Confidence Indicator
        fixed("I048/110", 2),        // FRN 19 Height Measured by a 3D Radar
        compound("I048/120", {sf_fixed(2), sf_rep(6)}),  // FRN 20 Radial Doppler Speed: CAL, RDS
        fixed("I048/230", 2),     // FRN 21 Communications/ACAS Capability and Flight Status
        fixed("I048/260", 7),     // FRN 22 ACAS Resolution Advisory Report
        fixed("I048/055", 1),     // FRN 23 Mode-1 Code in Octal Representation
        fixed("I048/050", 2),     // FRN 24 Mode-2 Code in Octal Representation
        fixed("I048/065", 1),     // FRN 25 Mode-1 Code Confidence Indicator
        fixed("I048/060", 2),     // FRN 26 Mode-2 Code Confidence Indicator
        explicit_len("I048/SP"),  // FRN 27 Special Purpose Field
        explicit_len("I048/RE"),  // FRN 28 Reserved Expansion Field
    });

// CAT034 edition 1.29 (2021-03-15), UAP of section 5.
constexpr Uap kCat034 = make_uap(
    34, "1.29",
    {
        fixed("I034/010", 2),  // FRN 1  Data Source Identifier
        fixed("I034/000", 1),  // FRN 2  Message Type
        fixed("I034/030", 3),  // FRN 3  Time of Day
        fixed("I034/020", 1),  // FRN 4  Sector Number
        fixed("I034/041", 2),  // FRN 5  Antenna Rotation Period
        compound("I034/050",   // FRN 6  System Configuration and Status: COM - - PSR SSR MDS
                 {sf_fixed(1), sf_spare(), sf_spare(), sf_fixed(1), sf_fixed(1), sf_fixed(2)}),
        compound("I034/060",  // FRN 7  System Processing Mode: COM - - PSR SSR MDS
                 {sf_fixed(1), sf_spare(), sf_spare(), sf_fixed(1), sf_fixed(1), sf_fixed(1)}),
        repetitive("I034/070", 2),  // FRN 8  Message Count Values
        fixed("I034/100", 8),       // FRN 9  Generic Polar Window
        fixed("I034/110", 1),       // FRN 10 Data Filter
        fixed("I034/120", 8),       // FRN 11 3D-Position of Data Source
        fixed("I034/090", 2),       // FRN 12 Collimation Error
        explicit_len("I034/RE"),    // FRN 13 Reserved Expansion Field
        explicit_len("I034/SP"),    // FRN 14 Special Purpose Field
    });

// Measures one fixed / extended / repetitive / explicit part that starts `at` bytes after the
// cursor position. `item_offset` and `name` are for the error message.
Result<std::size_t, AsterixError> measure(ItemKind kind, std::size_t size, std::size_t ext_size,
                                          ByteCursor& c, std::size_t at, std::string_view name) {
  const std::size_t left = c.remaining() - at;  // caller guarantees at <= remaining
  const std::size_t off = c.offset() + at;
  switch (kind) {
    case ItemKind::Fixed:
      if (size > left) {
        return unexpected(make_error(DecodeError::Truncated, off,
                                     "{}: needs {} bytes, {} left in the block", name, size, left));
      }
      return size;
    case ItemKind::Extended: {
      std::size_t len = size;
      if (len > left) {
        return unexpected(make_error(DecodeError::Truncated, off,
                                     "{}: needs {} bytes, {} left in the block", name, len, left));
      }
      while ((c.peek(at + len - 1) & 1U) != 0) {  // FX of the last octet read
        if (len + ext_size > kMaxExtendedOctets) {
          return unexpected(make_error(DecodeError::BadItemLength, off,
                                       "{}: FX chain longer than {} octets", name,
                                       kMaxExtendedOctets));
        }
        if (len + ext_size > left) {
          return unexpected(make_error(DecodeError::Truncated, off,
                                       "{}: FX extension beyond the block end", name));
        }
        len += ext_size;
      }
      return len;
    }
    case ItemKind::Repetitive: {
      if (left < 1) {
        return unexpected(make_error(DecodeError::Truncated, off, "{}: no REP octet", name));
      }
      const std::size_t rep = c.peek(at);
      const std::size_t len = 1 + rep * size;
      if (len > left) {
        return unexpected(make_error(DecodeError::Truncated, off,
                                     "{}: REP {} needs {} bytes, {} left in the block", name, rep,
                                     len, left));
      }
      return len;
    }
    case ItemKind::Explicit: {
      if (left < 1) {
        return unexpected(make_error(DecodeError::Truncated, off, "{}: no LEN octet", name));
      }
      const std::size_t len = c.peek(at);
      if (len == 0) {
        return unexpected(
            make_error(DecodeError::BadItemLength, off, "{}: LEN 0 (must count itself)", name));
      }
      if (len > left) {
        return unexpected(make_error(DecodeError::Truncated, off,
                                     "{}: LEN {} but {} bytes left in the block", name, len, left));
      }
      return len;
    }
    case ItemKind::None:
    case ItemKind::Compound:
      break;
  }
  return unexpected(make_error(DecodeError::UnknownItem, off, "{}: no length rule", name));
}

Result<std::size_t, AsterixError> measure_compound(const ItemRule& rule, ByteCursor& c) {
  const std::size_t max_primary = (rule.subfield_count + 6U) / 7U;
  std::size_t primary = 0;
  std::uint32_t bits = 0;  // bit i set: subfield i (0-based) present
  for (;;) {
    if (primary >= c.remaining()) {
      return unexpected(make_error(DecodeError::Truncated, c.offset(),
                                   "{}: primary subfield beyond the block end", rule.name));
    }
    const unsigned b = c.peek(primary);
    for (unsigned bit = 0; bit < 7; ++bit) {
      if ((b & (0x80U >> bit)) != 0) {
        bits |= 1U << (primary * 7U + bit);
      }
    }
    ++primary;
    if ((b & 1U) == 0) {
      break;
    }
    if (primary >= max_primary) {
      return unexpected(make_error(DecodeError::FspecTooLong, c.offset(),
                                   "{}: primary subfield FX set beyond its {} subfields", rule.name,
                                   rule.subfield_count));
    }
  }
  std::size_t len = primary;
  for (std::size_t i = 0; i < primary * 7U; ++i) {
    if (((bits >> i) & 1U) == 0) {
      continue;
    }
    if (i >= rule.subfield_count || rule.subfields[i].kind == ItemKind::None) {
      return unexpected(make_error(DecodeError::UnknownItem, c.offset(),
                                   "{}: subfield #{} is not defined", rule.name, i + 1));
    }
    const SubfieldRule& s = rule.subfields[i];
    auto n = measure(s.kind, s.size, s.ext_size, c, len, rule.name);
    if (!n) {
      return n;
    }
    len += *n;
  }
  return len;
}

}  // namespace

const Uap& cat048_uap() {
  return kCat048;
}
const Uap& cat034_uap() {
  return kCat034;
}

const Uap* uap_for_category(std::uint8_t category) {
  switch (category) {
    case 48:
      return &kCat048;
    case 34:
      return &kCat034;
    default:
      return nullptr;
  }
}

Result<void, AsterixError> split_record(std::span<const std::byte> data, std::size_t offset,
                                        std::size_t end, const Uap& uap, RecordLayout& out) {
  out.offset = offset;
  out.length = 0;
  out.fspec_length = 0;
  out.present = 0;
  if (offset > end || end > data.size()) {
    return unexpected(make_error(DecodeError::Truncated, offset, "record outside its block"));
  }
  ByteCursor c(data.subspan(offset, end - offset), offset);

  // FSPEC (Part 1 section 4.3.1): bits 8..2 of octet k flag FRN 7k+1 .. 7k+7, bit 1 is FX.
  const std::size_t max_octets = (uap.frn_count + 6U) / 7U;
  std::size_t octets = 0;
  for (;;) {
    if (!c.need(1)) {
      return unexpected(make_error(DecodeError::Truncated, c.offset(),
                                   "CAT{:03}: FSPEC runs past the block end", uap.category));
    }
    const unsigned b = c.u8();
    for (unsigned bit = 0; bit < 7; ++bit) {
      if ((b & (0x80U >> bit)) != 0) {
        out.present |= std::uint64_t{1} << (octets * 7U + bit + 1U);
      }
    }
    ++octets;
    if ((b & 1U) == 0) {
      break;
    }
    if (octets >= max_octets) {
      return unexpected(make_error(DecodeError::FspecTooLong, offset,
                                   "CAT{:03}: FSPEC longer than {} octets (UAP {} has {} FRNs)",
                                   uap.category, max_octets, uap.edition, uap.frn_count));
    }
  }
  out.fspec_length = octets;
  if (out.present == 0) {
    return unexpected(make_error(DecodeError::EmptyRecord, offset, "CAT{:03}: FSPEC flags no item",
                                 uap.category));
  }

  for (std::size_t frn = 1; frn <= octets * 7U; ++frn) {
    if (!out.has(frn)) {
      continue;
    }
    const ItemRule& rule = uap.frn[frn <= uap.frn_count ? frn : 0];
    if (frn > uap.frn_count || rule.kind == ItemKind::None) {
      return unexpected(make_error(DecodeError::UnknownItem, c.offset(),
                                   "CAT{:03}: FSPEC flags FRN {}, which edition {} does not define",
                                   uap.category, frn, uap.edition));
    }
    auto len = rule.kind == ItemKind::Compound
                   ? measure_compound(rule, c)
                   : measure(rule.kind, rule.size, rule.ext_size, c, 0, rule.name);
    if (!len) {
      return unexpected(std::move(len).error());
    }
    out.items[frn] =
        ItemSpan{static_cast<std::uint32_t>(c.offset()), static_cast<std::uint32_t>(*len)};
    c.skip(*len);
  }
  out.length = c.offset() - offset;
  return {};
}

}  // namespace dewline::ingest::asterix
