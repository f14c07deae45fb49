#include "ingest/adsb/line_reader.hpp"

namespace dewline::ingest::adsb {

void LineReader::push(std::span<const std::byte> bytes) {
  push(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void LineReader::push(std::string_view text) {
  compact();
  buf_.append(text);
}

void LineReader::reset() {
  buf_.clear();
  pos_ = 0;
  finished_ = false;
  skipping_ = false;
}

void LineReader::compact() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
}

LineReader::Status LineReader::next(std::string_view& line, std::uint64_t& line_no) {
  for (;;) {
    const std::size_t nl = buf_.find('\n', pos_);
    if (skipping_) {
      if (nl == std::string::npos) {
        pos_ = buf_.size();  // keep dropping
        if (finished_) {
          skipping_ = false;
        }
        return Status::NeedMore;
      }
      pos_ = nl + 1;
      skipping_ = false;
      continue;
    }
    if (nl == std::string::npos) {
      const std::size_t pending = buf_.size() - pos_;
      if (pending > max_line_) {
        skipping_ = true;
        line_no = ++line_no_;
        pos_ = buf_.size();
        return Status::TooLong;
      }
      if (finished_ && pending > 0) {
        line = std::string_view(buf_).substr(pos_);
        pos_ = buf_.size();
        line_no = ++line_no_;
        if (!line.empty() && line.back() == '\r') {
          line.remove_suffix(1);
        }
        return Status::Line;
      }
      return Status::NeedMore;
    }
    std::string_view l = std::string_view(buf_).substr(pos_, nl - pos_);
    pos_ = nl + 1;
    line_no = ++line_no_;
    if (l.size() > max_line_) {
      return Status::TooLong;
    }
    if (!l.empty() && l.back() == '\r') {
      l.remove_suffix(1);
    }
    line = l;
    return Status::Line;
  }
}

}  // namespace dewline::ingest::adsb
