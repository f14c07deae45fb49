// full_records.hpp: CAT048 and CAT034 records with every item of their UAP present (the items
// dewline only skips as raw bytes of the right shape), for the length-rule tests and for tshark.
#pragma once

#include "tests/ingest/asterix/test_records.hpp"

namespace dewline::test {

// All 28 FRNs of CAT048 1.31, with extended items extended, repetitive items repeated and
// compound items with several subfields.
inline Bytes cat048_every_item(int sic) {
  return raw_record({
      {1, i010(25, sic)},
      {2, tod(3600.5)},
      {3, b({0xA1, 0x81, 0x54})},  // I020: TYP 5; TST 1; ADSB_VAL SCN_VAL PAI_VAL 1
      {4, b({0x12, 0x34, 0x80, 0x00})},
      {5, b({0x0F, 0xFF})},
      {6, b({0x3F, 0xFC})},                                      // FL -1
      {7, b({0xFE, 0x10, 0x05, 0xB8, 0x08, 0xA0, 0x02, 0xFE})},  // I130: all 7 subfields
      {8, b({0xAB, 0xCD, 0xEF})},
      {9, b({0x04, 0x20, 0xC4, 0xC7, 0x28, 0x20})},  // "ABCD12  "
      {10, b({2, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x40, 1, 2, 3, 4, 5, 6, 7, 0x50})},
      {11, b({0x0F, 0xFF})},
      {12, b({0xFF, 0x80, 0x00, 0x80})},
      {13, b({0x08, 0x00, 0x40, 0x00})},
      {14, b({0x41, 0xF0})},
      {15, b({0x10, 0x20, 0x30, 0x40})},  // I210
      {16, b({0x03, 0x05, 0x26})},        // I030: three codes (FX, FX, end)
      {17, b({0x0A, 0xBC})},              // I080
      {18, b({0xC0, 0x12, 0x03, 0x45})},  // I100
      {19, b({0x3F, 0xF0})},              // I110: -16 x 25 ft
      {20, b({0xC0, 0x83, 0xF6, 2, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6})},  // I120 CAL + RDS x2
      {21, b({0x20, 0xF5})},                                               // I230
      {22, b({1, 2, 3, 4, 5, 6, 7})},                                      // I260
      {23, b({0x81})},                                                     // I055
      {24, b({0x01, 0x23})},                                               // I050
      {25, b({0x1F})},                                                     // I065
      {26, b({0x0F, 0xFF})},                                               // I060
      {27, b({5, 0xAA, 0xBB, 0xCC, 0xDD})},                                // SP, LEN 5
      {28, b({3, 0x80, 0x00})},                                            // RE, LEN 3
  });
}

// All 14 FRNs of CAT034 1.29.
inline Bytes cat034_every_item(int sic) {
  return raw_record({
      {1, i010(25, sic)},
      {2, b({2})},
      {3, tod(3601.0)},
      {4, b({0x40})},
      {5, b({0x02, 0x00})},
      {6, b({0x9C, 0x44, 0xA8, 0x58, 0x4E, 0x80})},  // I050: COM PSR SSR MDS
      {7, b({0x9C, 0x24, 0xB4, 0x60, 0xF0})},        // I060: COM PSR SSR MDS
      {8, b({2, 0x08, 0x10, 0x28, 0x20})},           // I070: two counters
      {9, b({0x01, 0x00, 0x10, 0x00, 0x20, 0x00, 0x30, 0x00})},
      {10, b({4})},
      {11, b({0x03, 0x0C, 0x1E, 0xFB, 0xDD, 0x0B, 0xAA, 0xA2})},
      {12, b({0xFE, 0x03})},
      {13, b({2, 0x55})},  // RE, LEN 2
      {14, b({1})},        // SP, LEN 1 (empty)
  });
}

}  // namespace dewline::test
