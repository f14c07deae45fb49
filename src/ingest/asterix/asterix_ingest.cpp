#include "ingest/asterix/asterix_ingest.hpp"

#include <utility>

#include "core/log.hpp"

namespace dewline::ingest::asterix {

AsterixIngest::AsterixIngest(std::string feed_name, EnuFrame site,
                             std::vector<AsterixRadarConfig> radars)
    : feed_(std::move(feed_name)), converter_(site, std::move(radars)) {}

DecodeStats AsterixIngest::ingest(std::span<const std::byte> datagram,
                                  std::optional<Time> reference, std::vector<Detection>& out,
                                  std::size_t base_offset) {
  reference_ = reference;
  out_ = &out;
  const DecodeStats s = decoder_.decode(datagram, *this, base_offset);
  out_ = nullptr;
  return s;
}

void AsterixIngest::on_cat048(const Cat048Record& r, const RecordContext& /*c*/) {
  auto d = converter_.convert(r, reference_);
  if (d && out_ != nullptr) {
    out_->push_back(std::move(*d));
  }
}

void AsterixIngest::on_cat034(const Cat034Record& r, const RecordContext& /*c*/) {
  converter_.on_cat034(r);
}

void AsterixIngest::on_error(const AsterixError& e) {
  const std::string_view key = reason_key(e.code());
  if (decode_errors_.count(feed_, key)) {
    log().warn("asterix {}: {} at offset {}: {} (total {})", feed_, key, e.offset(), e.reason(),
               decode_errors_.count_of(feed_, key));
  }
}

RejectCounter AsterixIngest::rejects() const {
  RejectCounter all = decode_errors_;
  all.merge(converter_.rejects());
  return all;
}

}  // namespace dewline::ingest::asterix
