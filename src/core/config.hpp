// config.hpp: TOML configuration reading with errors that name the file, line and key.
//
// Every stage reads its settings through a ConfigSection, which checks type and range, keeps the
// default when a key is absent, and remembers which keys it read. `ConfigDocument::finish()` then
// reports every key nobody read as unknown, so a typo never silently falls back to a default.
// All errors are collected (not only the first) and each names `file:line:column`, the dotted key
// and the reason:
//
//   auto doc = ConfigDocument::load_file("site.toml");      // missing file / syntax error
//   if (!doc) { print(doc.error()); return 2; }
//   ConfigSection t = doc->root().section("tracker");
//   t.get("gate_probability", cfg.gate_probability, Range{0.5, 0.999999});
//   t.get_enum("association", cfg.association, {{"gnn", Assoc::Gnn}, {"jpda", Assoc::Jpda}});
//   for (ConfigSection s : doc->root().sections("sensor")) { ... }
//   if (auto r = doc->finish(); !r) { for (auto& e : r.error()) print(e.message()); return 2; }
//
// TOML parsing throws inside toml++; this file is the boundary that turns that into a Result.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace toml {
inline namespace v3 {
class node;
class table;
}  // namespace v3
}  // namespace toml

namespace dewline {

struct ConfigError {
  std::string file;
  std::uint32_t line = 0;  // 1-based; 0 when unknown (missing file)
  std::uint32_t column = 0;
  std::string key;     // dotted path, e.g. "tracker.imm.cv_accel_sigma"; empty for file errors
  std::string reason;  // "unknown key", "expected a number, got a string", ...

  // "site.toml:12:3: tracker.gate_probability: out of range: 2 is not in [0.5, 0.999999]"
  [[nodiscard]] std::string message() const;
};

// An inclusive numeric range; unset ends are open.
struct Range {
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;
};

class ConfigSection;

class ConfigDocument {
 public:
  static Result<ConfigDocument, ConfigError> load_file(const std::filesystem::path& path);
  static Result<ConfigDocument, ConfigError> parse(std::string_view text, std::string source_name);

  [[nodiscard]] ConfigSection root();
  [[nodiscard]] const std::string& source_name() const;
  // Reports unknown (never read) keys and every error recorded while reading, ordered by line.
  [[nodiscard]] Result<void, std::vector<ConfigError>> finish();
  // Errors recorded so far (type, range, missing), without the unknown-key check.
  [[nodiscard]] const std::vector<ConfigError>& errors() const;

  struct State;

 private:
  explicit ConfigDocument(std::shared_ptr<State> s) : state_(std::move(s)) {}
  std::shared_ptr<State> state_;
};

// A view of one TOML table. Cheap to copy; valid while its ConfigDocument lives.
class ConfigSection {
 public:
  // Scalars: if the key is present, type- and range-check it into `out`; if absent, keep `out`
  // (the default) unless `required`.
  ConfigSection& get(std::string_view key, double& out, Range r = {}, bool required = false);
  ConfigSection& get(std::string_view key, std::int64_t& out, Range r = {}, bool required = false);
  ConfigSection& get(std::string_view key, int& out, Range r = {}, bool required = false);
  ConfigSection& get(std::string_view key, std::uint32_t& out, Range r = {}, bool required = false);
  ConfigSection& get(std::string_view key, bool& out, bool required = false);
  ConfigSection& get(std::string_view key, std::string& out, bool required = false);
  ConfigSection& get(std::string_view key, std::vector<double>& out, Range r = {},
                     bool required = false);
  ConfigSection& get(std::string_view key, std::vector<std::string>& out, bool required = false);
  // A string that must be one of `choices`.
  template <class E>
  ConfigSection& get_enum(std::string_view key, E& out,
                          std::initializer_list<std::pair<std::string_view, E>> choices,
                          bool required = false) {
    std::string s;
    std::vector<std::string_view> names;
    for (const auto& c : choices) {
      names.push_back(c.first);
    }
    if (get_choice(key, s, names, required)) {
      for (const auto& c : choices) {
        if (c.first == s) {
          out = c.second;
        }
      }
    }
    return *this;
  }

  [[nodiscard]] bool has(std::string_view key) const;
  // True when the key is present and holds a string (for keys that take a name or a number).
  [[nodiscard]] bool is_string(std::string_view key) const;
  // A sub-table. Absent -> an empty section (reads keep defaults). Wrong type -> error recorded.
  [[nodiscard]] ConfigSection section(std::string_view key);
  // An array of tables ([[key]] in TOML). Absent -> empty.
  [[nodiscard]] std::vector<ConfigSection> sections(std::string_view key);
  // Keys present in this table, in file order (for free-form maps such as zone rules).
  [[nodiscard]] std::vector<std::string> keys() const;
  // Records a custom validation error located at `key` (or at the table when key is empty).
  void error(std::string_view key, std::string reason);
  // Marks a key as read without reading it (keys handled by another reader).
  void mark_used(std::string_view key);
  [[nodiscard]] std::string path(std::string_view key = {}) const;
  [[nodiscard]] bool exists() const { return table_ != nullptr; }

 private:
  friend class ConfigDocument;
  ConfigSection(std::shared_ptr<ConfigDocument::State> s, const toml::table* t, std::string path)
      : state_(std::move(s)), table_(t), path_(std::move(path)) {}
  const toml::node* find(std::string_view key, bool required);
  bool get_choice(std::string_view key, std::string& out,
                  const std::vector<std::string_view>& names, bool required);
  bool check_range(std::string_view key, const toml::node* n, double v, const Range& r);

  std::shared_ptr<ConfigDocument::State> state_;
  const toml::table* table_ = nullptr;
  std::string path_;
};

}  // namespace dewline
