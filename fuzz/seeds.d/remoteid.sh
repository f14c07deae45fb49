#!/usr/bin/env bash
# Seeds for the Remote ID fuzz targets, cut from ../shared/data/real/remoteid (never committed):
# every Open Drone ID frame of the four captures (and every 50th other frame) for remoteid, and
# each frame's ODID container (the bytes after the message counter) for remoteid_codec. The
# cutting uses dewline_remoteid_seeds from the build tree.
set -euo pipefail
: "${OUT:?}" "${REAL:?}"
src="$REAL/remoteid"
[ -d "$src" ] || { echo "seeds: $src not found"; exit 0; }
tool=""
for cand in "$OUT/../src/ingest/remoteid/dewline_remoteid_seeds" build/*/src/ingest/remoteid/dewline_remoteid_seeds; do
  if [ -x "$cand" ]; then tool="$cand"; break; fi
done
if [ -z "$tool" ]; then
  echo "seeds: dewline_remoteid_seeds not built; remoteid gets only the committed corpus"
  exit 0
fi
"$tool" --real "$OUT" "$src"/*.pcap "$src"/*.pcapng
