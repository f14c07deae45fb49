#include "ingest/adsb/adsb_decoder.hpp"

#include "core/log.hpp"

namespace dewline::ingest::adsb {

AdsbDecoder::AdsbDecoder(AdsbDecoderConfig config)
    : config_(std::move(config)), table_(config_.aircraft) {}

void AdsbDecoder::push_beast(std::span<const std::byte> bytes, std::optional<Time> receive_time) {
  framer_.push(bytes);
  if (receive_time) {
    receive_time_ = receive_time;
  }
}

void AdsbDecoder::reset_stream() { framer_.reset(); }

void AdsbDecoder::reject(const AdsbError& error) {
  ++stats_.rejected;
  const std::string_view key = to_string(error.code);
  if (rejects_.count(config_.sensor, key) && config_.log_rejects) {
    log().warn("{}: {} at {}: {}", config_.sensor, key, error.offset, error.reason);
  }
}

AdsbDecoder::Status AdsbDecoder::fail(const AdsbError& error, AdsbError& out) {
  reject(error);
  out = error;
  return Status::Error;
}

AdsbDecoder::Status AdsbDecoder::decode_mode_s_into(std::span<const std::uint8_t> bytes,
                                                    std::uint64_t offset, DecodedMessage& out,
                                                    AdsbError& error) {
  if (auto r = decode_mode_s(bytes, out.mode_s, config_.mode_s); !r) {
    AdsbError e = r.error();
    e.offset = offset;
    return fail(e, error);
  }
  if (out.mode_s.corrected_bit) {
    ++stats_.corrected;
  }
  ++stats_.messages;
  ++stats_.by_df[out.mode_s.df];
  table_.update(out.mode_s, out.time, out.signal, out.report);
  return Status::Message;
}

AdsbDecoder::Status AdsbDecoder::next_beast(DecodedMessage& out, AdsbError& error) {
  for (;;) {
    AdsbError ferr;
    const auto s = framer_.next(frame_, ferr);
    if (s == BeastFramer::Status::NeedMore) {
      return Status::NeedMore;
    }
    if (s == BeastFramer::Status::Error) {
      return fail(ferr, error);
    }
    out.format = AdsbFormat::Beast;
    out.index = frame_.number;
    out.offset = frame_.offset;
    out.beast_type = frame_.type;
    out.timestamp_12mhz = frame_.timestamp_12mhz;
    out.signal = frame_.signal;
    if (frame_.type == BeastFrameType::ModeAC) {
      ++stats_.skipped_mode_ac;
      return Status::Skipped;
    }
    if (frame_.type == BeastFrameType::Status) {
      ++stats_.skipped_status;
      return Status::Skipped;
    }
    if (config_.beast_time == BeastTime::ReceiveTime && receive_time_) {
      out.time = *receive_time_;
    } else {
      // 12 MHz ticks -> ns: ticks * 1000 / 12 (ticks < 2^48, no overflow).
      out.time = config_.beast_epoch +
                 Duration::from_ns(static_cast<std::int64_t>(frame_.timestamp_12mhz * 1000 / 12));
    }
    const auto data = frame_.data();
    return decode_mode_s_into(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()),
                                      data.size()),
        frame_.offset, out, error);
  }
}

AdsbDecoder::Status AdsbDecoder::decode_hex_line(std::string_view line, std::uint64_t line_no,
                                                 DecodedMessage& out, AdsbError& error,
                                                 std::optional<Time> receive_time) {
  auto r = parse_hex_line(line, line_no, hex_);
  if (!r) {
    AdsbError e = r.error();
    e.offset = line_no;
    return fail(e, error);
  }
  if (*r == HexLineKind::Skipped) {
    ++stats_.skipped_lines;
    return Status::Skipped;
  }
  out.format = AdsbFormat::ModesHex;
  out.index = line_no;
  out.offset = 0;
  out.signal.reset();
  out.timestamp_12mhz = hex_.timestamp_12mhz.value_or(0);
  if (hex_.time) {
    out.time = *hex_.time;
  } else if (hex_.timestamp_12mhz) {
    out.time = config_.beast_epoch +
               Duration::from_ns(static_cast<std::int64_t>(*hex_.timestamp_12mhz * 1000 / 12));
  } else if (receive_time) {
    out.time = *receive_time;
  } else {
    out.time = last_text_time_;
  }
  last_text_time_ = out.time;
  return decode_mode_s_into(std::span<const std::uint8_t>(hex_.bytes.data(), hex_.length),
                            line_no, out, error);
}

AdsbDecoder::Status AdsbDecoder::decode_sbs_line(std::string_view line, std::uint64_t line_no,
                                                 DecodedMessage& out, AdsbError& error,
                                                 std::optional<Time> receive_time) {
  auto r = parse_sbs_line(line, out.sbs);
  if (!r) {
    AdsbError e = r.error();
    e.offset = line_no;
    return fail(e, error);
  }
  if (*r == SbsLineKind::Skipped) {
    ++stats_.skipped_lines;
    return Status::Skipped;
  }
  out.format = AdsbFormat::Sbs;
  out.index = line_no;
  out.offset = 0;
  out.signal.reset();
  out.timestamp_12mhz = 0;
  if (out.sbs.generated_time) {
    out.time = *out.sbs.generated_time;
  } else if (receive_time) {
    out.time = *receive_time;
  } else {
    out.time = last_text_time_;
  }
  last_text_time_ = out.time;
  ++stats_.messages;
  table_.update(out.sbs, out.time, out.report);
  return Status::Message;
}

}  // namespace dewline::ingest::adsb
