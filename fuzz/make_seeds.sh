#!/usr/bin/env bash
# Cuts seed inputs for the fuzz targets out of ../shared/data/real into OUT/<target>/ (never
# committed: the real data stays where it is). Each protocol adds its own lines here.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/fuzz/seeds}
real=${DEWLINE_SHARED_DIR:-../shared}/data/real
mkdir -p "$out"
[ -d "$real" ] || { echo "make_seeds: $real not found; only committed corpora will be used"; exit 0; }
for part in fuzz/seeds.d/*.sh; do
  [ -f "$part" ] || continue
  # shellcheck source=/dev/null
  OUT="$out" REAL="$real" bash "$part"
done
