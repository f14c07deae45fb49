// tshark_compare.hpp: compares one record decoded by dewline with tshark's dissection of the
// same bytes (tshark_pdml.hpp), field by field and item by item.
//
// expected_fields() lists, for every item dewline interprets, the leaf fields tshark shows for
// it, named as tshark names them ("asterix.048_040_RHO") and valued as dewline decoded them.
// compare_record() then checks that (1) tshark and dewline found the same items at the same
// byte positions and sizes (this also checks every item dewline only skips), and (2) each leaf
// field of each interpreted item has the same value (numbers to 1e-9, strings exactly). Every
// leaf field tshark shows for an interpreted item must be matched, and vice versa.
//
// One known tshark 4.0 difference is allowed and checked explicitly: tshark shows I048/090 FL as
// unsigned, so raw 0x3FFC is FL 4095 in tshark and FL -1 in dewline (14-bit two's complement,
// CAT048 1.31; see ../shared/data/real/EXPECTED.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ingest/asterix/cat034.hpp"
#include "ingest/asterix/cat048.hpp"
#include "ingest/asterix/uap.hpp"
#include "tests/ingest/asterix/tshark_pdml.hpp"

namespace dewline::test {

struct ExpectedField {
  std::string item;  // tshark's item name, "asterix.048_040"
  std::string name;  // tshark's leaf field name, "asterix.048_040_RHO" or "asterix.counter"
  std::optional<double> number;  // compare numerically
  std::string text;              // else compare tshark's show string exactly
};

[[nodiscard]] std::vector<ExpectedField> expected_fields(const ingest::asterix::Cat048Record& r);
[[nodiscard]] std::vector<ExpectedField> expected_fields(const ingest::asterix::Cat034Record& r);

// Mismatches (empty when the record agrees). `frame_offset_of_payload` converts dewline's
// payload offsets to tshark's frame offsets.
[[nodiscard]] std::vector<std::string> compare_record(const PdmlRecord& tshark,
                                                      const std::vector<ExpectedField>& mine,
                                                      const ingest::asterix::RecordLayout& layout,
                                                      const ingest::asterix::Uap& uap,
                                                      std::size_t frame_offset_of_payload,
                                                      int* fl_sign_differences = nullptr);

}  // namespace dewline::test
