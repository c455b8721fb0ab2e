#!/usr/bin/env bash
# Process start to first PNG: runs `trialxr render BUNDLE --at 20 -o frame.png` N times
# (default 10) and prints the median wall time. Uses the release build.
#   bench/first_png.sh [build-dir] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
runs="${2:-10}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bin/trialxr-build" build scenes/blood-draw.txs -o "$tmp/s.trxb" >/dev/null
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$build/bin/trialxr" render "$tmp/s.trxb" --at 20 --size 1280x720 -o "$tmp/f.png" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "process start to first PNG (1280x720, t = 20 s): median ${sorted[$((runs / 2))]} ms over $runs runs (min ${sorted[0]}, max ${sorted[$((runs - 1))]})"
