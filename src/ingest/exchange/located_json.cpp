#include "ingest/exchange/located_json.hpp"

#include <iterator>
#include <vector>

#include <fmt/format.h>

namespace dewline::ingest {
namespace {

// An input iterator over the text that tracks the line of the last character read.
struct LineCountingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  std::size_t* line = nullptr;

  reference operator*() const { return *p; }
  LineCountingIterator& operator++() {
    if (*p == '\n') {
      ++*line;
    }
    ++p;
    return *this;
  }
  bool operator==(const LineCountingIterator& o) const { return p == o.p; }
  bool operator!=(const LineCountingIterator& o) const { return p != o.p; }
};

std::string escape_pointer_token(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Builds the DOM like nlohmann's own dom parser and records the line of every value.
class LocatingSax {
 public:
  LocatingSax(LocatedJson& out, const std::size_t& line) : out_(out), line_(line) {}

  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(nlohmann::json::number_integer_t v) { return put(v); }
  bool number_unsigned(nlohmann::json::number_unsigned_t v) { return put(v); }
  bool number_float(nlohmann::json::number_float_t v, const std::string&) { return put(v); }
  bool string(std::string& v) { return put(v); }
  bool binary(nlohmann::json::binary_t& v) { return put(nlohmann::json::binary(v)); }
  bool start_object(std::size_t) { return open(nlohmann::json::object()); }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(nlohmann::json::array()); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    error_ = e.what();
    return false;
  }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  struct Frame {
    nlohmann::json* node;
    std::string pointer;
  };

  std::string child_pointer() {
    if (stack_.empty()) {
      return "";
    }
    Frame& f = stack_.back();
    if (f.node->is_array()) {
      return f.pointer + "/" + std::to_string(f.node->size());
    }
    return f.pointer + "/" + escape_pointer_token(key_);
  }

  nlohmann::json* insert(nlohmann::json&& v) {
    if (stack_.empty()) {
      out_.value = std::move(v);
      return &out_.value;
    }
    Frame& f = stack_.back();
    if (f.node->is_array()) {
      f.node->push_back(std::move(v));
      return &f.node->back();
    }
    (*f.node)[key_] = std::move(v);
    return &(*f.node)[key_];
  }

  bool put(nlohmann::json&& v) {
    out_.lines[child_pointer()] = line_;
    insert(std::move(v));
    return true;
  }
  bool open(nlohmann::json&& v) {
    std::string ptr = child_pointer();
    out_.lines[ptr] = line_;
    nlohmann::json* node = insert(std::move(v));
    stack_.push_back(Frame{node, std::move(ptr)});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  LocatedJson& out_;
  const std::size_t& line_;
  std::vector<Frame> stack_;
  std::string key_;
  std::string error_;
};

}  // namespace

std::size_t LocatedJson::line_of(std::string pointer) const {
  while (true) {
    auto it = lines.find(pointer);
    if (it != lines.end()) {
      return it->second;
    }
    if (pointer.empty()) {
      return 0;
    }
    pointer.erase(pointer.rfind('/'));
  }
}

Result<LocatedJson, FileError> parse_located_json(std::string_view text,
                                                  const std::string& source) {
  LocatedJson out;
  std::size_t line = 1;
  LocatingSax sax(out, line);
  LineCountingIterator first{text.data(), &line};
  LineCountingIterator last{text.data() + text.size(), &line};
  const bool ok = nlohmann::json::sax_parse(first, last, &sax);
  if (!ok) {
    return unexpected(FileError{source, line, "", fmt::format("JSON syntax error: {}", sax.error())});
  }
  return out;
}

}  // namespace dewline::ingest
