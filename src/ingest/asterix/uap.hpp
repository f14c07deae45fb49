// uap.hpp: ASTERIX User Application Profiles (which item each FSPEC bit means and how long it
// is), and the record splitter that walks an FSPEC and measures every item by its length rule.
//
// ASTERIX Part 1 (EUROCONTROL-SPEC-0149, edition 2.4, section 4) defines the record layout: an
// FSPEC (octets whose bits 8..2 say which Field Reference Numbers are present and whose bit 1 (FX)
// says another FSPEC octet follows), then the present items in FRN order. Each item has one of
// five length rules (section 4.3.2): fixed, extended (octets with an FX bit, repeated while FX
// is set), repetitive (a REP octet then REP fixed parts), explicit (a LEN octet counting itself;
// SP and RE fields), compound (a primary subfield of presence bits with FX, then the present
// subfields). An item that the decoder does not interpret is still skipped exactly by its rule,
// so the next item and the next record stay framed.
//
// Every length in the data is a claim checked against the end of the record's data block, and
// every FX chain is capped (FSPEC and compound primary subfields by the UAP's size, extended items
// by kMaxExtendedOctets), so no input can make the splitter read out of bounds or loop.
//
//   RecordLayout rec;
//   if (auto r = split_record(datagram, off, block_end, cat048_uap(), rec); !r) report(r.error());
//   if (rec.has(4)) decode_i040(datagram.subspan(rec.item(4).offset, rec.item(4).length));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/result.hpp"
#include "ingest/asterix/decode_error.hpp"

namespace dewline::ingest::asterix {

enum class ItemKind : std::uint8_t { None, Fixed, Extended, Repetitive, Explicit, Compound };

// A compound item's subfield (Part 1 section 4.3.2.5): fixed, extended or repetitive.
struct SubfieldRule {
  ItemKind kind = ItemKind::None;  // None: spare bit in the primary subfield
  std::uint8_t size = 0;      // Fixed: octets; Extended: first part; Repetitive: octets per rep.
  std::uint8_t ext_size = 0;  // Extended: octets per extension
};

inline constexpr std::size_t kMaxSubfields = 14;  // two primary-subfield octets

struct ItemRule {
  std::string_view name;           // "I048/040", "I048/SP"
  ItemKind kind = ItemKind::None;  // None: no item at this FRN (spare FSPEC bit)
  std::uint8_t size = 0;           // as in SubfieldRule
  std::uint8_t ext_size = 0;
  std::uint8_t subfield_count = 0;  // Compound: subfields defined, in primary-subfield bit order
  std::array<SubfieldRule, kMaxSubfields> subfields{};
};

inline constexpr std::size_t kMaxFrn = 35;             // five FSPEC octets
inline constexpr std::size_t kMaxExtendedOctets = 32;  // cap on an extended item's FX chain

struct Uap {
  std::uint8_t category = 0;
  std::string_view edition;  // the edition of the category specification the table follows
  std::uint8_t frn_count = 0;
  std::array<ItemRule, kMaxFrn + 1> frn{};  // index = FRN (1-based); frn[0] unused
};

// CAT048 "Monoradar Target Reports", edition 1.31 (the edition tshark 4.0 uses by default).
[[nodiscard]] const Uap& cat048_uap();
// CAT034 "Transmission of Monoradar Service Messages", edition 1.29.
[[nodiscard]] const Uap& cat034_uap();
// The UAP for a category, or nullptr when this decoder does not know it.
[[nodiscard]] const Uap* uap_for_category(std::uint8_t category);

// Where one item of a record is: absolute offset in the datagram and length (FSPEC excluded).
struct ItemSpan {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// The items of one record, found by split_record. Reused across records (no allocation).
struct RecordLayout {
  std::size_t offset = 0;  // first FSPEC octet, absolute
  std::size_t length = 0;  // FSPEC + items
  std::size_t fspec_length = 0;
  std::uint64_t present = 0;  // bit n set when FRN n is present
  std::array<ItemSpan, kMaxFrn + 1> items{};

  [[nodiscard]] bool has(std::size_t frn) const {
    return frn <= kMaxFrn && ((present >> frn) & 1U) != 0;
  }
  [[nodiscard]] ItemSpan item(std::size_t frn) const { return items[frn]; }
};

// Splits the record that starts at `offset` in `data` and must end by `end` (its data block's
// end): reads the FSPEC and measures each present item by its rule. On error the record (and
// the rest of its block) cannot be framed; the error names the item and offset.
Result<void, AsterixError> split_record(std::span<const std::byte> data, std::size_t offset,
                                        std::size_t end, const Uap& uap, RecordLayout& out);

}  // namespace dewline::ingest::asterix
