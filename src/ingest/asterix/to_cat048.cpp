#include "ingest/asterix/to_cat048.hpp"

#include <cctype>
#include <cmath>

#include "core/angles.hpp"
#include "ingest/asterix/item_fields.hpp"
#include "ingest/asterix/time_of_day.hpp"
#include "ingest/asterix/to_detection.hpp"

namespace dewline::ingest::asterix {

Result<Cat048Record, std::string_view> cat048_from_detection(const Detection& d,
                                                             const EnuFrame& site,
                                                             const Geodetic& radar,
                                                             const Cat048ReportOptions& o) {
  const auto* m = std::get_if<PolarMeasurement>(&d.measurement);
  if (m == nullptr) {
    return unexpected(std::string_view("not_polar"));
  }
  const double rho_nm = m->range_m / kMetresPerNm;
  if (!(rho_nm >= 0.0 && rho_nm < 256.0 - 1.0 / 512.0)) {
    return unexpected(std::string_view("range_beyond_256_nm"));
  }
  Cat048Record r;
  r.i010 = o.source;
  double tod = static_cast<double>((d.time - utc_midnight(d.time)).ns) * 1e-9;
  if (std::nearbyint(tod * 128.0) >= 86400.0 * 128.0) {
    tod = 86400.0 - 1.0 / 128.0;  // would round up to midnight: keep the last LSB of the day
  }
  r.i140 = tod;
  TargetReportDescriptor trd;
  trd.typ = o.typ;
  r.i020 = trd;
  // Site-axes direction -> the radar's local axes -> compass bearing there.
  const Vec3 dir_site = polar_to_enu(1.0, m->azimuth_rad, m->elevation_rad.value_or(0.0));
  const Vec3 local = site.rotation_from_local(radar).transpose() * dir_site;
  r.i040 = MeasuredPolarPosition{rho_nm, azimuth_to_compass_deg(std::atan2(local.y(), local.x()))};
  if (d.identity.mode3a) {
    r.i070 = Mode3ACode{0, 0, 0, static_cast<std::uint16_t>(*d.identity.mode3a & 07777U)};
  }
  if (o.flight_level) {
    r.i090 = FlightLevel{0, 0, *o.flight_level};
  }
  if (d.identity.icao24) {
    r.i220 = *d.identity.icao24 & 0xFFFFFFU;
  }
  if (!d.identity.callsign.empty()) {
    AircraftIdentification id;
    id.chars.fill(' ');
    for (std::size_t i = 0; i < d.identity.callsign.size() && i < 8; ++i) {
      const char c =
          static_cast<char>(std::toupper(static_cast<unsigned char>(d.identity.callsign[i])));
      if (detail::icao_code(c) < 0) {
        return unexpected(std::string_view("bad_callsign"));
      }
      id.chars[i] = c;
    }
    r.i240 = id;
  }
  if (d.sensor_object_id) {
    r.i161 = static_cast<std::uint16_t>(*d.sensor_object_id % 4096U);
  }
  return r;
}

}  // namespace dewline::ingest::asterix
