#!/usr/bin/env bash
# Seeds for the exchange fuzz target, cut from ../shared/scenarios/radar-s10 (the benchmark files
# in the exchange format, never committed): the head of each file behind its reader's selector
# byte (exchange_fuzz.cpp: 0 measurements, 1 sensors, 2 truth, 3 tracks).
set -euo pipefail
: "${OUT:?}" "${REAL:?}"
src="$REAL/../../scenarios/radar-s10"
[ -d "$src" ] || { echo "seeds: $src not found"; exit 0; }
mkdir -p "$OUT/exchange"
cut_seed() {  # selector file name
  { printf "\\x$1"; head -n 40 "$src/$2"; } > "$OUT/exchange/$3"
}
cut_seed 00 measurements.csv radar_s10_measurements
cut_seed 01 sensors.csv radar_s10_sensors
cut_seed 02 truth.csv radar_s10_truth
cut_seed 03 stonesoup-gnn-tracks.csv radar_s10_stonesoup_tracks
echo "seeds: exchange $(ls "$OUT/exchange" | wc -l) files"
