// emit_sapient.hpp: every sensor as a SAPIENT node (BSI Flex 335 v2.0), through the encoder of
// ingest/sapient/sapient_encoder.hpp.
//
// Node ids are node_uuid_for(sensor id) (fixed across runs); message ids come from the
// encoder's generator seeded with the run's seed, so one seed gives identical bytes. Before a
// node's first report it sends its Registration and a StatusReport with its location (the
// fusion node places range-bearing reports from it); then one DetectionReport per detection:
// radar plots as range-bearing with range, RF / acoustic / EO-IR lines of sight as bearing
// (+ elevation) without range, Remote ID / ADS-B positions as location, class probabilities as
// classifications. Nodes register at their first detection (a node that never detects stays
// silent).
//
// Outputs: a file of length-prefixed frames (the TCP framing: 4-byte little-endian length +
// protobuf), or one TCP connection per node to a SAPIENT fusion node at HOST:PORT (each node
// registers and waits for its RegistrationAck, then streams its reports as fast as they are
// generated, not paced to the wall clock).
#pragma once

#include <filesystem>
#include <memory>

#include "ingest/net/socket_io.hpp"
#include "sim/emitter.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<Emitter> make_sapient_file_emitter(const std::filesystem::path& path);
[[nodiscard]] std::unique_ptr<Emitter> make_sapient_tcp_emitter(const ingest::Endpoint& to);

}  // namespace dewline::sim
