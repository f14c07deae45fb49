#!/usr/bin/env bash
# Seeds for the ADS-B fuzz targets, cut from ../shared/data/real/adsb (never committed):
# - adsb_beast: the dump1090 Beast sample whole, and in pieces of 8 frames cut at frame starts;
# - adsb_modes: the pyModeS CSV in 20 slices of 100 lines, and every frame of the Beast sample
#   as a bare hex line and as raw bytes;
# - adsb_sbs: SBS MSG,3 / MSG,4 lines written from the real state vectors of the REGA
#   helicopter and the Fontainebleau survey (traffic JSON), 100 lines per seed.
set -euo pipefail
: "${OUT:?}" "${REAL:?}"
src="$REAL/adsb"
[ -d "$src" ] || { echo "seeds: $src not found"; exit 0; }
mkdir -p "$OUT/adsb_beast" "$OUT/adsb_modes" "$OUT/adsb_sbs"
python3 - "$src" "$OUT" <<'PY'
import gzip, json, sys, time
src, out = sys.argv[1], sys.argv[2]
data = open(f"{src}/sample_dump1090_beast.bin", "rb").read()
open(f"{out}/adsb_beast/sample_whole.bin", "wb").write(data)
# Frame starts: 0x1a followed by a type byte, not inside an escaped pair.
starts, i = [], 0
while i < len(data) - 1:
    if data[i] == 0x1a:
        if data[i + 1] == 0x1a:
            i += 2
            continue
        starts.append(i)
    i += 1
starts.append(len(data))
for k in range(0, len(starts) - 1, 8):
    piece = data[starts[k]:starts[min(k + 8, len(starts) - 1)]]
    open(f"{out}/adsb_beast/sample_{k // 8:03d}.bin", "wb").write(piece)
    # The same frames unescaped, one hex line each, and as raw back-to-back messages.
    hexes = []
    for a, b in zip(starts[k:k + 8], starts[k + 1:k + 9]):
        body = data[a + 2:b].replace(b"\x1a\x1a", b"\x1a")[7:]
        hexes.append(body.hex().upper())
    open(f"{out}/adsb_modes/beast_{k // 8:03d}.txt", "w").write("\n".join(hexes) + "\n")
    open(f"{out}/adsb_modes/beast_{k // 8:03d}.bin", "wb").write(b"".join(bytes.fromhex(h) for h in hexes))
lines = open(f"{src}/pymodes_sample_data_adsb.csv").read().splitlines()
for k in range(0, len(lines), 100):
    open(f"{out}/adsb_modes/pymodes_{k // 100:02d}.csv", "w").write("\n".join(lines[k:k + 100]) + "\n")
def sbs(rec, kind):
    t = time.gmtime(rec["timestamp"] / 1000.0)
    ms = int(rec["timestamp"]) % 1000
    stamp = time.strftime("%Y/%m/%d,%H:%M:%S", t) + f".{ms:03d}"
    icao = str(rec.get("icao24") or "000000").upper()[:6]
    def v(key, fmt):
        x = rec.get(key)
        return "" if x is None else fmt.format(x)
    if kind == 3:
        return f"MSG,3,1,1,{icao},1,{stamp},{stamp},,{v('altitude', '{:.0f}')},,,{v('latitude', '{:.5f}')},{v('longitude', '{:.5f}')},,,0,0,0,0"
    return f"MSG,4,1,1,{icao},1,{stamp},{stamp},,,{v('groundspeed', '{:.0f}')},{v('track', '{:.0f}')},,,{v('vertical_rate', '{:.0f}')},,,,,0"
for name in ("traffic_rega_zh_helicopter", "traffic_survey_fontainebleau"):
    recs = json.load(gzip.open(f"{src}/{name}.json.gz"))
    if isinstance(recs, dict):
        recs = next(iter(recs.values()))
    rows = []
    for r in recs:
        rows.append(sbs(r, 3))
        rows.append(sbs(r, 4))
    for k in range(0, min(len(rows), 2000), 100):
        open(f"{out}/adsb_sbs/{name}_{k // 100:02d}.sbs", "w").write("\r\n".join(rows[k:k + 100]) + "\r\n")
PY
echo "seeds: adsb_beast $(ls "$OUT/adsb_beast" | wc -l), adsb_modes $(ls "$OUT/adsb_modes" | wc -l), adsb_sbs $(ls "$OUT/adsb_sbs" | wc -l)"
