#!/usr/bin/env bash
# Seeds for the SAPIENT fuzz targets, cut from ../shared/data/real/sapient (the standard's own
# test messages, never committed): the JSON files as they are for sapient_json, and each message
# framed as binary (4-byte little-endian length + SapientMessage) for sapient, plus one stream
# of all valid messages. The binary conversion uses dewline_sapient_frames from the build tree.
set -euo pipefail
: "${OUT:?}" "${REAL:?}"
src="$REAL/sapient"
[ -d "$src" ] || { echo "seeds: $src not found"; exit 0; }
mkdir -p "$OUT/sapient_json" "$OUT/sapient"
cp "$src"/valid/*.json "$src"/invalid/*.json "$OUT/sapient_json/"
tool=""
for cand in "$OUT/../src/ingest/sapient/dewline_sapient_frames" build/*/src/ingest/sapient/dewline_sapient_frames; do
  if [ -x "$cand" ]; then tool="$cand"; break; fi
done
if [ -z "$tool" ]; then
  echo "seeds: dewline_sapient_frames not built; sapient gets only the committed corpus"
  exit 0
fi
"$tool" --each "$OUT/sapient" "$src"/valid/*.json
# Invalid messages that still parse as protobuf JSON make good seeds for the validator.
"$tool" --each --no-validate "$OUT/sapient" "$src"/invalid/*.json 2>/dev/null || true
"$tool" "$OUT/sapient/all_valid_stream.bin" "$src"/valid/*.json
echo "seeds: sapient $(ls "$OUT/sapient" | wc -l) files, sapient_json $(ls "$OUT/sapient_json" | wc -l) files"
