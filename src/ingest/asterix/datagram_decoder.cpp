#include "ingest/asterix/datagram_decoder.hpp"

#include <algorithm>

namespace dewline::ingest::asterix {
namespace {

constexpr std::size_t kBlockHeader = 3;  // CAT + LEN
constexpr std::size_t kMinBlock = 4;     // header + at least one FSPEC octet

std::uint8_t byte_at(std::span<const std::byte> d, std::size_t i) {
  return std::to_integer<std::uint8_t>(d[i]);
}

// LEN of the block at pos when its header is there and LEN fits in the data, else 0.
std::size_t fitting_len(std::span<const std::byte> d, std::size_t pos) {
  if (pos > d.size() || d.size() - pos < kBlockHeader) {
    return 0;
  }
  const std::size_t len = (std::size_t{byte_at(d, pos + 1)} << 8U) | byte_at(d, pos + 2);
  return (len >= kMinBlock && len <= d.size() - pos) ? len : 0;
}

}  // namespace

std::size_t block_chain_end(std::span<const std::byte> data, std::size_t pos, std::size_t max_len) {
  const std::size_t start = pos;
  while (pos < data.size()) {
    const std::size_t len = fitting_len(data, pos);
    if (len == 0 || pos + len - start > max_len) {
      break;
    }
    pos += len;
  }
  return pos;
}

void AsterixDecoder::report(RecordSink& sink, const AsterixError& e) {
  ++stats_.errors;
  sink.on_error(AsterixError(e.code(), e.offset() + base_, e.reason()));
}

DecodeStats AsterixDecoder::decode(std::span<const std::byte> datagram, RecordSink& sink,
                                   std::size_t base_offset) {
  stats_ = {};
  base_ = base_offset;
  // Fast path: the blocks tile the datagram exactly (every well-formed datagram).
  if (!datagram.empty() && block_chain_end(datagram, 0, datagram.size()) == datagram.size()) {
    std::size_t pos = 0;
    std::uint32_t index = 0;
    while (pos < datagram.size()) {
      const std::size_t len = fitting_len(datagram, pos);
      decode_block(datagram, pos, len, ++index, sink);
      pos += len;
    }
    return stats_;
  }
  if (!datagram.empty()) {
    decode_damaged(datagram, sink);
  }
  return stats_;
}

// A datagram whose blocks do not tile it: tiles_[k] says whether a chain of fitting blocks
// from k ends exactly at the datagram's end (computed backwards in one pass). Blocks that fit
// before the next such k are decoded; the bytes between are reported and skipped.
void AsterixDecoder::decode_damaged(std::span<const std::byte> d, RecordSink& sink) {
  const std::size_t n = d.size();
  tiles_.assign(n + 1, 0);
  tiles_[n] = 1;
  for (std::size_t k = n; k-- > 0;) {
    const std::size_t len = fitting_len(d, k);
    tiles_[k] = (len != 0 && byte_at(d, k) != 0 && tiles_[k + len] != 0) ? 1 : 0;
  }
  std::size_t next_tile = 0;  // smallest k >= pos with tiles_[k], maintained as pos advances
  std::size_t pos = 0;
  std::uint32_t index = 0;
  while (pos < n) {
    next_tile = std::max(next_tile, pos);
    while (next_tile < n && tiles_[next_tile] == 0) {
      ++next_tile;
    }
    const std::size_t len = fitting_len(d, pos);
    if (len != 0 && (next_tile == pos || pos + len <= next_tile)) {
      decode_block(d, pos, len, ++index, sink);
      pos += len;
      continue;
    }
    // No block at pos that fits before the next good chain: skip to that chain.
    std::size_t resume = next_tile;
    if (resume == n) {
      // Nothing tiles the rest: resume at the next header of a known category that fits.
      resume = pos + 1;
      while (resume < n &&
             (fitting_len(d, resume) == 0 || uap_for_category(byte_at(d, resume)) == nullptr)) {
        ++resume;
      }
    }
    const std::size_t skipped = resume - pos;
    if (n - pos < kBlockHeader) {
      report(sink, make_error(DecodeError::Truncated, pos,
                              "{} trailing bytes, too short for a data block header", n - pos));
    } else if (len == 0) {
      const std::size_t claimed = (std::size_t{byte_at(d, pos + 1)} << 8U) | byte_at(d, pos + 2);
      report(sink, make_error(DecodeError::BadBlockLength, pos,
                              "block CAT {} LEN {} with {} bytes left; skipped {} bytes",
                              byte_at(d, pos), claimed, n - pos, skipped));
    } else {
      report(sink, make_error(DecodeError::Garbage, pos,
                              "{} bytes that form no data block, skipped", skipped));
    }
    pos = resume;
  }
}

void AsterixDecoder::decode_block(std::span<const std::byte> d, std::size_t pos, std::size_t len,
                                  std::uint32_t index, RecordSink& sink) {
  ++stats_.blocks;
  const std::uint8_t cat = byte_at(d, pos);
  const Uap* uap = uap_for_category(cat);
  if (uap == nullptr) {
    report(sink, make_error(DecodeError::UnknownCategory, pos,
                            "CAT{:03} is not decoded; block of {} bytes skipped", cat, len));
    return;
  }
  const std::size_t end = pos + len;
  std::size_t off = pos + kBlockHeader;
  RecordContext ctx;
  ctx.category = cat;
  ctx.block_offset = pos + base_;
  ctx.block_index = index;
  ctx.layout = &layout_;
  while (off < end) {
    ++ctx.record_index;
    if (auto r = split_record(d, off, end, *uap, layout_); !r) {
      report(sink, r.error());
      return;  // the rest of this block cannot be framed
    }
    ctx.record_offset = off + base_;
    ctx.record_length = layout_.length;
    off += layout_.length;
    if (cat == 48) {
      if (auto r = decode_cat048(d, layout_, cat048_); !r) {
        report(sink, r.error());
        continue;
      }
      ++stats_.records;
      sink.on_cat048(cat048_, ctx);
    } else {
      if (auto r = decode_cat034(d, layout_, cat034_); !r) {
        report(sink, r.error());
        continue;
      }
      ++stats_.records;
      sink.on_cat034(cat034_, ctx);
    }
  }
}

}  // namespace dewline::ingest::asterix
