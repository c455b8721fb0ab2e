#!/usr/bin/env bash
# Builds everything and runs the main job: compiles the sample scene into a bundle and
# shows what the bundle holds.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$(nproc)"

out=build/dev/out
mkdir -p "$out"
build/dev/bin/trialxr-build build scenes/blood-draw.txs -o "$out/blood-draw.trxb"
build/dev/bin/trialxr-build inspect "$out/blood-draw.trxb"
echo
echo "The sample bundle is $out/blood-draw.trxb"
