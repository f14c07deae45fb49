#!/usr/bin/env bash
# ASTERIX fuzz seeds cut from $REAL/asterix into $OUT/asterix and $OUT/asterix_roundtrip (never
# committed; see fuzz/make_seeds.sh): every UDP datagram of the captures, every data block alone,
# every record alone (wrapped in a one-record block), and the raw block file. tshark supplies the
# UDP payloads and the block / record positions (PDML); awk and printf do the cutting.
set -euo pipefail
src="$REAL/asterix"
[ -d "$src" ] || { echo "asterix seeds: $src not found"; exit 0; }
command -v tshark >/dev/null || { echo "asterix seeds: tshark not installed, skipped"; exit 0; }
dirs=("$OUT/asterix" "$OUT/asterix_roundtrip")
mkdir -p "${dirs[@]}"

# Writes the bytes of a hex string to every seed directory under the given name.
emit() {
  local hex=$1 name=$2 d
  for d in "${dirs[@]}"; do
    printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" >"$d/$name"
  done
}

n=0
for pcap in "$src"/*.pcap; do
  base=$(basename "$pcap" .pcap)
  # D frame payload_hex | B frame offset len | R frame offset size category
  tshark -r "$pcap" -d udp.port==0-65535,asterix -T pdml 2>/dev/null | awk '
    function attr(line, key,   m) {
      if (match(line, key "=\"[^\"]*\"")) {
        m = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 3); return m
      }
      return ""
    }
    /<packet>/ { frame = ""; ppos = -1 }
    /<field name="num"/ && frame == "" { frame = attr($0, "show") }
    /<field name="udp.payload"/ { ppos = attr($0, "pos"); print "D", frame, attr($0, "value") }
    /<proto name="asterix"/ { print "B", frame, attr($0, "pos") - ppos, attr($0, "size") }
    /<field name="asterix.category"/ { cat = attr($0, "show") }
    /<field name="asterix.message"/ {
      print "R", frame, attr($0, "pos") - ppos, attr($0, "size"), cat
    }' >"$OUT/asterix.index.$base"
  declare -A payload=()
  while read -r kind frame a b c; do
    case $kind in
      D) payload[$frame]=$a
         emit "$a" "$base-f$frame.dgram"; n=$((n + 1)) ;;
      B) emit "${payload[$frame]:$((2 * a)):$((2 * b))}" "$base-f$frame-b$a.block"
         n=$((n + 1)) ;;
      R) len=$((b + 3))
         hdr=$(printf '%02x%04x' "$c" "$len")
         emit "$hdr${payload[$frame]:$((2 * a)):$((2 * b))}" "$base-f$frame-r$a.record"
         n=$((n + 1)) ;;
    esac
  done <"$OUT/asterix.index.$base"
  unset payload
  rm -f "$OUT/asterix.index.$base"
done
for raw in "$src"/*.raw; do
  [ -f "$raw" ] || continue
  for d in "${dirs[@]}"; do cp "$raw" "$d/$(basename "$raw")"; done
  n=$((n + 1))
done
echo "asterix seeds: $n files in each of ${dirs[*]}"
