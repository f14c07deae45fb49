// located_json.hpp: JSON parsing that remembers the line of every value, so that errors in a
// zones file or a rules file can name "file:line: features[2].properties.level: ...".
//
// nlohmann::json keeps no source positions; this parses through its SAX interface over an input
// iterator that counts lines, building the same DOM and a map from JSON Pointer
// ("/features/2/properties/level") to the 1-based line where that value starts.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ingest/exchange/csv_reader.hpp"

namespace dewline::ingest {

struct LocatedJson {
  nlohmann::json value;
  std::map<std::string, std::size_t> lines;  // JSON Pointer -> line

  // Line of the value at `pointer`, or of its nearest ancestor that has one; 0 if none.
  [[nodiscard]] std::size_t line_of(std::string pointer) const;
};

// Parses `text`; a syntax error comes back as a FileError with the line it occurred on.
Result<LocatedJson, FileError> parse_located_json(std::string_view text, const std::string& source);

}  // namespace dewline::ingest
