// tshark_pdml.hpp: runs tshark over a capture and reads its ASTERIX dissection (PDML) back as
// plain data, so tests can compare dewline's decoder with Wireshark's field by field.
//
// `tshark -r FILE -d udp.port==0-65535,asterix -T pdml` gives, per packet, one <proto
// name="asterix"> per data block and in it one "asterix.message" field per record, with every
// item and subfield as nested <field name=... pos=... size=... show=... value=...>. Positions
// are byte offsets in the frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dewline::test {

struct PdmlField {
  std::string name;   // "asterix.048_040_RHO"
  std::string show;   // tshark's value as shown: "197.68359375", "0x19", "DLH65A  "
  std::string value;  // raw bytes as hex (may be masked)
  std::size_t pos = 0;
  std::size_t size = 0;
};

struct PdmlItem {  // one data item of a record: "asterix.048_040" with its leaf fields
  std::string name;
  std::size_t pos = 0;
  std::size_t size = 0;
  std::vector<PdmlField> leaves;  // leaf fields below it, in order (FX and fspec excluded)
};

struct PdmlRecord {
  std::uint64_t frame = 0;  // 1-based
  int category = 0;
  std::size_t block_pos = 0;  // frame offset of the block's CAT octet
  std::size_t pos = 0;        // frame offset of the record (FSPEC)
  std::size_t size = 0;
  std::vector<PdmlItem> items;
};

struct PdmlCapture {
  std::vector<PdmlRecord> records;
  std::vector<std::string> problems;  // malformed-packet / expert notes tshark emitted
  std::uint64_t packets = 0;
};

// Runs tshark on `pcap`; nullopt (and `error` set) when tshark fails or is missing.
std::optional<PdmlCapture> run_tshark_pdml(const std::filesystem::path& pcap, std::string& error);

// Parses a tshark show string as a number: "0x19" (hex), "27354.6015625", "-3".
std::optional<double> pdml_number(const std::string& show);

}  // namespace dewline::test
