// `dewline sim SCENARIO --emit NAME` (run_sim_command, the code behind the CLI) with every file
// emitter on a scenario file: each protocol file is written to its default name in the output
// directory, is not empty, and two runs with the same seed give byte-identical files.
#include <gtest/gtest.h>

#include <fstream>

#include "ingest/pcap/pcap_reader.hpp"
#include "sim/sim_command.hpp"
#include "tests/sim/emit_test_util.hpp"

namespace dewline::sim {
namespace {

int simulate(const std::filesystem::path& scenario, const std::filesystem::path& out) {
  SimCommandOptions o;
  o.scenario = scenario;
  o.seed = 3;
  o.out_dir = out;
  o.quiet = true;
  o.emit = {"asterix", "sapient", "remoteid", "remoteid-bt5:" + (out / "rid.pcapng").string(),
            "beast"};
  return run_sim_command(o, stderr);
}

TEST(EmitCommand, EveryFileEmitterWritesItsDefaultFileDeterministically) {
  const auto dir = dewline::test::scratch_dir("emit_command");
  std::ofstream(dir / "scenario.toml") << test::header(20.0) << test::kEmitScene;
  ASSERT_EQ(simulate(dir / "scenario.toml", dir / "a"), 0);
  ASSERT_EQ(simulate(dir / "scenario.toml", dir / "b"), 0);
  for (const char* f :
       {"asterix.pcap", "sapient.bin", "remoteid.pcap", "rid.pcapng", "adsb.beast"}) {
    const auto a = test::read_bytes(dir / "a" / f);
    EXPECT_GT(a.size(), 100U) << f;
    EXPECT_EQ(a, test::read_bytes(dir / "b" / f)) << f;
  }
}

// A receiver that hears nothing still leaves a valid, empty capture (pcap header only).
TEST(EmitCommand, AReceiverThatHearsNothingLeavesAnEmptyValidCapture) {
  const auto dir = dewline::test::scratch_dir("emit_command_empty");
  SimCommandOptions o;
  o.scenario = dewline::test::source_dir() / "scenarios" / "airport_traffic.toml";
  o.duration_s = 5.0;
  o.out_dir = dir;
  o.quiet = true;
  o.emit = {"remoteid"};
  ASSERT_EQ(run_sim_command(o, stderr), 0);
  auto r = ingest::PcapReader::open_file((dir / "remoteid.pcap").string());
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_FALSE(r->next().has_value());
  EXPECT_TRUE(r->error().empty()) << r->error();
  // No radar at all: an empty ASTERIX capture.
  o.scenario = dewline::test::source_dir() / "scenarios" / "passive_only.toml";
  o.emit = {"asterix"};
  ASSERT_EQ(run_sim_command(o, stderr), 0);
  auto a = ingest::PcapReader::open_file((dir / "asterix.pcap").string());
  ASSERT_TRUE(a.has_value()) << a.error();
  EXPECT_FALSE(a->next().has_value());
  EXPECT_TRUE(a->error().empty()) << a->error();
}

TEST(EmitCommand, AnUnknownEmitterOrBadArgumentIsAUsageError) {
  const auto dir = dewline::test::scratch_dir("emit_command_bad");
  SimCommandOptions o;
  o.scenario = dewline::test::source_dir() / "scenarios" / "airport_traffic.toml";
  o.duration_s = 5.0;
  o.out_dir = dir;
  o.quiet = true;
  o.emit = {"asterix-udp:nowhere"};
  EXPECT_EQ(run_sim_command(o, stderr), 2);
  o.emit = {"nmea"};
  EXPECT_EQ(run_sim_command(o, stderr), 2);
}

}  // namespace
}  // namespace dewline::sim
