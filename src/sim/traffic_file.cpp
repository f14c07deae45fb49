#include "sim/traffic_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dewline::sim {
namespace {

using nlohmann::json;

Result<std::string, std::string> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return unexpected(fmt::format("{}: cannot open", path.string()));
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return data;
}

// Inflates a gzip stream (RFC 1952) with zlib; windowBits 15 + 32 accepts gzip and zlib headers.
Result<std::string, std::string> gunzip(const std::string& in, const std::string& name) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    return unexpected(fmt::format("{}: zlib init failed", name));
  }
  std::string out;
  std::array<char, 1 << 16> buf{};
  // zlib's API is not const-correct; it never writes through next_in.
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return unexpected(fmt::format("{}: gzip data corrupt ({})", name, zs.msg ? zs.msg : "?"));
    }
    out.append(buf.data(), buf.size() - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return unexpected(fmt::format("{}: gzip data truncated", name));
    }
  }
  inflateEnd(&zs);
  return out;
}

std::optional<double> number(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number()) {
    return std::nullopt;
  }
  const double v = it->get<double>();
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') {
    s.pop_back();
  }
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  return s.substr(i);
}

}  // namespace

std::optional<std::uint32_t> parse_icao24(std::string_view hex) {
  if (hex.empty() || hex.size() > 6) {
    return std::nullopt;
  }
  std::uint32_t v = 0;
  for (char c : hex) {
    std::uint32_t d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    v = (v << 4U) | d;
  }
  return v;
}

Result<TrafficFile, std::string> parse_traffic_json(std::string_view text, double max_gap_s) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    return unexpected(std::string("not valid JSON"));
  }
  if (!doc.is_array()) {
    return unexpected(std::string("expected a JSON array of state vectors"));
  }
  TrafficFile out;
  struct Raw {
    std::string callsign;
    std::vector<TrafficRecord> records;
  };
  std::map<std::uint32_t, Raw> by_aircraft;
  for (const json& r : doc) {
    ++out.records_read;
    if (!r.is_object()) {
      ++out.records_skipped;
      continue;
    }
    auto icao_it = r.find("icao24");
    auto ts = number(r, "timestamp");
    auto lat = number(r, "latitude");
    auto lon = number(r, "longitude");
    auto alt = number(r, "altitude");
    std::optional<std::uint32_t> icao;
    if (icao_it != r.end() && icao_it->is_string()) {
      icao = parse_icao24(icao_it->get<std::string>());
    }
    if (!icao || !ts || !lat || !lon || !alt || std::abs(*lat) > 90.0 || std::abs(*lon) > 180.0) {
      ++out.records_skipped;
      continue;
    }
    TrafficRecord rec;
    const auto last_position = number(r, "last_position");
    rec.timestamp_ms = std::llround(last_position ? *last_position : *ts);
    rec.lat_deg = *lat;
    rec.lon_deg = *lon;
    rec.altitude_ft = *alt;
    rec.groundspeed_kt = number(r, "groundspeed");
    rec.track_deg = number(r, "track");
    rec.vertical_rate_fpm = number(r, "vertical_rate");
    Raw& raw = by_aircraft[*icao];
    auto cs = r.find("callsign");
    if (cs != r.end() && cs->is_string()) {
      std::string c = trim(cs->get<std::string>());
      if (!c.empty()) {
        raw.callsign = c;
      }
    }
    raw.records.push_back(rec);
  }
  const auto max_gap_ms = static_cast<std::int64_t>(max_gap_s * 1000.0);
  for (auto& [icao, raw] : by_aircraft) {
    auto& recs = raw.records;
    std::stable_sort(recs.begin(), recs.end(), [](const TrafficRecord& a, const TrafficRecord& b) {
      return a.timestamp_ms < b.timestamp_ms;
    });
    TrafficFlight seg;
    seg.icao24 = icao;
    seg.callsign = raw.callsign;
    auto flush = [&] {
      if (seg.records.size() >= 2) {
        out.flights.push_back(seg);
      }
      seg.records.clear();
    };
    for (const auto& rec : recs) {
      if (!seg.records.empty()) {
        const TrafficRecord& prev = seg.records.back();
        const std::int64_t gap = rec.timestamp_ms - prev.timestamp_ms;
        const bool same_place = rec.lat_deg == prev.lat_deg && rec.lon_deg == prev.lon_deg &&
                                rec.altitude_ft == prev.altitude_ft;
        if (gap == 0 || same_place) {
          ++out.records_stale;  // nothing new to interpolate
          continue;
        }
        if (gap > max_gap_ms) {
          flush();
        }
      }
      seg.records.push_back(rec);
    }
    flush();
  }
  return out;
}

Result<TrafficFile, std::string> read_traffic_file(const std::filesystem::path& path,
                                                   double max_gap_s) {
  auto bytes = read_bytes(path);
  if (!bytes) {
    return unexpected(bytes.error());
  }
  std::string text;
  if (bytes->size() >= 2 && static_cast<unsigned char>((*bytes)[0]) == 0x1F &&
      static_cast<unsigned char>((*bytes)[1]) == 0x8B) {
    auto inflated = gunzip(*bytes, path.string());
    if (!inflated) {
      return unexpected(inflated.error());
    }
    text = std::move(*inflated);
  } else {
    text = std::move(*bytes);
  }
  auto parsed = parse_traffic_json(text, max_gap_s);
  if (!parsed) {
    return unexpected(fmt::format("{}: {}", path.string(), parsed.error()));
  }
  return parsed;
}

}  // namespace dewline::sim
