#include "ingest/adsb/beast_framer.hpp"

#include <cassert>

namespace dewline::ingest::adsb {

std::size_t beast_payload_length(std::byte type) {
  switch (static_cast<unsigned char>(type)) {
    case '1': return 2;
    case '2': return 7;
    case '3': return 14;
    case '4': return 14;  // Radarcape / Beast status frame, as readsb sizes it
    default: return 0;
  }
}

void BeastFramer::push(std::span<const std::byte> bytes) {
  compact();
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
}

void BeastFramer::reset(std::uint64_t offset) {
  buf_.clear();
  pos_ = 0;
  base_offset_ = offset;
  finished_ = false;
  garbage_start_.reset();
}

void BeastFramer::compact() {
  if (pos_ == 0) {
    return;
  }
  buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
  base_offset_ += pos_;
  pos_ = 0;
}

void BeastFramer::start_run(std::size_t i, AdsbErrorCode code) {
  if (!garbage_start_) {
    garbage_start_ = offset_of(i);
    run_code_ = code;
  }
}

BeastFramer::Status BeastFramer::report_run(AdsbError& error) {
  const std::uint64_t start = *garbage_start_;
  garbage_start_.reset();
  ++resyncs_;
  error = AdsbError{run_code_,
                    run_code_ == AdsbErrorCode::BadFrameType
                        ? "unknown Beast frame type; skipped to the next frame"
                        : "bytes outside a Beast frame; skipped to the next frame",
                    start};
  return Status::Error;
}

BeastFramer::Status BeastFramer::next(BeastFrame& frame, AdsbError& error) {
  const std::size_t n = buf_.size();
  for (;;) {
    // Skip garbage up to a 0x1a that is not the first half of an escaped pair.
    while (pos_ < n && buf_[pos_] != kBeastEscape) {
      start_run(pos_, AdsbErrorCode::Garbage);
      ++garbage_bytes_;
      ++pos_;
    }
    if (pos_ + 1 >= n) {
      // Nothing, or a lone 0x1a at the end: wait for more unless the stream ended.
      if (finished_) {
        if (pos_ < n) {  // a trailing 0x1a
          start_run(pos_, AdsbErrorCode::Garbage);
          ++garbage_bytes_;
          pos_ = n;
        }
        if (garbage_start_) {
          return report_run(error);
        }
      }
      return Status::NeedMore;
    }
    const std::byte type = buf_[pos_ + 1];
    if (type == kBeastEscape) {
      // An escaped 0x1a data byte outside a frame: garbage.
      start_run(pos_, AdsbErrorCode::Garbage);
      garbage_bytes_ += 2;
      pos_ += 2;
      continue;
    }
    const std::size_t payload_len = beast_payload_length(type);
    if (payload_len == 0) {
      // Not a frame type: skip the 0x1a and the type byte; the run ends at the next frame.
      start_run(pos_, AdsbErrorCode::BadFrameType);
      garbage_bytes_ += 2;
      pos_ += 2;
      continue;
    }
    if (garbage_start_) {
      return report_run(error);  // the run ends at this frame start
    }
    const std::size_t start = pos_;
    // Unescape 6 timestamp bytes, 1 signal byte and the payload.
    std::array<std::byte, 6 + 1 + 14> body{};
    const std::size_t body_len = 7 + payload_len;
    std::size_t i = pos_ + 2;
    std::size_t k = 0;
    while (k < body_len) {
      if (i >= n) {
        if (finished_) {
          error = AdsbError{AdsbErrorCode::TruncatedFrame, "Beast frame cut by the end of the stream",
                            offset_of(start)};
          pos_ = n;
          return Status::Error;
        }
        return Status::NeedMore;
      }
      const std::byte b = buf_[i];
      if (b == kBeastEscape) {
        if (i + 1 >= n) {
          if (finished_) {
            error = AdsbError{AdsbErrorCode::TruncatedFrame,
                              "Beast frame cut by the end of the stream", offset_of(start)};
            pos_ = n;
            return Status::Error;
          }
          return Status::NeedMore;
        }
        if (buf_[i + 1] != kBeastEscape) {
          // A new frame starts inside this one: this one is lost, resync there.
          error = AdsbError{AdsbErrorCode::TruncatedFrame, "Beast frame cut by a new frame start",
                            offset_of(start)};
          pos_ = i;
          ++resyncs_;
          return Status::Error;
        }
        i += 2;
      } else {
        i += 1;
      }
      body[k++] = b;
    }
    pos_ = i;
    frame.type = static_cast<BeastFrameType>(static_cast<std::uint8_t>(type));
    std::uint64_t ts = 0;
    for (std::size_t j = 0; j < 6; ++j) {
      ts = (ts << 8) | static_cast<std::uint8_t>(body[j]);
    }
    frame.timestamp_12mhz = ts;
    frame.signal = static_cast<std::uint8_t>(body[6]);
    frame.payload = {};
    for (std::size_t j = 0; j < payload_len; ++j) {
      frame.payload[j] = body[7 + j];
    }
    frame.payload_length = static_cast<std::uint8_t>(payload_len);
    frame.offset = offset_of(start);
    frame.number = ++frames_;
    return Status::Frame;
  }
}

void append_beast_frame(std::vector<std::byte>& out, BeastFrameType type,
                        std::uint64_t timestamp_12mhz, std::uint8_t signal,
                        std::span<const std::byte> payload) {
  assert(payload.size() == beast_payload_length(std::byte{static_cast<std::uint8_t>(type)}));
  auto put = [&out](std::byte b) {
    out.push_back(b);
    if (b == kBeastEscape) {
      out.push_back(b);
    }
  };
  out.push_back(kBeastEscape);
  out.push_back(std::byte{static_cast<std::uint8_t>(type)});
  for (int shift = 40; shift >= 0; shift -= 8) {
    put(std::byte{static_cast<std::uint8_t>(timestamp_12mhz >> shift)});
  }
  put(std::byte{signal});
  for (std::byte b : payload) {
    put(b);
  }
}

}  // namespace dewline::ingest::adsb
