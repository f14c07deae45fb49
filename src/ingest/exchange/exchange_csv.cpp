#include "ingest/exchange/exchange_csv.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace dewline::ingest {
namespace {

constexpr std::string_view kSensorsHeader =
    "sensor_id,x_m,y_m,z_m,sigma_range_m,sigma_azimuth_rad,sigma_elevation_rad,pd,"
    "clutter_per_scan,range_min_m,range_max_m,elevation_max_rad,scan_period_s";
constexpr std::string_view kMeasurementsHeader =
    "time_s,sensor_id,range_m,azimuth_rad,elevation_rad,truth_id";
constexpr std::string_view kTruthHeader = "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps";
constexpr std::string_view kTracksHeader = "time_s,track_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps";

// Column indices looked up once per file.
template <std::size_t N>
bool columns(CsvReader& r, const std::array<std::string_view, N>& names,
             std::array<std::size_t, N>& idx) {
  for (std::size_t i = 0; i < N; ++i) {
    auto c = r.column(names[i]);
    if (!c) {
      return false;
    }
    idx[i] = *c;
  }
  return true;
}

template <class T>
Result<T, FileError> done(CsvReader& r, T value) {
  if (r.failed()) {
    return unexpected(r.error());
  }
  return value;
}

// The sensor of a row that is otherwise malformed, when its sensor_id field reads.
std::optional<SensorId> sensor_of(std::string_view field) {
  std::uint32_t id = 0;
  const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), id);
  if (ec != std::errc() || ptr != field.data() + field.size() || field.empty()) {
    return std::nullopt;
  }
  return SensorId{id};
}

// Formats -0.000 as 0.000 so equal values print identically.
double no_negative_zero(double v) {
  return v == 0.0 ? 0.0 : v;
}

void append_fixed(std::string& out, double v, int decimals) {
  fmt::format_to(std::back_inserter(out), "{:.{}f}", no_negative_zero(v), decimals);
}

}  // namespace

Result<void, FileError> write_file_text(const std::filesystem::path& path, std::string_view text) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    return unexpected(FileError{path.string(), 0, "", "cannot open for writing"});
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) {
    return unexpected(FileError{path.string(), 0, "", "write failed"});
  }
  return {};
}

// ---- sensors.csv ----------------------------------------------------------------------------

Result<std::vector<SensorInfo>, FileError> read_sensors_csv(const std::filesystem::path& path) {
  auto r = CsvReader::open(path);
  if (!r) {
    return unexpected(r.error());
  }
  return read_sensors_csv(*r);
}

Result<std::vector<SensorInfo>, FileError> read_sensors_csv(CsvReader& reader) {
  CsvReader* r = &reader;
  static constexpr std::array<std::string_view, 13> kNames = {"sensor_id",
                                                              "x_m",
                                                              "y_m",
                                                              "z_m",
                                                              "sigma_range_m",
                                                              "sigma_azimuth_rad",
                                                              "sigma_elevation_rad",
                                                              "pd",
                                                              "clutter_per_scan",
                                                              "range_min_m",
                                                              "range_max_m",
                                                              "elevation_max_rad",
                                                              "scan_period_s"};
  std::array<std::size_t, 13> c{};
  std::vector<SensorInfo> out;
  if (!columns(*r, kNames, c)) {
    return unexpected(r->error());
  }
  while (r->next()) {
    SensorInfo s;
    const std::int64_t id = r->integer(c[0]);
    if (id < 0 || id > 0xFFFFFFFF) {
      r->fail("sensor_id", fmt::format("sensor id {} out of range", id));
      break;
    }
    s.id = SensorId{static_cast<std::uint32_t>(id)};
    s.name = fmt::format("radar-{}", id);
    s.kind = SensorKind::RotatingRadar;
    s.position_m = Vec3{r->number(c[1]), r->number(c[2]), r->number(c[3])};
    s.sigma_range_m = r->number(c[4]);
    s.sigma_azimuth_rad = r->number(c[5]);
    s.sigma_elevation_rad = r->number(c[6]);
    s.pd = r->number(c[7]);
    s.clutter_per_scan = r->number(c[8]);
    s.range_min_m = r->number(c[9]);
    s.range_max_m = r->number(c[10]);
    s.elevation_max_rad = r->number(c[11]);
    s.scan_period_s = r->number(c[12]);
    if (r->failed()) {
      break;
    }
    if (!(s.sigma_range_m > 0.0) || !(s.sigma_azimuth_rad > 0.0)) {
      r->fail("sigma_range_m", "noise sigmas must be positive");
      break;
    }
    if (!(s.pd > 0.0 && s.pd <= 1.0)) {
      r->fail("pd", fmt::format("pd {} is not in (0, 1]", s.pd));
      break;
    }
    if (!(s.scan_period_s > 0.0)) {
      r->fail("scan_period_s", "scan period must be positive");
      break;
    }
    s.reports_elevation = s.sigma_elevation_rad > 0.0;
    s.plots_share_scan_time = true;  // exchange-csv.md: all plots of one scan share its time
    out.push_back(std::move(s));
  }
  return done(*r, std::move(out));
}

Result<void, FileError> write_sensors_csv(const std::filesystem::path& path,
                                          const std::vector<SensorInfo>& radars) {
  std::string out(kSensorsHeader);
  out += '\n';
  for (const auto& s : radars) {
    fmt::format_to(std::back_inserter(out), "{},{:.3f},{:.3f},{:.3f},{},{},{},{},{},{},{},{},{}\n",
                   to_underlying(s.id), no_negative_zero(s.position_m.x()),
                   no_negative_zero(s.position_m.y()), no_negative_zero(s.position_m.z()),
                   s.sigma_range_m, s.sigma_azimuth_rad, s.sigma_elevation_rad, s.pd,
                   s.clutter_per_scan, s.range_min_m, s.range_max_m, s.elevation_max_rad,
                   s.scan_period_s);
  }
  return write_file_text(path, out);
}

// ---- measurements.csv -----------------------------------------------------------------------

Result<std::vector<MeasurementRow>, FileError> read_measurements_csv(
    const std::filesystem::path& path, std::vector<SkippedRow>* skipped) {
  auto r = CsvReader::open(path);
  if (!r) {
    return unexpected(r.error());
  }
  return read_measurements_csv(*r, skipped);
}

Result<std::vector<MeasurementRow>, FileError> read_measurements_csv(
    CsvReader& reader, std::vector<SkippedRow>* skipped) {
  CsvReader* r = &reader;
  static constexpr std::array<std::string_view, 5> kNames = {"time_s", "sensor_id", "range_m",
                                                             "azimuth_rad", "elevation_rad"};
  std::array<std::size_t, 5> c{};
  if (!columns(*r, kNames, c)) {
    return unexpected(r->error());
  }
  const auto truth_col = r->optional_column("truth_id");
  std::vector<MeasurementRow> out;
  while (true) {
    if (!r->next()) {
      // A row with too few fields ends next() with an error; a lenient read records it and goes on.
      if (skipped == nullptr || !r->failed()) {
        break;
      }
      skipped->push_back(SkippedRow{r->error(), std::nullopt});
      r->clear_error();
      continue;
    }
    MeasurementRow m;
    m.time_s = r->number(c[0]);
    const std::int64_t id = r->integer(c[1]);
    m.sensor = SensorId{static_cast<std::uint32_t>(id)};
    if (id < 0 || id > 0xFFFFFFFF) {
      r->fail("sensor_id", fmt::format("sensor id {} out of range", id));
    }
    // NaN and infinities are kept as read: the tracker's input check counts and rejects them
    // per sensor, which is where bad plots are accounted for.
    m.range_m = r->number(c[2]);
    m.azimuth_rad = r->number(c[3]);
    m.elevation_rad = r->optional_number(c[4]).value_or(std::nan(""));
    if (truth_col) {
      // Diagnostic only (the tracker never reads it): a value that is no id reads as clutter
      // (-1) rather than costing the plot.
      const std::string_view f = r->text(*truth_col);
      double t = -1.0;
      const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), t);
      const bool ok =
          ec == std::errc() && ptr == f.data() + f.size() && std::isfinite(t) && std::abs(t) < 9e15;
      m.truth_id = ok ? static_cast<std::int64_t>(t) : -1;
    }
    if (r->failed()) {
      if (skipped == nullptr) {
        break;
      }
      skipped->push_back(SkippedRow{r->error(), sensor_of(r->text(c[1]))});
      r->clear_error();
      continue;
    }
    out.push_back(m);
  }
  return done(*r, std::move(out));
}

Result<void, FileError> write_measurements_csv(const std::filesystem::path& path,
                                               const std::vector<MeasurementRow>& rows) {
  std::string out(kMeasurementsHeader);
  out += '\n';
  out.reserve(rows.size() * 56 + out.size());
  for (const auto& m : rows) {
    append_fixed(out, m.time_s, 3);
    fmt::format_to(std::back_inserter(out), ",{},", to_underlying(m.sensor));
    append_fixed(out, m.range_m, 3);
    out += ',';
    append_fixed(out, m.azimuth_rad, 7);
    out += ',';
    append_fixed(out, m.elevation_rad, 7);
    fmt::format_to(std::back_inserter(out), ",{}\n", m.truth_id);
  }
  return write_file_text(path, out);
}

std::vector<Detection> to_detections(const std::vector<MeasurementRow>& rows,
                                     const SensorRegistry& sensors) {
  std::vector<Detection> out;
  out.reserve(rows.size());
  for (const auto& m : rows) {
    Detection d;
    d.time = Time::from_seconds(m.time_s);
    d.receive_time = d.time;
    d.sensor = m.sensor;
    PolarMeasurement p;
    p.range_m = m.range_m;
    p.azimuth_rad = m.azimuth_rad;
    if (const SensorInfo* s = sensors.find(m.sensor)) {
      d.sensor_position_m = s->position_m;
      p.sigma_range_m = s->sigma_range_m;
      p.sigma_azimuth_rad = s->sigma_azimuth_rad;
      p.sigma_elevation_rad = s->sigma_elevation_rad;
      if (s->reports_elevation) {
        p.elevation_rad = m.elevation_rad;
      }
    } else {
      p.elevation_rad = m.elevation_rad;
    }
    d.measurement = p;
    d.truth_id = m.truth_id;
    out.push_back(std::move(d));
  }
  return out;
}

// ---- truth.csv ------------------------------------------------------------------------------

Result<std::vector<TruthRow>, FileError> read_truth_csv(const std::filesystem::path& path) {
  auto r = CsvReader::open(path);
  if (!r) {
    return unexpected(r.error());
  }
  return read_truth_csv(*r);
}

Result<std::vector<TruthRow>, FileError> read_truth_csv(CsvReader& reader) {
  CsvReader* r = &reader;
  static constexpr std::array<std::string_view, 8> kNames = {
      "time_s", "target_id", "x_m", "y_m", "z_m", "vx_mps", "vy_mps", "vz_mps"};
  std::array<std::size_t, 8> c{};
  if (!columns(*r, kNames, c)) {
    return unexpected(r->error());
  }
  std::vector<TruthRow> out;
  while (r->next()) {
    TruthRow t;
    t.time_s = r->number(c[0]);
    t.target_id = r->integer(c[1]);
    t.position_m = Vec3{r->number(c[2]), r->number(c[3]), r->number(c[4])};
    t.velocity_mps = Vec3{r->number(c[5]), r->number(c[6]), r->number(c[7])};
    if (r->failed()) {
      break;
    }
    out.push_back(t);
  }
  return done(*r, std::move(out));
}

Result<void, FileError> write_truth_csv(const std::filesystem::path& path,
                                        const std::vector<TruthRow>& rows) {
  std::string out(kTruthHeader);
  out += '\n';
  out.reserve(rows.size() * 64 + out.size());
  for (const auto& t : rows) {
    append_fixed(out, t.time_s, 3);
    fmt::format_to(std::back_inserter(out), ",{}", t.target_id);
    for (int i = 0; i < 3; ++i) {
      out += ',';
      append_fixed(out, t.position_m[i], 3);
    }
    for (int i = 0; i < 3; ++i) {
      out += ',';
      append_fixed(out, t.velocity_mps[i], 3);
    }
    out += '\n';
  }
  return write_file_text(path, out);
}

// ---- tracks.csv -----------------------------------------------------------------------------

Result<std::vector<TrackRow>, FileError> read_tracks_csv(const std::filesystem::path& path) {
  auto r = CsvReader::open(path);
  if (!r) {
    return unexpected(r.error());
  }
  return read_tracks_csv(*r);
}

Result<std::vector<TrackRow>, FileError> read_tracks_csv(CsvReader& reader) {
  CsvReader* r = &reader;
  static constexpr std::array<std::string_view, 8> kNames = {
      "time_s", "track_id", "x_m", "y_m", "z_m", "vx_mps", "vy_mps", "vz_mps"};
  std::array<std::size_t, 8> c{};
  if (!columns(*r, kNames, c)) {
    return unexpected(r->error());
  }
  const auto cls = r->optional_column("class");
  const auto pd = r->optional_column("p_drone");
  const auto pb = r->optional_column("p_bird");
  const auto pa = r->optional_column("p_aircraft");
  const auto threat = r->optional_column("threat");
  const auto spoof = r->optional_column("spoof");
  std::vector<TrackRow> out;
  while (r->next()) {
    TrackRow t;
    t.time_s = r->number(c[0]);
    const std::int64_t id = r->integer(c[1]);
    if (id < 0) {
      r->fail("track_id", fmt::format("negative track id {}", id));
    }
    t.track_id = static_cast<std::uint64_t>(id);
    t.position_m = Vec3{r->number(c[2]), r->number(c[3]), r->number(c[4])};
    t.velocity_mps = Vec3{r->number(c[5]), r->number(c[6]), r->number(c[7])};
    if (cls) {
      t.class_name = std::string(r->text(*cls));
    }
    if (pd) {
      t.p_drone = r->optional_number(*pd);
    }
    if (pb) {
      t.p_bird = r->optional_number(*pb);
    }
    if (pa) {
      t.p_aircraft = r->optional_number(*pa);
    }
    if (threat) {
      t.threat = std::string(r->text(*threat));
    }
    if (spoof) {
      t.spoof = std::string(r->text(*spoof));
    }
    if (r->failed()) {
      break;
    }
    out.push_back(std::move(t));
  }
  return done(*r, std::move(out));
}

namespace {

std::string format_tracks(const std::vector<TrackRow>& rows, TrackColumns cols) {
  std::string out(kTracksHeader);
  if (cols.classification) {
    out += ",class,p_drone,p_bird,p_aircraft";
  }
  if (cols.threat) {
    out += ",threat";
  }
  if (cols.spoof) {
    out += ",spoof";
  }
  out += '\n';
  out.reserve(rows.size() * 96 + out.size());
  for (const auto& t : rows) {
    append_fixed(out, t.time_s, 6);
    fmt::format_to(std::back_inserter(out), ",{}", t.track_id);
    for (int i = 0; i < 3; ++i) {
      out += ',';
      append_fixed(out, t.position_m[i], 3);
    }
    for (int i = 0; i < 3; ++i) {
      out += ',';
      append_fixed(out, t.velocity_mps[i], 3);
    }
    if (cols.classification) {
      out += ',';
      out += t.class_name.empty() ? "unknown" : t.class_name;
      for (const auto& p : {t.p_drone, t.p_bird, t.p_aircraft}) {
        out += ',';
        if (p) {
          append_fixed(out, *p, 4);
        }
      }
    }
    if (cols.threat) {
      out += ',';
      out += t.threat.empty() ? "none" : t.threat;
    }
    if (cols.spoof) {
      out += ',';
      // The reason is free text: keep the CSV unquoted by replacing separators.
      for (char ch : t.spoof) {
        out += (ch == ',' || ch == '\n' || ch == '\r') ? ';' : ch;
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace

Result<void, FileError> write_tracks_csv(const std::filesystem::path& path,
                                         const std::vector<TrackRow>& rows, TrackColumns cols) {
  return write_file_text(path, format_tracks(rows, cols));
}

void write_tracks_csv(std::FILE* out, const std::vector<TrackRow>& rows, TrackColumns cols) {
  const std::string text = format_tracks(rows, cols);
  std::fwrite(text.data(), 1, text.size(), out);
}

// ---- labels.csv -----------------------------------------------------------------------------

Result<std::vector<LabelRow>, FileError> read_labels_csv(const std::filesystem::path& path) {
  auto r = CsvReader::open(path);
  if (!r) {
    return unexpected(r.error());
  }
  return read_labels_csv(*r);
}

Result<std::vector<LabelRow>, FileError> read_labels_csv(CsvReader& reader) {
  CsvReader* r = &reader;
  const auto id_col = r->column("target_id");
  const auto class_col = r->column("class");
  if (!id_col || !class_col) {
    return unexpected(r->error());
  }
  const auto sub_col = r->optional_column("subclass");
  const auto hostile_col = r->optional_column("hostile");
  std::vector<LabelRow> out;
  while (r->next()) {
    LabelRow l;
    l.target_id = r->integer(*id_col);
    const std::string_view cls = r->text(*class_col);
    auto c = coarse_class_from_string(cls);
    if (!c) {
      r->fail("class", fmt::format("unknown class \"{}\" (expected drone, bird or aircraft)", cls));
      break;
    }
    l.target_class = *c;
    if (sub_col) {
      l.subclass = std::string(r->text(*sub_col));
    }
    if (hostile_col) {
      const std::string_view h = r->text(*hostile_col);
      if (h == "1" || h == "true") {
        l.hostile = true;
      } else if (h == "0" || h == "false") {
        l.hostile = false;
      } else if (!h.empty()) {
        r->fail("hostile", fmt::format("expected 0 or 1, found \"{}\"", h));
        break;
      }
    }
    if (r->failed()) {
      break;
    }
    out.push_back(std::move(l));
  }
  return done(*r, std::move(out));
}

Result<void, FileError> write_labels_csv(const std::filesystem::path& path,
                                         const std::vector<LabelRow>& rows) {
  std::string out = "target_id,class,subclass,hostile\n";
  for (const auto& l : rows) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{}\n", l.target_id, to_string(l.target_class),
                   l.subclass, l.hostile.value_or(false) ? 1 : 0);
  }
  return write_file_text(path, out);
}

// ---- site.csv -------------------------------------------------------------------------------

Result<Geodetic, FileError> read_site_csv(const std::filesystem::path& path) {
  auto r = CsvReader::open(path);
  if (!r) {
    return unexpected(r.error());
  }
  return read_site_csv(*r);
}

Result<Geodetic, FileError> read_site_csv(CsvReader& reader) {
  CsvReader* r = &reader;
  const auto lat = r->column("lat_deg");
  const auto lon = r->column("lon_deg");
  const auto alt = r->column("alt_m");
  if (!lat || !lon || !alt) {
    return unexpected(r->error());
  }
  if (!r->next()) {
    if (r->failed()) {
      return unexpected(r->error());
    }
    return unexpected(FileError{r->source(), 2, "", "no site row"});
  }
  Geodetic g{r->number(*lat), r->number(*lon), r->number(*alt)};
  if (!r->failed() && (std::abs(g.lat_deg) > 90.0 || std::abs(g.lon_deg) > 180.0)) {
    r->fail("lat_deg",
            fmt::format("latitude/longitude out of range: {}, {}", g.lat_deg, g.lon_deg));
  }
  return done(*r, g);
}

Result<void, FileError> write_site_csv(const std::filesystem::path& path, const Geodetic& site) {
  return write_file_text(path, fmt::format("lat_deg,lon_deg,alt_m\n{:.8f},{:.8f},{:.3f}\n",
                                           site.lat_deg, site.lon_deg, site.alt_m));
}

}  // namespace dewline::ingest
