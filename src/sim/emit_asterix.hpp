// emit_asterix.hpp: the radars as an ASTERIX feed (EUROCONTROL CAT048 edition 1.31 target
// reports, CAT034 edition 1.29 service messages), as a radar data processor would send it.
//
// Each radar (rotating or ESA) is one data source: SAC = sensor id >> 8, SIC = sensor id & 0xFF.
// At every scan start a rotating radar sends a CAT034 north marker (I034/000 = 1) carrying its time
// of day (I034/030), antenna rotation period (I034/041) and WGS84 position (I034/120); every plot
// becomes a CAT048 target report (ingest/asterix/to_cat048.hpp: I010, I140, I020 TYP = PSR,
// or SSR+PSR when the plot has a Mode 3/A code or address, I040 RHO/THETA, identity items).
// An ESA radar's sweep is not a north crossing: it sends no CAT034 (its position must come from
// configuration). The records of one scan go out as one UDP datagram (split at 1400 bytes),
// sent when the next scan starts (or once per scan period, were a radar to give no scan starts)
// and at the end. Plots the
// encoder refuses (beyond 256 NM) are dropped and counted.
//
// Outputs: a classic pcap file of Ethernet/IPv4/UDP frames (10.0.0.1 -> 232.1.1.1:8600, stamped
// with the simulated time the datagram is sent), or datagrams to a UDP HOST:PORT, sent as fast
// as the simulator generates them (not paced to the wall clock).
#pragma once

#include <filesystem>
#include <memory>

#include "ingest/net/socket_io.hpp"
#include "sim/emitter.hpp"

namespace dewline::sim {

[[nodiscard]] std::unique_ptr<Emitter> make_asterix_pcap_emitter(const std::filesystem::path& path);
[[nodiscard]] std::unique_ptr<Emitter> make_asterix_udp_emitter(const ingest::Endpoint& to);

// The data source identifier a simulated radar sends.
[[nodiscard]] std::uint8_t asterix_sac(SensorId id);
[[nodiscard]] std::uint8_t asterix_sic(SensorId id);

}  // namespace dewline::sim
