// zones_geojson.hpp: zones.geojson (exchange-csv.md) read into core Zones in the site frame, and
// written back.
//
// A FeatureCollection of Polygon features in WGS84 with properties `name`, `level` (warning or
// protected), `floor_m` and `ceiling_m` (above the site origin's altitude). dewline also accepts
// a circle as a Point feature with a `radius_m` property (GeoJSON has no circle), and keeps any
// other property (rules, allow-lists) as text for the assessor. Errors name the file, the line
// and the field: "zones.geojson:14: features[1].properties.level: ...".
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/geodesy.hpp"
#include "core/result.hpp"
#include "core/zone.hpp"
#include "ingest/exchange/csv_reader.hpp"

namespace dewline::ingest {

Result<std::vector<Zone>, FileError> read_zones_geojson(const std::filesystem::path& path,
                                                        const EnuFrame& frame);
Result<std::vector<Zone>, FileError> parse_zones_geojson(std::string_view text,
                                                         const std::string& source,
                                                         const EnuFrame& frame);
Result<void, FileError> write_zones_geojson(const std::filesystem::path& path,
                                            const std::vector<Zone>& zones, const EnuFrame& frame);

}  // namespace dewline::ingest
