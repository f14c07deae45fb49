#include "core/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace dewline {

struct ConfigDocument::State {
  std::string source;
  toml::table root;
  std::vector<ConfigError> errors;
  std::set<const toml::node*> used;  // ordered by address: only membership is queried
};

namespace {

std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date/time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string join_path(const std::string& base, std::string_view key) {
  if (base.empty()) {
    return std::string(key);
  }
  if (key.empty()) {
    return base;
  }
  return base + "." + std::string(key);
}

std::string format_number(double v) {
  return fmt::format("{}", v);
}

std::string describe_range(const Range& r) {
  std::string lo = r.min ? format_number(*r.min) : "-inf";
  std::string hi = r.max ? format_number(*r.max) : "inf";
  return fmt::format("{}{}, {}]", r.min_exclusive ? "(" : "[", lo, hi);
}

void collect_unknown(const ConfigDocument::State& st, const toml::table& t, const std::string& path,
                     std::vector<ConfigError>& out) {
  for (const auto& [k, v] : t) {
    const std::string key_path = join_path(path, k.str());
    if (st.used.count(&v) == 0) {
      const auto& src = k.source();
      out.push_back(
          ConfigError{st.source, src.begin.line, src.begin.column, key_path, "unknown key"});
      continue;
    }
    if (const auto* sub = v.as_table()) {
      collect_unknown(st, *sub, key_path, out);
    } else if (const auto* arr = v.as_array()) {
      std::size_t i = 0;
      for (const auto& el : *arr) {
        if (const auto* et = el.as_table()) {
          collect_unknown(st, *et, fmt::format("{}[{}]", key_path, i), out);
        }
        ++i;
      }
    }
  }
}

}  // namespace

std::string ConfigError::message() const {
  std::string where = file;
  if (line > 0) {
    where += fmt::format(":{}:{}", line, column);
  }
  if (key.empty()) {
    return fmt::format("{}: {}", where, reason);
  }
  return fmt::format("{}: {}: {}", where, key, reason);
}

Result<ConfigDocument, ConfigError> ConfigDocument::parse(std::string_view text,
                                                          std::string source_name) {
  auto st = std::make_shared<State>();
  st->source = std::move(source_name);
  try {
    st->root = toml::parse(text, st->source);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return unexpected(ConfigError{st->source, src.begin.line, src.begin.column, "",
                                  fmt::format("syntax error: {}", e.description())});
  }
  return ConfigDocument(std::move(st));
}

Result<ConfigDocument, ConfigError> ConfigDocument::load_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return unexpected(ConfigError{path.string(), 0, 0, "", "no such file"});
  }
  auto st = std::make_shared<State>();
  st->source = path.string();
  try {
    st->root = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return unexpected(ConfigError{st->source, src.begin.line, src.begin.column, "",
                                  fmt::format("syntax error: {}", e.description())});
  }
  return ConfigDocument(std::move(st));
}

ConfigSection ConfigDocument::root() {
  return ConfigSection(state_, &state_->root, "");
}

const std::string& ConfigDocument::source_name() const {
  return state_->source;
}

const std::vector<ConfigError>& ConfigDocument::errors() const {
  return state_->errors;
}

Result<void, std::vector<ConfigError>> ConfigDocument::finish() {
  std::vector<ConfigError> out = state_->errors;
  collect_unknown(*state_, state_->root, "", out);
  if (out.empty()) {
    return {};
  }
  std::stable_sort(out.begin(), out.end(), [](const ConfigError& a, const ConfigError& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return unexpected(std::move(out));
}

// ---------------------------------------------------------------------------------------------

const toml::node* ConfigSection::find(std::string_view key, bool required) {
  const toml::node* n = table_ ? table_->get(key) : nullptr;
  if (n == nullptr) {
    if (required) {
      error(key, "missing required key");
    }
    return nullptr;
  }
  state_->used.insert(n);
  return n;
}

void ConfigSection::error(std::string_view key, std::string reason) {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
  const toml::node* n = (table_ && !key.empty()) ? table_->get(key) : nullptr;
  if (n != nullptr) {
    line = n->source().begin.line;
    col = n->source().begin.column;
  } else if (table_ != nullptr) {
    line = table_->source().begin.line;
    col = table_->source().begin.column;
  }
  state_->errors.push_back(
      ConfigError{state_->source, line, col, join_path(path_, key), std::move(reason)});
}

void ConfigSection::mark_used(std::string_view key) {
  (void)find(key, false);
}

std::string ConfigSection::path(std::string_view key) const {
  return join_path(path_, key);
}

bool ConfigSection::has(std::string_view key) const {
  return table_ != nullptr && table_->contains(key);
}

bool ConfigSection::is_string(std::string_view key) const {
  return table_ != nullptr && table_->contains(key) && table_->get(key)->is_string();
}

std::vector<std::string> ConfigSection::keys() const {
  std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, std::string>> with_pos;
  if (table_ != nullptr) {
    for (const auto& [k, v] : *table_) {
      with_pos.push_back({{k.source().begin.line, k.source().begin.column}, std::string(k.str())});
    }
  }
  std::sort(with_pos.begin(), with_pos.end());
  std::vector<std::string> out;
  out.reserve(with_pos.size());
  for (auto& p : with_pos) {
    out.push_back(std::move(p.second));
  }
  return out;
}

bool ConfigSection::check_range(std::string_view key, const toml::node* n, double v,
                                const Range& r) {
  (void)n;
  if (!std::isfinite(v)) {
    error(key, fmt::format("out of range: {} is not a finite number", format_number(v)));
    return false;
  }
  const bool below = r.min && (r.min_exclusive ? v <= *r.min : v < *r.min);
  const bool above = r.max && v > *r.max;
  if (below || above) {
    error(key, fmt::format("out of range: {} is not in {}", format_number(v), describe_range(r)));
    return false;
  }
  return true;
}

ConfigSection& ConfigSection::get(std::string_view key, double& out, Range r, bool required) {
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return *this;
  }
  std::optional<double> v;
  if (const auto* f = n->as_floating_point()) {
    v = f->get();
  } else if (const auto* i = n->as_integer()) {
    v = static_cast<double>(i->get());
  }
  if (!v) {
    error(key, fmt::format("wrong type: expected a number, got {}", type_name(*n)));
    return *this;
  }
  if (check_range(key, n, *v, r)) {
    out = *v;
  }
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, std::int64_t& out, Range r, bool required) {
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return *this;
  }
  const auto* i = n->as_integer();
  if (i == nullptr) {
    error(key, fmt::format("wrong type: expected an integer, got {}", type_name(*n)));
    return *this;
  }
  if (check_range(key, n, static_cast<double>(i->get()), r)) {
    out = i->get();
  }
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, int& out, Range r, bool required) {
  std::int64_t v = out;
  Range rr = r;
  if (!rr.min) {
    rr.min = -2147483648.0;
  }
  if (!rr.max) {
    rr.max = 2147483647.0;
  }
  get(key, v, rr, required);
  out = static_cast<int>(v);
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, std::uint32_t& out, Range r,
                                  bool required) {
  std::int64_t v = out;
  Range rr = r;
  if (!rr.min) {
    rr.min = 0.0;
  }
  if (!rr.max) {
    rr.max = 4294967295.0;
  }
  get(key, v, rr, required);
  out = static_cast<std::uint32_t>(v);
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, bool& out, bool required) {
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return *this;
  }
  if (const auto* b = n->as_boolean()) {
    out = b->get();
  } else {
    error(key, fmt::format("wrong type: expected a boolean, got {}", type_name(*n)));
  }
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, std::string& out, bool required) {
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return *this;
  }
  if (const auto* s = n->as_string()) {
    out = s->get();
  } else {
    error(key, fmt::format("wrong type: expected a string, got {}", type_name(*n)));
  }
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, std::vector<double>& out, Range r,
                                  bool required) {
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return *this;
  }
  const auto* arr = n->as_array();
  if (arr == nullptr) {
    error(key, fmt::format("wrong type: expected an array of numbers, got {}", type_name(*n)));
    return *this;
  }
  std::vector<double> vals;
  for (const auto& el : *arr) {
    std::optional<double> v;
    if (const auto* f = el.as_floating_point()) {
      v = f->get();
    } else if (const auto* i = el.as_integer()) {
      v = static_cast<double>(i->get());
    }
    if (!v) {
      error(key, fmt::format("wrong type: expected an array of numbers, found {}", type_name(el)));
      return *this;
    }
    if (!check_range(key, n, *v, r)) {
      return *this;
    }
    vals.push_back(*v);
  }
  out = std::move(vals);
  return *this;
}

ConfigSection& ConfigSection::get(std::string_view key, std::vector<std::string>& out,
                                  bool required) {
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return *this;
  }
  const auto* arr = n->as_array();
  if (arr == nullptr) {
    error(key, fmt::format("wrong type: expected an array of strings, got {}", type_name(*n)));
    return *this;
  }
  std::vector<std::string> vals;
  for (const auto& el : *arr) {
    const auto* s = el.as_string();
    if (s == nullptr) {
      error(key, fmt::format("wrong type: expected an array of strings, found {}", type_name(el)));
      return *this;
    }
    vals.emplace_back(s->get());
  }
  out = std::move(vals);
  return *this;
}

bool ConfigSection::get_choice(std::string_view key, std::string& out,
                               const std::vector<std::string_view>& names, bool required) {
  std::string s;
  const toml::node* n = find(key, required);
  if (n == nullptr) {
    return false;
  }
  const auto* str = n->as_string();
  if (str == nullptr) {
    error(key, fmt::format("wrong type: expected a string, got {}", type_name(*n)));
    return false;
  }
  s = str->get();
  if (std::find(names.begin(), names.end(), s) == names.end()) {
    error(key, fmt::format("invalid value \"{}\": expected one of {}", s, fmt::join(names, ", ")));
    return false;
  }
  out = s;
  return true;
}

ConfigSection ConfigSection::section(std::string_view key) {
  const toml::node* n = find(key, false);
  if (n == nullptr) {
    return ConfigSection(state_, nullptr, join_path(path_, key));
  }
  const auto* t = n->as_table();
  if (t == nullptr) {
    error(key, fmt::format("wrong type: expected a table, got {}", type_name(*n)));
  }
  return ConfigSection(state_, t, join_path(path_, key));
}

std::vector<ConfigSection> ConfigSection::sections(std::string_view key) {
  std::vector<ConfigSection> out;
  const toml::node* n = find(key, false);
  if (n == nullptr) {
    return out;
  }
  const auto* arr = n->as_array();
  if (arr == nullptr) {
    if (const auto* t = n->as_table()) {
      out.push_back(ConfigSection(state_, t, join_path(path_, key)));
      return out;
    }
    error(key, fmt::format("wrong type: expected an array of tables, got {}", type_name(*n)));
    return out;
  }
  std::size_t i = 0;
  for (const auto& el : *arr) {
    const std::string p = fmt::format("{}[{}]", join_path(path_, key), i++);
    if (const auto* t = el.as_table()) {
      out.push_back(ConfigSection(state_, t, p));
    } else {
      state_->errors.push_back(
          ConfigError{state_->source, el.source().begin.line, el.source().begin.column, p,
                      fmt::format("wrong type: expected a table, got {}", type_name(el))});
    }
  }
  return out;
}

}  // namespace dewline
