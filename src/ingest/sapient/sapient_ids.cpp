#include "ingest/sapient/sapient_ids.hpp"

#include <array>
#include <cstdio>

namespace dewline::ingest::sapient {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Crockford base-32 value of one character, or -1. Strict: I, L, O and U are not accepted
// (the decoding aliases are for humans, not for identifiers on the wire).
int crockford_value(char c) {
  if (c >= 'a' && c <= 'z') {
    c = static_cast<char>(c - 'a' + 'A');
  }
  const auto p = kCrockford.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

// 128-bit ULID value as (hi, lo).
std::optional<std::pair<std::uint64_t, std::uint64_t>> ulid_value(std::string_view s) {
  if (s.size() != 26) {
    return std::nullopt;
  }
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int v = crockford_value(s[i]);
    if (v < 0 || (i == 0 && v > 7)) {
      return std::nullopt;
    }
    hi = (hi << 5) | (lo >> 59);
    lo = (lo << 5) | static_cast<std::uint64_t>(v);
  }
  return std::make_pair(hi, lo);
}

std::string ulid_text(std::uint64_t hi, std::uint64_t lo) {
  std::string out(26, '0');
  for (int i = 25; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kCrockford[lo & 31U];
    lo = (lo >> 5) | (hi << 59);
    hi >>= 5;
  }
  return out;
}

// SplitMix64: a small, good 64-bit mixer (Steele, Lea, Flood 2014).
std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

bool is_uuid(std::string_view s) {
  if (s.size() >= 2 && ((s.front() == '{' && s.back() == '}') || (s.front() == '(' && s.back() == ')'))) {
    s = s.substr(1, s.size() - 2);
  }
  if (s.size() == 32) {
    for (char c : s) {
      if (!is_hex(c)) {
        return false;
      }
    }
    return true;
  }
  if (s.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) {
      return false;
    }
  }
  return true;
}

bool is_ulid(std::string_view s) { return ulid_value(s).has_value(); }

std::optional<std::uint64_t> ulid_to_u64(std::string_view s) {
  const auto v = ulid_value(s);
  if (!v) {
    return std::nullopt;
  }
  return v->first ^ v->second;
}

std::string ulid_from_u64(std::uint64_t v) { return ulid_text(0, v); }

std::string UlidGenerator::next(Time t) {
  const auto ms = static_cast<std::uint64_t>(t.ns < 0 ? 0 : t.ns / 1'000'000) & 0xFFFFFFFFFFFFULL;
  const std::uint64_t r = splitmix(state_ + ++counter_);
  // 48-bit time, then 16 bits of the counter (unique within a generator), then 64 random bits.
  const std::uint64_t hi = (ms << 16) | (counter_ & 0xFFFFU);
  return ulid_text(hi, r);
}

std::string node_uuid_for(SensorId id) {
  std::array<char, 40> buf{};
  std::snprintf(buf.data(), buf.size(), "de411e00-0000-4000-8000-%012llx",
                static_cast<unsigned long long>(to_underlying(id)));
  return std::string(buf.data());
}

}  // namespace dewline::ingest::sapient
